"""Find gazetteer names in text with one Aho-Corasick automaton over canonical words.

Canonical form: `normalize`, then the article is dropped from every word while its
proclitics stay: 'وبالحسكة' -> 'وبحسكه', 'لقوات النظام' -> 'لقوات نظام'. Names are
stored in the same form without clitics, plus one variant per proclitic group on the
first word, so 'بإدلب', 'وحلب', 'لجبهة النصرة' all hit. A hit must start and end on
word boundaries; overlapping hits keep the longest (جيش إدلب الحر, not إدلب).
"""

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from indexer.arabic.normalize import INVISIBLE_RE, PRESENTATION_RE, TASHKEEL_RE, TATWEEL
from indexer.arabic.terms import NORMAL_CACHE, cached_normalize
from indexer.arabic.words import words_of

WORD_RE = re.compile(r"\w+")
# Proclitic group + article: keep the proclitics, drop 'ال' ('ولل' = wa + li + al).
# Literal first, context checked behind it, so the regex engine can scan fast.
ARTICLE_RE = re.compile(r"ال(?=\w\w)(?:(?<=\bال)|(?<=\b[وفبك]ال)|(?<=\b(?:وب|فب|وك)ال))")
LIL_RE = re.compile(r"ل(?=ل\w\w)(?:(?<=\bل)|(?<=\b[وف]ل))")
PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ب", "ل", "ف", "ك")
LATIN_RE = re.compile(r"[a-z0-9]")


def _char_class(pattern):
    return pattern.pattern.strip("[]+")


# A raw word: letters and digits with whatever `normalize` deletes or rewrites inside a
# word (diacritics, tatweel, invisible marks, presentation forms), so that folding one
# raw word at a time gives the words that folding the whole text would.
RAW_WORD_RE = re.compile(
    "[\\w"
    + TATWEEL
    + "".join(map(_char_class, (TASHKEEL_RE, INVISIBLE_RE, PRESENTATION_RE)))
    + "]+"
)
# Every character on which RAW_WORD_RE and analysis.WORD_RE split text differently (a
# superset: '_', a few Quranic signs, bidi embeddings, presentation forms; checked over
# all code points in tests/test_workers_words.py). Text without any splits the same both
# ways, so it can take the analyzer's memoized words (words_of) instead of a second scan.
SPLIT_DIFFERS_RE = re.compile("[_\u06dd\u06de\u06e9\u202a-\u202e\ufb50-\ufdff\ufe70-\ufeff]")
_canonical_cache = {}
CANONICAL_CACHE_LIMIT = 1 << 19


def canonical_words(text, normalized=False):
    """Words of `text` in canonical form: 'وبالحسكة وللنظام' -> ['وبحسكه', 'ولنظام']."""
    if normalized:
        return WORD_RE.findall(ARTICLE_RE.sub("", LIL_RE.sub("", text)))
    return canonical_joined(text).split()


def raw_words(text):
    """The raw words `canonical_joined` folds, one canonical word each (but see `aligned`)."""
    return RAW_WORD_RE.findall(text) if SPLIT_DIFFERS_RE.search(text) else words_of(text)


def canonical_joined(text):
    """`join_words(canonical_words(text))`, folding each distinct raw word once per process."""
    return canonical_text(text)[0]


def canonical_text(text):
    """(`canonical_joined(text)`, `raw_words(text)`): the raw words come for free."""
    raws = raw_words(text)
    words = list(map(_canonical_cache.get, raws))
    if None in words:  # fold the new words (set operations in C), then look all up again
        list(map(canonical_word, set(raws).difference(_canonical_cache)))
        words = list(map(_canonical_cache.get, raws))
        if None in words:  # the cache was emptied on the way
            words = [
                canonical_word(raw) if word is None else word for word, raw in zip(words, raws)
            ]
    if "" in words:
        words = [word for word in words if word]
    return " " + " ".join(words) + " ", raws


def canonical_word(raw):
    """One raw word's canonical words, space-separated ('' when folding deletes it, two
    when it splits a ligature); remembered, up to a bound, since news vocabulary repeats."""
    normal = NORMAL_CACHE.get(raw)  # shared with the analyzer, which meets the same words
    if normal is None:
        normal = cached_normalize(raw)
    found = " ".join(WORD_RE.findall(ARTICLE_RE.sub("", LIL_RE.sub("", normal))))
    if len(_canonical_cache) >= CANONICAL_CACHE_LIMIT:
        _canonical_cache.clear()
    _canonical_cache[raw] = found
    return found


@lru_cache(maxsize=1 << 16)
def name_key(name):
    """A gazetteer name as its canonical string: 'جبهة النصرة' -> 'جبهه نصره'."""
    return " ".join(canonical_words(name))


class Hit(NamedTuple):
    """One name in the joined canonical text: chars [start, end), its proclitic, candidates."""

    start: int
    end: int
    clitic: str
    key: str
    candidates: tuple


class NameAutomaton:
    """Canonical name -> candidate payloads (any hashable), searched with Aho-Corasick."""

    def __init__(self):
        self.table = {}
        self.automaton = None

    def add(self, name, payload):
        key = name_key(name)
        if not key:
            return
        self.table.setdefault(key, [])
        if payload not in self.table[key]:
            self.table[key].append(payload)

    def lookup(self, name):
        return tuple(self.table.get(name_key(name), ()))

    def build(self):
        entries = {}
        for key, payloads in self.table.items():
            variants = ("", "ل", "و", "ب") if LATIN_RE.match(key) else ("", *PROCLITICS)
            for clitic in variants:
                old = entries.get(clitic + key)
                if old is None or len(clitic) < len(old[0]):
                    entries[clitic + key] = (clitic, key, tuple(payloads))
        auto = ahocorasick.Automaton()
        for word, value in entries.items():  # a hit ending at `end` starts at end - len(word)
            auto.add_word(f" {word} ", (len(word), *value))
        auto.make_automaton()
        self.automaton = auto
        return self

    def find(self, joined):
        """Longest non-overlapping hits in `joined` (see `join_words`), in text order."""
        new = tuple.__new__  # Hit(...) without NamedTuple's Python-level __new__
        return select_longest(
            [
                new(Hit, (end - n, end, clitic, key, candidates))
                for end, (n, clitic, key, candidates) in self.automaton.iter(joined)
            ]
        )


def join_words(words):
    """Canonical words as one string with a space at both ends, as `find` expects."""
    return " " + " ".join(words) + " "


def word_before(joined, hit):
    """The canonical word just before a hit, '' at the start."""
    return joined[joined.rfind(" ", 0, hit.start - 1) + 1 : hit.start - 1]


def word_after(joined, hit):
    """The canonical word just after a hit, '' at the end."""
    stop = joined.find(" ", hit.end + 1)
    return joined[hit.end + 1 : stop] if stop > 0 else ""


def select_longest(hits):
    """Keep the longest hits that overlap no longer one; ties go to the earlier."""
    if len(hits) < 2:
        return hits
    kept, starts = [], []  # non-overlapping, so sorted by start and by end alike
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        i = bisect.bisect_left(starts, hit.start)
        if (i < len(kept) and kept[i].start < hit.end) or (i and kept[i - 1].end > hit.start):
            continue
        kept.insert(i, hit)
        starts.insert(i, hit.start)
    return kept
