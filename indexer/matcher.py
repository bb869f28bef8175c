"""Find gazetteer names in text with one Aho-Corasick automaton over canonical words.

Canonical form: `normalize`, then the article is dropped from every word while its
proclitics stay: 'وبالحسكة' -> 'وبحسكه', 'لقوات النظام' -> 'لقوات نظام'. Names are
stored in the same form without clitics, plus one variant per proclitic group on the
first word, so 'بإدلب', 'وحلب', 'لجبهة النصرة' all hit. A hit must start and end on
word boundaries; overlapping hits keep the longest (جيش إدلب الحر, not إدلب).
"""
import re
from dataclasses import dataclass

import ahocorasick

from .normalize import normalize

WORD_RE = re.compile(r"\w+")
# Proclitic group + article: keep the proclitics, drop 'ال' ('ولل' = wa + li + al).
ARTICLE_RE = re.compile(r"(?<!\w)(وب|فب|وك|[وفبك])?(?:ال|(?<=[وف])لل|(?<!\w)لل)(?=\w\w)")
PROCLITICS = ("و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل", "وك")
LATIN_RE = re.compile(r"[a-z0-9]")


def _drop_article(match):
    clitic = match.group(1) or ""
    return clitic + ("ل" if match.group(0).endswith("لل") and not clitic.endswith("ل") else "")


def canonical_words(text):
    """Words of `text` in canonical form: 'وبالحسكة واللاذقية' -> ['وبحسكه', 'ولاذقيه']."""
    return WORD_RE.findall(ARTICLE_RE.sub(_drop_article, normalize(text)))


def name_key(name):
    """A gazetteer name as its canonical string: 'جبهة النصرة' -> 'جبهه نصره'."""
    return " ".join(canonical_words(name))


def strip_proclitic(word):
    """The word without a leading proclitic group, if one is there: 'وبريف' -> 'ريف'."""
    for clitic in sorted(PROCLITICS, key=len, reverse=True):
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic):]
    return word


@dataclass(frozen=True)
class Hit:
    """One name found: word span [start, end), the proclitic on its first word, candidates."""
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
            auto.add_word(f" {word} ", value)
        auto.make_automaton()
        self.automaton = auto
        return self

    def find(self, words):
        """Longest non-overlapping hits over a list of canonical words, in text order."""
        text = " " + " ".join(words) + " "
        starts = _word_starts(text)
        hits = []
        for end, (clitic, key, payloads) in self.automaton.iter(text):
            first = end - len(clitic) - len(key) - 1
            hits.append(Hit(starts[first], starts[first] + key.count(" ") + 1, clitic, key, payloads))
        return select_longest(hits)


def _word_starts(text):
    """Char offset of the space before each word -> word index."""
    return {i: n for n, i in enumerate(m.start() - 1 for m in WORD_RE.finditer(text))}


def select_longest(hits):
    """Keep the longest hits that do not overlap a longer one; ties go to the earlier."""
    taken = set()
    kept = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        span = range(hit.start, hit.end)
        if not taken.intersection(span):
            taken.update(span)
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
