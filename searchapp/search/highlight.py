"""Snippets and full-text highlighting that mark the original, vowelled surface words.

A surface word matches when any of its analyzed forms (stemmed or exact) is a query
term, so 'والمعارضة' is marked for the query 'معارضة' and 'إِدْلِب' for 'ادلب'.
"""

import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from indexer.arabic.terms import exact_terms, stemmed_terms
from indexer.arabic.words import WORD_RE

FRAGMENT_CHARS = 200
MAX_FRAGMENTS = 3
BOUNDARY_RE = re.compile(r"[.!؟?،؛\n]+")
ELLIPSIS = "…"
SENTENCE_ENDS = (".", "!", "?", "؟")


@lru_cache(maxsize=200_000)
def word_forms(word):
    """Every analyzed form of one surface word: 'والمعارضة' -> {'معارض', 'والمعارض'}."""
    return frozenset(stemmed_terms(word)) | frozenset(exact_terms(word))


@dataclass(frozen=True)
class Marks:
    """What to mark: single analyzed terms, and names marked only where every word is there.

    A name is a tuple with one frozenset of analyzed forms per word, so the expansion of
    داعش to 'تنظيم الدولة' marks that pair in sequence, never a lone 'الدولة'.
    """

    terms: frozenset = frozenset()
    names: tuple = ()


def as_marks(marks):
    return marks if isinstance(marks, Marks) else Marks(frozenset(marks or ()))


def name_forms(name):
    """'محافظة إدلب' -> (forms of محافظة, forms of إدلب); empty words are dropped."""
    return tuple(f for f in (word_forms(w) for w in WORD_RE.findall(name)) if f)


def matched_spans(text, marks):
    """(start, end) of every marked word: a single term, or a word of a whole name."""
    marks = as_marks(marks)
    spans = set(term_spans(text, marks.terms))
    if marks.names:
        spans.update(name_spans(text, marks.names))
    return sorted(spans)


def name_spans(text, names):
    """Spans of the words of each name found whole, word after word, in `text`."""
    wanted = frozenset().union(*(forms for name in names for forms in name))
    spans, found = term_spans(text, wanted), set()
    for i in range(len(spans)):
        for name in names:
            run = spans[i : i + len(name)]
            if (
                len(run) == len(name)
                and all(not text[a[1] : b[0]].strip() for a, b in zip(run, run[1:]))
                and all(forms & word_forms(text[s:e]) for forms, (s, e) in zip(name, run))
            ):
                found.update(run)
    return found


def term_spans(text, terms):
    """(start, end) of every word in `text` one of whose analyzed forms is in `terms`."""
    if not terms:
        return []
    matching = matching_words(set(WORD_RE.findall(text)), terms)
    if not matching:
        return []
    return [
        m.span()
        for m in words_pattern(frozenset(matching)).finditer(text)
        if whole_word(text, *m.span())
    ]


class Verdicts:
    """Surface words known to match, or not to match, sets of query terms: most words of a
    page's hits were seen with the same terms in the request before. Shared by threads."""

    QUERIES = 256  # sets of terms remembered
    WORDS = 200_000  # words remembered per set

    def __init__(self):
        self.lock = threading.Lock()
        self.by_terms = {}

    def matching(self, words, terms):
        """The words (a set) having an analyzed form in `terms`."""
        key = frozenset(terms)
        with self.lock:
            known = self.by_terms.get(key)
            if known is None or len(known[1]) > self.WORDS:
                if len(self.by_terms) >= self.QUERIES:
                    self.by_terms.clear()
                known = self.by_terms[key] = (set(), set())
            hit, miss = known
            new = words - hit - miss
        found = {w for w in new if not key.isdisjoint(word_forms(w))}  # the costly part, unlocked
        with self.lock:
            hit.update(found)
            miss.update(new - found)
            return words & hit


VERDICTS = Verdicts()


def matching_words(words, terms):
    """The words (a set) having an analyzed form in `terms`, remembered across hits."""
    return VERDICTS.matching(words, terms)


WORD_CHAR = WORD_RE.pattern[len("(?:") : -len(")+")]  # one character of a word


WORD_CHAR_RE = re.compile(WORD_CHAR)


@lru_cache(maxsize=4096)
def words_pattern(words):
    """A regex of `words` as literals, longest first (a plain alternation scans fast).

    A hit inside a longer word is dropped by `whole_word`; it cannot hide a whole-word
    hit, since both would lie within one WORD_RE token and the token's start is tried first.
    """
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def whole_word(text, start, end):
    """Is text[start:end] a whole WORD_RE token (no word character on either side)?"""
    return (start == 0 or not WORD_CHAR_RE.match(text, start - 1)) and (
        end == len(text) or not WORD_CHAR_RE.match(text, end)
    )


def mark(text, spans, start=0, end=None):
    """HTML-escape text[start:end] and wrap the spans inside it in <mark>."""
    end = len(text) if end is None else end
    out, at = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def clauses(text):
    """(start, end) of each clause: text between . ؟ ، ؛ ! and line breaks (punctuation kept)."""
    out, at = [], 0
    for m in BOUNDARY_RE.finditer(text):
        if text[at : m.end()].strip():
            out.append((at, m.end()))
        at = m.end()
    if text[at:].strip():
        out.append((at, len(text)))
    return out


def window(text, start, end, centre, size):
    """Shrink an over-long [start, end) to about `size` chars around `centre`, at spaces."""
    if end - start <= size * 1.5:
        return start, end
    lo = max(start, centre - size // 2)
    hi = min(end, lo + size)
    if lo > start:
        space = text.find(" ", lo, centre)
        lo = space + 1 if space != -1 else lo
    if hi < end:
        space = text.rfind(" ", centre, hi)
        hi = space if space != -1 else hi
    return lo, hi


def fragment_around(text, parts, index, size):
    """Grow clause `index` with its neighbours while the fragment stays within `size`."""
    lo, hi = index, index
    while True:
        grown = False
        if hi + 1 < len(parts) and parts[hi + 1][1] - parts[lo][0] <= size:
            hi, grown = hi + 1, True
        if lo > 0 and parts[hi][1] - parts[lo - 1][0] <= size:
            lo, grown = lo - 1, True
        if not grown:
            return lo, hi


def clauses_with_spans(parts, span_starts):
    """Indexes of the clauses (in order) in which at least one span starts."""
    clause_starts = [start for start, _ in parts]
    found = []
    for start in span_starts:
        i = bisect_right(clause_starts, start) - 1
        if i >= 0 and start < parts[i][1] and (not found or found[-1] != i):
            found.append(i)
    return found


def best_fragments(text, spans, size=FRAGMENT_CHARS, limit=MAX_FRAGMENTS):
    """Up to `limit` (start, end) fragments holding the most distinct matched words."""
    parts = clauses(text)
    if not parts:
        return []
    if not spans:
        hi = fragment_around(text, parts, 0, size)[1]
        return [window(text, parts[0][0], parts[hi][1], parts[0][0], size)]
    candidates = []
    span_starts = [s for s, _ in spans]
    for i in clauses_with_spans(parts, span_starts):
        lo, hi = fragment_around(text, parts, i, size)
        first = span_starts[bisect_left(span_starts, parts[i][0])]
        frag = window(text, parts[lo][0], parts[hi][1], first, size)
        words = set()
        for s, e in spans[bisect_left(span_starts, frag[0]) :]:
            if e > frag[1]:
                break
            words.add(text[s:e])
        candidates.append((-len(words), frag[0], frag))
    chosen = []
    for _, _, frag in sorted(candidates):
        if all(frag[1] <= c[0] or frag[0] >= c[1] for c in chosen):
            chosen.append(frag)
        if len(chosen) == limit:
            break
    return sorted(chosen)


def snippets(text, terms, size=FRAGMENT_CHARS, limit=MAX_FRAGMENTS):
    """1-3 escaped fragments with matches in <mark>, '…' where text was cut: a fragment
    that ends its sentence needs none ('…قتلى.'), one cut at a comma shows '…' in the
    comma's place ('…السوق…')."""
    spans = matched_spans(text, terms)
    out = []
    for start, stop in best_fragments(text, spans, size, limit):
        while start < stop and text[start].isspace():
            start += 1
        body = mark(text, spans, start, stop).rstrip()
        if stop < len(text.rstrip()) and not body.endswith(SENTENCE_ENDS):
            body = body.rstrip("،,؛;: ") + ELLIPSIS
        out.append((ELLIPSIS if start > 0 else "") + body)
    return out


def highlight_all(text, terms):
    """The whole text, escaped, with every match in <mark>."""
    return mark(text, matched_spans(text, terms))
