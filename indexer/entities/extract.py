"""Read factions, places and sources from an article's text.

`extract_entities(text, title, source)` returns `{"faction": [Entity...], "place": [...],
"source": [...]}` in order of first mention, each entity once. Names are found by
`indexer.matcher` (longest match, clitic-tolerant); ambiguous names must pass the rules
of `indexer.context`; a village name shared by several places resolves to the one in a
governorate the article names; publishers that sign the text ('حقوق النشر ... محفوظة
لصالح X', 'مراسل NSO') and the record's `source` field become sources too.
"""

import hashlib
import re
from functools import lru_cache
from importlib import resources

from indexer.arabic.normalize import normalize
from indexer.entities.context import (
    STRONG,
    continues_list,
    opens_list,
    place_in_context,
    source_in_context,
)
from indexer.entities.gazetteer import FACETS, Entity, load_gazetteer
from indexer.entities.matcher import NameAutomaton, canonical_joined, name_key
from indexer.errors import DataFileError

FACET_ORDER = {"faction": 0, "source": 1, "place": 2}
PLACE_RANK = {
    "governorate": 0,
    "country": 1,
    "capital": 1,
    "district": 2,
    "subdistrict": 3,
    "community": 4,
    "town": 5,
    "place": 5,
    "neighbourhood": 6,
    "site": 7,
}
LATIN_STOP = frozenset("is it as at in on of to an a x the and or us".split())
SIGNED_RES = (
    re.compile(r"محفوظه\s+(?:لصالح|ل\s*صالح|ل)\s*([^\n.،,؛:()\"“”]{3,80})"),
    re.compile(r"مراسل(?:ه|ي)?\s+([a-z][a-z0-9]{1,15}(?:\s[a-z][a-z0-9]{1,15})?)\b"),
)
SIGNED_CUES = ("محفوظه", "مراسل")  # each SIGNED_RES match holds one in its canonical words


class Extractor:
    """All gazetteer names in one automaton; `extract` applies the context rules."""

    def __init__(self, gazetteer, outside_syria=False):
        self.gazetteer = gazetteer
        self.outside_syria = outside_syria
        self.automaton = NameAutomaton()
        words = place_words()
        # A place name that is a common word is one for every place that carries it.
        common = words["ambiguous"] | {
            name_key(n) for e in gazetteer.entities("place") for n in e.ambiguous_names()
        }
        for entity in gazetteer.entities():
            ambiguous = (
                common
                if entity.facet == "place"
                else {name_key(n) for n in entity.ambiguous_names()}
            )
            for name in matchable_names(entity):
                key = name_key(name)
                if entity.facet != "place" or key not in words["never"]:
                    self.automaton.add(name, (entity.facet, entity.id, key in ambiguous))
        self.automaton.build()
        self.plans = {}

    def entity(self, payload):
        return self.gazetteer.get(payload[0], payload[1])

    def plan(self, hit):
        """(facet, its entities, needs context?) of a hit: fixed by its name and proclitic."""
        facet = min((p[0] for p in hit.candidates), key=FACET_ORDER.get)
        payloads = [p for p in hit.candidates if p[0] == facet]
        entities = [self.entity(p) for p in payloads]
        plan = self.plans[hit.clitic, hit.key] = (
            facet,
            entities,
            needs_context(hit, payloads, entities),
        )
        return plan

    def extract(self, text, title="", source=None):
        found = {f: {} for f in FACETS}
        joined = canonical_joined(f"{title}\n{text}")
        seen = set()
        for entity in self.resolve(joined, self.automaton.find(joined)):
            if (
                self.outside_syria
                or entity.facet != "place"
                or entity.inside_syria
                and entity.kind != "country"
            ):
                if (
                    entity.facet,
                    name_key(entity.ar),
                ) not in seen:  # 'الجولان' once, not per record
                    seen.add((entity.facet, name_key(entity.ar)))
                    found[entity.facet].setdefault(entity.id, entity)
        for entity in self.signed_sources(title, text, joined):
            found["source"].setdefault(entity.id, entity)
        if source:
            entity = self.source_entity(source)
            found["source"].setdefault(entity.id, entity)
        return {f: list(found[f].values()) for f in FACETS}

    def resolve(self, joined, hits):
        """Hits -> entities: pick the facet, apply context rules, then place homonyms."""
        chosen, list_end = [], -9
        plans = self.plans
        for hit in hits:
            plan = plans.get((hit.clitic, hit.key))
            facet, entities, ambiguous = plan if plan is not None else self.plan(hit)
            support = STRONG
            if ambiguous:
                support = (
                    place_in_context(joined, hit, list_end)
                    if facet == "place"
                    else source_in_context(joined, hit) and STRONG
                )
                if not support:
                    continue
            if facet == "place" and entities[0].inside_syria and entities[0].kind != "country":
                list_end = (
                    hit.end if opens_list(joined, hit) or continues_list(hit, list_end) else -9
                )
            chosen.append((hit.key, entities, support))
        anchors = [anchor_place(key, es) for key, es, support in chosen if support == STRONG]
        governorates = {a.governorate for a in anchors if a}
        return [
            pick_place(key, es, governorates) if es[0].facet == "place" else es[0]
            for key, es, support in chosen
            if support == STRONG or any(e.governorate in governorates for e in es)
        ]

    def signed_sources(self, title, text, joined):
        """Publishers named by a copyright line or a correspondent byline. The text is
        folded for the patterns only when its canonical words hold one of their cue words."""
        if not any(cue in joined for cue in SIGNED_CUES):
            return
        norm = normalize(f"{title}\n{text}")
        for pattern in SIGNED_RES:
            for match in pattern.finditer(norm):
                yield self.source_entity(match.group(1).strip())

    def source_entity(self, name):
        """A source name -> its gazetteer entity, or a new entity named after it."""
        for facet, entity_id, _ in self.automaton.lookup(name):
            if facet == "source":
                return self.gazetteer.get(facet, entity_id)
        slug = "src-" + hashlib.sha1(name_key(name).encode()).hexdigest()[:10]
        return Entity(facet="source", id=slug, ar=name, en=name, kind="publisher")


def needs_context(hit, payloads, entities):
    """Ambiguous names, and short village names behind a proclitic ('لعبة' = ل + عبة)."""
    if entities[0].facet == "faction":
        return False
    if all(p[2] for p in payloads):
        return True
    short = bool(hit.clitic) and len(hit.key) <= 4 and " " not in hit.key
    return short and all(PLACE_RANK.get(e.kind, 9) > PLACE_RANK["district"] for e in entities)


@lru_cache(maxsize=1)
def place_words():
    """The curated lists of data/place_words.txt as canonical keys: {'never': {...}, 'ambiguous': {...}}."""
    try:
        text = (
            resources.files("indexer.entities").joinpath("data/place_words.txt").read_text("utf-8")
        )
    except FileNotFoundError as exc:
        raise DataFileError("place word list missing: data/place_words.txt") from exc
    lists, section = {"never": set(), "ambiguous": set()}, None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.strip("[]") in lists:
            section = lists[line.strip("[]")]
        elif line and not line.startswith("#") and section is not None:
            section.update(name_key(word) for word in line.split())
    return lists


def matchable_names(entity):
    """Arabic names of every entity, plus Latin names (3+ letters) of factions and sources."""
    yield from (n for n in (entity.ar, *entity.aliases_ar) if n)
    if entity.facet != "place":
        for name in (entity.en, *entity.aliases_en):
            if name and len(name) >= 3 and name.lower() not in LATIN_STOP:
                yield name


def anchor_place(key, entities):
    """A place that pins its governorate down: one candidate, or a governorate or district."""
    if entities[0].facet != "place":
        return None
    top = pick_place(key, entities, ())
    return (
        top if len(entities) == 1 or PLACE_RANK.get(top.kind, 9) <= PLACE_RANK["district"] else None
    )


def pick_place(key, entities, governorates):
    """Among places sharing a name, the best-ranked one in a governorate the article names;
    at equal rank a place called by its own name beats one called by an alias."""
    ranked = sorted(
        entities,
        key=lambda e: (PLACE_RANK.get(e.kind, 9), name_key(e.ar) != key, not e.inside_syria),
    )
    if ranked[0].kind in ("country", "capital"):
        return ranked[0]
    for entity in ranked:
        if entity.governorate in governorates:
            return entity
    return ranked[0]


@lru_cache(maxsize=8)
def extractor(extra_files=()):
    return Extractor(load_gazetteer(extra_files))


def extract_entities(text, title="", source=None, gazetteer_files=()):
    """Entities per facet, in order of first mention, each once."""
    return extractor(tuple(gazetteer_files)).extract(text or "", title or "", source)
