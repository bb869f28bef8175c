"""The Whoosh backend's array scoring ranks exactly as Whoosh's own BM25F collector does:
the same ids, order, scores and totals, over one segment or several with deletions."""

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh import scoring

from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService, filters_of
from tests.search.search_fixture import GOVERNORATE, build_fixture_index

pytestmark = pytest.mark.whoosh_only  # equal to Whoosh's own collector: Whoosh internals

QUERIES = [
    "قصف",
    "هدنة",
    "قصف الطيران",
    "قصف OR هدنة",
    "قصف -الطيران",
    "قصف NOT هدنة",
    "الفصيل الأول",
    "جماعة ألف قصف",
    "قص*",
    "title:قصف",
    "faction:t-fa",
    "هدن* OR معارك",
    '"قصف الطيران"',
    '"الطيران قصف" OR هدنة',
    "قصف كلمةغيرموجودة",  # relaxed: any word, with Whoosh's coordination bonus
    "هدنة الطيران مجهول",
    "قصف date:2017-01",
    "date:[2017-01 TO 2017-02] OR هدنة",
]
REQUESTS = [SearchRequest(q=q) for q in QUERIES] + [
    SearchRequest(q="قصف", faction=("t-fb",)),
    SearchRequest(q="قصف", per_page=2, page=2),
    SearchRequest(q="قصف", sort="date"),
    SearchRequest(q="قصف", governorate=("t-g1",)),
]


def ours(service, request):
    result = service.search(request)
    return result.total, [(hit.id, hit.score) for hit in result.hits]


def whoosh_collector(service, request):
    """The oracle: Whoosh's BM25F collector over the service's own parse of the request,
    restricted to the articles the request's filters allow."""
    depth = request.page * request.per_page
    with service.backend.snapshot() as snapshot:
        parsed = service.find(snapshot, request, depth).parsed
        base, selections = snapshot.filter_masks(filters_of(request))
    allowed = base
    for mask in selections.values():
        allowed = allowed & mask
    ix = whoosh_index.open_dir(service.backend.index_dir)
    weighting = scoring.BM25F(B=0.9, K1=1.2, title_B=0.5)
    with ix.searcher(weighting=weighting) as searcher:
        hits = searcher.search(
            parsed.query, limit=None, filter=set(np.flatnonzero(allowed).tolist())
        )
        scored = [(hit["id"], round(hit.score, 4)) for hit in hits]
        if request.sort == "date":
            order = sorted(hits, key=lambda h: (h.get("date") or "", -h.docnum), reverse=True)
            scored = [(hit["id"], round(hit.score, 4)) for hit in order]
    return len(scored), scored[depth - request.per_page : depth]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r.q}|{r.page}|{r.sort}")
def test_scores_equal_whoosh(service, request_):
    found = ours(service, request_)
    assert found[1], "every case has hits"
    assert found == whoosh_collector(service, request_)


@pytest.fixture(scope="module")
def segmented(tmp_path_factory, fixture_paths):
    """The fixture index plus a second segment and one updated (deleted + re-added) article."""
    index_dir = build_fixture_index(tmp_path_factory.mktemp("segments") / "index")
    ix = whoosh_index.open_dir(index_dir)
    with ix.writer() as writer:
        writer.merge = False
        for doc_id, text in (("d8", "قصف جديد على البلدة"), ("d1", "قصف مكرر بعد التحديث والهدنة")):
            writer.update_document(
                id=doc_id,
                title="قصف",
                text=text,
                exact=text,
                date="2017-04-01",
                month="2017-04",
                origin="test",
                faction="t-fa",
                place="t-p1",
                source="t-s1",
                governorate=GOVERNORATE["t-p1"],
                path=doc_id,
                hash=doc_id,
            )
    assert len(whoosh_index.open_dir(index_dir).reader().leaf_readers()) == 2
    return SearchService.open(index_dir, (str(fixture_paths[1]),))


@pytest.mark.parametrize("q", ["قصف", "قصف OR هدنة", "قصف -الطيران", "الفصيل الأول", "قصف مجهول"])
def test_scores_equal_whoosh_over_segments_and_deletions(segmented, q):
    request = SearchRequest(q=q)
    found = ours(segmented, request)
    assert [hit for hit, _ in found[1]].count("d1") <= 1
    assert found == whoosh_collector(segmented, request)


def test_columns_merged_from_segments_count_live_articles_only(segmented):
    """Columns are built per segment and merged; the updated d1 counts once, by its new values."""
    from collections import Counter

    with whoosh_index.open_dir(segmented.backend.index_dir).searcher() as searcher:
        stored = list(searcher.documents())
    result = segmented.search(SearchRequest(q="", per_page=1))
    assert result.total == len(stored) == 8
    expected = Counter(m for doc in stored for m in [doc["month"]] if m)
    assert {row["month"]: row["count"] for row in result.histogram} == dict(expected)
    factions = Counter(f for doc in stored for f in doc["faction"].split(",") if f)
    assert {v.id: v.count for v in result.facets["faction"]} == dict(factions)
    newest = segmented.search(SearchRequest(q="", sort="date", per_page=2))
    assert [hit.id for hit in newest.hits] == ["d8", "d1"]  # same date: in the order added
