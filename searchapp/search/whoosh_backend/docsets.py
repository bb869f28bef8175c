"""Which documents match a query, as a numpy mask, without scoring.

Facet counts and the histogram need every matching document, not just the top ten.
Whoosh's `docs_for_query` steps union/intersection matchers one document at a time in
Python; here a query tree of terms is evaluated with whole-array set operations over
each term's posting list (cached per reader), and only other leaves (phrases, ranges)
fall back to Whoosh's matchers.
"""

import time

import numpy as np
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.query import And, AndMaybe, AndNot, Every, Not, NullQuery, Or, Term

from searchapp.search.whoosh_backend.scoring import term_docnums

TERM_CACHE_SIZE = 4096


def query_mask(query, searcher, columns):
    """Boolean mask (one entry per docnum) of the live documents matching `query`."""
    return evaluate(query, searcher, columns) & columns.live


def evaluate(query, searcher, columns):
    if isinstance(query, Term):
        return term_mask(query.fieldname, query.text, searcher, columns)
    if isinstance(query, And):
        return reduce(
            np.logical_and, [evaluate(q, searcher, columns) for q in query.subqueries], columns
        )
    if isinstance(query, Or):
        return reduce(
            np.logical_or, [evaluate(q, searcher, columns) for q in query.subqueries], columns
        )
    if isinstance(query, AndNot):
        return evaluate(query.a, searcher, columns) & ~evaluate(query.b, searcher, columns)
    if isinstance(query, AndMaybe):
        return evaluate(query.a, searcher, columns)
    if isinstance(query, Not):
        return ~evaluate(query.query, searcher, columns)
    if isinstance(query, Every):
        return columns.live.copy()
    if query is NullQuery or isinstance(query, type(NullQuery)):
        return np.zeros(columns.size, dtype=bool)
    return leaf_mask(query, searcher, columns)


def leaf_mask(query, searcher, columns):
    """Mask of any other leaf (phrase, range) from Whoosh's matcher, cached like a term's."""
    cache, key = columns.term_cache, ("query", repr(query))
    mask = cache.get(key)
    if mask is None:
        mask = columns.mask(list(searcher.docs_for_query(query)))
        if len(cache) >= TERM_CACHE_SIZE:
            cache.clear()
        cache[key] = mask
    return mask


def reduce(op, masks, columns):
    if not masks:
        return np.zeros(columns.size, dtype=bool)
    out = masks[0].copy()
    for mask in masks[1:]:
        op(out, mask, out=out)
    return out


def term_mask(field_name, text, searcher, columns):
    """Mask of one term's postings, cached on the reader's columns."""
    cache = columns.term_cache
    key = (field_name, text)
    mask = cache.get(key)
    if mask is None:
        mask = columns.mask(term_docnums(searcher, field_name, text))  # query_mask drops deleted
        if len(cache) >= TERM_CACHE_SIZE:
            cache.clear()
        cache[key] = mask
    return mask


class DeadlineCollector(TimeLimitCollector):
    """Whoosh's TimeLimitCollector without a timer thread per search: the collect loop
    checks a monotonic deadline after each match and raises TimeLimit past it."""

    def __init__(self, child, timelimit):
        super().__init__(child, timelimit, use_alarm=False)
        self.deadline = None

    def prepare(self, top_searcher, q, context):
        self.child.prepare(top_searcher, q, context)
        self.timedout = False
        self.deadline = time.monotonic() + self.timelimit

    def collect_matches(self):
        child = self.child
        deadline, clock = self.deadline, time.monotonic
        for sub_docnum in child.matches():
            child.collect(sub_docnum)
            if clock() > deadline:
                self.timedout = True
                raise TimeLimit

    def finish(self):
        self.child.finish()
