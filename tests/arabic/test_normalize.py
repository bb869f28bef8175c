"""Normalization: golden rows, the folds the issue lists, and properties (hypothesis)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.arabic.normalize import TATWEEL, normalize, strip_tashkeel
from tests.arabic.test_stemmer import GOLDEN

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=30)
PRESENTATION = st.text(
    alphabet=st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF), max_size=20
)
MIXED = st.one_of(
    st.text(max_size=40),
    ARABIC,
    PRESENTATION,
    st.lists(st.one_of(ARABIC, PRESENTATION, st.text(max_size=5)), max_size=4).map("".join),
)


@pytest.mark.parametrize("word,normalized", [(r.word, r.normalized) for r in GOLDEN])
def test_golden_normal_form(word, normalized):
    assert normalize(word) == normalized


@pytest.mark.parametrize(
    "text,expected",
    [
        ("أإآٱا", "ااااا"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("مدينة", "مدينه"),  # ta marbuta
        ("مسؤول مسئول", "مسءول مسءول"),  # hamza on waw / ya: one letter, as the stemmer sees it
        ("مَدِينَةٌ", "مدينه"),  # tashkeel
        ("رحمٰن", "رحمن"),  # superscript alef
        ("الحـــرب", "الحرب"),  # tatweel
        ("ﻻ ﻷ ﻵ ﻹ", "لا لا لا لا"),  # lam-alef ligatures
        ("ﺳﻮﺭﻳﺎ", "سوريا"),  # presentation forms
        ("سو\u200cريا\u200f", "سوريا"),  # zero-width non-joiner, RLM
        ("\u202bحلب\u202c", "حلب"),  # bidi embedding
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic digits
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian digits
        ("ISIS Daesh", "isis daesh"),  # Latin lowercased
        ("کردی", "كردي"),  # Persian letter shapes
    ],
)
def test_folds(text, expected):
    assert normalize(text) == expected


def test_strip_tashkeel_keeps_letters():
    assert strip_tashkeel("قَصَفَتْ" + TATWEEL) == "قصفت"


@settings(max_examples=400, deadline=None)
@given(MIXED)
def test_normalize_is_idempotent_and_never_raises(text):
    once = normalize(text)
    assert isinstance(once, str)
    assert normalize(once) == once
