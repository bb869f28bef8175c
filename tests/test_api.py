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
        assert set(hit["facets"]) == {"faction", "place", "source"}
    assert set(body["facets"]) == {"faction", "place", "source"}
    for values in body["facets"].values():
        for value in values:
            assert FACET_VALUE_KEYS <= set(value)


def test_facet_filter_narrows_and_marks_selected(client):
    everything = client.get("/api/search", query_string={"q": "إدلب"}).get_json()
    place = next(v for v in everything["facets"]["place"] if v["ar"] == "حماة")
    narrowed = client.get("/api/search", query_string={"q": "إدلب", "place": place["id"]}).get_json()
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
    for params in ({"q": "x", "page": "abc"}, {"q": "x", "page": "0"}, {"q": "x", "per_page": "5000"}):
        response = client.get("/api/search", query_string=params)
        assert response.status_code == 400
        assert set(response.get_json()["error"]) == {"code", "message"}


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
