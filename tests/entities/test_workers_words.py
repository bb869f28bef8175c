"""The word splits the indexing workers take shortcuts with give the same words as the
plain regexes: analysis.words_of (one-class regex, memo by line) and
matcher.canonical_joined (reuses words_of unless the text holds a character on which
the analyzer's and the matcher's word classes disagree)."""

import sys

import pytest

from indexer.arabic.normalize import normalize
from indexer.arabic.words import WORD_OR_UNDERSCORE_RE, WORD_RE, words_of
from indexer.entities import matcher
from indexer.entities.matcher import (
    RAW_WORD_RE,
    SPLIT_DIFFERS_RE,
    _canonical_cache,
    canonical_joined,
    join_words,
)

ALL_CHARS = "\n".join(
    chr(c) for c in range(sys.maxunicode + 1) if c != 10 and not 0xD800 <= c <= 0xDFFF
)

SAMPLES = [
    "",
    "\n",
    "في",
    "قَصَفَتْ  الطائراتُ _ حلب٢٠١٨\r\nفي في",
    "word_two 123 ـــ",
    "\u200fحلب\u200f\ufeff",
    "#عاصي_الحلاني والمعارضة",
    "_",
    "__حلب__",
    "ﻻجئين في ﺣﻠﺐ",
    "\u202bإدلب\u202c",
    "سورة\u06dd١ \u06e9سجدة",
    "وبالحسكة وللنظام\nجبهة النصرة_ اليوم",
    "a_b\nc",
    "لقوات النظام \ufd3eحلب\ufd3f",
]


def word_chars(pattern):
    """Every code point `pattern` takes as (part of) a word."""
    return set(pattern.findall(ALL_CHARS))


def test_one_class_regex_is_word_re_plus_underscore():
    assert word_chars(WORD_OR_UNDERSCORE_RE) == word_chars(WORD_RE) | {"_"}


def test_split_differs_covers_every_character_the_word_classes_disagree_on():
    differ = word_chars(RAW_WORD_RE) ^ word_chars(WORD_RE)
    assert differ  # '_' at least: the check below is not vacuous
    assert all(SPLIT_DIFFERS_RE.fullmatch(c) for c in differ)


@pytest.mark.parametrize("text", SAMPLES)
def test_words_of_is_findall(text):
    assert words_of(text) == WORD_RE.findall(text)
    assert words_of(text) == WORD_RE.findall(text)  # again, from the memo


@pytest.mark.parametrize("text", SAMPLES)
def test_canonical_joined_is_the_same_with_or_without_shortcut(text):
    _canonical_cache.clear()
    fast = canonical_joined(text)
    slow = join_words(w for w in map(canonical, RAW_WORD_RE.findall(text)) if w)
    assert fast == slow


def canonical(raw):
    """matcher.canonical_word without its caches."""
    return " ".join(
        matcher.WORD_RE.findall(matcher.ARTICLE_RE.sub("", matcher.LIL_RE.sub("", normalize(raw))))
    )
