"""The body of one OpenSearch search request for Snapshot.search, and how to read its answer.

One request answers a results page: the query (or, for free text, the match tree as a
filter and the ranking tree as `should`) with the base filters (dates, governorates) as
`bool.filter`; the facet selections as `post_filter`, so that each facet's terms
aggregation, filtered by the *other* facets' selections, counts disjunctively as the
Whoosh backend does; the months of the selected articles; every hit counted.

A facet's aggregation returns its `top` values (the service shows the first ten and
says whether more exist) plus the selected values; `shard_size` is large so that the
counts are exact unless a shard holds more distinct values than that, which the
aggregation then reports (doc_count_error_upper_bound) and the Matches say (approximate).
"""

from indexer.indexing.documents import FACET_FIELDS

FACET_SHARD_SIZE = 10_000
FACET_ALL = 10_000  # values of one facet listed by facet_counts ("more" list, /api/facets)
MONTHS = 5_000
NEWEST = [{"date": {"order": "desc", "missing": "_last"}}, {"seq": {"order": "asc"}}]
BEST = [{"_score": {"order": "desc"}}, {"seq": {"order": "asc"}}]


def base_filters(filters):
    """Clauses for the dates and governorates of `filters` (backend.Filters)."""
    clauses = []
    if filters.date_from or filters.date_to:
        dates = {}
        if filters.date_from:
            dates["gte"] = filters.date_from
        if filters.date_to:
            dates["lte"] = filters.date_to + "\uffff"
        clauses.append({"range": {"date": dates}})
    if filters.governorates:
        wanted = list(filters.governorates)
        clauses.append(
            {
                "bool": {
                    "should": [{"terms": {"governorate": wanted}}, {"terms": {"place": wanted}}],
                    "minimum_should_match": 1,
                }
            }
        )
    return clauses


def selections(filters):
    """{facet: clause} of the facet selections (OR within a facet)."""
    return {facet: {"terms": {facet: list(values)}} for facet, values in filters.selected if values}


def main_query(query, rank, filters):
    """The query part: `query` scores unless `rank` does; base filters as filters."""
    base = base_filters(filters)
    if query is None:
        return {"bool": {"filter": base}} if base else {"match_all": {}}
    if rank is not None:
        return {"bool": {"filter": [query, *base], "should": [rank]}}
    return {"bool": {"must": [query], "filter": base}}


def only(clauses):
    """One filter of several clauses (match_all when none)."""
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


def facet_aggregation(facet, chosen, others, size):
    """Counts of one facet's values within the other facets' selections: the `size` most
    frequent, and the chosen ones."""
    aggs = {
        "values": {"terms": {"field": facet, "size": size, "shard_size": FACET_SHARD_SIZE}},
    }
    if chosen:
        aggs["chosen"] = {"terms": {"field": facet, "include": list(chosen), "size": len(chosen)}}
    return {"filter": only(others), "aggs": aggs}


def facet_aggregations(filters, size):
    selected = selections(filters)
    chosen = dict(filters.selected)
    aggs = {
        facet: facet_aggregation(
            facet,
            chosen.get(facet, ()),
            [clause for other, clause in selected.items() if other != facet],
            size,
        )
        for facet in FACET_FIELDS
    }
    aggs["months"] = {
        "filter": only(list(selected.values())),
        "aggs": {"values": {"terms": {"field": "month", "size": MONTHS, "order": {"_key": "asc"}}}},
    }
    return aggs


def search_body(query, rank, filters, depth, by_date, facets, facet_size, with_source):
    """The whole request body of Snapshot.search."""
    selected = selections(filters)
    body = {
        "query": main_query(query, rank, filters),
        "size": depth,
        "track_total_hits": True,
        "_source": with_source,
        "sort": NEWEST if by_date or query is None else BEST,
    }
    if by_date and query is not None:
        body["track_scores"] = True
    if selected:
        body["post_filter"] = only(list(selected.values()))
    if facets:
        body["aggs"] = facet_aggregations(filters, facet_size)
    return body


def facet_counts_body(query, filters, facet):
    """Every value of one facet for a query within filters (no hits)."""
    selected = selections(filters)
    others = [clause for other, clause in selected.items() if other != facet]
    return {
        "query": (
            main_query(None, None, filters)
            if query is None
            else {"bool": {"filter": [query, *base_filters(filters)]}}
        ),
        "size": 0,
        "aggs": {facet: facet_aggregation(facet, (), others, FACET_ALL)},
    }


def read_facets(aggregations):
    """({facet: {value: count}}, [(month, count)], approximate) of a search's aggregations."""
    facets, approximate = {}, False
    for facet in FACET_FIELDS:
        found = aggregations.get(facet)
        if found is None:
            continue
        counts, rough = read_counts(found)
        facets[facet] = counts
        approximate = approximate or rough
    histogram = []
    if "months" in aggregations:
        histogram = [
            (b["key"], b["doc_count"]) for b in aggregations["months"]["values"]["buckets"]
        ]
    return facets, histogram, approximate


def cut_in_a_tie(aggregations, size):
    """The facets whose `size` values were cut among values of one count: OpenSearch breaks
    such ties by id, the service's one order by name, so those facets need all their values
    (Snapshot.search asks again for them, which is rare beyond small result sets)."""
    out = []
    for facet in FACET_FIELDS:
        values = aggregations.get(facet, {}).get("values")
        buckets = values["buckets"] if values else ()
        if (
            len(buckets) == size >= 2
            and values.get("sum_other_doc_count", 0) > 0
            and buckets[-1]["doc_count"] == buckets[-2]["doc_count"]
        ):
            out.append(facet)
    return out


def read_counts(found):
    """({value: count}, approximate) of one facet_aggregation's answer."""
    values = found["values"]
    counts = {b["key"]: b["doc_count"] for b in values["buckets"]}
    for bucket in found.get("chosen", {}).get("buckets", ()):
        counts[bucket["key"]] = bucket["doc_count"]
    return counts, values.get("doc_count_error_upper_bound", 0) > 0
