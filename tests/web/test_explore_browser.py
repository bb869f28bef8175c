"""Entity pages, the map and trends in Chromium, by mouse and by keyboard: a click on a map
circle filters the results, an entity page's co-occurrence link filters by both, a facet
value's small link opens its page, trends draw one line per query. No console errors (the
page fixture checks). Screenshots: tests/artifacts/40-*.png."""

import re
from urllib.parse import quote

from playwright.sync_api import expect

from tests.paths import ARTIFACTS
from tests.web.browsing import MARKS, focused, shot, total

IDLIB = "إدلب"
pytestmark = MARKS


def count_in_label(locator):
    return int(re.search(r": (\d+) ", locator.get_attribute("aria-label")).group(1))


def artifact(name):
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def test_a_click_on_a_map_circle_filters_the_results(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    circles = page.locator("svg.syria-map a.point")
    assert circles.count() == 32
    shot(page, "40-map-results")
    page.locator(".map-panel").screenshot(path=str(artifact("40-map-panel")))
    damascus = page.locator('svg.syria-map a.point[data-id="damascus-governorate"]')
    expected = count_in_label(damascus)
    damascus.click()
    page.wait_for_url(re.compile(r"place=damascus-governorate"))
    assert total(page) == expected == 1
    assert page.locator(
        'fieldset[data-facet="place"] input[value="damascus-governorate"]'
    ).is_checked()
    chosen = page.locator('svg.syria-map a.point[data-id="damascus-governorate"]')
    assert chosen.get_attribute("aria-current") == "true"
    assert page.locator("svg.syria-map a.point").count() == 32  # the map still shows them all
    shot(page, "41-map-circle-clicked")
    chosen.click()  # and off again
    page.wait_for_url(lambda url: "place=" not in url)
    assert total(page) == 5


def leading_number(text):
    """The count a companion link shows ('2', then its words for screen readers)."""
    return int(re.match(r"\d+", text.strip()).group())


def test_an_entity_page_co_occurrence_link_filters_by_both(page, site):
    page.goto(f"{site}/entities/faction/ahrar-al-sham")
    expect(page.locator("h1")).to_contain_text("حركة أحرار الشام")
    shot(page, "42-entity-faction")
    link = page.locator('.companion[data-facet="place"][data-id="hama-governorate"] > a').first
    expected = leading_number(link.locator(".count").inner_text())
    link.click()
    page.wait_for_url(re.compile(r"place=hama-governorate"))
    assert "q=faction%3Aahrar-al-sham" in page.url
    assert total(page) == expected == 2
    assert page.locator("#q").input_value() == "faction:ahrar-al-sham"
    # within one facet too: q keeps the entity, the filter adds the other (AND, not OR)
    page.goto(f"{site}/entities/faction/ahrar-al-sham")
    same = page.locator('.companion[data-facet="faction"][data-id="isis"] > a').first
    expected = leading_number(same.locator(".count").inner_text())
    same.click()
    page.wait_for_url(re.compile(r"faction=isis"))
    assert total(page) == expected == 2


def test_a_place_page_map_circle_filters_by_both(page, site):
    page.goto(f"{site}/entities/place/sa-4295")
    shot(page, "43-entity-place-map")
    khan_shaykhun = page.locator('svg.syria-map a.point[data-id="sy070201"]')
    khan_shaykhun.click()
    page.wait_for_url(re.compile(r"place=sy070201"))
    assert "q=place%3Asa-4295" in page.url and total(page) == 1


def test_a_facet_values_link_opens_its_entity_page(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    page.locator('fieldset[data-facet="faction"] li.fv a.entity-link[href$="/isis"]').click()
    page.wait_for_url(re.compile(r"/entities/faction/isis$"))
    expect(page.locator("h1 .en")).to_have_text("Islamic State")
    assert page.locator(".family dt").all_inner_texts() == ["اسمه السابق", "حلفاء يذكرونه"]
    page.go_back()
    chip = page.locator(".hit .chip-pair.place a.entity-link").first
    href = chip.get_attribute("href")
    chip.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    expect(page.locator(".entity-head .kind")).to_contain_text("مكان")


def test_values_found_on_the_server_have_their_link_too(page, site):
    page.goto(f"{site}/")
    page.locator('fieldset[data-facet="place"] .facet-filter').fill("zarz")
    found = page.locator('fieldset[data-facet="place"] ul.found li.fv')
    expect(found.first).to_be_visible()
    value = found.first.locator("input").get_attribute("value")
    link = found.first.locator("a.entity-link")
    assert link.get_attribute("href") == f"/entities/place/{value}"
    assert link.get_attribute("aria-label").startswith("صفحة ")


def test_the_entity_link_is_its_own_tab_stop_after_the_box(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    page.locator('fieldset[data-facet="faction"] input[value="isis"]').focus()
    page.keyboard.press("Tab")
    now = focused(page)
    assert (now["tag"], now["href"]) == ("a", "/entities/faction/isis")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # the box still ticks as before
    page.wait_for_url(re.compile(r"faction=isis"))


def test_the_map_is_one_tab_stop_with_arrow_keys(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    points = page.locator("svg.syria-map a.point")
    assert points.evaluate_all("ps => ps.filter(p => p.tabIndex === 0).length") == 1
    page.locator('svg.syria-map a.point[tabindex="0"]').focus()
    first = focused(page)["href"]
    page.keyboard.press("ArrowDown")
    second = focused(page)["href"]
    assert second != first and "place=aleppo-governorate" in second  # the second most named
    page.keyboard.press("End")
    page.keyboard.press("Home")
    assert focused(page)["href"] == first and "place=idlib-governorate" in first
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"place=idlib-governorate"))
    assert total(page) == 5


def test_trends_draw_a_line_per_query(page, archive):
    page.goto(f"{archive}/trends")
    boxes = page.locator('input[name="q"]')
    boxes.nth(0).fill("faction:t-fa")
    boxes.nth(1).fill("faction:t-fb")
    boxes.nth(2).fill("قصف")
    page.locator(".trends-form button").click()
    page.wait_for_url(re.compile(r"/trends\?q="))
    assert page.locator("svg.trends path.line").count() == 3
    assert page.locator(".legend li").count() == 3
    assert page.locator(".legend a").all_inner_texts()[2] == "قصف"
    assert "مقالة في أشهر بعيدة" in page.locator(".trend-chart .note").inner_text()  # 2012
    styles = page.locator("svg.trends path.line").evaluate_all(
        "ls => ls.map(l => [getComputedStyle(l).stroke, getComputedStyle(l).strokeDasharray])"
    )
    assert len({s[0] for s in styles}) == 3 and len({s[1] for s in styles}) == 3
    page.locator(".trend-table summary").click()
    assert page.locator(".trend-table tbody tr").count() == 10 + 4 * 12 + 12  # 2012-03..2017-12
    shot(page, "44-trends")
    csv = page.request.get(archive + page.locator(".downloads a").first.get_attribute("href"))
    assert csv.ok and csv.text().splitlines()[0] == "month,faction:t-fa,faction:t-fb,قصف"
