"""Each query feature, on the fixture corpus."""

import pytest

from indexer.errors import QueryError
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService
from searchapp.search.settings import SearchSettings
from tests.search.search_fixture import ids


def found(service, q, **options):
    return sorted(ids(service.search(SearchRequest(q=q, per_page=100, **options))))


@pytest.mark.parametrize(
    "q, expected",
    [
        ("قصف الطيران", ["d1", "d2"]),  # AND by default, clitics stemmed
        ("هدنة OR عنيف", ["d3", "d4", "d5", "d6"]),
        ("هدنة أو عنيف", ["d3", "d4", "d5", "d6"]),
        ("قصف -هدنة", ["d1", "d2", "d3", "d4", "d7"]),
        ("قصف NOT هدنة", ["d1", "d2", "d3", "d4", "d7"]),
        ('"قصف الطيران"', ["d1"]),  # phrase on the exact field
        ("هدن*", ["d5", "d6"]),
        ("(هدنة OR عنيف) قصف", ["d3", "d4", "d6"]),
        ("title:هدنة", ["d5", "d6"]),
        ("faction:t-fc", ["d4"]),
        ("faction:جماعة_ألف قصف", ["d1", "d2", "d7"]),
        ("place:t-p3", ["d3", "d5"]),
        ("source:t-s2 هدنة", ["d6"]),
        ("date:2017-01", ["d1", "d2"]),
        ("date:[2017-02 TO 2017-03]", ["d3", "d4", "d5"]),
        ("=قصف", ["d1", "d2", "d4", "d6", "d7"]),  # exact: not والقصف / القصف
    ],
)
def test_query_syntax(service, q, expected):
    assert found(service, q) == expected


def test_exact_mode_parameter_matches_unstemmed_only(service):
    assert found(service, "قصف", exact=True) == ["d1", "d2", "d4", "d6", "d7"]
    assert found(service, "قصف") == ["d1", "d2", "d3", "d4", "d6", "d7"]


def test_relaxed_any_word_fallback_is_flagged(service):
    result = service.search(SearchRequest(q="هدنة كلمةغيرموجودة"))
    assert result.relaxed is True
    assert sorted(ids(result)) == ["d5", "d6"]
    assert result.dropped == ["كلمةغيرموجودة"]  # the notice names the word it dropped
    assert service.search(SearchRequest(q="هدنة")).relaxed is False
    assert service.search(SearchRequest(q="هدنة")).dropped == []


def test_relaxed_names_each_word_when_none_alone_is_to_blame(service):
    result = service.search(SearchRequest(q="السوق المدفعي"))  # never in one article
    assert result.relaxed is True and sorted(ids(result)) == ["d2", "d3"]
    assert result.dropped == ["السوق", "المدفعي"]


def test_an_english_name_also_finds_the_arabic_names_in_the_text(tmp_path):
    from tests.search.search_fixture import build_fixture_index, write_gazetteer

    docs = [
        ("e1", "خبر", "وصلت المساعدات إلى البلدة الثالثة صباحا.", "2017-01-05", "", "", ""),
        ("e2", "خبر", "لا شيء هنا.", "2017-01-06", "", "t-p3", ""),
        ("e3", "خبر", "المحافظة الثانية بلا أخبار.", "2017-01-07", "", "", ""),
    ]
    index_dir = build_fixture_index(tmp_path / "index", docs)
    english = SearchService.open(index_dir, (str(write_gazetteer(tmp_path / "g.jsonl")),))
    found = english.search(SearchRequest(q="Town Three"))
    assert sorted(ids(found)) == ["e1", "e2"]  # the Arabic name in the text, and the tag
    assert [e["id"] for e in found.expansions] == ["t-p3"]
    assert sorted(ids(english.search(SearchRequest(q="البلدة الثالثة")))) == ["e1", "e2"]
    english.close()


def test_entity_names_expand_to_tagged_articles(service):
    result = service.search(SearchRequest(q="جماعة ألف", per_page=100))
    assert sorted(ids(result)) == ["d1", "d2", "d5", "d7"]
    assert result.expansions == [
        {
            "text": "جماعة ألف",
            "facet": "faction",
            "id": "t-fa",
            "ar": "الفصيل الأول",
            "en": "Faction A",
            "label_ar": "الفصيل الأول",
            "label_en": "Faction A",
        }
    ]
    english = service.search(SearchRequest(q="Town Three", per_page=100))
    assert sorted(ids(english)) == ["d3", "d5"]
    assert [e["id"] for e in english.expansions] == ["t-p3"]


def test_did_you_mean_from_the_vocabulary(service):
    result = service.search(SearchRequest(q="إدلبب"))
    assert result.total == 0
    assert result.suggestion == "إدلب"
    assert service.search(SearchRequest(q="هدنة")).suggestion is None


@pytest.mark.parametrize(
    "q, code",
    [
        ("ه*", "short_prefix"),
        ("*دنة", "bad_wildcard"),
        ("قصف (هدنة", "bad_query"),
        ('"قصف الطيران', "bad_query"),
        ("faction:nobody", "unknown_value"),
        ("date:2017-1x", "bad_date"),
        ("قصف " * 70, "too_many_terms"),
        ("ق" * 501, "query_too_long"),
    ],
)
def test_bad_queries_raise_query_error(service, q, code):
    with pytest.raises(QueryError) as caught:
        service.search(SearchRequest(q=q))
    assert caught.value.code == code


def test_prefix_expansion_is_capped(fixture_paths):
    index_dir, gazetteer = fixture_paths
    capped = SearchService.open(index_dir, (str(gazetteer),), SearchSettings(prefix_terms=1))
    with capped.backend.snapshot() as snapshot:
        parsed = capped.parse("هدن*", snapshot)
    assert {t for f, t in parsed.query.iter_all_terms() if f == "text"} == {"هدنه"}
    assert capped.search(SearchRequest(q="هدن*")).total == 2  # هدنة, not هدنات
    capped.close()
