"""Choosing among the places a name may be, and whether the text's word is the name.

Many places share a name: 'حمص' is a governorate, a district and a city; 'دوما' a city
near Damascus and villages in Hama and Suwayda; 'الحديدة' a Homs subdistrict and a
Yemeni port. `pick_place` prefers the rank of the place (governorate, city, district,
region, ..., site), a place written by hand for the war's news (`prominent`), one in a
governorate the article names, and the city after 'مدينة'.

A one-word place name must be written as the place is: 'سين' (in 'سين-إي-مارن') is not
the village السين, 'تنف' (in 'لم تنف') is not التنف, and 'دوماً' with its tanween is an
adverb. `written_form` reads the word as the text has it, before folding.
"""

import re

from indexer.arabic.terms import NORMAL_CACHE, cached_normalize
from indexer.entities.matcher import name_key

PLACE_RANK = {
    "governorate": 0,
    "country": 1,
    "capital": 1,
    "city": 1.5,  # 'دوما' is the city before the district named after it
    "district": 2,
    "region": 2.5,  # 'الغوطة' is the Eastern Ghouta before a Raqqa village of that name
    "subdistrict": 3,
    "community": 4,
    "town": 5,
    "place": 5,
    "neighbourhood": 6,
    "site": 7,
}
PROMINENT_RANK = 3  # a place of the war's news ranks with subdistricts: 'مخيم اليرموك'
ABROAD = ("country", "capital")
# Proclitics and the article in front of a (normalized) word: 'وبال', 'لل', 'ال'.
ARTICLE_PREFIX_RE = re.compile(r"^(?:(?:وب|فب|وك|[وفبك])?ال|[وف]?لل)(?=\w\w)")
TANWEEN = ("\u064b", "\u064c", "\u064d")


def place_rank(entity):
    rank = PLACE_RANK.get(entity.kind, 9)
    return min(rank, PROMINENT_RANK) if entity.extra.get("prominent") else rank


def pick_place(key, entities, governorates, city=False):
    """Among places sharing a name, the best-ranked one in a governorate the article names;
    at equal rank a place called by its own name beats one called by an alias. After
    'مدينة' (`city`) a city comes first."""
    ranked = sorted(
        entities,
        key=lambda e: (
            not (city and e.kind == "city"),
            place_rank(e),
            key_of(e) != key,
            not e.inside_syria,
        ),
    )
    if ranked[0].kind in ABROAD:
        return ranked[0]
    for entity in ranked:
        if entity.governorate in governorates:
            return entity
    return ranked[0]


def anchor_place(key, entities):
    """A place that pins its governorate down: one candidate, or a governorate, city or district."""
    top = pick_place(key, entities, ())
    return top if len(entities) == 1 or place_rank(top) <= PLACE_RANK["district"] else None


def key_of(entity):
    return name_key(entity.ar)


def normal(raw):
    """normalize() of a raw word, through the cache the analyzer fills."""
    found = NORMAL_CACHE.get(raw)
    return found if found is not None else cached_normalize(raw)


def written_form(raw):
    """(has the article, has tanween) of a raw word: 'بالباب' -> (True, False),
    'دوماً' -> (False, True), 'سين' -> (False, False)."""
    return bool(ARTICLE_PREFIX_RE.match(normal(raw))), any(t in raw for t in TANWEEN)


def names_with_article(entities, key):
    """Whether the names of `entities` that fold to `key` carry the article: a set of bools."""
    forms = set()
    for entity in entities:
        for name in (entity.ar, *entity.aliases_ar):
            if name and name_key(name) == key:
                forms.add(bool(ARTICLE_PREFIX_RE.match(cached_normalize(name))))
    return forms
