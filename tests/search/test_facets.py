"""Facet counting rules on the fixture corpus: whole lists, disjunctive, OR within, AND across."""

from searchapp.search.facets import top_values
from searchapp.search.request import SearchRequest


def facet(result, name):
    return [(v.id, v.count, v.selected) for v in result.facets[name]]


def test_counts_for_a_query(service):
    result = service.search(SearchRequest(q="قصف"))
    assert result.total == 6
    assert facet(result, "faction") == [("t-fa", 3, False), ("t-fb", 3, False), ("t-fc", 1, False)]
    assert facet(result, "place") == [("t-p1", 2, False), ("t-p2", 2, False), ("t-p3", 1, False)]
    assert facet(result, "source") == [("t-s1", 3, False), ("t-s2", 3, False)]


def test_a_facets_own_selection_does_not_change_its_counts(service):
    result = service.search(SearchRequest(q="قصف", faction=("t-fa",)))
    assert result.total == 3
    assert facet(result, "faction") == [("t-fa", 3, True), ("t-fb", 3, False), ("t-fc", 1, False)]
    assert facet(result, "place") == [("t-p1", 1, False), ("t-p2", 1, False)]
    assert facet(result, "source") == [("t-s1", 3, False)]


def test_or_within_a_facet(service):
    result = service.search(SearchRequest(q="قصف", faction=("t-fa", "t-fb")))
    assert result.total == 5
    assert facet(result, "faction") == [("t-fa", 3, True), ("t-fb", 3, True), ("t-fc", 1, False)]


def test_and_across_facets(service):
    result = service.search(SearchRequest(q="قصف", faction=("t-fa",), place=("t-p2",)))
    assert result.total == 1 and [h.id for h in result.hits] == ["d2"]
    assert facet(result, "faction") == [("t-fb", 2, False), ("t-fa", 1, True)]
    assert facet(result, "place") == [("t-p1", 1, False), ("t-p2", 1, True)]


def test_selected_values_are_listed_even_with_no_hits(service):
    result = service.search(SearchRequest(q="قصف", faction=("t-fc",), place=("t-p2",)))
    assert result.total == 0
    assert facet(result, "faction") == [("t-fb", 2, False), ("t-fa", 1, False), ("t-fc", 0, True)]
    assert facet(result, "place") == [("t-p1", 1, False), ("t-p2", 0, True)]


def test_governorate_filter_takes_every_place_inside(service):
    result = service.search(SearchRequest(q="قصف", governorate=("t-g1",)))
    assert sorted(h.id for h in result.hits) == ["d1", "d2", "d4", "d6"]
    assert [(v.id, v.governorate) for v in result.facets["place"]] == [
        ("t-p1", "t-g1"),
        ("t-p2", "t-g1"),
    ]


def test_date_range_and_histogram(service):
    everything = service.search(SearchRequest(q="قصف"))
    assert everything.histogram == [
        {"month": "2016-12", "count": 1},
        {"month": "2017-01", "count": 2},
        {"month": "2017-02", "count": 1},
        {"month": "2017-03", "count": 1},
    ]
    ranged = service.search(SearchRequest(q="قصف", date_from="2017-01", date_to="2017-02"))
    assert sorted(h.id for h in ranged.hits) == ["d1", "d2", "d3"]
    assert ranged.histogram == [{"month": "2017-01", "count": 2}, {"month": "2017-02", "count": 1}]


def test_sort_by_date_newest_first_undated_last(service):
    result = service.search(SearchRequest(q="قصف", sort="date"))
    assert [h.id for h in result.hits] == ["d4", "d3", "d2", "d1", "d6", "d7"]


def test_empty_query_counts_everything(service):
    result = service.search(SearchRequest())
    assert result.total == 7
    assert facet(result, "source") == [("t-s1", 4, False), ("t-s2", 3, False)]


def test_top_values_keeps_ten_plus_selected_and_says_more():
    ranked = [(f"v{n:02d}", 100 - n) for n in range(12)]
    values, more = top_values(ranked, ("v11", "v99"), 10)
    assert values == ranked[:10] + [("v11", 89), ("v99", 0)]
    assert more is True
    assert top_values([("a", 1)], (), 10) == ([("a", 1)], False)


def test_the_sidebar_and_the_facet_pages_list_values_in_one_order(service):
    result = service.search(SearchRequest())
    page, _ = service.facet_values(SearchRequest(), "faction")
    assert [v.id for v in result.facets["faction"]] == [v.id for v in page][
        : len(result.facets["faction"])
    ]


def test_facet_value_search_by_name(service):
    found, total = service.facet_values(SearchRequest(q="قصف"), "place", prefix="town t")
    assert [(v.id, v.count) for v in found] == [("t-p2", 2), ("t-p3", 1)] and total == 2
    arabic, _ = service.facet_values(SearchRequest(), "faction", prefix="جماعة ألف")
    assert [v.id for v in arabic] == ["t-fa"]
