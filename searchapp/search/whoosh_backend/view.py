"""One index generation as arrays: live documents, facet columns, dates, terms, lengths.

A view is built once per generation of the index (from the segments' arrays, most of
them already read for the generation before) and shared by every request on it. Term
postings and lengths are read through the leaf readers of the request's own searcher
(Whoosh readers are not shared between threads), into the backend's segment arrays:

    view = IndexView(reader, arrays)
    view.term("text", b"حلب", leaves)       # (global docnums, weights), deleted included
    view.columns["place"].counts(mask)
"""

import threading
from bisect import bisect_left, bisect_right

import numpy as np

from searchapp.search.whoosh_backend.columns import COLUMN_FIELDS, SegmentColumns, merge_columns

MASKS_KEPT = 4096  # term and leaf masks remembered per view


class IndexView:
    """Arrays of one index reader, over all its segments."""

    def __init__(self, reader, arrays):
        self.arrays = arrays
        self.size = reader.doc_count_all()
        leaves = reader.leaf_readers()
        parts = [(arrays.columns(leaf, SegmentColumns), offset) for leaf, offset in leaves]
        self.columns = {
            f: merge_columns([(p.by_field[f], o) for p, o in parts]) for f in COLUMN_FIELDS
        }
        self.live = live_mask(leaves, self.size)
        self.doc_count = int(self.live.sum())
        self.dates = sorted({d for p, _ in parts for d in p.dates})
        self.date_rank = merged_date_ranks(parts, self.dates, self.size)
        self._masks, self._lengths, self._lock = {}, {}, threading.Lock()

    def term(self, field_name, btext, leaves):
        """(docnums, weights) of one term over every segment; empty arrays when absent."""
        parts = [
            (docnums + offset, weights)
            for leaf, offset in leaves
            if (field_name, btext) in leaf
            for docnums, weights in [self.arrays.postings(leaf, field_name, btext)]
        ]
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0)
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def lengths(self, field_name, leaves):
        """Per docnum, the field length Whoosh scores with (0 where none)."""
        found = self._lengths.get(field_name)
        if found is None:
            parts = [self.arrays.lengths(leaf, field_name) for leaf, _ in leaves]
            found = np.concatenate([np.zeros(0), *parts])
            self._lengths[field_name] = found
        return found

    def term_mask(self, field_name, btext, leaves):
        """Mask of the documents holding one term (deleted ones included)."""
        key = ("term", field_name, btext)
        return self.remember(key, lambda: self.mask(self.term(field_name, btext, leaves)[0]))

    def remember(self, key, make):
        """A mask made once per view (bounded)."""
        found = self._masks.get(key)
        if found is None:
            found = make()
            self.keep(key, found)
        return found

    def recall(self, key):
        return self._masks.get(key)

    def keep(self, key, mask):
        with self._lock:
            if len(self._masks) >= MASKS_KEPT:
                self._masks.clear()
            self._masks[key] = mask

    def mask(self, docnums):
        mask = np.zeros(self.size, dtype=bool)
        if len(docnums):
            mask[np.asarray(docnums, dtype=np.int64)] = True
        return mask

    def date_mask(self, start, end):
        """Documents dated within [start, end] (ISO prefixes; None leaves a side open)."""
        lo = bisect_left(self.dates, start) if start else 0
        hi = bisect_right(self.dates, end + "\uffff") if end else len(self.dates)
        return (self.date_rank >= lo) & (self.date_rank < hi)


def live_mask(leaves, size):
    """Documents not deleted, from each segment's deleted set."""
    live = np.zeros(size, dtype=bool)
    for leaf, offset in leaves:
        count = leaf.doc_count_all()
        deleted = getattr(leaf, "deleted_docs_set", None)
        if deleted is None:
            live[[offset + d for d in leaf.all_doc_ids()]] = True
            continue
        live[offset : offset + count] = True
        if deleted:
            live[np.fromiter(deleted, dtype=np.int64) + offset] = False
    return live


def merged_date_ranks(parts, dates, size):
    """Per global docnum, the rank of its date among all `dates` (-1: undated)."""
    ranks = np.full(size, -1, dtype=np.int32)
    for part, offset in parts:
        if part.dates:
            remap = np.searchsorted(dates, part.dates).astype(np.int32)
            local = part.date_rank
            ranks[offset : offset + part.size] = np.where(
                local >= 0, remap[np.maximum(local, 0)], -1
            )
    return ranks
