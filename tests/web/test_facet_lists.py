"""Facet value lists: values shown first, places grouped by governorate."""

from searchapp.web.facet_lists import group_places, split_values


def test_split_values_keeps_selected_visible():
    values = [{"id": str(i), "selected": i == 12} for i in range(15)]
    shown, more = split_values(values, visible=10)
    assert [v["id"] for v in shown] == [*map(str, range(10)), "12"]
    assert [v["id"] for v in more] == ["10", "11", "13", "14"]


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
