"""`/api/facets/<facet>?prefix=&q=`: find a facet's values by Arabic or English name."""

from indexer.arabic.normalize import normalize
from indexer.errors import QueryError
from indexer.whoosh_index.schema import FACET_FIELDS


def name_matches(entity, prefix):
    """Does any word-start of any name of `entity` begin with `prefix` (normalized)?"""
    if not prefix:
        return True
    wanted = normalize(prefix.lower())
    for name in entity.names():
        folded = normalize(name.lower())
        if folded.startswith(wanted) or any(w.startswith(wanted) for w in folded.split()):
            return True
    return False


def search_values(service, facet, prefix, q, limit):
    """[{id, ar, en, count, governorate?}] of matching values, most frequent for `q` first."""
    from searchapp.search.service import SearchRequest

    if facet not in FACET_FIELDS:
        raise QueryError(
            f"unknown facet {facet!r}: use one of {', '.join(FACET_FIELDS)}", "unknown_facet"
        )
    if len(prefix) > 100:
        raise QueryError("prefix is longer than 100 characters", "prefix_too_long")
    counts = service.facet_counts(SearchRequest(q=q), facet)
    out = []
    for entity in service.gazetteer.entities(facet):
        if name_matches(entity, prefix):
            row = {**entity.to_json(), "count": counts.get(entity.id, 0)}
            out.append(row)
    out.sort(key=lambda row: (-row["count"], row["en"] or row["ar"]))
    return out[:limit]
