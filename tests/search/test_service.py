"""The service object itself: result shape, time limit, article highlighting, batch ranking."""

from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService
from searchapp.search.settings import SearchSettings
from tests.search.search_fixture import build_fixture_index

RESULT_KEYS = {
    "query",
    "total",
    "page",
    "per_page",
    "took_ms",
    "hits",
    "facets",
    "relaxed",
    "dropped",
    "expansions",
    "suggestion",
    "histogram",
    "more",
    "sort",
    "partial",
    "approximate",
}


def test_result_json_shape(service):
    body = service.search(SearchRequest(q="هدنة")).to_json()
    assert set(body) == RESULT_KEYS
    hit = body["hits"][0]
    assert {
        "id",
        "title",
        "date",
        "source",
        "url",
        "score",
        "snippet",
        "snippets",
        "facets",
    } <= set(hit)
    assert hit["snippet"] == " ".join(hit["snippets"])
    assert body["more"] == {"faction": False, "place": False, "source": False, "publisher": False}


def test_a_search_past_its_time_limit_returns_partial_results(tmp_path):
    """Checking a phrase's positions is the one step whose time grows with the archive: it
    stops at the time limit, and the result says it is partial."""
    ceasefire = "أعلن وقف إطلاق النار في المدينة"
    docs = [(f"c{n}", "خبر", ceasefire, "2017-01-05", "", "", "") for n in range(5)]
    index_dir = build_fixture_index(tmp_path / "index", docs)
    query = SearchRequest(q='"وقف إطلاق النار"')
    in_time = SearchService.open(index_dir)
    assert (in_time.search(query).total, in_time.search(query).partial) == (5, False)
    late = SearchService.open(index_dir, settings=SearchSettings(time_limit=0.0))
    result = late.search(query)
    assert result.partial is True
    assert 1 <= result.total < 5  # what was found before the limit
    assert late.search(SearchRequest(q="وقف")).partial is False  # words need no positions
    in_time.close()
    late.close()


def test_article_highlights_every_match(service):
    article = service.article("d2", "قصف")
    assert article.html.count("<mark>") == 2
    assert "<mark>والقصف</mark>" in article.html and "<mark>قصف</mark>" in article.html
    assert service.article("nope") is None
    assert "<mark>" not in service.article("d2", "قصف (").html  # a bad query highlights nothing


def test_rank_falls_back_to_any_word_for_long_text(service):
    ranked = service.rank("هدنة لا يعرفها أحد على الإطلاق", 10)
    assert [doc for doc, _ in ranked][:2] in (["d5", "d6"], ["d6", "d5"])
    assert service.rank('"((  * : -', 10) == []  # syntax characters only: nothing to rank by
    service.close()


def test_rank_puts_every_word_hits_first_then_any_word(service):
    ranked = [doc for doc, _ in service.rank("قصف الطيران", 10)]
    assert sorted(ranked[:2]) == ["d1", "d2"]
    assert sorted(ranked[2:]) == ["d3", "d4", "d6", "d7"]
    scores = [score for _, score in service.rank("قصف الطيران", 10)]
    assert scores == sorted(scores, reverse=True)
    service.close()
