"""Schemathesis hooks (loaded through SCHEMATHESIS_HOOKS by tests/web/test_openapi.py): what
the OpenAPI document says in words and JSON Schema cannot, as generators of valid values.

- `khabar-query`: queries in the documented syntax (words, OR/أو, NOT/-word, "phrases",
  word*, =word, groups, title:, faction:/place:/source:/governorate: ids, date:).
- `khabar-date`: a year, month or day that exists (or empty: no bound).
- `faction-id`, `place-id`, `source-id`: ids of the shipped gazetteer (the served index uses it).
- page × per_page ≤ 10,000: a schema-valid case over it is dropped, not sent as valid.

Invalid values come from the schema (bounds, patterns, enums, types) in negative mode;
only a negation of these formats alone is dropped (see `negates_only_formats`).
"""

import schemathesis
from hypothesis import strategies as st

from indexer.entities.gazetteer import load_gazetteer
from searchapp.search.settings import SearchSettings

MAX_DEPTH = SearchSettings().max_depth

GAZETTEER = load_gazetteer()
IDS = {
    facet: sorted(e.id for e in GAZETTEER.entities(facet))
    for facet in ("faction", "place", "source", "publisher")
}
VOCABULARY = (
    "حلب",
    "إدلب",
    "قصف",
    "المعارضة",
    "النظام",
    "داعش",
    "هدنة",
    "اشتباكات",
    "مدينة",
    "والمعارضة",
    "الفصائل",
    "Aleppo",
    "Idlib",
    "2018",
)
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"
CONNECTIVES = (" ", " ", " OR ", " أو ", " AND ", " NOT ")
FIELD_FACETS = {"faction": "faction", "place": "place", "source": "source", "governorate": "place"}

words = st.sampled_from(VOCABULARY) | st.text(alphabet=LETTERS, min_size=1, max_size=8)
dates = st.builds(
    lambda y, m, d: "-".join(f"{n:02d}" for n in (y, m, d)[: 1 + (m > 0) + (m > 0 and d > 0)]),
    st.integers(1990, 2030),
    st.integers(0, 12),
    st.integers(0, 28),
)
entity_terms = st.sampled_from(sorted(FIELD_FACETS)).flatmap(
    lambda name: st.sampled_from(IDS[FIELD_FACETS[name]]).map(f"{name}:".__add__)
)
terms = st.one_of(
    words,
    words.map("-".__add__),
    words.map("=".__add__),
    words.map("title:".__add__),
    st.lists(words, min_size=1, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
    st.sampled_from(VOCABULARY).map(lambda w: w[:2] + "*"),
    entity_terms,
    dates.map("date:".__add__),
    st.tuples(dates, dates).map(lambda pair: f"date:[{pair[0]} TO {pair[1]}]"),
)


def sequences(inner):
    """`a b`, `a OR (b c)`...: terms and groups joined by connectives."""
    rest = st.lists(st.tuples(st.sampled_from(CONNECTIVES), inner), max_size=3)
    joined = st.tuples(inner, rest).map(lambda p: p[0] + "".join(c + t for c, t in p[1]))
    return joined | joined.map(lambda q: f"({q})")


queries = st.just("") | st.recursive(terms, sequences, max_leaves=8)

schemathesis.openapi.format("khabar-query", queries)
schemathesis.openapi.format("khabar-date", st.just("") | dates)
for facet, ids in IDS.items():
    schemathesis.openapi.format(f"{facet}-id", st.sampled_from(ids))


def whole(value):
    """A generated page or per_page as a number (the coverage phase gives strings), or None."""
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() else None


def too_deep(query):
    """Both page and per_page in their bounds (so the case is schema-valid), but too deep."""
    page, per_page = whole(query.get("page", 1)), whole(query.get("per_page", 10))
    in_bounds = page is not None and per_page is not None and page >= 1 and 1 <= per_page
    return in_bounds and page * per_page > MAX_DEPTH


def negates_only_formats(meta):
    """A negative case whose only changes "violate" formats: schemathesis cannot check a
    custom format, so for it any string violates one, valid queries (and the empty query)
    included. Every other negation (bounds, patterns, enums, types) stays."""
    mutations = getattr(meta.phase.data, "mutations", ())
    return bool(mutations) and all(m.keywords == ("format",) for m in mutations)


@schemathesis.hook
def filter_case(context, case):
    if case.meta is None:
        return True
    if case.meta.generation.mode.is_positive:
        return not too_deep(case.query or {})
    return not negates_only_formats(case.meta)
