"""Facet value lists: pages of values for `more`, places grouped by governorate."""

from searchapp.web.facet_lists import expanded_pages, facet_page, group_places


def test_more_names_a_facet_and_a_page():
    assert expanded_pages(["place", "source:3", "faction:0", "x:y"]) == {
        "place": 1,
        "source": 3,
        "faction": 1,
        "x": 1,
    }


def test_a_page_of_values_keeps_the_selected_ones():
    top = [{"id": "a", "selected": False}, {"id": "z", "selected": True}]
    page = [{"id": "c", "selected": False}, {"id": "d", "selected": False}]
    listed = facet_page("place", top, page, total=5, page=2, per_page=2)
    assert [v["id"] for v in listed.values] == ["z", "c", "d"]
    assert (listed.page, listed.pages, listed.more, listed.shown) == (2, 3, True, (3, 4))
    last = facet_page("place", top, [{"id": "e", "selected": False}], total=5, page=3, per_page=2)
    assert (last.more, last.shown) == (False, (5, 5))


class Place:
    def __init__(self, id, ar, en, governorate):
        self.id, self.ar, self.en, self.governorate = id, ar, en, governorate


def test_group_places_under_governorates():
    gazetteer = {
        p.id: p
        for p in (
            Place("idlib-g", "إدلب", "Idlib", "idlib-g"),
            Place("ariha", "أريحا", "Ariha", "idlib-g"),
            Place("aleppo-g", "حلب", "Aleppo", "aleppo-g"),
        )
    }
    values = [
        {"id": "ariha", "count": 5},
        {"id": "aleppo-g", "count": 3},
        {"id": "idlib-g", "count": 2},
    ]
    groups = group_places(values, gazetteer.get)
    assert [
        (g.governorate, g.ar, g.head and g.head["id"], [v["id"] for v in g.values]) for g in groups
    ] == [("idlib-g", "إدلب", "idlib-g", ["ariha"]), ("aleppo-g", "حلب", "aleppo-g", [])]
