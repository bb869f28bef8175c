"""Arabic orthographic normalization as pure `str -> str` functions (no Whoosh here).

Used alike by indexing, querying, entity matching and tests, so that every side of the
product folds the same spellings together. The character classes come from pyarabic
(`pyarabic.araby`), compiled into one `str.translate` table: its functions go over the
text once per character class, which this hot path cannot afford, and a few fold
differently from what a search needs (see FOLD).
"""

import re
import unicodedata

from pyarabic import araby

TATWEEL = araby.TATWEEL
# Tashkeel: harakat, shadda, superscript (dagger) alef, small waw and yeh, Quranic marks:
# every non-spacing mark of the Arabic block. pyarabic's `strip_tashkeel` removes only
# the eight harakat and shadda (رحمٰن would keep its dagger alef), so the class is
# its DIACRITICS and SMALL letters.
TASHKEEL = "".join(sorted({*araby.DIACRITICS, *araby.SMALL}))
# Zero-width (non-)joiners, bidi marks and embeddings, BOM: not in pyarabic.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLE += araby.BYTE_ORDER_MARK + "\u061c"
# Presentation forms, ligatures included: NFKC turns them into letters. pyarabic's
# `normalize_ligature` knows only the four isolated lam-alef ligatures (not ﻼ ﻸ nor
# any other presentation form), so NFKC stays.
PRESENTATION_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")


def char_class(chars):
    """A regex character class of `chars`, ranges joined: '[\u064b-\u0652]'."""
    codes, parts = sorted(map(ord, set(chars))), []
    for code in codes:
        if parts and parts[-1][1] == code - 1:
            parts[-1][1] = code
        else:
            parts.append([code, code])
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in parts) + "]"


TASHKEEL_RE = re.compile(char_class(TASHKEEL))
INVISIBLE_RE = re.compile(char_class(INVISIBLE))

# One letter per spelling. Where pyarabic's own folds differ, ours are kept:
# - alef: araby.ALEFAT also holds alef maqsura and the dagger alef, and `normalize_alef`
#   turns ى into ا; ى is written for ي at word ends (مستشفى = مستشفي), so ى -> ي, and the
#   dagger alef goes with the tashkeel;
# - hamza: `normalize_hamza` turns أ and إ into ء (and آ into ءا); writers drop those
#   hamzas far more often than the others, so they fold to ا; only ؤ and ئ become ء
#   (مسئول = مسؤول, هيئة = هيئه).
# - ة -> ه and ى -> ي as pyarabic's `normalize_spellerrors`; Persian and Urdu letter
#   shapes (ک ی ې) are not in pyarabic.
ALEFS = {araby.ALEF_MADDA, araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_WASLA}
FOLD = str.maketrans(
    {
        **dict.fromkeys(ALEFS, araby.ALEF),
        araby.ALEF_MAKSURA: araby.YEH,
        araby.TEH_MARBUTA: araby.HEH,
        araby.WAW_HAMZA: araby.HAMZA,
        araby.YEH_HAMZA: araby.HAMZA,
        "ک": araby.KAF,
        "ی": araby.YEH,
        "ې": araby.YEH,
        **dict(zip(araby.NUMBERS_EAST, araby.NUMBERS_WEST)),
        **dict(zip(araby.NUMBERS_PERS, araby.NUMBERS_WEST)),
        **dict.fromkeys(TASHKEEL + INVISIBLE + TATWEEL),
    }
)
STRIP = str.maketrans(dict.fromkeys(TASHKEEL + TATWEEL))


def fold_presentation_forms(text):
    """NFKC only the Arabic presentation blocks: 'ﻻجئين' -> 'لاجئين'."""
    return PRESENTATION_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def strip_tashkeel(text):
    """Remove diacritics and tatweel: 'مَدِينَةٌ' -> 'مدينة', 'الحـــرب' -> 'الحرب'."""
    return text.translate(STRIP)


def normalize(text):
    """Fold a string to its search form: 'إِدْلِبُ' -> 'ادلب', 'حماة' -> 'حماه', '٢٠١٨' -> '2018'."""
    if PRESENTATION_RE.search(text):
        text = fold_presentation_forms(text)
    return text.translate(FOLD).lower()
