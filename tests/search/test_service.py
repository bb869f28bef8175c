"""The service object itself: result shape, time limit, article highlighting, batch ranking."""

import time

from whoosh.collectors import ScoredCollector

from searchapp.search import service as service_module
from searchapp.search.service import SearchRequest

RESULT_KEYS = {
    "query",
    "total",
    "page",
    "per_page",
    "took_ms",
    "hits",
    "facets",
    "relaxed",
    "expansions",
    "suggestion",
    "histogram",
    "more",
    "sort",
    "partial",
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
    assert body["more"] == {"faction": False, "place": False, "source": False}


def test_a_search_past_its_time_limit_returns_partial_results(service, monkeypatch):
    slow_collect = ScoredCollector.collect

    def crawl(self, sub_docnum):
        time.sleep(0.05)
        return slow_collect(self, sub_docnum)

    monkeypatch.setattr(ScoredCollector, "collect", crawl)
    monkeypatch.setattr(service_module, "TIME_LIMIT", 0.01)
    # The limit guards Whoosh's collector, which ranks what scores.py does not (phrases ...).
    monkeypatch.setattr(service_module, "FAST_SCORING", False)
    result = service.search(SearchRequest(q="قصف"))
    assert result.partial is True
    assert result.total == 6 and len(result.hits) < 6  # counted in full, ranked in part


def test_article_highlights_every_match(service):
    article = service.article("d2", "قصف")
    assert article["html"].count("<mark>") == 2
    assert "<mark>والقصف</mark>" in article["html"] and "<mark>قصف</mark>" in article["html"]
    assert service.article("nope") is None
    assert "<mark>" not in service.article("d2", "قصف (")["html"]  # a bad query highlights nothing


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
