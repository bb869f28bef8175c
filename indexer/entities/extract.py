"""Read factions, places and sources from an article's text, and its publisher from its record.

`extract_entities(text, title, source, gazetteer_files, url)` returns `{"faction":
[Entity...], "place": [...], "source": [...], "publisher": [...]}` in order of first
mention, each entity once. `faction`, `place` and `source` come from the text (`FROM`):
names found by `indexer.entities.matcher` (longest match, clitic-tolerant) that pass the
rules of `indexer.entities.context`, and outlets the text signs or cites by form
(`indexer.entities.bylines`). `publisher` comes from the record's metadata (`source`,
`url`), resolved to an outlet by `indexer.entities.publishers`.

Names two countries share are weighed against the article's cues (`indexer.entities.scope`):
a Syrian village that is also a city abroad (الحديدة) needs its governorate named and no
cue of the other country; a faction name other armies share (الجيش الوطني) needs more
Syrian cues than cues of those countries.
"""

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from indexer.arabic.lexicon import load_lexicon
from indexer.entities.bylines import outlet_names
from indexer.entities.context import (
    STRONG,
    WEAK,
    adverb_in_context,
    after_city_word,
    after_person_word,
    continues_list,
    list_end_after,
    one_of,
    opens_list,
    place_in_context,
    source_in_context,
)
from indexer.entities.forces import force_names
from indexer.entities.gazetteer import FACETS, Entity, load_gazetteer
from indexer.entities.matcher import (
    NameAutomaton,
    canonical_text,
    name_key,
    word_after,
    word_before,
)
from indexer.entities.places import (
    ABROAD,
    PLACE_RANK,
    PROMINENT_RANK,
    anchor_place,
    names_with_article,
    normal,
    pick_place,
    place_rank,
    written_form,
)
from indexer.entities.publishers import PublisherResolver, slug
from indexer.entities.scope import ANY, Scope
from indexer.errors import DataFileError

FACET_ORDER = {"faction": 0, "source": 1, "place": 2}
EXTRACTED = (*FACETS, "publisher")
FROM = {"faction": "text", "place": "text", "source": "text", "publisher": "metadata"}
LATIN_STOP = frozenset("is it as at in on of to an a x the and or us".split())
CUE = "cue"
MONTHS = frozenset(("تشرين", "كانون"))  # 'تشرين الأول' is a month; 'حي تشرين' a place
ORDINALS = frozenset(("اول", "ثاني"))
SITE_LINE = 80  # characters: a page's site-name line opens it, a footer closes it


# A one-word place name that is two: 'كفر' and a name ('كفرنبودة'), or a name and a name
# with the article ('بصرالحرير', 'مغرالمير'; not 'الصالحية' nor 'المالكية').
ONE_WORD_RE = re.compile(
    r"^(كفر)([\u0621-\u064a]{3,})$|^(?!ال)([\u0621-\u064a]{3,})(ال[\u0621-\u064a]{3,})$"
)


class Plan(NamedTuple):
    """What a name found behind a proclitic is, fixed once per (proclitic, name)."""

    facet: str | None
    entities: list  # the candidates of the facet (for places: those in Syria first)
    ambiguous: bool  # needs context words
    cues: tuple  # countries the name points to ('syria', 'yemen' ...)
    homonym: tuple = ()  # countries of the places abroad a Syrian place name also is
    common: bool = False  # an adjective that is also a village name
    article: tuple = ()  # per candidate, whether its names carry the article (True/False)
    shared: tuple = ()  # countries whose forces share this faction name
    definite: bool = False  # a faction name always written with the article ('التحالف الدولي')


class Article:
    """One text being read: its canonical words, its raw words (one per canonical word unless
    a raw word folds to nothing or to two) and the ends of the list and the place last read."""

    def __init__(self, joined, raws):
        self.joined, self.raws, self.aligned = joined, raws, None
        self.list_end = self.place_end = -9  # the end of the list, of the last place read
        self.list_governorates = frozenset()  # those of the place that opened the list

    def word_index(self, position):
        """The index of the word at `position` of `joined`, or None when the raw words do
        not align with the canonical ones (a raw word that folds to nothing or to two)."""
        if self.aligned is None:
            self.aligned = len(self.raws) == self.joined.count(" ") - 1
        return self.joined.count(" ", 0, position) - 1 if self.aligned else None

    def raw_at(self, hit):
        i = self.word_index(hit.start)
        return None if i is None else self.raws[i]

    def raw_after(self, hit):
        """The raw word after the hit's last word, normalized; '' at the end or unaligned."""
        i = self.word_index(hit.end + 1)
        return normal(self.raws[i]) if i is not None and hit.end + 1 < len(self.joined) else ""

    def read_place(self, hit, plan):
        """Note a place read: it opens a list ('قرى X', 'ريف حماة'), continues one or ends it."""
        if opens_list(self.joined, hit):
            before = word_before(self.joined, hit)
            countryside = hit.key.startswith("ريف ") or one_of(before, ("ريف",))
            pinned = {e.governorate for e in plan.entities} if countryside else ()
            self.list_governorates = frozenset(pinned) - {None}
            self.list_end = list_end_after(self.joined, hit)
        elif continues_list(hit, self.list_end):
            self.list_end = list_end_after(self.joined, hit)
        else:
            self.list_end, self.list_governorates = -9, frozenset()
        self.place_end = hit.end

    def in_list(self, hit, plan):
        """The plan of a name read as the next item of a list of a countryside ('ريف حماة
        الشمالي: الزيارة والحمراء'), narrowed to its governorate ('ريف دمشق : صور' is no
        صور of Deir ez-Zor); None when none is there."""
        if not (self.list_governorates and continues_list(hit, self.list_end)):
            return plan
        there = [e for e in plan.entities if e.governorate in self.list_governorates]
        return plan._replace(entities=there) if there else None


class Extractor:
    """All gazetteer names in one automaton; `extract` applies the context rules."""

    def __init__(self, gazetteer, outside_syria=False):
        self.gazetteer = gazetteer
        self.outside_syria = outside_syria
        self.words = words = place_words()
        self.automaton = NameAutomaton()
        # A place name that is a common word is one for every place that carries it.
        common = words["ambiguous"] | {
            name_key(n) for e in gazetteer.entities("place") for n in e.ambiguous_names()
        }
        self.shared = {}  # (faction id, name key) -> countries sharing the name
        self.adjectives = {}  # 'روسي' -> Russian forces, for 'الطيران السوري والروسي'
        self.by_nationality = set()  # keys of the names forces.py makes ('طائرات روسيه')
        for entity in gazetteer.entities():
            ambiguous = (
                common
                if entity.facet == "place"
                else {name_key(n) for n in entity.ambiguous_names()}
            )
            if entity.extra.get("publisher_only"):
                continue  # an organization that publishes, not a source a text cites
            for name in matchable_names(entity):
                key = name_key(name)
                if entity.facet != "place" or not never_a_place(key, words["never"]):
                    self.automaton.add(name, (entity.facet, entity.id, key in ambiguous))
            for name in entity.extra.get("shared_names", ()):
                self.shared[entity.id, name_key(name)] = tuple(entity.extra["shared_with"])
            for name in force_names(entity):
                self.automaton.add(name, (entity.facet, entity.id, False))
                self.by_nationality.add(name_key(name))
            for adjective in entity.extra.get("adjectives_ar", ()):
                self.adjectives[name_key(adjective)] = entity
        self.country_words = set()
        for country in gazetteer.entities("place"):
            for cue in country.extra.get("cues_ar", ()):
                self.automaton.add(cue, (CUE, country.id, False))
                if country.id != "syria":
                    self.country_words.add(name_key(cue))
            if country.kind == "country" and country.id != "syria":
                self.country_words.update(name_key(n) for n in (country.ar, *country.aliases_ar))
        self.automaton.build()
        self.publishers = PublisherResolver(gazetteer)
        self.plans = {}

    def entity(self, payload):
        return self.gazetteer.get(payload[0], payload[1])

    def plan(self, hit):
        """The Plan of a hit: fixed by its name and proclitic, computed once."""
        cues = tuple(p[1] for p in hit.candidates if p[0] == CUE)
        named = [p for p in hit.candidates if p[0] != CUE]
        if not named:
            plan = Plan(None, [], False, cues)
        else:
            facet = min((p[0] for p in named), key=FACET_ORDER.get)
            payloads = [p for p in named if p[0] == facet]
            entities = [self.entity(p) for p in payloads]
            ambiguous = needs_context(hit, payloads, entities)
            plan = Plan(facet, entities, ambiguous, cues)
            if facet == "place":
                plan = self.place_plan(hit, plan)
            else:
                shared = {c for e in entities for c in self.shared.get((e.id, hit.key), ())}
                definite = (
                    facet == "faction"
                    and hit.key not in self.by_nationality  # 'غواصة روسية' is indefinite
                    and names_with_article(entities, hit.key) == {True}
                )
                plan = plan._replace(shared=tuple(sorted(shared)), definite=definite)
        self.plans[hit.clitic, hit.key] = plan
        return plan

    def place_plan(self, hit, plan):
        abroad = [e for e in plan.entities if not e.inside_syria or e.kind == "country"]
        syrian = [e for e in plan.entities if e not in abroad]
        cues = plan.cues + tuple(e.extra.get("country") or e.id for e in abroad)
        if not syrian or any(e.kind in ABROAD for e in abroad):
            return plan._replace(cues=cues, entities=abroad or syrian)
        single = " " not in hit.key
        return plan._replace(
            entities=syrian,
            homonym=tuple(e.extra.get("country") or e.id for e in abroad),
            common=hit.key in self.words["common"],
            article=article_forms(syrian, hit.key) if single else (),
        )

    def extract(self, text, title="", source=None, url=None):
        found = {f: {} for f in EXTRACTED}
        joined, raws = canonical_text(f"{title}\n{text}")
        publisher = self.publishers.publisher(source, url)
        hits = self.automaton.find(joined)
        for entity in self.resolve(joined, hits, raws, publisher):
            if (
                self.outside_syria
                or entity.facet != "place"
                or entity.inside_syria
                and entity.kind != "country"
            ):
                found[entity.facet].setdefault(entity.id, entity)
        if publisher is not None:
            found["publisher"][publisher.id] = publisher
        for cited in outlet_names(title, text, joined):
            entity = self.source_entity(cited)
            if cited.signed and entity.kind == "outlet" and publisher is not None:
                entity = publisher  # the owner a copyright line names: the publisher itself
            found["source"].setdefault(entity.id, entity)
        return {f: list(found[f].values()) for f in EXTRACTED}

    def resolve(self, joined, hits, raws, publisher=None):
        """Hits -> entities: pick the facet, apply context rules, then place homonyms."""
        chosen, scope = [], Scope()
        article = Article(joined, raws)
        plans = self.plans
        for hit in hits:
            plan = plans.get((hit.clitic, hit.key)) or self.plan(hit)
            scope.add(plan.cues, hit.start)
            if plan.facet == "place" and in_syria(plan.entities[0]):
                support, plan = self.place_support(article, hit, plan)
                if support is not None:
                    article.read_place(hit, plan)
            elif plan.facet is None:
                continue
            elif plan.definite and not written_definite(article, hit):
                continue  # 'تحالف دولي فني' is no التحالف الدولي, 'ونصرة لإرادته' no النصرة
            else:
                support = self.support(joined, hit, plan, publisher)
            if support is None:
                continue
            chosen.append((hit, plan, support))
            also = self.coordinated_force(joined, hit) if plan.facet == "faction" else None
            if also is not None:
                chosen.append((hit, plan._replace(entities=[also], shared=()), STRONG))
        return list(self.decide(joined, chosen, scope))

    def support(self, joined, hit, plan, publisher):
        """STRONG, None, or the countries sharing the name, for a faction or source."""
        if plan.shared:
            country_next = one_of(word_after(joined, hit), self.country_words)
            return None if country_next else plan.shared  # not 'الجيش الوطني الليبي'
        if plan.facet == "source" and plan.ambiguous:
            if not (source_in_context(joined, hit) or signs(joined, hit, plan, publisher)):
                return None
        return STRONG

    def coordinated_force(self, joined, hit):
        """'الطيران السوري والروسي': the forces of a second adjective joined by و."""
        if hit.key.rsplit(" ", 1)[-1] not in self.adjectives:
            return None
        after = word_after(joined, hit)
        if after.startswith("و") and after[1:] in self.adjectives:
            return self.adjectives[after[1:]]
        return None

    def place_support(self, article, hit, plan):
        """(STRONG, WEAK or None, plan) for a Syrian place name in its context; the plan's
        candidates narrowed to those written as the text writes the name."""
        joined, original = article.joined, plan
        if not hit.clitic and after_person_word(joined, hit, self.words["person"]):
            if place_rank(plan.entities[0]) > PLACE_RANK["governorate"]:
                return None, plan
        if hit.key in MONTHS and word_after(joined, hit) in ORDINALS:
            return None, plan  # 'تشرين الأول' is a month
        if hit.key in self.words["adverb"] and not hit.clitic:
            if not adverb_in_context(joined, hit):
                return None, plan  # 'تحمل دوما عصابة
        verdict, plan = self.written(article, hit, plan)
        if verdict is None:
            return None, plan
        mismatch = verdict == "mismatch"
        needs = plan.ambiguous or mismatch or verdict == "noun"
        support = place_in_context(joined, hit, article.list_end) if needs else STRONG
        if support == WEAK:
            after_preposition = one_of(word_before(joined, hit), ("في", "داخل"))
            if after_preposition and self.noun_name(hit, plan):
                return None, plan  # 'في مدرسة خاصة', 'في خطاب له', 'في آذار'
            plan = article.in_list(hit, plan)
            if plan is None:
                return None, original
        if support and (plan.common or mismatch or plan.homonym and not major(plan)):
            support = WEAK
        return support, plan

    def noun_name(self, hit, plan):
        """Is the name of a village or neighbourhood also a common noun ('مدرسة', 'خطاب',
        'آذار': the lexicon's; 'حينه', 'الحاضر': data/place_words.txt's [noun])? Then 'في X'
        is no evidence: a place word must name it ('قرية خطاب', 'منطقة الملاح'), a list hold
        it or ريف follow it. Towns (subdistricts and places of the war) are spared, but for
        [noun]."""
        if hit.key in self.words["noun"]:
            return True
        return min(place_rank(e) for e in plan.entities) > PROMINENT_RANK and is_noun(hit.key)

    def written(self, article, hit, plan):
        """How the text writes a place name: (None, plan) when it is no place name ('الفرنسية'
        is no ف + الرنسية, 'وزارة' no و + الزارة, 'دوماً' an adverb, 'باب المغاربة' another
        name); ("mismatch", plan) when the article differs from the place's ('سين', 'الملك');
        ("noun", plan) for 'وX' where X is a common noun too ('تقدير وإعزاز'); else ("ok",
        plan) with the candidates narrowed to those written so."""
        if not (plan.article or hit.clitic):
            return "ok", plan
        raw = article.raw_at(hit)
        if raw is None:
            return "ok", plan
        if hit.clitic and not proclitic_opens(raw, hit.clitic):
            return None, plan
        verdict = "ok"
        if hit.clitic == "و" and article.place_end + 1 != hit.start and is_noun(hit.key):
            if place_rank(plan.entities[0]) > PLACE_RANK["governorate"]:
                verdict = "noun"  # not right after a place ('جرابلس وإعزاز')
        if plan.article:
            has_article, tanween = written_form(raw)
            if tanween:
                return None, plan
            agree = [e for e, f in zip(plan.entities, plan.article) if has_article in f]
            if agree:
                return verdict, plan._replace(entities=agree)
            if not has_article and article.raw_after(hit).startswith("ال"):
                return None, plan  # 'باب المغاربة' is no الباب
            if not has_article and hit.key in self.words["definite"]:
                return None, plan  # 'قريتين' are two villages, not القريتين
            return "mismatch", plan
        return verdict, plan

    def decide(self, joined, chosen, scope):
        """Places that need their governorate named, homonyms and shared faction names."""
        syrian = [
            (hit, plan) for hit, plan, support in chosen if support == STRONG and syrian_place(plan)
        ]
        governorates = {
            a.governorate for a in (anchor_place(h.key, p.entities) for h, p in syrian) if a
        }
        for hit, plan in syrian:  # places of Syria named beyond doubt are Syrian cues
            if not plan.homonym and major(plan):
                scope.add(("syria",), hit.start)
        foreign_only = scope.syrian() == 0 and scope.count((ANY,)) > 0
        for hit, plan, support in chosen:
            if plan.facet == "place":
                if plan.homonym and not homonym_in_syria(plan, scope):
                    continue
                if support == WEAK and not any(
                    e.governorate in governorates for e in plan.entities
                ):
                    continue
                if foreign_only and syrian_place(plan) and not major(plan):
                    continue  # a village in news of another country (الحسينية in Yemen)
                city = after_city_word(joined, hit)
                yield pick_place(hit.key, plan.entities, governorates, city)
            elif plan.shared:  # 'الجيش الوطني', 'التلفزيون الرسمي'
                foreign = scope.count(plan.shared, hit.start)
                if foreign == 0 or scope.syrian(hit.start) > foreign:
                    yield plan.entities[0]
            else:
                yield from plan.entities[:1]

    def source_entity(self, cited):
        """A cited outlet -> its gazetteer entity, or a new entity named as written."""
        for name in cited.names:
            for facet, entity_id, _ in self.automaton.lookup(name):
                if facet == "source":
                    return self.gazetteer.get(facet, entity_id)
        return Entity("source", slug(cited.bare), cited.written, cited.written, "outlet")


def proclitic_opens(raw, clitic):
    """Does the written word start with the proclitic, and is it no noun of its own? 'وحلب'
    yes; 'الفرنسية' (the article comes first) and 'وزارة' (a noun) no."""
    word = normal(raw)
    return word.startswith(clitic) and not is_noun(word)


def written_definite(article, hit):
    """Does the text write the name with its article (or where the words do not align)?"""
    raw = article.raw_at(hit)
    return raw is None or written_form(raw)[0]


def is_noun(key):
    """Is the name also a common noun ('اعزاز' honour, 'باب' door)?"""
    return key in common_nouns()


@lru_cache(maxsize=1)
def common_nouns():
    """The lexicon's nouns and broken plurals, loaded when first needed."""
    lexicon = load_lexicon()
    return lexicon.nouns | frozenset(lexicon.plurals)


def never_a_place(key, never):
    """'في', 'شرقية وغربية': a name made of words that are never a place alone."""
    return all(one_of(w, never) for w in key.split())


def signs(joined, hit, plan, publisher):
    """The publisher naming itself in a site-name line at the top or foot of its page
    ('الحياة - مقتل عشرات ...'), where its plain-word name needs no media word."""
    if publisher is None or all(e.id != publisher.id for e in plan.entities):
        return False
    return hit.start < SITE_LINE or hit.end > len(joined) - 3 * SITE_LINE


def article_forms(places, key):
    """Per place, the article forms of its names that fold to `key` ({True}, {False} or
    both); () when no name folds to it (a one-word spelling: 'جسرالشغور')."""
    forms = tuple(frozenset(names_with_article([p], key)) for p in places)
    return forms if any(forms) else ()


def major(plan):
    """A governorate, city, district or place of the war's news: its name alone is evidence
    ('القنيطرة', 'الغوطة الشرقية')."""
    return min(place_rank(e) for e in plan.entities) <= PLACE_RANK["region"]


def syrian_place(plan):
    return plan.facet == "place" and in_syria(plan.entities[0])


def homonym_in_syria(plan, scope):
    """A place that a place abroad shares a name with (الحديدة، القنيطرة of Morocco): a
    village only when no cue of that country is in the article, a major place when the
    article's Syrian cues are at least as many as that country's."""
    foreign = scope.count(plan.homonym)
    return scope.syrian() >= foreign if major(plan) else foreign == 0


def in_syria(place):
    return place.inside_syria and place.kind != "country"


def needs_context(hit, payloads, entities):
    """Ambiguous names, and short village names behind a proclitic ('لعبة' = ل + عبة)."""
    if entities[0].facet == "faction":
        return False
    if all(p[2] for p in payloads):
        return True
    short = bool(hit.clitic) and len(hit.key) <= 4 and " " not in hit.key
    return short and all(place_rank(e) > PLACE_RANK["district"] for e in entities)


@lru_cache(maxsize=1)
def place_words():
    """The curated lists of data/place_words.txt as canonical keys: {'never': {...},
    'ambiguous': {...}, 'common': {...}, 'person': {...}, 'adverb': {...}, 'definite': {...},
    'noun': {...}}."""
    try:
        text = (
            resources.files("indexer.entities").joinpath("data/place_words.txt").read_text("utf-8")
        )
    except FileNotFoundError as exc:
        raise DataFileError("place word list missing: data/place_words.txt") from exc
    lists = {
        k: set() for k in ("never", "ambiguous", "common", "person", "adverb", "definite", "noun")
    }
    section = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.strip("[]") in lists:
            section = lists[line.strip("[]")]
        elif line and not line.startswith("#") and section is not None:
            section.update(name_key(word) for word in line.split())
    return lists


def matchable_names(entity):
    """Arabic names of every entity, plus Latin names (3+ letters) of factions and sources,
    plus the other spellings of Syrian place names (`spellings`)."""
    yield from (n for n in (entity.ar, *entity.aliases_ar) if n)
    if entity.facet != "place":
        for name in (entity.en, *entity.aliases_en):
            if name and len(name) >= 3 and name.lower() not in LATIN_STOP:
                yield name
    elif entity.inside_syria:
        for name in (entity.ar, *entity.aliases_ar):
            yield from spellings(name or "")


def spellings(name):
    """A place name written in one word or two: 'جسر الشغور' -> 'جسرالشغور' (not 'نصر الله',
    a person), 'بصرالحرير' -> 'بصر الحرير'; 'كفر' is written joined or apart ('كفر حمرة' ->
    'كفرحمرة', 'كفرنبودة' -> 'كفر نبودة')."""
    words = name.split()
    if len(words) == 2 and (words[1].startswith("ال") and words[1] != "الله" or words[0] == "كفر"):
        yield "".join(words)
    elif len(words) == 1 and (split := ONE_WORD_RE.match(name)):
        yield " ".join(part for part in split.groups() if part)


def facets_json(facets):
    """Facets as `khabar extract` prints them: each entity's JSON with where it came from."""
    return {f: [{**e.to_json(), "from": FROM[f]} for e in es] for f, es in facets.items()}


@lru_cache(maxsize=8)
def extractor(extra_files=()):
    return Extractor(load_gazetteer(extra_files))


def extract_entities(text, title="", source=None, gazetteer_files=(), url=None):
    """Entities per facet (faction, place, source, publisher), in order of first mention."""
    return extractor(tuple(gazetteer_files)).extract(text or "", title or "", source, url)
