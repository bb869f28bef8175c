"""The search pages in a real browser, by mouse: Playwright driving Debian's Chromium over
the seed index. Keyboard flows are in test_keyboard.py, phones in test_phone.py, axe-core
in test_axe.py. Each scenario saves a screenshot under tests/artifacts/ (ignored by git)."""

import re
from urllib.parse import quote

from playwright.sync_api import expect

from tests.web.browsing import DESKTOP, MARKS, close, open_page, shot, total

IDLIB = "إدلب"
pytestmark = MARKS


def facet_counts(page, facet):
    """{value id: count} of one facet's listed values."""
    boxes = page.locator(f'fieldset[data-facet="{facet}"] ul.values:not(.found) li.fv')
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


def test_search_idlib_is_rtl_with_marks(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
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


def test_facets_follow_the_disjunctive_rules(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    factions_before = facet_counts(page, "faction")
    faction = min(
        (v for v, n in factions_before.items() if n < total(page)), key=factions_before.get
    )
    # click(), not check(): the page reloads at once, before check() could read the box
    page.locator(f'fieldset[data-facet="faction"] input[value="{faction}"]').click()
    page.wait_for_url(re.compile(rf"faction={faction}"))
    assert total(page) == factions_before[faction]
    assert facet_counts(page, "faction") == factions_before  # its own tick does not narrow it
    places, in_hits = facet_counts(page, "place"), entities_in_hits(page, "place")
    assert places == {v: in_hits.get(v, 0) for v in places}  # other facets count the hits
    shot(page, "02-faction-ticked")

    place = min(places, key=places.get)
    page.locator(f'fieldset[data-facet="place"] input[value="{place}"]').click()
    page.wait_for_url(re.compile(rf"place={place}"))
    assert total(page) == places[place]
    assert all(
        set(entities_in_hits(page, f)) >= {v} for f, v in (("faction", faction), ("place", place))
    )
    assert page.locator(".active-filters a.chip").count() == 2
    shot(page, "03-faction-and-place")

    page.locator(f'.active-filters a.chip.faction[href*="place={place}"]').click()
    page.wait_for_url(lambda url: "faction=" not in url)
    assert total(page) >= places[place]
    assert page.locator(".active-filters a.chip").count() == 1
    shot(page, "04-chip-removed")
    page.locator(".active-filters .clear-all").click()
    page.wait_for_url(lambda url: "place=" not in url)
    assert total(page) == 5


def test_entity_chip_adds_filter(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    chip = page.locator(".hit a.chip.faction").first
    value = chip.get_attribute("data-id")
    chip.click()
    page.wait_for_url(re.compile(rf"faction={value}"))
    assert page.locator(f'fieldset[data-facet="faction"] input[value="{value}"]').is_checked()


def test_page_forward(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}&per_page=2")
    first = page.locator(".hit h3").all_inner_texts()
    current = page.locator('.pager a[aria-current="page"]')
    assert current.evaluate("a => a.lastChild.textContent") == "1"  # as shown
    expect(page.get_by_role("link", name="صفحة 1", exact=True)).to_have_attribute(
        "aria-current", "page"
    )  # and as read aloud
    page.locator('.pager a[rel="next"]').click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.get_by_role("link", name="صفحة 2", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    second = page.locator(".hit h3").all_inner_texts()
    assert len(second) == 2 and not set(first) & set(second)
    assert page.locator("ol.hits").get_attribute("start") == "3"
    shot(page, "05-page-2")


def test_article_highlights_and_back(page, site):
    page.goto(f"{site}/?q={quote('داعش')}")
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


def test_english_toggle_keeps_bilingual_values(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    page.locator(".lang-toggle").click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("label[for=q]").inner_text() == "Search the news archive"
    value = page.locator('fieldset[data-facet="place"] li.fv').first
    assert value.locator(".ar").inner_text() and value.locator(".en").inner_text()
    assert total(page) == 5
    shot(page, "07-english")
    page.goto(f"{site}/")  # the choice is remembered in a cookie
    assert page.locator("html").get_attribute("lang") == "en"


def test_facet_english_names_sit_under_the_arabic(page, site):
    """In a right-to-left list both names start at the right edge, English under Arabic."""
    page.goto(f"{site}/?q={quote(IDLIB)}")
    names = page.locator('fieldset[data-facet="faction"] li.fv .names').first
    ar = names.locator(".ar").bounding_box()
    en = names.locator(".en").bounding_box()
    assert en["y"] >= ar["y"] + ar["height"] - 1  # below
    assert abs((en["x"] + en["width"]) - (ar["x"] + ar["width"])) <= 1  # right edges aligned


def test_bidi_names_stay_whole_in_english(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}&lang=en")
    expansion = page.locator(".notice.expansions .expansion").first
    for bdi in expansion.locator("bdi").all():
        assert bdi.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    text = page.locator(".notice.expansions").inner_text()
    labels = r"محافظة إدلب Idlib Governorate, منطقة إدلب Idlib District, مدينة إدلب Idlib city"
    assert re.search(r"Also searched for:\s*" + labels, text), text


def test_timeline_bar_filters_to_its_month(page, site):
    page.goto(f"{site}/?q={quote(IDLIB)}")
    bars = page.locator("svg.chart a.month")
    assert bars.count() >= 1
    label = bars.first.get_attribute("aria-label")
    expected = int(re.search(r": (\d+)", label).group(1))
    bars.first.click()
    page.wait_for_url(re.compile(r"from=\d{4}-\d\d-01&to=\d{4}-\d\d-\d\d"))
    assert total(page) == expected
    assert page.locator('form.facets input[name="from"]').input_value().endswith("-01")
    assert page.locator(".active-filters a.chip").count() == 2
    assert page.locator("svg.chart a[aria-current]").count() == 1
    assert page.locator(".scale li").last.inner_text() == "0"
    shot(page, "12-timeline-month")


def test_facet_filter_box_searches_every_value_on_the_server(page, site):
    page.goto(f"{site}/")
    fieldset = page.locator('fieldset[data-facet="place"]')
    listed = fieldset.locator("ul.values:not(.found) input").evaluate_all(
        "bs => bs.map(b => b.value)"
    )
    everyone = [
        v
        for n in (1, 2, 3)
        for v in page.request.get(f"{site}/api/facets/place?page={n}").json()["values"]
    ]
    hidden = [v for v in everyone if v["id"] not in listed]
    assert hidden, "the seed corpus should have places behind 'more'"
    wanted = hidden[-1]
    box = fieldset.locator(".facet-filter")
    box.fill(wanted["en"].split()[0].lower())
    found = fieldset.locator("ul.found li.fv")
    expect(found.first).to_be_visible()
    assert wanted["id"] in found.locator("input").evaluate_all("bs => bs.map(b => b.value)")
    expect(fieldset.locator(".facet-status")).to_contain_text(wanted["en"].split()[0].lower())
    url = page.url
    box.press("Enter")  # a live filter: Enter submits nothing
    assert page.url == url and box.input_value()
    box.fill("zzzz")
    expect(fieldset.locator(".facet-status")).to_have_text("لا توجد قيمة تطابق «zzzz».")
    assert found.count() == 0
    box.fill(wanted["ar"].split()[0])
    expect(found.locator(f'input[value="{wanted["id"]}"]')).to_be_visible()
    shot(page, "13-facet-filter")
    found.locator(f'input[value="{wanted["id"]}"]').click()
    page.wait_for_url(re.compile(rf"place={wanted['id']}"))
    assert page.locator(".active-filters a.chip.place").count() == 1


def test_more_appends_a_page_of_values(page, site):
    page.goto(f"{site}/")
    fieldset = page.locator('fieldset[data-facet="place"]')
    before = fieldset.locator("input[type=checkbox]").count()
    fieldset.locator("a.more-link").click()
    expect(fieldset.locator("ul.extra li").first).to_be_visible()
    ids = fieldset.locator("input[type=checkbox]").evaluate_all("bs => bs.map(b => b.value)")
    assert before < len(ids) <= before + 15 and len(set(ids)) == len(ids)  # a page, none twice
    assert page.evaluate("document.activeElement.closest('ul.extra') !== null")
    assert page.url == f"{site}/"  # in place
    assert fieldset.locator("a.more-link").get_attribute("href").endswith("more=place%3A2")
    shot(page, "14-more-values")


def test_the_site_works_without_javascript(browser, site):
    page = open_page(browser, java_script_enabled=False, **DESKTOP)
    page.goto(f"{site}/?q={quote(IDLIB)}")
    assert page.locator("html").get_attribute("class") is None  # khabar.js did not run
    faction = page.locator('fieldset[data-facet="faction"] input[type=checkbox]').first
    value = faction.get_attribute("value")
    faction.check()
    page.locator("form.facets button.apply").click()  # the Apply button does what the script does
    page.wait_for_url(re.compile(rf"faction={value}"))
    page.locator('fieldset[data-facet="place"] a.more-link').click()
    page.wait_for_url(re.compile(r"more=place"))
    assert page.locator('fieldset[data-facet="place"] .facet-pages .range').is_visible()
    page.locator('form.facets input[name="from"]').fill("2018-02")
    page.locator('form.facets input[name="from"]').press("Enter")
    page.wait_for_url(re.compile(r"from=2018-02"))
    assert page.locator(".active-filters a.chip").count() == 2
    shot(page, "15-no-javascript")
    close(page)
