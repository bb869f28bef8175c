"""Links between search page states and the page number lists."""

from urllib.parse import parse_qsl

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
