"""The spelling table: deletes filed and found again, confusable letters, save and load."""

import numpy as np
import pytest

from indexer.indexing.spelling import (
    SpellingTable,
    choose_words,
    distances,
    string_hash,
    word_deletes,
)

WORDS = ["ادلب", "حلب", "النظام", "النضال", "مفاوضات", "الزعيم", "قوات", "اللعب"]
COUNTS = [332, 187, 2089, 36, 503, 90, 2889, 766]


@pytest.fixture(scope="module")
def table():
    return SpellingTable.build(WORDS, COUNTS)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("ادلبب", "ادلب"),  # a letter too many
        ("حلبب", "حلب"),
        ("مفاوضاتت", "مفاوضات"),
        ("مفواضات", "مفاوضات"),  # two neighbours swapped
        ("النضام", "النظام"),  # ض for ظ: half an edit, beats النضال (one edit)
        ("الذعيم", "الزعيم"),  # ذ for ز
        ("قواة", "قوات"),
    ],
)
def test_a_misspelling_finds_its_word_first(table, typed, expected):
    assert table.lookup(typed)[0][0] == expected


def test_lookups_give_counts_and_distances_closest_first(table):
    assert table.lookup("النضام") == [("النظام", 2089, 0.5), ("النضال", 36, 1.0)]
    assert table.lookup("ادلب")[0] == ("ادلب", 332, 0.0)
    assert table.lookup("كلمةبعيدة") == []


def test_short_words_allow_one_edit_long_words_two(table):
    assert table.lookup("حبب") == [("حلب", 187, 1.0)]
    assert table.lookup("حبك") == []  # two edits from حلب: too many for 3 letters
    assert table.lookup("مفاضت")[0][0] == "مفاوضات"  # two deletions from 7 letters


def test_confusable_letters_cost_half_an_edit():
    assert distances("النضام", ["النظام", "النضال", "النضام", "الن"]).tolist() == [
        0.5,
        1.0,
        0.0,
        3.0,
    ]
    assert distances("ثورة", ["سوره"]).tolist() == [1.0]  # ث/س and ة/ه: two halves


def test_every_delete_of_the_prefix_is_filed():
    assert word_deletes("حلب", 1) == {"حلب", "لب", "حب", "حل"}
    assert len(word_deletes("مفاوضات", 2)) == 1 + 7 + 21
    assert all(len(d) <= 7 for d in word_deletes("الاستراتيجية", 2))


def test_build_files_the_hashes_the_lookup_computes(table):
    for n, word in enumerate(WORDS):
        for delete in word_deletes(word, 2):
            key = string_hash(delete)
            start, end = (np.searchsorted(table.keys, key, side) for side in ("left", "right"))
            assert n in table.owners[start:end].tolist()


def test_saved_table_loads_the_same(tmp_path, table):
    table.save(tmp_path)
    loaded = SpellingTable.load(tmp_path)
    assert loaded.words == WORDS
    assert loaded.counts.tolist() == COUNTS
    assert loaded.lookup("النضام") == table.lookup("النضام")
    assert SpellingTable.load(tmp_path / "elsewhere") is None


def test_large_archives_leave_out_hapaxes_and_numbers():
    counts = {"حلب": 5, "حلبب": 1, "2018": 9, "في": 40, "ادلب": 2}
    assert choose_words(counts, articles=10) == (["حلب", "ادلب", "حلبب"], [5, 2, 1])
    assert choose_words(counts, articles=5000) == (["حلب", "ادلب"], [5, 2])


def test_an_empty_vocabulary_gives_an_empty_table(tmp_path):
    table = SpellingTable.build([], [])
    assert table.lookup("حلبب") == []
    table.save(tmp_path)
    assert SpellingTable.load(tmp_path).words == []
