"""Links between search page states, page number lists, and the display helpers."""

from urllib.parse import parse_qsl

from searchapp.web import i18n
from searchapp.web.display import group_places, split_values, timeline_bars
from searchapp.web.links import Links, month_range, pages

STATE = [("q", "إدلب"), ("faction", "isis"), ("place", "aleppo"), ("page", "3"), ("lang", "en")]


def pairs(qs):
    return parse_qsl(qs.lstrip("?"))


def test_add_remove_toggle_go_back_to_page_one():
    links = Links(STATE)
    assert pairs(links.add("faction", "sdf")) == [
        ("q", "إدلب"),
        ("faction", "isis"),
        ("place", "aleppo"),
        ("lang", "en"),
        ("faction", "sdf"),
    ]
    assert pairs(links.remove("faction", "isis")) == [
        ("q", "إدلب"),
        ("place", "aleppo"),
        ("lang", "en"),
    ]
    assert pairs(links.toggle("place", "aleppo")) == [
        ("q", "إدلب"),
        ("faction", "isis"),
        ("lang", "en"),
    ]
    assert links.add("faction", "isis") == links.remove("page")


def test_page_month_clear_lang_replace():
    links = Links(STATE)
    assert pairs(links.page(2))[-1] == ("page", "2")
    assert "page" not in dict(pairs(links.page(1)))
    assert pairs(links.month("2016-02"))[-2:] == [("from", "2016-02-01"), ("to", "2016-02-29")]
    assert pairs(links.clear()) == [("q", "إدلب"), ("lang", "en")]
    assert pairs(links.lang("ar"))[-1] == ("lang", "ar") and len(pairs(links.lang("ar"))) == 5
    assert pairs(links.replace("q", "حلب"))[-1] == ("q", "حلب")
    assert Links([("evil", "x"), ("q", "")]).clear() == "?"


def test_month_range_and_pages():
    assert month_range("2019-12") == ("2019-12-01", "2019-12-31")
    assert pages(1, 5, 2) == ([1, 2, 3], 3)
    assert pages(10, 200, 10) == ([1, None, 8, 9, 10, 11, 12, None, 20], 20)
    assert pages(1, 0, 10) == ([1], 1)


def test_timeline_bars_pad_to_a_year_and_run_in_reading_direction():
    bars = timeline_bars([{"month": "2018-02", "count": 4}, {"month": "2018-04", "count": 2}])
    assert [b.month for b in bars][0] == "2017-10" and len(bars) == 12
    counts = {b.month: (b.count, b.height) for b in bars}
    assert (
        counts["2018-02"] == (4, 120)
        and counts["2018-04"] == (2, 60)
        and counts["2018-03"] == (0, 0)
    )
    rtl = {b.month: b.x for b in bars}
    ltr = {
        b.month: b.x
        for b in timeline_bars(
            [{"month": "2018-02", "count": 4}, {"month": "2018-04", "count": 2}], rtl=False
        )
    }
    assert rtl["2018-02"] > rtl["2018-04"] and ltr["2018-02"] < ltr["2018-04"]
    assert timeline_bars([]) == [] and timeline_bars(None) == []


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


def test_i18n_formats():
    assert i18n.format_number(31512) == "31,512" and i18n.format_number(12.345) == "12.3"
    assert i18n.format_date("2018-02-09", "ar") == "9 شباط 2018"
    assert i18n.format_date("2018-02-09", "en") == "9 February 2018"
    assert i18n.format_month("2018-12", "ar") == "كانون الأول 2018"
    assert i18n.choose_lang("fr", "en") == "en" and i18n.choose_lang(None, None) == "ar"
    assert {len(v) for v in i18n.LABELS.values()} == {2}
