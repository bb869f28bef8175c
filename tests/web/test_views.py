"""The HTML pages through Flask's test client."""


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


import re  # noqa: E402

IDLIB = "إدلب"


def page(client, **params):
    response = client.get("/", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


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


def test_empty_state_in_arabic_and_english(client):
    html = page(client, q="xyzzyqq")
    assert "لم نجد مقالات تطابق بحثك." in html and "No articles match your search." in html


def test_paging_links(client):
    html = page(client, q=IDLIB, per_page=2)
    assert 'aria-current="page"' in html and 'rel="next"' in html and "page=3" in html
    assert 'rel="prev"' not in html


def test_article_page_has_first_match_anchor_and_back_link(client):
    html = client.get(
        "/articles/003_3aa9d2893f9c7816", query_string={"q": "داعش", "faction": "isis"}
    ).get_data(as_text=True)
    assert html.count('id="first-match"') == 1
    assert 'href="/?q=%D8%AF%D8%A7%D8%B9%D8%B4&amp;faction=isis"' in html


def test_more_lists_every_value_of_a_facet(client):
    short = page(client, q=IDLIB)
    assert 'href="?q=%D8%A5%D8%AF%D9%84%D8%A8&amp;more=place"' in short
    full = page(client, q=IDLIB, more="place")
    assert full.count('name="place"') > short.count('name="place"')
    assert '<details class="more" open>' in full


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
    bar = re.search(r'<a href="([^"]+)" aria-label="شباط 2018: 1 مقالة"><rect class="bar"', html)
    assert bar and bar.group(1).endswith("from=2018-02-01&amp;to=2018-02-28")


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
