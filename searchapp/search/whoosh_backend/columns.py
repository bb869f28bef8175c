"""Facet counting from per-document columns built once per index reader.

Each facet field becomes two parallel numpy arrays (docnum, value number) read from the
field's postings, so counting the values of every matching document is one `bincount`.
The columns are cached by the reader's generation and rebuilt after a reindex.
"""

import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from whoosh.matching.wrappers import FilterMatcher

from indexer.whoosh_index.schema import FACET_FIELDS
from searchapp.search.whoosh_backend.scoring import segment_key

TOP_VALUES = 10
COLUMN_FIELDS = (*FACET_FIELDS, "governorate", "month")


@dataclass
class Column:
    """(docnum, value) pairs for one multi-valued field."""

    values: list  # value number -> value text
    docs: np.ndarray  # int32 docnums
    codes: np.ndarray  # int32 value numbers, parallel to docs

    def number(self, value):
        return self._numbers.get(value)

    def __post_init__(self):
        self._numbers = {v: n for n, v in enumerate(self.values)}

    def docs_with(self, values, size):
        """Boolean mask of the documents having any of `values`."""
        mask = np.zeros(size, dtype=bool)
        codes = [self._numbers[v] for v in values if v in self._numbers]
        if codes:
            mask[self.docs[np.isin(self.codes, codes)]] = True
        return mask

    def count(self, mask):
        """Number of documents in `mask` per value number."""
        return np.bincount(self.codes[mask[self.docs]], minlength=len(self.values))


def read_column(reader, field_name):
    values, docs, codes = [], [], []
    if field_name in reader.schema:
        for term in reader.lexicon(field_name):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if not text:
                continue
            ids = list(raw_postings(reader, field_name, term).all_ids())
            codes.append(np.full(len(ids), len(values), dtype=np.int32))
            docs.append(np.asarray(ids, dtype=np.int32))
            values.append(text)
    if not values:
        return Column([], np.zeros(0, np.int32), np.zeros(0, np.int32))
    return Column(values, np.concatenate(docs), np.concatenate(codes))


def raw_postings(reader, field_name, term):
    """A segment's postings including deleted documents (Columns.live masks those out)."""
    matcher = reader.postings(field_name, term)
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def merge_columns(parts):
    """One Column from per-segment (Column, docnum offset) pairs: value numbers remapped."""
    values = sorted({v for column, _ in parts for v in column.values})
    numbers = {v: n for n, v in enumerate(values)}
    docs, codes = [np.zeros(0, np.int32)], [np.zeros(0, np.int32)]
    for column, offset in parts:
        if len(column.values):
            remap = np.asarray([numbers[v] for v in column.values], dtype=np.int32)
            docs.append(column.docs + np.int32(offset))
            codes.append(remap[column.codes])
    return Column(values, np.concatenate(docs), np.concatenate(codes))


class SegmentColumns:
    """What one index segment contributes to Columns; segments never change, so cached."""

    def __init__(self, leaf):
        self.size = leaf.doc_count_all()
        self.by_field = {f: read_column(leaf, f) for f in COLUMN_FIELDS}
        self.dates, self.date_rank = date_ranks(leaf, self.size)


class Columns:
    """Every facet column and a date order for one reader."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        leaves = reader.leaf_readers()
        parts = [(segment_columns(leaf), offset) for leaf, offset in leaves]
        self.by_field = {
            f: merge_columns([(p.by_field[f], o) for p, o in parts]) for f in COLUMN_FIELDS
        }
        self.live = live_mask(leaves, self.size)
        self.dates = sorted({d for p, _ in parts for d in p.dates})
        self.date_rank = np.full(self.size, -1, dtype=np.int32)
        for part, offset in parts:
            if part.dates:
                remap = np.searchsorted(self.dates, part.dates).astype(np.int32)
                ranks = part.date_rank
                merged = np.where(ranks >= 0, remap[np.maximum(ranks, 0)], -1)
                self.date_rank[offset : offset + part.size] = merged
        self.term_cache = {}

    def date_mask(self, start, end):
        """Documents dated within [start, end] (ISO prefixes; None leaves a side open)."""
        lo = bisect_left(self.dates, start) if start else 0
        hi = bisect_right(self.dates, end + "\uffff") if end else len(self.dates)
        return (self.date_rank >= lo) & (self.date_rank < hi)

    def mask(self, docnums):
        mask = np.zeros(self.size, dtype=bool)
        if len(docnums):
            mask[np.asarray(docnums, dtype=np.int64)] = True
        return mask


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


def date_ranks(reader, size):
    """Per docnum, the rank of its date (undated documents rank lowest)."""
    ranks, dates = np.full(size, -1, dtype=np.int32), []
    if "date" in reader.schema:
        for term in reader.lexicon("date"):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if text:
                ranks[list(raw_postings(reader, "date", term).all_ids())] = len(dates)
                dates.append(text)
    return dates, ranks


SEGMENTS_KEPT = 64
_segments = OrderedDict()
_cache = {}
_building = {}
_lock = threading.Lock()


def segment_columns(leaf):
    """SegmentColumns of one segment, read once (postings include deleted documents)."""
    key = segment_key(leaf)
    with _lock:
        found = _segments.get(key)
        if found is not None:
            _segments.move_to_end(key)
            return found
    found = SegmentColumns(leaf)
    with _lock:
        _segments[key] = found
        while len(_segments) > SEGMENTS_KEPT:
            _segments.popitem(last=False)
    return found


def columns_for(searcher):
    """The cached Columns of this searcher's reader (rebuilt when the index changes).

    After a reload one thread builds the new Columns; the others wait for it (an Event)
    rather than all reading the same postings at once.
    """
    reader = searcher.reader()
    ix = getattr(searcher, "_ix", None)
    key = (
        str(getattr(getattr(ix, "storage", None), "folder", id(ix))),
        getattr(ix, "indexname", ""),
        reader.generation(),
        reader.doc_count_all(),
        reader.doc_count(),
    )
    with _lock:
        found = _cache.get(key)
        if found is not None:
            return found
        pending = _building.get(key)
        builder = pending is None
        if builder:
            pending = _building[key] = threading.Event()
    if not builder:
        pending.wait()
        with _lock:
            found = _cache.get(key)
        return found if found is not None else columns_for(searcher)
    try:
        found = Columns(reader)
        with _lock:
            if len(_cache) > 8:
                _cache.clear()
            _cache[key] = found
    finally:
        with _lock:
            _building.pop(key, None)
        pending.set()
    return found


def selection_masks(columns, request):
    """{facet: mask of documents matching that facet's OR of selected values}."""
    out = {}
    for facet in FACET_FIELDS:
        chosen = request.selected(facet)
        if chosen:
            out[facet] = columns.by_field[facet].docs_with(chosen, columns.size)
    return out


def facet_counts(columns, base, selections, facet):
    """Counts of `facet` over `base` AND every other facet's selection (disjunctive)."""
    mask = base
    for other, selected in selections.items():
        if other != facet:
            mask = mask & selected
    column = columns.by_field[facet]
    return {column.values[n]: int(c) for n, c in enumerate(column.count(mask)) if c}


def top_values(counts, selected, limit=TOP_VALUES):
    """The `limit` most frequent ids plus every selected id, and whether more exist."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = [v for v, _ in ranked[:limit]]
    top += [v for v in selected if v not in top]
    return [(v, counts.get(v, 0)) for v in top], len(ranked) > limit


def histogram(columns, mask):
    """[{month, count}] in month order for the documents in `mask`."""
    column = columns.by_field["month"]
    counts = column.count(mask) if len(column.values) else []
    return sorted(
        ({"month": column.values[n], "count": int(c)} for n, c in enumerate(counts) if c),
        key=lambda row: row["month"],
    )
