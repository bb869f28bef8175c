"""Query trees compiled to OpenSearch DSL, and the mapping's BM25 against the Whoosh
backend's scoring profiles (no cluster needed)."""

from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    Not,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Term,
    TermRange,
)

from indexer.indexing.documents import FACET_FIELDS
from indexer.opensearch_index import mapping
from indexer.whoosh_index.schema import make_schema
from searchapp.search.opensearch_backend.compile import compile_query
from searchapp.search.whoosh_backend.scoring import FREE_TEXT, INTERACTIVE


def test_words_and_operators():
    tree = And(
        [Term("text", "قصف", boost=1.0), Or([Term("title", "حلب", boost=0.5), Term("text", "حلب")])]
    )
    assert compile_query(tree) == {
        "bool": {
            "must": [
                {"term": {"text_terms": {"value": "قصف", "boost": 1.0}}},
                {
                    "bool": {
                        "should": [
                            {"term": {"title_terms": {"value": "حلب", "boost": 0.5}}},
                            {"term": {"text_terms": {"value": "حلب", "boost": 1.0}}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
            ]
        }
    }


def test_a_not_inside_and_scores_one_as_in_whoosh():
    compiled = compile_query(And([Term("text", "قصف"), Not(Term("text", "هدنه"))]))
    assert compiled["bool"]["must_not"] == [
        {"term": {"text_terms": {"value": "هدنه", "boost": 1.0}}}
    ]
    assert {"constant_score": {"filter": {"match_all": {}}, "boost": 1.0}} in compiled["bool"][
        "must"
    ]


def test_keyword_fields_score_their_boost_and_dates_are_ranges():
    assert compile_query(Term("faction", "isis")) == {
        "constant_score": {"filter": {"term": {"faction": "isis"}}, "boost": 1.0}
    }
    assert compile_query(Prefix("date", "2017-03"))["constant_score"]["filter"] == {
        "prefix": {"date": "2017-03"}
    }
    assert compile_query(TermRange("date", "2017-01", "2017-06\uffff"))["constant_score"][
        "filter"
    ] == {"range": {"date": {"gte": "2017-01", "lte": "2017-06\uffff"}}}


def test_phrases_stand_in_order_and_score_their_words():
    compiled = compile_query(Phrase("exact", ["وقف", "اطلاق", "النار"]))
    assert compiled == {
        "bool": {
            "filter": [{"match_phrase": {"exact_terms": {"query": "وقف اطلاق النار", "slop": 0}}}],
            "must": [{"term": {"exact_terms": w}} for w in ("وقف", "اطلاق", "النار")],
        }
    }


def test_other_nodes():
    assert compile_query(AndNot(Term("text", "a"), Term("text", "b")))["bool"]["must_not"]
    assert compile_query(AndMaybe(Term("text", "a"), Term("text", "b")))["bool"]["should"]
    assert compile_query(Every()) == {"match_all": {}}
    assert compile_query(NullQuery) == {"match_none": {}}
    assert compile_query(Or([])) == {"match_none": {}}


def test_free_text_scores_on_the_free_text_fields():
    tree = Or([Term("exact", "روسيا", boost=2.0), Term("text", "روسي", boost=0.3)])
    fields = [next(iter(c["term"])) for c in compile_query(tree, "free_text")["bool"]["should"]]
    assert fields == ["exact_free", "text_free"]


def test_the_mapping_scores_as_the_whoosh_backend():
    similarity = mapping.index_settings(1, 0)["similarity"]
    assert similarity["interactive"] == {"type": "BM25", "k1": INTERACTIVE.k1, "b": INTERACTIVE.b}
    assert similarity["interactive_title"]["b"] == INTERACTIVE.b_of("title")
    assert similarity["free_text"] == {"type": "BM25", "k1": FREE_TEXT.k1, "b": FREE_TEXT.b}
    assert mapping.TITLE_REPEAT == make_schema()["title"].format.field_boost


def test_the_document_holds_terms_not_copies_in_source():
    doc = {
        "id": "a1",
        "title": "قصف حلب",
        "text": "والقصف مستمر في حلب",
        "exact": "قصف حلب\nوالقصف مستمر في حلب",
        "date": "",
        "month": "",
        "faction": "isis,fsa",
        "place": "",
    }
    source = mapping.source_of(doc, 7, FACET_FIELDS)
    assert source["title_terms"] == "قصف قصف حلب حلب"
    assert source["text_terms"] == "قصف مستمر حلب"
    assert source["exact_terms"] == "قصف حلب والقصف مستمر في حلب"
    assert source["words"] == ["قصف", "حلب", "والقصف", "مستمر", "في"]
    assert source["faction"] == ["isis", "fsa"] and source["place"] == []
    assert "date" not in source and source["seq"] == 7
    assert set(mapping.mappings(FACET_FIELDS)["_source"]["excludes"]) == set(mapping.TERM_FIELDS)
