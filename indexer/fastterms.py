"""The terms of a field value at C speed, for fields analyzed by Khabar's own analyzers.

Whoosh indexes a value through a chain of generators, one Token object per word and
several Python calls per token. For our analyzers the outcome depends on the surface
word alone (analysis.py: tokenize, normalize, drop stop words, stem), so a `TermKind`
(one per analyzer setting) is a column of the shared vocabulary (vocab.py): each
distinct word is analyzed once, to a term id (0 for a word the analyzer drops), and a
value becomes a numpy array of term ids, one per word, in one fancy-indexing call:

    kind = TermKind(stops=True, stem=True)
    terms, ids = counts(kind, 'وقصفت الطائرات في حلب')[0]
    [terms[i] for i in ids] -> ['قصف', 'طاءره', 'حلب']    (length 3)
    position_lists(positions(TermKind(stops=False, stem=False), 'حلب في حلب')[0])
    -> {'حلب': [0, 2], 'في': [1]}

Positions count every word, dropped or not, as ArabicTokenizer does;
memindex.FieldPostings groups the ids into postings. `fast_terms(field)` recognizes the
analyzers this applies to, and Whoosh's ID and KEYWORD(commas=True) fields (a value is
one term, or comma-separated terms, counted in a Counter); any other field goes through
Whoosh. tests/test_segwriter.py checks the resulting index against Whoosh's SegmentWriter.
"""
from collections import Counter, defaultdict

import numpy as np
from whoosh import formats
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import StripFilter
from whoosh.analysis.tokenizers import IDTokenizer, RegexTokenizer

from .analysis import NORMAL_CACHE, STEM_CACHE, ArabicStemFilter, ArabicTokenizer, cached_normalize, cached_stem, \
    stop_words
from .vocab import VOCAB

DROPPED = 0  # the term id of a word the analyzer drops


class TermKind:
    """The terms one analyzer setting gives: `terms[i]` is term id i's text (terms[0]:
    dropped), and a vocabulary column maps each word to its term id."""

    def __init__(self, stops, stem):
        self.stops, self.stem = stops, stem
        self.reset()
        self.column = VOCAB.column(self.term_id, numeric=True, on_reset=self.reset)

    def reset(self):
        """New tables (not emptied ones: ids taken before a reset keep their meaning)."""
        self.terms, self.id_of = [None], {}

    def term_id(self, word):
        text = NORMAL_CACHE.get(word)
        if text is None:
            text = cached_normalize(word)
        if not text or (self.stops and text in stop_words()):
            return DROPPED
        if self.stem:
            stemmed = STEM_CACHE.get(text)
            text = cached_stem(text) if stemmed is None else stemmed
        tid = self.id_of.get(text)
        if tid is None:
            tid = self.id_of[text] = len(self.terms)
            self.terms.append(text)
        return tid

    def term_ids(self, value):
        """(the term table, an int32 array of the term id of each word of `value`)."""
        with VOCAB.lock:
            ids = VOCAB.take(value, self.column)  # first: it may start the vocabulary afresh
            return self.terms, ids


def counts(kind, value):
    """((term table, ids of the kept words), field length) for a Frequency field."""
    terms, ids = kind.term_ids(value)
    ids = ids[ids != DROPPED]
    return (terms, ids), len(ids)


def positions(kind, value):
    """((term table, term id of every word, DROPPED included), field length) for a
    Positions field: the index of an id is its word's position."""
    terms, ids = kind.term_ids(value)
    return (terms, ids), int(np.count_nonzero(ids))


def position_lists(terms):
    """dict term -> positions of what `positions` returns (for tests and checks)."""
    table, ids = terms
    poses = defaultdict(list)
    for pos, tid in enumerate(ids.tolist()):
        if tid != DROPPED:
            poses[table[tid]].append(pos)
    return dict(poses)


def term_counts(terms):
    """Counter term -> frequency of what `counts` returns (for tests and checks)."""
    table, ids = terms
    return Counter(table[tid] for tid in ids.tolist())


_KINDS = {}  # (stops, stem) -> TermKind


def identifier(_surface, value):
    """An ID field (IDTokenizer, Existence): the whole value is the one term."""
    return {value: 1}, 1


def keywords(_surface, value):
    """A KEYWORD(commas=True) field: 'a, b,a' -> {'a': 2, 'b': 1}."""
    c = Counter(part.strip() for part in value.split(",") if part)
    return c, c.total()


def whoosh_fast_terms(field):
    """`identifier` or `keywords` when `field` is exactly Whoosh's ID or KEYWORD(commas=True)."""
    fmt, analyzer = field.format, field.analyzer
    if type(fmt) is formats.Existence and type(analyzer) is IDTokenizer:
        return identifier, None
    items = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else ()
    if (type(fmt) is formats.Frequency and len(items) == 2 and type(items[0]) is RegexTokenizer
            and items[0].expression.pattern == "[^,]+" and not items[0].gaps and type(items[1]) is StripFilter):
        return keywords, None
    return None


def fast_terms(field):
    """(function, TermKind or None) giving `field`'s terms without Whoosh's analysis
    chain, or None when its format or analyzer is not one this module reproduces exactly."""
    fmt = field.format
    if type(fmt) is formats.Frequency:
        func = counts
    elif type(fmt) is formats.Positions:
        func = positions
    else:
        return whoosh_fast_terms(field)
    analyzer = field.analyzer
    items = list(analyzer.items) if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    tokenizer, rest = items[0], items[1:]
    if type(tokenizer) is not ArabicTokenizer or not tokenizer.normalized:
        return whoosh_fast_terms(field)
    if rest and not (len(rest) == 1 and type(rest[0]) is ArabicStemFilter):
        return None
    key = (bool(tokenizer.stops), bool(rest))
    kind = _KINDS.get(key)
    if kind is None:
        kind = _KINDS[key] = TermKind(*key)
    return func, kind
