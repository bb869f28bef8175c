"""Verb inflections read by rule around the lexicon's verb stems (indexer/arabic/verbs.py)."""

import pytest

from indexer.arabic.lexicon import load_lexicon
from indexer.arabic.normalize import normalize
from indexer.arabic.stemmer import stem
from indexer.arabic.verbs import verb_readings


def lemma(word):
    return stem(normalize(word))


@pytest.mark.parametrize(
    "form,lemma_of_form",
    [
        ("يجدون", "وجد"),  # assimilated: و drops in the imperfect
        ("سنقيم", "أقام"),  # future + hollow form IV (يقيم is أقام's; قام's is يقوم)
        ("يعيد", "أعاد"),  # hollow form IV, not عاد (يعود)
        ("جرت", "جرى"),  # defective past, not جرّ: the past forms tie, the imperfects decide
        ("ردت", "رد"),  # geminate past, not ردى: يرد
        ("يقولون", "قال"),  # hollow form I
        ("أردت", "أراد"),  # hollow past stem (form IV)
        ("استفدنا", "استفاد"),  # hollow past stem (form X)
        ("دعوت", "دعا"),  # defective past stem
        ("يؤكد", "أكد"),  # ؤ of a hamza-initial verb
        ("أسقطتموها", "أسقط"),  # past + تمو + object pronoun
        ("ليحاكموا", "حاكم"),  # ل + imperfect + وا
        ("تستفيد", "استفاد"),  # hollow form X
    ],
)
def test_inflected_forms_reach_their_lemma(form, lemma_of_form):
    assert lemma(form) == normalize(lemma_of_form)


def test_readings_cost_more_than_a_listed_word():
    lex = load_lexicon()
    readings = {lemma: cost for cost, lemma in verb_readings("يجدون", lex)}
    assert readings["وجد"] > 0.5


def test_a_noun_reading_of_the_same_letters_wins():
    assert lemma("رغبتها") == lemma("رغبة")  # noun + pronoun, not رغب + ت + ها
    assert lemma("تماما") == lemma("تمام")  # tanween, not ت + مأمأ


def test_no_verb_after_the_article():
    assert lemma("للقاء") == lemma("لقاء")  # not لل + قاء (a verb)
    assert lemma("الألعاب") == lemma("لعب")
