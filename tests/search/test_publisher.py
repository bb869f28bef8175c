"""Who published an article and whom its text cites are two facets: `publisher` (from the
record's metadata) and `source` (from the text), each a filter, a JSON field, a CSV column
and a CLI option, on both backends (issue 18).

The fixture corpus (search_fixture.py) cites t-s1 in d1, d2, d5, d7 and t-s2 in d3, d4, d6;
it was published by t-s2 (d1, d3, d7), t-s1 (d2, d5) and example.org (d4), an outlet the
gazetteer lacks."""

import csv
import io
import json

import pytest

from indexer.errors import QueryError
from searchapp.cli import cli
from searchapp.search.request import SearchRequest
from tests.search.search_fixture import ids


def counts(result, facet):
    return [(v.id, v.count) for v in result.facets[facet]]


def test_publisher_and_source_are_two_facets(service):
    result = service.search(SearchRequest(per_page=20))
    assert counts(result, "publisher") == [("t-s2", 3), ("t-s1", 2), ("example.org", 1)]
    assert counts(result, "source") == [("t-s1", 4), ("t-s2", 3)]


def test_a_publisher_filter_is_not_a_citation_filter(service):
    published = service.search(SearchRequest(publisher=("t-s1",), per_page=20))
    cited = service.search(SearchRequest(source=("t-s1",), per_page=20))
    assert sorted(ids(published)) == ["d2", "d5"]
    assert sorted(ids(cited)) == ["d1", "d2", "d5", "d7"]
    both = service.search(SearchRequest(source=("t-s1",), publisher=("t-s2",), per_page=20))
    assert sorted(ids(both)) == ["d1", "d7"]  # cites Source One, published by Source Two
    # disjunctive within the facet: the other publishers keep their counts (ties by name)
    assert counts(both, "publisher") == [("t-s1", 2), ("t-s2", 2)]


def test_an_outlet_the_gazetteer_lacks_is_a_value_by_its_domain(service):
    result = service.search(SearchRequest(publisher=("example.org",)))
    assert ids(result) == ["d4"]
    value = next(v for v in result.facets["publisher"] if v.id == "example.org")
    assert (value.ar, value.label_ar, value.kind) == ("example.org", "example.org", "publisher")
    assert ids(service.search(SearchRequest(q="publisher:example.org"))) == ["d4"]


def test_the_query_language_knows_publisher(service):
    by_id = service.search(SearchRequest(q="publisher:t-s1", per_page=20))
    by_name = service.search(SearchRequest(q="publisher:المصدر_الأول", per_page=20))
    assert sorted(ids(by_id)) == sorted(ids(by_name)) == ["d2", "d5"]


def test_each_hit_carries_its_publisher(service):
    hit = service.search(SearchRequest(q="قصف", publisher=("t-s2",), sort="date")).hits[0]
    assert hit.id == "d3"
    assert [e["id"] for e in hit.facets["publisher"]] == ["t-s2"]
    assert [e["id"] for e in hit.facets["source"]] == ["t-s2"]


def test_the_page_shows_the_publisher_by_name_and_lists_both_facets(fixture_client):
    html = fixture_client.get("/", query_string={"q": "غارات"}).get_data(as_text=True)
    assert '<bdi class="source" dir="auto">المصدر الثاني</bdi>' in html  # d1, not "test"
    assert 'data-facet="publisher"' in html and 'data-facet="source"' in html
    english = fixture_client.get("/", query_string={"q": "غارات", "lang": "en"})
    assert '<bdi class="source" dir="auto">Source Two</bdi>' in english.get_data(as_text=True)
    chosen = fixture_client.get("/", query_string={"publisher": "t-s1"}).get_data(as_text=True)
    assert 'class="chip removable publisher"' in chosen


def test_json_and_csv_carry_the_publisher(fixture_client):
    body = fixture_client.get("/api/search", query_string={"publisher": "t-s1"}).get_json()
    assert sorted(h["id"] for h in body["hits"]) == ["d2", "d5"]
    assert [(v["id"], v["count"], v["selected"]) for v in body["facets"]["publisher"]] == [
        ("t-s2", 3, False),
        ("t-s1", 2, True),
        ("example.org", 1, False),
    ]
    response = fixture_client.get("/api/search.csv", query_string={"q": "غارات"})
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["id"], r["publishers"], r["publisher_name"], r["sources"]) for r in rows] == [
        ("d1", "t-s2", "المصدر الثاني (Source Two)", "t-s1")
    ]


def test_the_cli_filters_by_publisher_through_the_whole_pipeline(runner, tmp_path):
    """Records whose metadata names the outlet three ways; `khabar index`, then search."""
    records = [
        {
            "id": "a",
            "title": "غارات على حلب",
            "text": "قصفت الطائرات أحياء مدينة حلب، بحسب ما ذكر المرصد السوري لحقوق الإنسان.",
            "source": "www.alarabiya.net",
        },
        {
            "id": "b",
            "title": "معارك في إدلب",
            "text": "قال مراسل العربية في إدلب إن المعارك تجددت بين قوات النظام والمعارضة.",
            "source": "skynews",
        },
        {
            "id": "c",
            "title": "قصف على حماة",
            "text": "تعرضت بلدات في ريف حماة الشمالي لقصف مدفعي.",
            "url": "https://www.example-news.org/syria/2018/3",
        },
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    index = ["--index", str(tmp_path / "ix")]
    assert runner.invoke(cli, ["index", str(feed), *index]).exit_code == 0

    def found(*options):
        result = runner.invoke(cli, ["search", *index, "--json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    assert [h["id"] for h in found("--publisher", "alarabiya")["hits"]] == ["a"]
    assert [h["id"] for h in found("--source", "alarabiya")["hits"]] == ["b"]  # cites it
    assert [h["id"] for h in found("--publisher", "example-news.org")["hits"]] == ["c"]
    everything = found()["facets"]["publisher"]
    assert sorted(v["id"] for v in everything) == [
        "alarabiya",
        "example-news.org",
        "skynews-arabia",
    ]
    text = runner.invoke(cli, ["search", "حلب", *index]).output
    assert "العربية (Al Arabiya)" in text and "places: " in text


def test_a_publisher_has_its_page(fixture_client):
    body = fixture_client.get("/api/entities/publisher/t-s2").get_json()
    assert body["total"] == 3 and body["entity"]["ar"] == "المصدر الثاني"
    assert [h["id"] for h in body["latest"]] == ["d3", "d1", "d7"]
    page = fixture_client.get("/entities/publisher/example.org")
    assert page.status_code == 200 and "example.org" in page.get_data(as_text=True)
    assert fixture_client.get("/entities/publisher/nobody.example").status_code == 404


def test_a_publisher_neither_the_gazetteer_nor_the_index_knows_is_a_400(service, fixture_client):
    with pytest.raises(QueryError, match="unknown publisher 'nobody.example'"):
        service.search(SearchRequest(publisher=("nobody.example",)))
    response = fixture_client.get("/api/search", query_string={"publisher": "false"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "unknown_value"
