"""Find gazetteer names in text with one Aho-Corasick automaton over canonical words.

Canonical form: `normalize`, then the article is dropped from every word while its
proclitics stay: 'وبالحسكة' -> 'وبحسكه', 'لقوات النظام' -> 'لقوات نظام'. Names are
stored in the same form without clitics, plus one variant per proclitic group on the
first word, so 'بإدلب', 'وحلب', 'لجبهة النصرة' all hit. A hit must start and end on
word boundaries; overlapping hits keep the longest (جيش إدلب الحر, not إدلب).
"""
import re
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from .normalize import normalize

WORD_RE = re.compile(r"\w+")
# Proclitic group + article: keep the proclitics, drop 'ال' ('ولل' = wa + li + al).
# Literal first, context checked behind it, so the regex engine can scan fast.
ARTICLE_RE = re.compile(r"ال(?=\w\w)(?:(?<=\bال)|(?<=\b[وفبك]ال)|(?<=\b(?:وب|فب|وك)ال))")
LIL_RE = re.compile(r"ل(?=ل\w\w)(?:(?<=\bل)|(?<=\b[وف]ل))")
PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ب", "ل", "ف", "ك")
LATIN_RE = re.compile(r"[a-z0-9]")


def canonical_words(text, normalized=False):
    """Words of `text` in canonical form: 'وبالحسكة وللنظام' -> ['وبحسكه', 'ولنظام']."""
    text = text if normalized else normalize(text)
    return WORD_RE.findall(ARTICLE_RE.sub("", LIL_RE.sub("", text)))


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
        for word, value in entries.items():
            auto.add_word(f" {word} ", (f" {word} ", value))
        auto.make_automaton()
        self.automaton = auto
        return self

    def find(self, joined):
        """Longest non-overlapping hits in `joined` (see `join_words`), in text order."""
        hits = [Hit(end - len(word) + 2, end, *value) for end, (word, value) in self.automaton.iter(joined)]
        return select_longest(hits)


def join_words(words):
    """Canonical words as one string with a space at both ends, as `find` expects."""
    return " " + " ".join(words) + " "


def word_before(joined, hit):
    """The canonical word just before a hit, '' at the start."""
    return joined[joined.rfind(" ", 0, hit.start - 1) + 1:hit.start - 1]


def word_after(joined, hit):
    """The canonical word just after a hit, '' at the end."""
    stop = joined.find(" ", hit.end + 1)
    return joined[hit.end + 1:stop] if stop > 0 else ""


def select_longest(hits):
    """Keep the longest hits that overlap no longer one; ties go to the earlier."""
    if len(hits) < 2:
        return hits
    kept = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept)
