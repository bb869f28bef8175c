"""Did you mean: misspellings, real-word slips in context, English names, query syntax kept."""

import pytest

from indexer.entities.gazetteer import load_gazetteer
from indexer.indexing.spelling import SpellingTable
from indexer.whoosh_index.analyzers import analyze, exact_analyzer
from searchapp.search.suggestions import Suggester


class TextVocabulary:
    """The vocabulary protocol over a list of texts (what a backend answers from its index)."""

    def __init__(self, texts):
        self.docs = [set(analyze(text, exact_analyzer())) for text in texts]

    def count(self, word):
        return sum(word in doc for doc in self.docs)

    def count_all(self, words):
        return sum(all(w in doc for w in words) for doc in self.docs)

    def spelling(self):
        words = sorted(set().union(*self.docs))
        return SpellingTable.build(words, [self.count(w) for w in words])


# 40 articles about the regime's forces, one with the slip النضام; 40 on other things.
TEXTS = (
    ["قوات النظام تقصف ريف إدلب"] * 39
    + ["قوات النضام تتقدم"]
    + ["مفاوضات جنيف حول الدولة"] * 30
    + ["مجزرة الحولة"] * 2
    + ["مجزرة الدولة"] * 40
    + ["الضاهرة تتكرر"]
    + ["الظاهرة تتكرر"] * 150
)


@pytest.fixture(scope="module")
def suggester():
    return Suggester(load_gazetteer())


@pytest.fixture(scope="module")
def vocabulary():
    return TextVocabulary(TEXTS)


def suggest(suggester, vocabulary, text):
    from searchapp.search.query import is_plain, lex

    return suggester.suggest(text, [x for x in lex(text) if is_plain(x)], vocabulary, len(TEXTS))


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("إدلبب", "إدلب"),  # unknown word; the gazetteer's spelling, hamza kept
        ("مفاوضاتت جنيف", "مفاوضات جنيف"),
        ("قوات النضام", "قوات النظام"),  # a real word, but a slip where قوات is
        ("Alepo", "Aleppo"),  # English: the gazetteer's names
        ("Idlb", "Idlib"),
        ("Deir ez Zorr", "Deir ez-Zor"),  # a three-word name misspelt as a whole
    ],
)
def test_corrections(suggester, vocabulary, typed, expected):
    assert suggest(suggester, vocabulary, typed) == expected


@pytest.mark.parametrize(
    "query",
    [
        "قوات النظام",
        "إدلب",
        "Aleppo",
        "Idlib",
        "مجزرة الحولة",  # a town rarer than الدولة, one edit away: a name, never a slip
        "مفاوضات",
    ],
)
def test_right_words_get_no_suggestion(suggester, vocabulary, query):
    assert suggest(suggester, vocabulary, query) is None


def test_a_lone_slip_needs_a_confusable_letter_and_a_large_ratio(suggester, vocabulary):
    assert suggest(suggester, vocabulary, "الضاهرة") == "الظاهرة"  # 1 article against 150
    assert suggest(suggester, vocabulary, "النضام") is None  # 1 against 39: a slip only beside قوات


def test_query_syntax_and_other_words_are_kept(suggester, vocabulary):
    assert (
        suggest(suggester, vocabulary, '"قوات النظام" OR إدلبب -جنيف')
        == '"قوات النظام" OR إدلب -جنيف'
    )
    assert suggest(suggester, vocabulary, "(مفاوضاتت OR حلب)") == "(مفاوضات OR حلب)"


def test_a_correction_keeps_the_users_letters(suggester):
    vocabulary = TextVocabulary(["اللاجئين في المخيمات"] * 5)
    assert suggest(suggester, vocabulary, "اللاجئيين") == "اللاجئين"  # not the index's اللاجءين


def test_punctuation_around_a_word_does_not_make_it_unknown(suggester, vocabulary):
    assert suggest(suggester, vocabulary, "النظام؟") is None
    assert suggest(suggester, vocabulary, "مفاوضاتت،") == "مفاوضات"


def test_no_table_means_no_suggestion(suggester):
    class Empty(TextVocabulary):
        def spelling(self):
            return None

    assert suggest(suggester, Empty(["حلب"]), "حلبب") is None
