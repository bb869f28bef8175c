"""Facet counting from per-document columns built once per index reader.

Each facet field becomes two parallel numpy arrays (docnum, value number) read from the
field's postings, so counting the values of every matching document is one `bincount`.
The columns are cached by the reader's generation and rebuilt after a reindex.
"""
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from indexer.schema import FACET_FIELDS

TOP_VALUES = 10
COLUMN_FIELDS = (*FACET_FIELDS, "governorate", "month")


@dataclass
class Column:
    """(docnum, value) pairs for one multi-valued field."""
    values: list        # value number -> value text
    docs: np.ndarray    # int32 docnums
    codes: np.ndarray   # int32 value numbers, parallel to docs

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
            ids = list(reader.postings(field_name, term).all_ids())
            codes.append(np.full(len(ids), len(values), dtype=np.int32))
            docs.append(np.asarray(ids, dtype=np.int32))
            values.append(text)
    if not values:
        return Column([], np.zeros(0, np.int32), np.zeros(0, np.int32))
    return Column(values, np.concatenate(docs), np.concatenate(codes))


class Columns:
    """Every facet column and a date order for one reader."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.by_field = {f: read_column(reader, f) for f in COLUMN_FIELDS}
        self.live = np.zeros(self.size, dtype=bool)
        self.live[list(reader.all_doc_ids())] = True
        self.dates, self.date_rank = date_ranks(reader, self.size)
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


def date_ranks(reader, size):
    """Per docnum, the rank of its date (undated documents rank lowest)."""
    ranks, dates = np.full(size, -1, dtype=np.int32), []
    if "date" in reader.schema:
        for term in reader.lexicon("date"):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if text:
                ranks[list(reader.postings("date", term).all_ids())] = len(dates)
                dates.append(text)
    return dates, ranks


_cache = {}
_lock = threading.Lock()


def columns_for(searcher):
    """The cached Columns of this searcher's reader (rebuilt when the index changes)."""
    reader = searcher.reader()
    ix = getattr(searcher, "_ix", None)
    key = (str(getattr(getattr(ix, "storage", None), "folder", id(ix))), getattr(ix, "indexname", ""),
           reader.generation(), reader.doc_count_all(), reader.doc_count())
    with _lock:
        found = _cache.get(key)
    if found is None:
        found = Columns(reader)
        with _lock:
            if len(_cache) > 8:
                _cache.clear()
            _cache[key] = found
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
    return sorted(({"month": column.values[n], "count": int(c)} for n, c in enumerate(counts) if c),
                  key=lambda row: row["month"])
