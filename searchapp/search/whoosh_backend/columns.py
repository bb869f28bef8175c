"""Facet columns: each facet field of a segment as (docnum, value number) arrays.

Counting the values of every matching document is then one `bincount`. A segment's
columns are read once (through the postings layer) and kept with its other arrays.
"""

from dataclasses import dataclass

import numpy as np

from indexer.indexing.documents import FACET_FIELDS
from searchapp.search.whoosh_backend.postings import read_postings

COLUMN_FIELDS = (*FACET_FIELDS, "governorate", "month")


@dataclass
class Column:
    """(docnum, value) pairs for one multi-valued field."""

    values: list  # value number -> value text
    docs: np.ndarray  # int32 docnums
    codes: np.ndarray  # int32 value numbers, parallel to docs

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

    def counts(self, mask):
        """{value: count} of the values found in `mask`."""
        return {self.values[n]: int(c) for n, c in enumerate(self.count(mask)) if c}


EMPTY = Column([], np.zeros(0, np.int32), np.zeros(0, np.int32))


def read_column(leaf, field_name):
    """One field of one segment as a Column (deleted documents included)."""
    values, docs, codes = [], [], []
    if field_name in leaf.schema:
        for term in leaf.lexicon(field_name):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if not text:
                continue
            ids = read_postings(leaf, field_name, term)[0].astype(np.int32)
            codes.append(np.full(len(ids), len(values), dtype=np.int32))
            docs.append(ids)
            values.append(text)
    if not values:
        return EMPTY
    return Column(values, np.concatenate(docs), np.concatenate(codes))


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
    """What one index segment contributes to a view's columns and date order."""

    def __init__(self, leaf):
        self.size = leaf.doc_count_all()
        self.by_field = {f: read_column(leaf, f) for f in COLUMN_FIELDS}
        self.dates, self.date_rank = date_ranks(leaf, self.size)


def date_ranks(leaf, size):
    """Per docnum, the rank of its date among the segment's dates (-1: undated)."""
    ranks, dates = np.full(size, -1, dtype=np.int32), []
    if "date" in leaf.schema:
        for term in leaf.lexicon("date"):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if text:
                ranks[read_postings(leaf, "date", term)[0]] = len(dates)
                dates.append(text)
    return dates, ranks
