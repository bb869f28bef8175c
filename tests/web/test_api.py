"""The JSON API contract."""

HIT_KEYS = {"id", "title", "date", "source", "url", "score", "snippet", "facets"}
FACET_VALUE_KEYS = {"id", "ar", "en", "count", "selected"}


def test_search_shape(client):
    body = client.get("/api/search", query_string={"q": "إدلب"}).get_json()
    assert {"query", "total", "page", "per_page", "took_ms", "hits", "facets"} <= set(body)
    assert body["query"] == "إدلب" and body["total"] == 5 and body["page"] == 1
    for hit in body["hits"]:
        assert HIT_KEYS <= set(hit)
        assert "<mark>" in hit["snippet"]
        assert set(hit["facets"]) == {"faction", "place", "source", "publisher"}
    assert set(body["facets"]) == {"faction", "place", "source", "publisher"}
    for values in body["facets"].values():
        for value in values:
            assert FACET_VALUE_KEYS <= set(value)


def test_facet_filter_narrows_and_marks_selected(client):
    everything = client.get("/api/search", query_string={"q": "إدلب"}).get_json()
    place = next(v for v in everything["facets"]["place"] if v["ar"] == "حماة")
    narrowed = client.get(
        "/api/search", query_string={"q": "إدلب", "place": place["id"]}
    ).get_json()
    assert narrowed["total"] == place["count"] < everything["total"]
    selected = [v for v in narrowed["facets"]["place"] if v["selected"]]
    assert [v["id"] for v in selected] == [place["id"]]


def test_article_and_unknown_article(client):
    ok = client.get("/api/articles/003_3aa9d2893f9c7816")
    assert ok.status_code == 200
    assert ok.get_json()["facets"]["faction"]
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_bad_page_is_400_with_error_shape(client):
    for params in (
        {"q": "x", "page": "abc"},
        {"q": "x", "page": "0"},
        {"q": "x", "per_page": "5000"},
    ):
        response = client.get("/api/search", query_string=params)
        assert response.status_code == 400
        assert set(response.get_json()["error"]) == {"code", "message"}


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


# --- search options, exports and errors on the fixture corpus ---------------------------
import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
from xml.etree import ElementTree as ET  # noqa: E402

import pytest  # noqa: E402


def test_search_body_has_the_new_keys(fixture_client):
    body = fixture_client.get(
        "/api/search", query_string={"q": "جماعة ألف", "sort": "date"}
    ).get_json()
    assert {"relaxed", "expansions", "suggestion", "histogram", "partial", "more"} <= set(body)
    assert [h["id"] for h in body["hits"]] == ["d5", "d2", "d1", "d7"]
    assert body["expansions"][0]["id"] == "t-fa"
    assert all(1 <= len(h["snippets"]) <= 3 for h in body["hits"])


def test_every_parameter_is_taken(fixture_client):
    body = fixture_client.get(
        "/api/search",
        query_string=[
            ("q", "قصف"),
            ("faction", "t-fa"),
            ("faction", "t-fb"),
            ("governorate", "t-g1"),
            ("from", "2017"),
            ("to", "2017-01-31"),
            ("sort", "date"),
            ("page", "1"),
            ("per_page", "1"),
            ("exact", "0"),
        ],
    ).get_json()
    assert body["total"] == 2 and [h["id"] for h in body["hits"]] == ["d2"]
    page2 = fixture_client.get(
        "/api/search", query_string={"q": "قصف", "page": 2, "per_page": 4}
    ).get_json()
    assert page2["page"] == 2 and len(page2["hits"]) == 2


@pytest.mark.parametrize(
    "params, code",
    [
        ({"faction": "nobody"}, "unknown_value"),
        ({"governorate": "t-p1x"}, "unknown_value"),
        ({"page": "0"}, "bad_page"),
        ({"per_page": "5000"}, "bad_per_page"),
        ({"page": "101", "per_page": "100"}, "too_deep"),
        ({"from": "2017-1"}, "bad_date"),
        ({"to": "yesterday"}, "bad_date"),
        ({"sort": "random"}, "bad_sort"),
        ({"exact": "maybe"}, "bad_flag"),
        ({"q": "قصف (هدنة"}, "bad_query"),
        ({"q": "ق*"}, "short_prefix"),
        ({"q": "x" * 600}, "query_too_long"),
    ],
)
def test_bad_parameters_are_400_with_a_message(fixture_client, params, code):
    for path in ("/api/search", "/api/search.csv", "/api/search.jsonl"):
        response = fixture_client.get(path, query_string={"q": "قصف", **params})
        assert response.status_code == 400, (path, response.data[:200])
        error = response.get_json()["error"]
        assert error["code"] == code and error["message"]


def test_csv_export_parses_and_guards_formulas(fixture_client):
    response = fixture_client.get("/api/search.csv", query_string={"q": "قصف", "sort": "date"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["id"] for r in rows] == ["d4", "d3", "d2", "d1", "d6", "d7"]
    assert rows[2]["factions"] == "t-fa;t-fb" and rows[2]["url"] == "https://example.org/d2"


def test_jsonl_export_parses(fixture_client):
    response = fixture_client.get("/api/search.jsonl", query_string={"q": "هدنة"})
    rows = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert sorted(r["id"] for r in rows) == ["d5", "d6"]
    assert {"id", "title", "date", "source", "url", "score", "facets"} <= set(rows[0])
    assert set(rows[0]["facets"]) == {
        "faction",
        "place",
        "source",
        "publisher",
    }  # the API's hit shape


def test_atom_feed_parses(fixture_client):
    response = fixture_client.get("/search.atom", query_string={"q": "قصف"})
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries][:2] == ["قصف وتهجير", "معارك عنيفة"]
    assert entries[0].find("a:link", ns).get("href").endswith("/articles/d4")
    assert feed.find("a:updated", ns).text == "2017-03-10T00:00:00Z"


def test_facet_values_endpoint(fixture_client):
    body = fixture_client.get(
        "/api/facets/source", query_string={"prefix": "source", "q": "هدنة"}
    ).get_json()
    assert [(v["id"], v["count"]) for v in body["values"]] == [("t-s1", 1), ("t-s2", 1)]
    assert fixture_client.get("/api/facets/colour").status_code == 400


def test_openapi_lists_every_endpoint(fixture_client):
    paths = fixture_client.get("/api/openapi.json").get_json()["paths"]
    assert {
        "/api/search",
        "/api/search.csv",
        "/api/search.jsonl",
        "/search.atom",
        "/api/facets/{facet}",
        "/api/articles/{article_id}",
    } <= set(paths)
