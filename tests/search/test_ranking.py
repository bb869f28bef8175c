"""Free text (claims, topics): a bag of words ranked by Okapi BM25 over the unstemmed
words plus a share of the stems, through the service's one route (SearchService.rank)."""

import math

import pytest
from whoosh import index as whoosh_index
from whoosh.query import Term

from searchapp.search.query import is_free_text
from searchapp.search.service import SearchService
from searchapp.search.settings import SearchSettings
from searchapp.search.whoosh_backend.scoring import FREE_TEXT, top
from tests.search.search_fixture import build_fixture_index, write_gazetteer

CLAIM = "أعلنت الأطراف هدنة شاملة في مدينة حلب يوم الخميس بعد قصف عنيف على الأحياء الشرقية"

# id, title, text, date, factions, places, sources
DOCS = [
    (
        "c1",
        "هدنة في حلب",
        "أعلنت الأطراف هدنة شاملة في مدينة حلب يوم الخميس بعد قصف عنيف.",
        "2017-01-05",
        "",
        "",
        "",
    ),
    ("c2", "أخبار", "الهدنة في حلب صامدة منذ الخميس.", "2017-01-06", "", "", ""),
    ("c3", "قصف", "قصف عنيف على الأحياء الشرقية في مدينة أخرى.", "2017-01-07", "", "", ""),
    ("c4", "رياضة", "فاز الفريق في المباراة يوم الخميس.", "2017-01-08", "", "", ""),
    ("c5", "طقس", "أمطار غزيرة في الساحل.", "2017-01-09", "", "", ""),
]


@pytest.fixture()
def claims_service(tmp_path):
    index_dir = build_fixture_index(tmp_path / "index", DOCS)
    service = SearchService.open(index_dir, (str(write_gazetteer(tmp_path / "gazetteer.jsonl")),))
    yield service
    service.close()


def test_long_text_is_free_text_short_text_is_a_search():
    settings = SearchSettings()
    assert is_free_text(CLAIM, settings)
    assert not is_free_text("قصف حلب", settings)
    assert not is_free_text("في من على إلى عن", settings)
    assert is_free_text("في من على إلى عن مع", settings)  # stop words count as words of the text
    assert not is_free_text('"وقف إطلاق النار" في ريف إدلب الجنوبي اليوم', settings)  # syntax


def test_a_claim_ranks_every_document_sharing_a_word_best_match_first(claims_service):
    ranked = claims_service.rank(CLAIM, 10)
    docs = [doc for doc, _ in ranked]
    assert docs[0] == "c1"  # nearly the claim itself
    assert set(docs) == {"c1", "c2", "c3", "c4"}  # any shared word is enough; c5 shares none
    assert docs.index("c2") < docs.index("c4") and docs.index("c3") < docs.index("c4")
    scores = [score for _, score in ranked]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert claims_service.rank(CLAIM, 2) == ranked[:2]


def test_stop_words_alone_do_not_rank_a_document(claims_service):
    # 'في' and 'يوم' are stop words; c5 shares only 'في' with this text
    ranked = dict(claims_service.rank("في الساحل امطار غزيرة جدا هذا الاسبوع", 10))
    assert "c5" in ranked
    only_stops = claims_service.rank("في من على إلى عن مع", 10)
    assert only_stops == []


def test_word_forms_meet_through_the_stemmed_share(claims_service):
    # 'الهدنات' is not a word of c1/c2's unstemmed text, but stems like 'هدنة'
    ranked = dict(claims_service.rank("الهدنات والقصف العنيف في المدن السورية الكبيرة", 10))
    assert {"c1", "c2", "c3"} <= set(ranked)


def test_bm25_matches_the_formula_for_one_word(claims_service):
    with claims_service.backend.snapshot() as snapshot:
        evaluation = snapshot.evaluation("free_text")
        scores, mask = evaluation.scores(Term("exact", "امطار"))
        lengths = snapshot.view.lengths("exact", snapshot.leaves)
        docnum = int(mask.nonzero()[0][0])
        live = snapshot.view.live
        n, df, tf = int(live.sum()), 1, 1.0
        average = lengths[live].mean()
    k1, b = FREE_TEXT.k1, FREE_TEXT.b
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    norm = k1 * (1 - b + b * lengths[docnum] / average)
    assert scores[docnum] == pytest.approx(idf * tf * (k1 + 1) / (tf + norm))
    assert (scores > 0).sum() == 1


def test_deleted_documents_are_not_ranked(tmp_path):
    index_dir = build_fixture_index(tmp_path / "index", DOCS)
    service = SearchService.open(index_dir, (str(write_gazetteer(tmp_path / "gazetteer.jsonl")),))
    try:
        writer = whoosh_index.open_dir(index_dir).writer()
        writer.delete_by_term("id", "c1")
        writer.commit(merge=False)  # c1 stays in the segment's postings, marked deleted
        assert "c1" not in dict(service.rank(CLAIM, 10))
    finally:
        service.close()


def test_top_documents_breaks_ties_by_document_number():
    import numpy as np

    scores = np.array([0.0, 2.0, 5.0, 2.0, 0.0, 1.0])
    candidates = scores > 0
    assert top(scores, candidates, 3) == [(2, 5.0), (1, 2.0), (3, 2.0)]
    assert top(scores, candidates, 10) == [(2, 5.0), (1, 2.0), (3, 2.0), (5, 1.0)]
    assert top(np.zeros(3), np.zeros(3, dtype=bool), 5) == []
