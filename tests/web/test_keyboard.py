"""Keyboard-only flows in Chromium: search, skip to the results and open an article; tick a
facet with Enter and with Space and keep the focus on it across the reload; the timeline
as one tab stop with arrow keys. No mouse: only page.keyboard."""

import re
from urllib.parse import quote

from playwright.sync_api import expect

from tests.web.browsing import MARKS, focused, shot, total

IDLIB = "إدلب"
pytestmark = MARKS


def tab_until(page, matches, limit=80, key="Tab"):
    """Press Tab until the focused element satisfies `matches`; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if matches(focused(page)):
            return presses
    raise AssertionError(f"not reached in {limit} presses; last: {focused(page)}")


def test_search_skip_to_the_results_and_open_an_article(page, site):
    page.goto(f"{site}/")
    assert focused(page)["id"] == "q"  # the box has the focus on the home page
    page.keyboard.type(IDLIB)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q="))
    assert total(page) == 5
    # From the top: the first Tab is the skip link, which lands on the results.
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#results"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "results"
    assert tab_until(page, lambda f: "/articles/" in (f["href"] or "")) <= 2  # past "sort"
    first = focused(page)
    assert first["text"] == page.locator(".hit h3 a").first.inner_text()
    shot(page, "20-keyboard-first-result", full_page=False)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator(".full .text mark").count() >= 1


def test_the_first_result_is_a_few_tabs_from_the_search_box(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    page.locator("#q").focus()
    presses = tab_until(page, lambda f: "/articles/" in (f["href"] or ""))
    # box, button, help, 3 expansion-free notices at most, the timeline (one stop), the
    # sort link, then the first result: the 31 checkboxes and date fields come after.
    assert presses <= 8, presses


def test_skip_to_the_filters(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#filters"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "filters"
    tab_until(page, lambda f: f["name"] == "from")  # the dates come first in the panel


def tick_first_faction_with(page, site, key):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to the filters
    tab_until(page, lambda f: f["name"] == "faction")
    box = focused(page)
    assert not box["checked"]
    page.keyboard.press(key)
    page.wait_for_url(re.compile(rf"faction={box['value']}"))
    after = focused(page)  # focus came back to the box that changed
    assert (after["name"], after["value"], after["checked"]) == ("faction", box["value"], True)
    return box["value"]


def test_enter_ticks_a_facet_and_keeps_the_focus_on_it(page, site):
    value = tick_first_faction_with(page, site, "Enter")
    assert (
        page.locator(f'.active-filters a.chip.faction[href]:not([href*="faction={value}"])').count()
        == 1
    )
    shot(page, "21-keyboard-enter-ticked", full_page=False)


def test_space_ticks_and_unticks_a_facet_and_keeps_the_focus(page, site):
    value = tick_first_faction_with(page, site, "Space")
    page.keyboard.press("Space")  # and off again
    page.wait_for_url(lambda url: "faction=" not in url)
    after = focused(page)
    assert (after["name"], after["value"], after["checked"]) == ("faction", value, False)
    shot(page, "22-keyboard-space-unticked", full_page=False)


def test_filter_box_by_keyboard(page, site):
    page.goto(f"{site}/")
    box = page.locator('fieldset[data-facet="place"] .facet-filter')
    box.focus()
    page.keyboard.type("zarz")
    found = page.locator('fieldset[data-facet="place"] ul.found input')
    expect(found.first).to_be_visible()
    page.keyboard.press("Enter")  # nothing to submit
    assert page.url == f"{site}/"
    page.keyboard.press("Tab")
    value = focused(page)["value"]
    assert focused(page)["tag"] == "input" and value == found.first.get_attribute("value")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"place={value}"))
    assert (focused(page)["value"], focused(page)["checked"]) == (value, True)


def test_the_timeline_is_one_tab_stop_with_arrow_keys(page, archive):
    page.goto(f"{archive}/?q={quote('قصف')}")
    bars = page.locator("svg.chart a")
    assert bars.count() == 13  # twelve months and the earlier bucket
    assert bars.evaluate_all("bs => bs.filter(b => b.tabIndex === 0).length") == 1
    page.locator("#q").focus()
    tab_until(page, lambda f: (f["classes"] or "") in ("month", "earlier", "later"))
    start = focused(page)["href"]
    page.keyboard.press("Tab")  # one Tab leaves the chart
    assert focused(page)["classes"] not in ("month", "earlier", "later")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["href"] == start  # back on the same bar
    page.keyboard.press("ArrowRight")  # right to left: ArrowRight goes back in time
    earlier = focused(page)
    assert earlier["href"] != start
    page.keyboard.press("ArrowLeft")
    assert focused(page)["href"] == start
    page.keyboard.press("End")
    assert focused(page)["href"] == start  # the latest month is where the chart starts
    page.keyboard.press("Home")
    assert focused(page)["classes"] == "earlier"
    shot(page, "23-keyboard-timeline", full_page=False)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "to=2016-12-31" in url)  # the bucket is a link too
    assert total(page) == 2
