"""The Whoosh analysis chain: tokenizer offsets, stop words, exact copy, pickling."""

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis.analyzers import CompositeAnalyzer

from indexer.arabic.normalize import normalize
from indexer.arabic.terms import stop_words
from indexer.whoosh_index.analyzers import (
    ArabicStemFilter,
    ArabicTokenizer,
    analyze,
    arabic_analyzer,
    exact_analyzer,
)
from tests.arabic.test_normalize import MIXED
from tests.arabic.test_stemmer import GOLDEN

TASHKEEL = st.sampled_from(["\u064e", "\u064b", "\u0651", "\u0652", "\u0670", "\u0640", "\u200c"])
VOWELLED = st.lists(
    st.one_of(st.sampled_from(list("ابتثجحخدذرسشصعفقكلمنهويةىأإآؤئء ،.")), TASHKEEL), max_size=40
).map("".join)


def tokens(text, analyzer=None):
    analyzer = analyzer or arabic_analyzer()
    return [
        (t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)
    ]


def test_marks_stay_inside_one_token_with_offsets_into_the_original():
    text = "وشنّت الطائرات غاراتٍ، قَصَفَتْ الحـــرب"
    found = [(t.text, t.startchar, t.endchar) for t in ArabicTokenizer()(text, chars=True)]
    assert [w for w, _, _ in found] == ["وشنّت", "الطائرات", "غاراتٍ", "قَصَفَتْ", "الحـــرب"]
    assert all(text[s:e] == w for w, s, e in found)


def test_underscore_and_punctuation_split_words():
    assert analyze("#عاصي_الحلاني،لبنان", exact_analyzer()) == ["عاصي", "الحلاني", "لبنان"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(MIXED, VOWELLED))
def test_token_offsets_slice_the_surface_form(text):
    for t in ArabicTokenizer()(text, chars=True, keeporiginal=True):
        assert text[t.startchar : t.endchar] == t.original
        assert t.original


@settings(max_examples=200, deadline=None)
@given(st.one_of(MIXED, VOWELLED))
def test_analyzed_offsets_point_at_the_word_they_came_from(text):
    for term, _, start, end in tokens(text):
        assert analyze(text[start:end]) == [term]


@pytest.mark.parametrize(
    "row", [r for r in GOLDEN if r.rule != "normalize"][:60], ids=lambda r: r.word
)
def test_chain_gives_the_golden_stem_unless_a_stop_word(row):
    expected = [] if row.normalized in stop_words() else [row.stem]
    assert analyze(row.word) == expected


def test_stop_words_drop_from_the_stemmed_field_but_positions_keep_count():
    found = tokens("قصفت الطائرات في ريف حلب")
    assert [(w, pos) for w, pos, _, _ in found] == [
        ("قصف", 0),
        ("طاءره", 1),
        ("ريف", 3),
        ("حلب", 4),
    ]


def test_stop_words_are_normalized_and_curated():
    stops = stop_words()
    assert {"في", "من", "علي", "الي", "الذي", "ان"} <= stops
    assert len(stops) >= 100
    assert not {"قال", "حلب", "سوريا", "قصف", "اليوم"} & stops


def test_exact_analyzer_keeps_every_word_unstemmed():
    text = "قَصَفَتْ الطائرات في ريف إدلب"
    assert analyze(text, exact_analyzer()) == ["قصفت", "الطاءرات", "في", "ريف", "ادلب"]
    assert [t[1] for t in tokens(text, exact_analyzer())] == [0, 1, 2, 3, 4]


def test_index_and_query_sides_meet():
    doc = "وللقوات ومعارك المدنيين وسيطرت اللبنانية"
    assert analyze(doc) == analyze("القوات معركة مدني سيطر لبنان")


def token_rows(analyzer, text, **kwargs):
    options = dict(positions=True, chars=True, keeporiginal=True, **kwargs)
    return [
        (t.text, t.pos, t.startchar, t.endchar, t.original, t.stopped)
        for t in analyzer(text, **options)
    ]


NEWS_WORDS = st.lists(
    st.sampled_from(["في", "والمعارضة", "حلب", "ـ", "ISIS", "قَصَفَتْ", "إلى", "، ", "لبنان", "_"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(MIXED, VOWELLED, NEWS_WORDS), st.integers(0, 5))
def test_the_one_loop_gives_the_tokens_of_the_chain(text, start):
    chain = CompositeAnalyzer(*arabic_analyzer().items)
    for options in ({}, {"removestops": False}, {"no_morph": True}):
        expected = token_rows(chain, text, start_pos=start, start_char=start, **options)
        got = token_rows(arabic_analyzer(), text, start_pos=start, start_char=start, **options)
        assert got == expected


def test_no_morphology_mode_skips_the_stemmer():
    assert ArabicStemFilter.is_morph
    found = [t.text for t in arabic_analyzer()("المعارضة", no_morph=True)]
    assert found == ["المعارضه"]


@pytest.mark.parametrize("make", [arabic_analyzer, exact_analyzer])
def test_analyzers_pickle_and_still_work(make):
    clone = pickle.loads(pickle.dumps(make()))
    assert [t.text for t in clone("والمعارضة")] == [t.text for t in make()("والمعارضة")]


def test_tokenize_false_keeps_the_value_whole():
    found = [t.text for t in exact_analyzer()("حزب الله", tokenize=False)]
    assert found == [normalize("حزب الله")]
