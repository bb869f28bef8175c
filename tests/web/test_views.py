"""The HTML pages through Flask's test client."""

import re

import pytest

from searchapp.web import views
from searchapp.web.app import create_app
from tests.search.search_fixture import DOCS, build_fixture_index, write_gazetteer

IDLIB = "إدلب"


def page(client, **params):
    response = client.get("/", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_search_page_is_rtl_with_marked_snippets(client):
    html = client.get("/", query_string={"q": "إدلب"}).get_data(as_text=True)
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "<mark>إدلب</mark>" in html


def test_article_page_highlights(client):
    html = client.get("/articles/003_3aa9d2893f9c7816", query_string={"q": "داعش"}).get_data(
        as_text=True
    )
    assert "<mark>داعش</mark>" in html


def test_unknown_article_page_is_404(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.get_data(as_text=True)


def test_no_inline_script_or_style(client):
    """Only the app's own static files: a strict CSP blocks inline code and style attributes."""
    html = page(client, q=IDLIB)
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert "<style" not in html and not re.search(r"<[^>]*\s(style|on[a-z]+)=", html)


def test_facets_are_a_form_of_checkboxes(client):
    html = page(client, q=IDLIB, faction="isis")
    assert re.search(r'<input type="checkbox" name="faction" value="isis" checked>', html)
    assert re.search(r'<input type="checkbox" name="place" value="idlib-governorate">', html)
    assert '<input type="hidden" name="q" value="إدلب">' in html
    assert 'class="chip removable faction"' in html and "?q=%D8%A5%D8%AF%D9%84%D8%A8" in html


def test_english_toggle_sets_lang_and_cookie(client):
    response = client.get("/", query_string={"q": IDLIB, "lang": "en"})
    html = response.get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html and "Search the news archive" in html
    assert "khabar_lang=en" in response.headers["Set-Cookie"]
    assert '<html lang="en" dir="ltr">' in page(client, q=IDLIB)  # remembered
    assert '<html lang="ar" dir="rtl">' in page(client, q=IDLIB, lang="ar")


def test_did_you_mean_is_a_link(client):
    html = page(client, q="إدلبب")
    assert re.search(r'class="notice suggestion">[^<]*<a href="\?q=%D8%A5%D8%AF%D9%84%D8%A8"', html)


def test_empty_state_in_the_page_language(client):
    html = page(client, q="xyzzyqq")
    assert "لم نجد مقالات تطابق بحثك." in html and "No articles match" not in html
    assert "No articles match your search." in page(client, q="xyzzyqq", lang="en")


def test_paging_links(client):
    html = page(client, q=IDLIB, per_page=2)
    assert 'aria-current="page"' in html and 'rel="next"' in html and "page=3" in html
    assert 'rel="prev"' not in html


def test_page_links_read_the_number_as_shown(client, monkeypatch):
    """The link's name is its visible text ("صفحة 3,005" for "3,005"), not an aria-label."""
    monkeypatch.setattr(views, "pages", lambda page, total, per_page: ([1, 2, None, 3005], 3005))
    html = page(client, q=IDLIB, per_page=2)
    pager = html[html.index('<nav class="pager"') :]
    assert '<span class="visually-hidden">صفحة </span>3,005</a>' in pager
    assert "aria-label=" not in pager.split(">", 1)[1].split("</nav>")[0]


def test_article_page_has_first_match_anchor_and_back_link(client):
    html = client.get(
        "/articles/003_3aa9d2893f9c7816", query_string={"q": "داعش", "faction": "isis"}
    ).get_data(as_text=True)
    assert html.count('id="first-match"') == 1
    assert 'href="/?q=%D8%AF%D8%A7%D8%B9%D8%B4&amp;faction=isis"' in html


def test_more_shows_a_page_of_values_not_all_of_them(client):
    short = page(client, q=IDLIB)
    assert (
        'class="more-link" data-page="1" href="?q=%D8%A5%D8%AF%D9%84%D8%A8&amp;more=place"' in short
    )
    full = page(client, q=IDLIB, more="place")
    assert full.count('name="place"') > short.count('name="place"')
    assert 0 < full.count('name="place"') <= 50


@pytest.fixture()
def small_pages(fixture_paths):
    """The fixture corpus with 1 top value per facet and 2 values per page of `more`."""
    index_dir, gazetteer = fixture_paths
    config = {
        "TESTING": True,
        "INDEX": str(index_dir),
        "GAZETTEERS": (str(gazetteer),),
        "SEARCH_FACET_VALUES": 1,
        "SEARCH_FACET_PAGE": 2,
    }
    return create_app(config).test_client()


def listed(html, facet):
    return re.findall(rf'type="checkbox" name="{facet}" value="([^"]+)"', html)


def test_more_pages_through_the_values(small_pages):
    top = page(small_pages)
    assert listed(top, "place") == ["t-p1"] and 'href="?more=place"' in top
    first = page(small_pages, more="place")
    assert listed(first, "place") == ["t-p1", "t-p3"]  # by count, then English name
    assert "1–2 من 3" in first and 'href="?more=place%3A2">التالية<' in first
    assert 'href="?">أقل<' in first
    second = page(small_pages, more="place:2")
    assert listed(second, "place") == ["t-p2"] and "3–3 من 3" in second
    assert 'href="?more=place">السابقة<' in second and "التالية" not in second
    api = small_pages.get("/api/facets/place", query_string={"page": 2}).get_json()
    assert [v["id"] for v in api["values"]] == ["t-p2"]  # the page the API gives


def test_a_ticked_value_stays_listed_on_every_page(small_pages):
    second = page(small_pages, more="place:2", place="t-p1")
    assert listed(second, "place") == ["t-p1", "t-p2"]
    assert re.search(r'name="place" value="t-p1" checked', second)


def test_more_and_the_facet_api_give_the_same_counts_under_filters(client):
    """The HTML "more" list and /api/facets/<facet> are one service call: same values,
    same counts, every filter of the search applied (disjunctively)."""
    filters = {"q": IDLIB, "faction": "isis", "from": "2017"}
    html = page(client, more="place", **filters)
    shown = dict(
        re.findall(
            r'name="place" value="([^"]+)"[^>]*>.*?<span class="count">([\d,]+)<', html, re.S
        )
    )
    api = client.get("/api/facets/place", query_string=filters).get_json()
    assert api["total"] >= len(api["values"]) > 0
    assert {v["id"]: str(v["count"]) for v in api["values"]} == shown
    unfiltered = client.get("/api/facets/place", query_string={"q": IDLIB}).get_json()
    assert unfiltered["total"] > api["total"]  # the filters count


def test_timeline_bar_links_to_its_month(client):
    html = page(client, q=IDLIB)
    bar = re.search(r'<a href="([^"]+)" class="month" aria-label="شباط 2018: 1 مقالة">', html)
    assert bar and bar.group(1).endswith("from=2018-02-01&amp;to=2018-02-28")
    chosen = page(client, q=IDLIB, **{"from": "2018-02-01", "to": "2018-02-28"})
    assert re.search(r'aria-label="شباط 2018: 1 مقالة" aria-current="true">', chosen)


def test_timeline_has_a_count_scale(client):
    html = page(client, q=IDLIB)
    scale = re.search(r'<ol class="scale" aria-hidden="true">(.*?)</ol>', html).group(1)
    assert re.findall(r"<li>([\d,]+)</li>", scale)[-1] == "0"
    assert html.count('<line class="grid"') == scale.count("<li>")


def test_timeline_puts_outliers_in_buckets_that_stay_links(tmp_path):
    """Sixty articles in 2018 and one in 2012: the axis is 2018's, 2012 is "earlier"."""
    docs = [
        (f"n{i}", "قصف", "قصف الطيران.", f"2018-{i % 9 + 1:02d}-10", "t-fa", "t-p1", "t-s1")
        for i in range(60)
    ] + [("old", "قصف قديم", "قصف قديم.", "2012-05-01", "t-fa", "t-p1", "t-s1")]
    index = build_fixture_index(tmp_path / "index", docs)
    gazetteer = write_gazetteer(tmp_path / "gazetteer.jsonl")
    client = create_app(
        {"TESTING": True, "INDEX": str(index), "GAZETTEERS": (str(gazetteer),)}
    ).test_client()
    html = page(client, q="قصف", lang="en")
    earlier = re.search(r'<a href="([^"]+)" class="earlier" aria-label="([^"]+)">', html)
    assert earlier and earlier.group(2) == "Until November 2017: 1 articles"
    assert earlier.group(1).endswith("to=2017-11-30")
    assert "May 2012" not in html and '<span class="long">Earlier</span>' in html
    assert len(re.findall(r'class="month" aria-label=', html)) == 9
    assert len(DOCS) == 7  # the shared fixture is untouched


def test_pages_link_their_json_twins(client):
    html = page(client, q=IDLIB, faction="isis")
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html).group(
        1
    )
    body = client.get(twin.replace("&amp;", "&")).get_json()
    assert body["query"] == IDLIB and body["total"] == int(
        re.search(r'class="total"><strong>(\d+)', html).group(1)
    )
    assert 'type="application/atom+xml"' in html
    article = client.get("/articles/003_3aa9d2893f9c7816", query_string={"q": "داعش"}).get_data(
        as_text=True
    )
    twin = re.search(
        r'<link rel="alternate" type="application/json" href="([^"]+)">', article
    ).group(1)
    assert client.get(twin.replace("&amp;", "&")).get_json()["id"] == "003_3aa9d2893f9c7816"


# --- headings, titles, landmarks ----------------------------------------------------------


def one_h1(html):
    found = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert len(found) == 1, found
    return re.sub(r"<[^>]+>", "", found[0]).strip()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_every_page_has_one_h1(client):
    assert one_h1(page(client)) == "كل المقالات"
    assert one_h1(page(client, q=IDLIB)) == f"نتائج البحث عن {IDLIB}"
    assert one_h1(page(client, q="xyzzyqq", lang="en")) == "Results for xyzzyqq"
    article = client.get("/articles/003_3aa9d2893f9c7816").get_data(as_text=True)
    assert one_h1(article).startswith("مصادر: قوات الأسد تفتح ممرا")
    for url in ("/?page=0&lang=ar", "/articles/nope?lang=ar"):
        assert one_h1(client.get(url).get_data(as_text=True)).startswith("حدث خطأ")


def test_titles_name_the_page_once(client):
    assert title_of(page(client)) == "خبر — ابحث في أرشيف الأخبار"
    assert title_of(page(client, lang="en")) == "Khabar — Search the news archive"
    assert title_of(page(client, q=IDLIB)) == f"{IDLIB} — 5 results · Khabar"
    assert (
        title_of(client.get("/?page=0").get_data(as_text=True))
        == "Something went wrong (400) · Khabar"
    )
    for html in (page(client), page(client, q=IDLIB)):
        assert "Khabar · Khabar" not in title_of(html)


def test_skip_links_lead_to_the_results_and_the_filters(client):
    html = page(client, q=IDLIB)
    skips = re.findall(r'<a class="skip" href="#([a-z]+)">', html)
    assert skips == ["results", "filters"]
    for target in skips:
        assert re.search(rf'id="{target}" tabindex="-1"', html)


def test_results_come_before_the_filters_in_tab_order(client):
    """The first result is a few Tabs away: the filters follow the results in the document
    (the style sheet still shows them at the start side)."""
    html = page(client, q=IDLIB)
    first_hit = html.index('<li class="hit">')
    assert first_hit < html.index('id="filters"') and first_hit < html.index('type="checkbox"')
    before = html[html.index("<main") : first_hit]
    stops = re.findall(r"<(?:a|input|button|select|summary)\b(?![^>]*type=\"hidden\")", before)
    assert len(stops) <= 12 + len(
        re.findall(r'<a href="[^"]+" class="(?:month|earlier|later)"', before)
    )


def test_help_lists_the_whole_syntax(client):
    for lang in ("ar", "en"):
        html = page(client, lang=lang)
        help_box = html[html.index('<details class="help">') : html.index("</details>")]
        for example in ("=قصف", "title:هدنة", "faction:isis", "date:2017-03", "مفاوض*", " OR "):
            assert example in help_box, (lang, example)


# --- highlighted titles, snippets, bidi ---------------------------------------------------


def test_titles_are_highlighted(fixture_client):
    html = page(fixture_client, q="هدنة")
    titles = re.findall(r"<h3 dir=\"auto\"><a [^>]*>(.*?)</a></h3>", html)
    assert "اتفاق <mark>هدنة</mark>" in titles and "خرق <mark>الهدنة</mark>" in titles


def test_snippets_do_not_end_in_a_stop_and_an_ellipsis(client):
    for q in (IDLIB, "قوات", "المعارضة"):
        for snippet in re.findall(r'<p class="snippet" dir="auto">(.*?)</p>', page(client, q=q)):
            assert not re.search(r"[.!?؟،,؛]…$", snippet), snippet


def test_names_in_mixed_lists_are_isolated_with_their_language(client):
    html = page(client, q=IDLIB, faction="isis", lang="en")
    names = re.findall(r'<(\w+) class="(ar|en)"( lang="\w+" dir="\w+")?>', html)
    assert names and all(
        tag == "bdi"
        and attrs == (' lang="ar" dir="rtl"' if kind == "ar" else ' lang="en" dir="ltr"')
        for tag, kind, attrs in names
    )
    expansions = re.search(r'<p class="notice expansions">(.*?)</p>', html, re.S).group(1)
    assert re.search(  # three places named إدلب, told apart by their labels
        r'<span class="expansion"><bdi class="ar" lang="ar" dir="rtl">محافظة إدلب</bdi> '
        r'<bdi class="en" lang="en" dir="ltr">Idlib Governorate</bdi></span>, '
        r'<span class="expansion"><bdi class="ar" lang="ar" dir="rtl">منطقة إدلب</bdi> ',
        expansions,
    )
    chip = re.search(r'<a class="chip removable faction"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert chip.startswith('<bdi class="ar" lang="ar" dir="rtl">')


# --- filters: dates, sort, facet lists from the server -------------------------------------


def test_a_partial_date_is_kept_in_the_filter_form(fixture_client):
    html = page(fixture_client, q="قصف", **{"from": "2017", "to": "2017-02"})
    form = html[html.index('<form class="facets"') :]
    form = form[: form.index("</form>")]
    assert re.search(r'<input type="text" name="from" value="2017"', form)
    assert re.search(r'<input type="text" name="to" value="2017-02"', form)
    assert 'type="hidden" name="from"' not in form  # not also a hidden field of this form


def test_sort_is_two_links(fixture_client):
    html = page(fixture_client, q="قصف")
    assert re.search(
        r'<strong aria-current="true">الأكثر صلة</strong> · <a href="\?q=[^"]+&amp;sort=date">الأحدث</a>',
        html,
    )
    html = page(fixture_client, q="قصف", sort="date")
    assert re.search(
        r'<a href="\?q=[^"&]+">الأكثر صلة</a> · <strong aria-current="true">الأحدث</strong>', html
    )


def test_facet_lists_name_their_api_and_say_their_texts(client):
    html = page(client, q=IDLIB)
    for facet in ("faction", "place", "source"):
        fieldset = re.search(rf'<fieldset class="facet" data-facet="{facet}"([^>]*)>', html).group(
            1
        )
        assert f'data-api="/api/facets/{facet}"' in fieldset
        assert 'data-no-match="لا توجد قيمة تطابق «{text}»."' in fieldset
        assert f'data-entity-base="/entities/{facet}/"' in fieldset
        assert 'data-entity-label="صفحة {name}"' in fieldset


# --- links to entity pages, the map ------------------------------------------------------


def value_links(html):
    """(facet, checkbox value, entity link) of each facet value: the link beside the box."""
    return re.findall(
        r'<li class="fv[^"]*">\s*<label>\s*<input type="checkbox" name="(\w+)" value="([^"]+)"'
        r'.*?</label>\s*<a class="entity-link" href="([^"]+)"',
        html,
        re.S,
    )


def test_every_facet_value_links_to_its_entity_page(client):
    html = page(client, q=IDLIB, faction="isis")
    found = value_links(html)
    boxes = re.findall(r'<input type="checkbox" name="(\w+)" value="([^"]+)"', html)
    assert [(f, v) for f, v, _ in found] == boxes and len(boxes) == 28
    assert [link for _, _, link in found] == [f"/entities/{f}/{v}" for f, v in boxes]
    label = re.search(r'href="/entities/faction/isis" aria-label="([^"]+)"', html).group(1)
    assert label == "صفحة تنظيم الدولة الإسلامية (Islamic State)"
    more = page(client, q=IDLIB, more="place")  # Raqqa's and Homs's places, not themselves
    heads = re.findall(r'<li class="gov">.*?<a class="entity-link" href="([^"]+)"', more)
    assert heads == ["/entities/place/raqqa-governorate", "/entities/place/homs-governorate"]


def test_every_chip_links_to_its_entity_page(client):
    html = page(client, q=IDLIB, faction="isis", place="idlib-governorate")
    pairs = re.findall(
        r'<a class="chip (faction|place)" data-id="([^"]+)"[^>]*>.*?</a>'
        r'<a class="entity-link" href="([^"]+)"',
        html,
    )
    # the first chips of each of the two results (in either order: their scores are close)
    assert sorted((f, i) for f, i, _ in pairs) == sorted(
        [
            *(("faction", i) for i in ("syrian-government-forces", "isis", "hezbollah")),
            ("faction", "jaish-idlib-al-hurr"),
            *(
                ("place", i)
                for i in ("idlib-governorate", "aleppo-governorate", "hama-governorate")
            ),
            ("place", "sa-3952"),  # Lweibdeh
            *(("faction", i) for i in ("jaysh-al-fatah", "ahrar-al-sham", "suqour-al-jabal")),
            ("faction", "jund-al-aqsa"),
            *(("place", i) for i in ("sa-4295", "sa-4117", "sa-4099", "idlib-governorate")),
        ]
    )
    assert all(link == f"/entities/{f}/{i}" for f, i, link in pairs)
    active = re.findall(
        r'<a class="chip removable (\w+)"[^>]*>.*?</a>(?:<a class="entity-link" href="([^"]+)")?',
        html,
    )
    assert active == [
        ("faction", "/entities/faction/isis"),
        ("place", "/entities/place/idlib-governorate"),
    ]
    dated = page(client, q=IDLIB, **{"from": "2018"})
    assert re.findall(
        r'<a class="chip removable (\w+)"[^>]*>.*?</a>(<a class="entity-link)?', dated
    ) == [("from", "")]


def map_points(html):
    return [
        (i, h.replace("&amp;", "&"), label)
        for h, cls, i, label in re.findall(
            r'<a href="([^"]*)" class="point([^"]*)" data-id="([^"]+)" aria-label="([^"]+)"', html
        )
    ]


def test_the_results_map_has_a_circle_per_place_that_filters(client):
    html = page(client, q=IDLIB)
    points = map_points(html)
    assert [(i, label) for i, _, label in points[:4]] == [
        ("idlib-governorate", "محافظة إدلب (Idlib Governorate): 5 مقالة"),
        ("aleppo-governorate", "محافظة حلب (Aleppo Governorate): 4 مقالة"),
        ("sa-4295", "مدينة إدلب (Idlib city): 3 مقالة"),
        ("hama-governorate", "محافظة حماة (Hama Governorate): 2 مقالة"),
    ]
    assert len(points) == 32  # every place of the five articles with coordinates
    assert all(h == f"?q=%D8%A5%D8%AF%D9%84%D8%A8&place={i}" for i, h, _ in points)
    assert (
        "aria-current"
        not in html[html.index('class="syria-map"') : html.index("</svg>", html.index("syria-map"))]
    )


def test_a_chosen_place_is_marked_and_its_circle_removes_it(client):
    html = page(client, q=IDLIB, place="sa-4295")
    points = {i: (h, label) for i, h, label in map_points(html)}
    assert points["sa-4295"] == (
        "?q=%D8%A5%D8%AF%D9%84%D8%A8",
        "مدينة إدلب (Idlib city): 3 مقالة — مختار",
    )
    assert points["kx-1"][0] == "?q=%D8%A5%D8%AF%D9%84%D8%A8&place=sa-4295&place=kx-1"
    assert len(points) == 32  # the place facet's own filter does not narrow its map
    assert re.search(r'class="point selected" data-id="sa-4295"[^>]* aria-current="true"', html)


def test_no_map_without_places(client):
    assert 'class="syria-map"' not in page(client, q="xyzzyqq")
