"""Whoosh's BM25F scores for a whole query at once, with numpy, for the top-N of a page.

Whoosh's top-N collector steps its matcher tree one document at a time in Python and
was most of a results page's cost. For query trees of terms under And / Or / AndNot /
AndMaybe (what the parser makes of words, names, prefixes and OR/NOT) the same scores are
computed here over whole arrays: per term `bm25(idf, weight, field length)` exactly as
`whoosh.scoring.BM25FScorer` does, times the term's boost, summed as Whoosh's union and
intersection matchers sum them. Ties go to the lower docnum, as in Whoosh's collector.
Anything else (phrases, ranges, coordination scaling, another weighting model) returns
None and the caller falls back to Whoosh's collector.

Postings (docnums, weights) and field lengths are read once per index segment and
cached by segment id, so a commit that adds a segment does not make every term be read
again; deletions are applied through the reader's live-document mask.
"""

import threading
from collections import OrderedDict
from functools import lru_cache

import numpy as np
from whoosh import scoring
from whoosh.query import And, AndMaybe, AndNot, Or, Phrase, Term

SEGMENT_CACHE_SIZE = 20_000  # (segment, field, term) posting arrays kept
CACHE_BYTES = 256 * 1024 * 1024  # and at most this much memory per cache


class Unsupported(Exception):
    """A query node this module does not score; the caller uses Whoosh instead."""


class _LRU:
    """A small thread-safe LRU; a missing value is made by one thread while the others wait."""

    def __init__(self, size, max_bytes=None):
        self.size, self.data, self.lock, self.making = size, OrderedDict(), threading.Lock(), {}
        self.max_bytes, self.bytes = max_bytes, 0

    def get(self, key, make):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
            pending = self.making.get(key)
            if pending is None:
                pending = self.making[key] = threading.Event()
                mine = True
            else:
                mine = False
        if not mine:
            pending.wait()
            with self.lock:
                if key in self.data:
                    return self.data[key]
            return self.get(key, make)
        try:
            value = make()
            with self.lock:
                self.data[key] = value
                self.bytes += nbytes(value)
                while len(self.data) > self.size or (
                    self.max_bytes and self.bytes > self.max_bytes and len(self.data) > 1
                ):
                    self.bytes -= nbytes(self.data.popitem(last=False)[1])
        finally:
            with self.lock:
                self.making.pop(key, None)
            pending.set()
        return value


_postings = _LRU(SEGMENT_CACHE_SIZE, max_bytes=CACHE_BYTES)
_lengths = _LRU(256, max_bytes=CACHE_BYTES)


def nbytes(value):
    """Memory held by a cached array or tuple of arrays."""
    parts = value if isinstance(value, tuple) else (value,)
    return sum(getattr(part, "nbytes", 0) for part in parts)


def top_scored(query, searcher, columns, hits, depth):
    """[(docnum, score)] of the best `depth` documents of `hits`, or None if unsupported."""
    weighting = searcher.weighting
    if type(weighting) is not scoring.BM25F:
        return None
    try:
        scores = Scorer(searcher, weighting, columns).score(query)
    except Unsupported:
        return None
    docnums = np.flatnonzero(hits)
    if not len(docnums):
        return []
    values = scores[docnums]
    if len(docnums) > depth:
        keep = np.argpartition(-values, depth - 1)[:depth]
        cutoff = values[keep].min()
        keep = np.flatnonzero(values >= cutoff)  # every tie at the cut, ordered below
        docnums, values = docnums[keep], values[keep]
    order = np.lexsort((docnums, -values))[:depth]
    return [(int(d), float(s)) for d, s in zip(docnums[order], values[order])]


class Scorer:
    """Dense score arrays (one entry per docnum) for one searcher's reader."""

    def __init__(self, searcher, weighting, columns):
        self.searcher = searcher
        self.weighting = weighting
        self.size = columns.size
        self.columns = columns
        self.leaves = searcher.reader().leaf_readers()

    def score(self, query):
        """(scores) array: 0 where the query does not match."""
        return self.node(query)[0]

    def node(self, query):
        """(scores, mask) of one query node."""
        if isinstance(query, Term):
            scores, mask = self.term(query)
        elif isinstance(query, (And, Or)) and not isinstance(query, (AndNot, AndMaybe)):
            scores, mask = self.compound(query)
        elif isinstance(query, Phrase):
            scores, mask = self.phrase(query)
        elif isinstance(query, AndNot):
            scores, mask = self.node(query.a)
            drop = self.node(query.b)[1]
            mask = mask & ~drop
            scores = np.where(mask, scores, 0.0)
        elif isinstance(query, AndMaybe):
            scores, mask = self.node(query.a)
            extra, also = self.node(query.b)
            scores = scores + np.where(mask & also, extra, 0.0)
        else:
            raise Unsupported(type(query).__name__)
        if getattr(query, "boost", 1.0) != 1.0 and not isinstance(query, Term):
            scores = scores * query.boost
        return scores, mask

    def compound(self, query):
        if isinstance(query, Or) and (
            getattr(query, "scale", None) or getattr(query, "minmatch", 0)
        ):
            raise Unsupported("Or with scale or minmatch")
        from whoosh.query import Not

        subs = list(query.subqueries)
        if isinstance(query, And) and any(isinstance(q, Not) for q in subs):
            positive = [q for q in subs if not isinstance(q, Not)]
            negative = [q.query for q in subs if isinstance(q, Not)]
            if not positive:
                raise Unsupported("And of only NOTs")
            scores, mask = (
                self.compound(And(positive)) if len(positive) > 1 else self.node(positive[0])
            )
            for q in negative:
                mask = mask & ~self.node(q)[1]
            # Whoosh's And steps a Not as an InverseMatcher that scores 1.0 per document.
            return np.where(mask, scores + float(len(negative)), 0.0), mask
        if any(isinstance(q, Not) for q in subs):
            raise Unsupported("Not under Or")
        if not subs:
            raise Unsupported("empty compound")
        parts = [self.node(q) for q in subs]
        scores = parts[0][0].copy()
        mask = parts[0][1].copy()
        for s, m in parts[1:]:
            scores += s
            if isinstance(query, And):
                mask &= m
            else:
                mask |= m
        if isinstance(query, And) and len(parts) > 1:
            scores[~mask] = 0.0
        return scores, mask

    def phrase(self, query):
        """Whoosh scores a phrase as the sum of its words' scores where the phrase occurs."""
        field = (
            self.searcher.schema[query.fieldname]
            if query.fieldname in self.searcher.schema
            else None
        )
        if field is None or not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase on a field without positions")
        from searchapp.search.whoosh_backend.docsets import (
            evaluate,
        )  # docsets reads postings through this module

        mask = evaluate(query, self.searcher, self.columns)  # positions checked by Whoosh, cached
        scores = np.zeros(self.size, dtype=np.float64)
        for word in query.words:
            scores += self.term(Term(query.fieldname, word))[0]
        return np.where(mask, scores, 0.0), mask

    def term(self, query):
        field_name, searcher = query.fieldname, self.searcher
        scores = np.zeros(self.size, dtype=np.float64)
        mask = np.zeros(self.size, dtype=bool)
        if field_name not in searcher.schema:
            return scores, mask
        field = searcher.schema[field_name]
        try:
            btext = field.to_bytes(query.text)
        except ValueError:
            return scores, mask
        if (field_name, btext) not in searcher.reader():
            return scores, mask
        docnums, weights, lengths = self.postings(field_name, btext, field.scorable)
        if field.scorable:
            w = self.weighting
            B = w._field_B.get(field_name, w.B)
            K1 = w.K1
            idf = searcher.idf(field_name, btext)
            avgfl = searcher.avg_field_length(field_name) or 1
            values = idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / avgfl)))
        else:
            values = weights
        if query.boost != 1.0:
            values = values * query.boost
        scores[docnums] = values
        mask[docnums] = True
        return scores, mask

    def postings(self, field_name, btext, scorable):
        """Global (docnums, weights, field lengths) of one term over every segment."""
        parts = [
            self.segment_postings(leaf, offset, field_name, btext, scorable)
            for leaf, offset in self.leaves
        ]
        parts = [p for p in parts if p is not None]
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
        if len(parts) == 1:
            return parts[0]
        return tuple(np.concatenate(arrays) for arrays in zip(*parts))

    def segment_postings(self, leaf, offset, field_name, btext, scorable):
        if (field_name, btext) not in leaf:
            return None
        key = (segment_key(leaf), field_name, btext)
        ids, weights = _postings.get(key, lambda: read_postings(leaf, field_name, btext))
        lengths = segment_lengths(leaf, field_name)[ids] if scorable else np.zeros(len(ids))
        return ids + offset, weights, lengths


def term_docnums(searcher, field_name, text):
    """Global docnums (deleted ones included) of one term, from the per-segment cache."""
    schema = searcher.schema
    if field_name not in schema:
        return np.zeros(0, np.int64)
    try:
        btext = schema[field_name].to_bytes(text)
    except ValueError:
        return np.zeros(0, np.int64)
    parts = [np.zeros(0, np.int64)]
    for leaf, offset in searcher.reader().leaf_readers():
        if (field_name, btext) in leaf:
            key = (segment_key(leaf), field_name, btext)
            parts.append(
                _postings.get(key, lambda leaf=leaf: read_postings(leaf, field_name, btext))[0]
                + offset
            )
    return np.concatenate(parts)


def segment_key(leaf):
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    if segment is None:
        return ("reader", id(leaf))
    return ("segment", segment.segment_id())


def read_postings(leaf, field_name, btext):
    """(docnums, weights) of one term in one segment, deleted documents included."""
    matcher = leaf.postings(field_name, btext)
    matcher = getattr(matcher, "child", matcher)  # unwrap the deleted-documents filter
    ids, weights = [], []
    if all(hasattr(matcher, a) for a in ("_read_ids", "_read_weights", "_next_block", "_i")):
        while matcher.is_active():  # whole blocks at a time (whoosh3 W3LeafMatcher)
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids[matcher._i :])
            weights.extend(matcher._weights[matcher._i :])
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32).astype(np.float64)


def segment_lengths(leaf, field_name):
    """Per docnum of one segment, the field length Whoosh scores with."""
    return _lengths.get((segment_key(leaf), field_name), lambda: read_lengths(leaf, field_name))


def read_lengths(leaf, field_name):
    try:  # the whole length column at once (whoosh3 codec), decoded through a table
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = leaf._perdoc._cached_reader(_lenfield(field_name), LENGTHS_COLUMN)
        raw = np.frombuffer(column.load(), dtype=np.uint8) if column is not None else None
    except (AttributeError, ImportError, TypeError, ValueError):
        raw = None
    if raw is not None and len(raw) == leaf.doc_count_all():
        return length_table()[raw]
    out = np.zeros(leaf.doc_count_all(), dtype=np.float64)
    get = leaf.doc_field_length
    for docnum in range(len(out)):
        out[docnum] = get(docnum, field_name, 1) or 0
    return out


@lru_cache(maxsize=1)
def length_table():
    """Whoosh's length byte -> length (0 for a missing length, as doc_field_length's None)."""
    from whoosh.util.numeric import byte_to_length

    return np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)
