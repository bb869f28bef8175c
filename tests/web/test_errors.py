"""Errors that help: a message for every code in the page's language (HTML and JSON), the
stable code beside it, and the search box with the query kept on the error page."""

import re
from html import unescape

import pytest

from searchapp.web.app import create_app
from searchapp.web.error_messages import MESSAGES, VALUE_MESSAGES, error_message, quoted_value
from tests.paths import ROOT

IDLIB = "إدلب"
ARABIC = re.compile(r"[\u0600-\u06FF]")
RAISED_CODE_RE = re.compile(r"QueryError\((?:[^()]|\([^()]*\))*?\"([a-z_]+)\"\s*,?\s*\)", re.S)


def plain(text):
    """The text without its bidi isolates (U+2066-U+2069)."""
    return re.sub("[\u2066-\u2069]", "", text)


def raised_codes():
    """Every code a QueryError is raised with anywhere in the application's source."""
    codes = set()
    for path in (ROOT / "searchapp").rglob("*.py"):
        codes.update(RAISED_CODE_RE.findall(path.read_text("utf-8")))
    return codes


def test_every_code_raised_has_arabic_and_english_text():
    codes = raised_codes()
    assert {"bad_date", "short_prefix", "bad_page", "unknown_value", "bad_number"} <= codes
    http = {"not_found", "method_not_allowed", "request_entity_too_large", "bad_request"}
    missing = sorted((codes | http | {"no_index", "internal_error"}) - set(MESSAGES))
    assert missing == []
    for code, (ar, en) in {**MESSAGES, **VALUE_MESSAGES}.items():
        assert ARABIC.search(ar), code
        assert en and en != ar, code


def test_the_value_at_fault_is_named():
    detail = "'from' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not '2017-13'"
    assert quoted_value(detail) == "2017-13"
    assert quoted_value('unknown faction "it\'s"') == "it's"
    assert quoted_value("page must be 1 or more") is None
    arabic = error_message("bad_date", "ar", detail=detail)
    assert "«\u20682017-13\u2069»" in arabic  # isolated: not shown as 13-2017
    assert "\u20662017-03-15\u2069" in arabic
    assert "“2017-13”" in plain(error_message("bad_date", "en", detail=detail))
    assert error_message("bad_date", "en") == MESSAGES["bad_date"][1]  # no value: the general text
    assert error_message("teapot", "en", status=418) == (
        "The request could not be completed (418)."
    )


def test_query_syntax_errors_say_which_mark_is_wrong():
    assert "quote" in error_message("bad_query", "en", q='"وقف إطلاق')
    assert "parentheses" in error_message("bad_query", "en", q="(حلب OR إدلب")
    assert error_message("bad_query", "ar", q="حلب") == MESSAGES["bad_query"][0]


def error_page(client, **params):
    response = client.get("/", query_string=params)
    return response, response.get_data(as_text=True)


def lead(html):
    return plain(unescape(re.search(r'<p class="lead" role="alert"[^>]*>([^<]*)<', html).group(1)))


def test_bad_request_page_is_in_the_page_language(client):
    response, html = error_page(client, q=IDLIB, page="0")
    assert response.status_code == 400 and '<html lang="ar" dir="rtl">' in html
    assert lead(html) == "رقم الصفحة يبدأ من 1."
    assert "Page numbers" not in html
    response, html = error_page(client, q=IDLIB, page="0", lang="en")
    assert '<html lang="en" dir="ltr">' in html and lead(html) == "Page numbers start at 1."


def test_error_page_keeps_the_search_box_and_drops_only_the_fault(client):
    response, html = error_page(client, q=IDLIB, faction="isis", page="0", sort="date")
    assert response.status_code == 400
    assert re.search(r'<input id="q" name="q" type="search" value="إدلب"[^>]* autofocus>', html)
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    assert hidden == [("faction", "isis"), ("sort", "date")]  # not page=0
    _, html = error_page(client, q=IDLIB, faction="isis", place="nowhere")
    assert "«nowhere»" in lead(html)
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    assert hidden == [("faction", "isis")]


@pytest.mark.parametrize(
    "params", [{"from": "2017-13"}, {"to": "yesterday"}, {"q": "date:2017-02-30"}]
)
def test_invalid_date_is_a_400_with_a_message_in_html_and_json(client, params):
    value = next(iter(params.values())).removeprefix("date:")
    response, html = error_page(client, **{"q": IDLIB, **params})
    assert response.status_code == 400
    assert lead(html) == f"التاريخ «{value}» غير صالح؛ اكتبه بالشكل 2017 أو 2017-03 أو 2017-03-15."
    assert 'name="from"' not in html and 'name="to"' not in html  # the bad date is not kept
    api = client.get("/api/search", query_string={"q": IDLIB, "lang": "en", **params})
    assert api.status_code == 400
    error = api.get_json()["error"]
    assert error["code"] == "bad_date" and plain(error["message"]) == (
        f"The date “{value}” is not valid; write it as 2017, 2017-03 or 2017-03-15."
    )


def test_json_errors_have_the_code_and_a_message_in_the_page_language(client):
    arabic = client.get("/api/search", query_string={"q": "ق*"}).get_json()["error"]
    assert arabic == {"code": "short_prefix", "message": MESSAGES["short_prefix"][0]}
    client.set_cookie("khabar_lang", "en")
    english = client.get("/api/search", query_string={"q": "ق*"}).get_json()["error"]
    assert english == {"code": "short_prefix", "message": MESSAGES["short_prefix"][1]}
    missing = client.get("/api/articles/nope").get_json()["error"]
    assert missing["code"] == "not_found"
    assert plain(missing["message"]) == "There is no article with the id “nope”."


def test_http_errors_speak_the_page_language(client):
    response = client.post("/api/search")
    assert response.status_code == 405
    assert response.get_json()["error"] == {
        "code": "method_not_allowed",
        "message": MESSAGES["method_not_allowed"][0],
    }
    client.set_cookie("khabar_lang", "en")  # as ?lang=en leaves it
    response = client.get("/articles/nope", query_string={"q": IDLIB})
    html = response.get_data(as_text=True)
    assert response.status_code == 404 and lead(html) == "There is no article with the id “nope”."
    assert re.search(r'<input id="q" name="q" type="search" value="إدلب"', html)
    response = client.get("/no/such/page")
    assert (
        response.status_code == 404
        and lead(response.get_data(as_text=True)) == (MESSAGES["not_found"][1])
    )


def test_no_index_page(tmp_path):
    app = create_app({"TESTING": True, "INDEX": str(tmp_path / "missing")})
    response = app.test_client().get("/", query_string={"q": IDLIB})
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "لم يُبنَ الفهرس بعد" in lead(html)
    body = app.test_client().get("/api/search", query_string={"lang": "en"}).get_json()
    assert body["error"]["code"] == "no_index" and body["error"]["message"].startswith(
        "The index has not been built yet"
    )
