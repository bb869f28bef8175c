"""Posting lists and field lengths of index segments as numpy arrays, read once per segment.

A segment never changes once written, so what is read from it is kept by segment id
across index generations: a commit that adds a segment does not make every term be read
again. The arrays include deleted documents; a view's live mask drops them.

    arrays = SegmentArrays()
    docnums, weights = arrays.postings(leaf, "text", b"حلب")   # within the segment
    lengths = arrays.lengths(leaf, "text")                      # per docnum of the segment
"""

import threading
from collections import OrderedDict
from functools import lru_cache

import numpy as np

POSTINGS_KEPT = 20_000  # (segment, field, term) posting arrays kept
LENGTHS_KEPT = 256  # (segment, field) length arrays kept
SEGMENTS_KEPT = 64  # segments whose facet columns are kept
CACHE_BYTES = 256 * 1024 * 1024  # and at most this much memory per kind of array


class ArrayCache:
    """A thread-safe LRU of arrays bounded in count and bytes; a missing value is made
    by one thread while the others wait for it."""

    def __init__(self, size, max_bytes=None):
        self.size, self.max_bytes, self.bytes = size, max_bytes, 0
        self.data, self.lock, self.making = OrderedDict(), threading.Lock(), {}

    def get(self, key, make):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
            pending = self.making.get(key)
            mine = pending is None
            if mine:
                pending = self.making[key] = threading.Event()
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
                self._shrink()
        finally:
            with self.lock:
                self.making.pop(key, None)
            pending.set()
        return value

    def _shrink(self):
        while len(self.data) > self.size or (
            self.max_bytes and self.bytes > self.max_bytes and len(self.data) > 1
        ):
            self.bytes -= nbytes(self.data.popitem(last=False)[1])


def nbytes(value):
    """Memory held by a cached array or tuple of arrays (0 for anything else)."""
    parts = value if isinstance(value, tuple) else (value,)
    return sum(getattr(part, "nbytes", 0) for part in parts)


class SegmentArrays:
    """What the backend has read from index segments: postings, lengths, facet columns."""

    def __init__(self, max_bytes=CACHE_BYTES):
        self._postings = ArrayCache(POSTINGS_KEPT, max_bytes)
        self._lengths = ArrayCache(LENGTHS_KEPT, max_bytes)
        self._columns = ArrayCache(SEGMENTS_KEPT)

    def postings(self, leaf, field_name, btext):
        """(docnums int64, weights float64) of one term in one segment, deleted included."""
        key = (segment_key(leaf), field_name, btext)
        return self._postings.get(key, lambda: read_postings(leaf, field_name, btext))

    def lengths(self, leaf, field_name):
        """Per docnum of one segment, the field length Whoosh scores with."""
        key = (segment_key(leaf), field_name)
        return self._lengths.get(key, lambda: read_lengths(leaf, field_name))

    def columns(self, leaf, make):
        """The facet columns of one segment, made by `make(leaf)` once."""
        return self._columns.get(segment_key(leaf), lambda: make(leaf))


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
    return (
        np.asarray(ids, dtype=np.int64),
        np.asarray(weights, dtype=np.float32).astype(np.float64),
    )


def read_lengths(leaf, field_name):
    """Per docnum of one segment, the (byte-quantized) field length; 0 where none."""
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
