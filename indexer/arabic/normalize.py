"""Arabic orthographic normalization as pure `str -> str` functions (no Whoosh here).

Used alike by indexing, querying, entity matching and tests, so that every side of the
product folds the same spellings together.
"""

import re
import unicodedata

TATWEEL = "\u0640"
# Tashkeel: fathatan .. sukun, superscript alef, Quranic annotation marks.
TASHKEEL_RE = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
# Zero-width (non-)joiners, bidi marks and embeddings, BOM.
INVISIBLE_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")

FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "ء",
        "ئ": "ء",  # one hamza letter: مسئول = مسؤول, هيئة = هيئه
        "ک": "ك",
        "ی": "ي",
        "ې": "ي",  # Persian/Urdu letter shapes
        TATWEEL: None,
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)


def fold_presentation_forms(text):
    """NFKC only the Arabic presentation blocks: 'ﻻجئين' -> 'لاجئين'."""
    return PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def strip_tashkeel(text):
    """Remove diacritics and tatweel: 'مَدِينَةٌ' -> 'مدينة', 'الحـــرب' -> 'الحرب'."""
    return TASHKEEL_RE.sub("", text).replace(TATWEEL, "")


def normalize(text):
    """Fold a string to its search form: 'إِدْلِبُ' -> 'ادلب', 'حماة' -> 'حماه', '٢٠١٨' -> '2018'."""
    text = fold_presentation_forms(text)
    text = INVISIBLE_RE.sub("", text)
    text = TASHKEEL_RE.sub("", text)
    return text.translate(FOLD).lower()
