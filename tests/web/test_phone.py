"""Phones: every page state at 360 px without horizontal scrolling, the filter panel folded
after a change with the chips above the results, the article's header above its first
match. Screenshots: tests/artifacts/30-phone-*.png."""

import re
from urllib.parse import quote

import pytest

from tests.web.browsing import MARKS, PHONE, close, open_page, scroll_width, shot

IDLIB = "إدلب"
pytestmark = MARKS

STATES = {
    "home": "/",
    "results": f"/?q={quote(IDLIB)}",
    "filtered": f"/?q={quote(IDLIB)}&faction=syrian-government-forces&place=idlib-governorate",
    "no-results": "/?q=xyzzyqq",
    "english": f"/?q={quote(IDLIB)}&lang=en",
    "more-places": f"/?q={quote(IDLIB)}&more=place",
    "article": f"/articles/002_1288dcea63f858e0?q={quote(IDLIB)}",
    "error-400": f"/?q={quote(IDLIB)}&from=2018-13",
    "error-404": "/articles/nope",
    "map-chosen": f"/?q={quote(IDLIB)}&place=sa-4295",
    "entity-faction": "/entities/faction/ahrar-al-sham",
    "entity-place": "/entities/place/sa-4295",
    "entity-governorate-en": "/entities/place/idlib-governorate?lang=en",
    "entity-404": "/entities/faction/nope",
    "trends": f"/trends?q=faction:isis&q={quote(IDLIB)}&q=faction:hts&q={quote('قوات النظام')}",
    "trends-empty": "/trends",
}


@pytest.fixture()
def phone(browser):
    page = open_page(browser, **PHONE)
    yield page
    close(page, allowed=[r"status of 40[04]"])  # Chromium logs the error pages' statuses


@pytest.mark.parametrize("state", STATES)
def test_no_horizontal_scroll_at_360_px(phone, site, state):
    phone.goto(site + STATES[state])
    phone.evaluate("document.fonts.ready.then(() => true)")
    assert scroll_width(phone) <= 360
    wide = phone.locator("body *").evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().right > innerWidth + 0.5"
        " || e.getBoundingClientRect().left < -0.5).map(e => e.outerHTML.slice(0, 80))"
    )
    assert wide == []
    shot(phone, f"30-phone-{state}")


def test_open_filters_panel_and_help_fit_too(phone, site):
    phone.goto(site + STATES["english"])
    phone.locator("details.filters > summary").click()
    phone.locator("details.help > summary").click()
    assert phone.locator('fieldset[data-facet="place"]').is_visible()
    assert phone.locator(".syntax").is_visible()
    assert scroll_width(phone) <= 360
    shot(phone, "31-phone-filters-and-help-open")


def test_after_a_change_the_filters_fold_and_the_results_come_up(phone, site):
    phone.goto(site + STATES["results"])
    phone.locator("details.filters > summary").click()
    phone.locator('fieldset[data-facet="faction"] input[type=checkbox]').first.click()
    phone.wait_for_url(re.compile(r"faction="))
    assert not phone.locator("details.filters").evaluate("d => d.open")
    assert phone.locator(".active-filters a.chip.removable").count() == 1  # the chip stays
    first = phone.locator(".hit").first.bounding_box()
    assert first["y"] < 2 * 780, first  # was 2,458 px down with the panel open
    shot(phone, "32-phone-after-tick", full_page=False)


def test_the_map_opens_and_fits_with_labels_one_can_read(phone, site):
    phone.goto(site + STATES["results"])
    fold = phone.locator("details.map-fold")
    assert not fold.evaluate("d => d.open")  # folded like the filters
    fold.locator("summary").click()
    svg = phone.locator("svg.syria-map")
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["width"] >= 300
    sizes = phone.locator("svg.syria-map text.governorate").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert len(sizes) == 14 and min(sizes) >= 11  # px on the screen
    assert scroll_width(phone) <= 360
    shot(phone, "34-phone-map-open", full_page=False)
    phone.locator('svg.syria-map a.point[data-id="damascus-governorate"]').tap()
    phone.wait_for_url(re.compile(r"place=damascus-governorate"))


def test_the_trends_table_fits_when_open(phone, site):
    phone.goto(site + STATES["trends"])
    phone.locator(".trend-table summary").click()
    assert phone.locator(".trend-table table").is_visible()
    assert scroll_width(phone) <= 360
    shot(phone, "35-phone-trends-table")


def test_pills_wrap(phone, site):
    phone.goto(site + STATES["english"])
    pills = phone.locator(".notice.expansions .expansion")
    assert pills.count() >= 1
    for i in range(pills.count()):
        box = pills.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_article_header_stays_above_the_first_match(phone, site):
    """The result link jumps to the first match; the title, date and source stay above it."""
    phone.goto(f"{site}/?q={quote('المراسل')}")
    link = phone.locator(".hit h3 a").first
    assert link.get_attribute("href").endswith("#first-match")
    link.click()
    phone.wait_for_url(re.compile(r"/articles/.*#first-match"))
    mark = phone.locator(".full .text mark").first
    head = phone.locator(".article-head")
    assert phone.evaluate("scrollY") > 300  # it did jump down the text
    head_box, mark_box = head.bounding_box(), mark.bounding_box()
    assert head_box["y"] >= -0.5 and head_box["y"] + head_box["height"] <= mark_box["y"]
    assert mark_box["y"] + mark_box["height"] <= 780
    assert head.locator("h1").is_visible() and head.locator("time, .muted").first.is_visible()
    shot(phone, "33-phone-article-first-match", full_page=False)
