"""The search pages in a real browser: Playwright driving Debian's Chromium over the seed index.

Each scenario saves a screenshot under tests/artifacts/ (ignored by git) for a person to look at.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.paths import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IDLIB = "إدلب"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, **context_options):
    """A new page in its own context that records console errors, page errors and failed requests."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    return page


@pytest.fixture()
def page(browser):
    page = open_page(browser, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()
    assert page.problems == []


def shot(page, name, full_page=True):
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def total(page):
    return int(
        re.search(r"[\d,]+", page.locator(".summary .total strong").inner_text())
        .group()
        .replace(",", "")
    )


def facet_counts(page, facet):
    """{value id: count} of one facet in the sidebar."""
    boxes = page.locator(f'fieldset[data-facet="{facet}"] li.fv')
    out = {}
    for i in range(boxes.count()):
        li = boxes.nth(i)
        out[li.locator("input").get_attribute("value")] = int(li.locator(".count").inner_text())
    return out


def entities_in_hits(page, facet):
    """{value id: number of hits tagged with it}, read from the page's JSON twin (/api/search)."""
    query = page.url.split("?", 1)[1]
    body = page.request.get(
        page.url.split("?")[0].rstrip("/") + "/api/search?" + query + "&per_page=100"
    ).json()
    out = {}
    for hit in body["hits"]:
        for entity in hit["facets"][facet]:
            out[entity["id"]] = out.get(entity["id"], 0) + 1
    return out


def test_search_idlib_is_rtl_with_marks(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert total(page) == 5 and page.locator(".hit").count() == 5
    assert IDLIB in page.locator(".hit .snippet mark").all_inner_texts()
    assert page.locator("#q").input_value() == IDLIB
    fonts = page.evaluate(
        "document.fonts.ready.then(fs => [...fs].map(f => f.family + ' ' + f.status))"
    )
    assert "Noto Naskh Arabic loaded" in fonts
    unlabelled = page.locator("input:not([type=hidden]):visible, select:visible").evaluate_all(
        "els => els.filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
        ".map(e => e.outerHTML)"
    )
    assert unlabelled == []
    shot(page, "01-search-idlib")


def test_facets_follow_the_disjunctive_rules(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    factions_before = facet_counts(page, "faction")
    faction = min(
        (v for v, n in factions_before.items() if n < total(page)), key=factions_before.get
    )
    page.locator(f'fieldset[data-facet="faction"] input[value="{faction}"]').check()
    page.wait_for_url(re.compile(rf"faction={faction}"))
    assert total(page) == factions_before[faction]
    assert (
        facet_counts(page, "faction") == factions_before
    )  # own selection does not narrow its counts
    places, in_hits = facet_counts(page, "place"), entities_in_hits(page, "place")
    assert places == {v: in_hits.get(v, 0) for v in places}  # other facets count the hits
    shot(page, "02-faction-ticked")

    places = facet_counts(page, "place")
    place = min(places, key=places.get)
    box = page.locator(f'fieldset[data-facet="place"] input[value="{place}"]')
    box.focus()
    page.keyboard.press("Space")  # keyboard-usable facets
    page.wait_for_url(re.compile(rf"place={place}"))
    assert total(page) == places[place]
    assert facet_counts(page, "place") == places  # still the counts without the place selection
    assert all(
        set(entities_in_hits(page, f)) >= {v} for f, v in (("faction", faction), ("place", place))
    )
    assert page.locator(".active-filters a.chip").count() == 2
    shot(page, "03-faction-and-place")

    page.locator(
        f'.active-filters a.chip.faction[href*="place={place}"]'
    ).click()  # remove the faction chip
    page.wait_for_url(lambda url: "faction=" not in url)
    page_totals_place_only = total(page)
    assert page_totals_place_only >= places[place]
    assert page.locator(".active-filters a.chip").count() == 1
    shot(page, "04-chip-removed")
    page.locator(".active-filters .clear-all").click()
    page.wait_for_url(lambda url: "place=" not in url)
    assert total(page) == 5


def test_entity_chip_adds_filter(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    chip = page.locator(".hit a.chip.faction").first
    value = chip.get_attribute("data-id")
    chip.click()
    page.wait_for_url(re.compile(rf"faction={value}"))
    assert page.locator(f'fieldset[data-facet="faction"] input[value="{value}"]').is_checked()


def test_page_forward(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}&per_page=2")
    first = page.locator(".hit h3").all_inner_texts()
    assert page.locator('.pager a[aria-current="page"]').inner_text() == "1"
    page.keyboard.press("Tab")  # focus is visible when moving by keyboard
    page.locator('.pager a[rel="next"]').focus()
    assert (
        page.locator('.pager a[rel="next"]').evaluate("a => getComputedStyle(a).outlineStyle")
        == "solid"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator('.pager a[aria-current="page"]').inner_text() == "2"
    second = page.locator(".hit h3").all_inner_texts()
    assert len(second) == 2 and not set(first) & set(second)
    assert page.locator("ol.hits").get_attribute("start") == "3"
    shot(page, "05-page-2")


def test_article_highlights_and_back(page, live_server):
    page.goto(f"{live_server}/?q={quote('داعش')}")
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    marks = page.locator(".full .text mark")
    assert marks.count() >= 1
    assert marks.first.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert marks.first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    shot(page, "06-article")
    page.locator(".back a").click()
    page.wait_for_url(re.compile(r"/\?"))
    assert page.locator("#q").input_value() == "داعش"


def test_english_toggle_keeps_bilingual_values(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    page.locator(".lang-toggle").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("label[for=q]").inner_text() == "Search the news archive"
    value = page.locator('fieldset[data-facet="place"] li.fv').first
    assert value.locator(".ar").inner_text() and value.locator(".en").inner_text()
    assert total(page) == 5
    shot(page, "07-english")
    page.goto(f"{live_server}/")  # the choice is remembered in a cookie
    assert page.locator("html").get_attribute("lang") == "en"


def test_phone_viewport(browser, live_server):
    page = open_page(
        browser,
        viewport={"width": 360, "height": 780},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("#q").bounding_box()["width"] > 180
    shot(page, "08-phone-search", full_page=False)
    page.locator(".filters summary").click()
    page.locator('fieldset[data-facet="faction"]').scroll_into_view_if_needed()
    shot(page, "08b-phone-filters", full_page=False)
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "09-phone-article", full_page=False)
    page.context.close()
    assert page.problems == []


def test_error_and_empty_states(page, live_server):
    response = page.goto(f"{live_server}/?q={quote(IDLIB)}&page=0")
    assert response.status == 400
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator('.state.error .lead[lang="ar"]').inner_text() == "تعذّر فهم البحث."
    assert page.locator('.state.error .lead[lang="en"]').is_visible()
    shot(page, "10-error-400")
    page.problems.clear()  # the 400 response itself is logged by Chromium
    page.goto(
        f"{live_server}/?q={quote(IDLIB)}&faction=isis&faction=jaysh-al-fatah&place=hama-governorate&source=sana"
    )
    if total(page) == 0:
        assert page.locator(".state.empty").is_visible()
    shot(page, "11-empty-or-narrow")


def test_timeline_bar_filters_to_its_month(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    bars = page.locator("svg.chart a")
    assert bars.count() >= 1
    label = bars.first.get_attribute("aria-label")
    expected = int(re.search(r": (\d+)", label).group(1))
    bars.first.click()
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d"))
    assert total(page) == expected
    assert page.locator('input[type=date][name="from"]').input_value().endswith("-01")
    assert page.locator(".active-filters a.chip").count() == 2
    shot(page, "12-timeline-month")


def test_facet_filter_box_narrows_the_list(page, live_server):
    page.goto(f"{live_server}/?q={quote(IDLIB)}")
    box = page.locator('fieldset[data-facet="faction"] .facet-filter')
    assert box.is_visible()
    values = page.locator('fieldset[data-facet="faction"] li.fv')
    everyone = values.count()
    last = values.nth(everyone - 1)
    english, arabic = last.locator(".en").inner_text(), last.locator(".ar").inner_text()
    box.fill(english.lower())  # by English name
    visible = page.locator('fieldset[data-facet="faction"] li.fv:visible')
    assert english in visible.locator(".en").all_inner_texts() and visible.count() < everyone
    folded = arabic.replace("ة", "ه").replace("أ", "ا").replace("إ", "ا")  # letter variants fold
    box.fill(folded)
    assert arabic in visible.locator(".ar").all_inner_texts() and visible.count() < everyone
    shot(page, "13-facet-filter")
