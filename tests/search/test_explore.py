"""Entity pages, map points and trends, on the fixture corpus (whole lists asserted)."""

from searchapp.search.explore import Explorer
from searchapp.search.request import SearchRequest


def test_a_faction_page_lists_its_articles_companions_and_months(service):
    page = Explorer(service).entity("faction", "t-fa")
    assert page.total == 4 and page.entity["ar"] == "الفصيل الأول"
    assert [h.id for h in page.latest] == ["d5", "d2", "d1", "d7"]  # newest first, undated last
    assert [(v.id, v.count) for v in page.companions["faction"]] == [("t-fb", 1)]  # in d2
    assert [(v.id, v.count) for v in page.companions["place"]] == [
        ("t-p1", 1),  # Town One, Town Three, Town Two: equal counts go by name
        ("t-p3", 1),
        ("t-p2", 1),
    ]
    assert [(v.id, v.count) for v in page.companions["source"]] == [("t-s1", 4)]
    assert page.histogram == [{"month": "2017-01", "count": 2}, {"month": "2017-03", "count": 1}]
    assert sorted(h.id for h in page.relevant) == ["d1", "d2", "d5", "d7"]
    assert Explorer(service).entity("faction", "nobody") is None


def test_a_governorate_page_takes_every_place_inside_it(service):
    page = Explorer(service).entity("place", "t-g1")
    assert page.total == 4  # d1, d2, d4 (t-p1, t-p2) and d6 (t-p2)
    assert sorted(h.id for h in page.latest) == ["d1", "d2", "d4", "d6"]
    town = Explorer(service).entity("place", "t-p1")
    assert town.family == {"governorate": [service.gazetteer.get("place", "t-g1").to_json()]}


def test_trends_count_each_query_by_month(service):
    trends = Explorer(service).trends(["هدنة", "faction:t-fc", "", "قصف", "x", "y"])
    assert [t.query for t in trends] == ["هدنة", "faction:t-fc", "قصف", "x"]  # four at most
    assert [(t.total, t.histogram) for t in trends[:2]] == [
        (2, [{"month": "2016-12", "count": 1}, {"month": "2017-03", "count": 1}]),
        (1, [{"month": "2017-03", "count": 1}]),
    ]


def test_map_points_are_places_with_hits_and_coordinates(service):
    assert Explorer(service).places(SearchRequest(q="قصف")) == []  # test places have no lat/lon
