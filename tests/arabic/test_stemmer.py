"""The stemmer: golden word -> stem rows (tests/data/analysis_golden.tsv) and its rules."""

from collections import namedtuple

import pytest

from indexer.arabic import lexicon
from indexer.arabic.normalize import normalize
from indexer.arabic.stemmer import stem
from indexer.errors import DataFileError
from tests.paths import DATA

Row = namedtuple("Row", "word normalized stem rule")
GOLDEN_PATH = DATA / "analysis_golden.tsv"
GOLDEN = [
    Row(*line.split("\t"))
    for line in GOLDEN_PATH.read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]


def lemma(word):
    return stem(normalize(word))


def test_golden_covers_every_rule():
    rules = {r.rule for r in GOLDEN}
    assert len(GOLDEN) >= 150
    assert rules >= {
        "normalize",
        "clitic",
        "keep",
        "suffix",
        "broken",
        "verb",
        "falsefriend",
        "name",
        "unknown",
    }


@pytest.mark.parametrize("row", GOLDEN, ids=[f"{r.rule}:{r.word}" for r in GOLDEN])
def test_golden_stem(row):
    assert stem(row.normalized) == row.stem


@pytest.mark.parametrize(
    "a,b",
    [
        ("حلب", "وحلب"),
        ("المعارضة", "والمعارضة"),
        ("القوات", "وللقوات"),
        ("قوات", "قواتها"),
        ("معركة", "المعركتين"),
        ("طائرة", "طائرات"),
        ("مقاتل", "مقاتلو"),
        ("مدينة", "مدن"),
        ("قرية", "قرى"),
        ("فصيل", "فصائل"),
        ("موقع", "مواقع"),
        ("سيطر", "وسيطرت"),
        ("سيطر", "يسيطر"),
        ("قصفت", "يقصف"),
        ("أعلن", "يعلن"),
        ("لبنان", "للبنان"),
        ("لبنان", "ولبنان"),
        ("لبنان", "اللبنانية"),
        ("سوريا", "سورية"),
        ("سوريا", "السوريين"),
        ("عفرين", "وعفرين"),
        # issue 17
        ("أمن", "والأمن"),
        ("رغبة", "رغبتها"),
        ("إدارة", "إدارتها"),
        ("خلاف", "خلافات"),
        ("كبير", "كبيرة"),
        ("جديد", "الجديدة"),
        ("وجد", "يجد"),
        ("شهد", "يشهد"),
        ("أتاح", "تتيح"),
        ("محكمة", "المحاكم"),
        ("عسكري", "العسكريين"),
        ("العراق", "العراقية"),
    ],
)
def test_forms_of_one_word_meet(a, b):
    assert lemma(a) == lemma(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("المعارضة", "عرض"),
        ("عمليات", "عمل"),
        ("بيان", "بين"),
        ("سياسة", "ساس"),
        ("إعلام", "علم"),
        ("مقاتل", "قتل"),
        ("مدني", "مدينة"),
        ("لبنان", "لبن"),
        ("عمان", "عم"),
        ("إيران", "أير"),
        ("اليونان", "يون"),
        ("بيروت", "بير"),
        ("الرياضية", "الرياض"),
        ("جراء", "جرو"),
        ("كتائب", "كتب"),
        # issue 17: years are not Sunni; a common noun's nisba is not the noun
        ("سنين", "السنية"),
        ("خلافة", "خلاف"),
        ("التاريخية", "التاريخ"),
        ("هجومية", "هجوم"),
        ("عملية", "عملي"),
        ("مجموعة", "مجموع"),
    ],
)
def test_different_words_stay_apart(a, b):
    assert lemma(a) != lemma(b)


@pytest.mark.parametrize("word", ["بلد", "لبنان", "كتاب", "فصيل", "ولاية", "بيان", "فقط"])
def test_one_letter_proclitic_stays_on_real_words(word):
    assert lemma(word) == normalize(word)


def test_short_and_foreign_words_pass_through():
    assert [stem(w) for w in ("في", "2018", "isis", "")] == ["في", "2018", "isis", ""]


def test_a_missing_lexicon_file_is_a_named_error():
    with pytest.raises(DataFileError, match="lexicon file missing"):
        lexicon.read_lines("no-such-file.txt")


def test_lexicon_folds_like_the_text():
    lex = lexicon.load_lexicon()
    assert "لاجء" in lex.nouns and "هيءه" in lex.nouns  # لاجئ, هيئة: hamza folded
    assert lex.plurals["مدن"] == "مدينه"
    assert lex.verb_forms["يقصف"] == "قصف"
    assert {"لبنان", "ايران", "يونان"} <= lex.names
