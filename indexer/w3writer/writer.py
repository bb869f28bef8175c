"""KhabarWriter: a Whoosh SegmentWriter that keeps the segment's postings in memory as flat
arrays and writes them in bulk, into the same files (W3Codec) Whoosh's readers open.

Instead of one tuple per posting through Whoosh's PostingPool, a sort and one
W3PostingsWriter.add_posting call per posting, here, per document and field:

- field_terms.py turns a value into a Counter (or a term list, for positions) with one
  cached lookup per word, for our Arabic analyzers and Whoosh's ID and KEYWORD(commas)
  fields; any other field goes through Whoosh's `field.index`;
- field_postings.FieldPostings appends the document's postings with a few C-level calls;
- at the end posting_blocks.write_field sorts each field once (numpy) and encodes the
  W3 blocks with one small loop per 128 postings.

A document is analyzed whole before anything is written, so a ValueError leaves nothing
of it behind. Stored fields, columns and lengths go through Whoosh's per-document writer.

Anything else takes Whoosh's path (posting_pool.py): documents with `_boost`-style keywords,
schemas with spelling or vector fields, segment merges (`add_reader`), or postings past
SPILL_FACTOR x `limitmb` in memory (spilled to the disk-backed pool). Worker processes
check `memory_full()` and start a new segment instead (indexer/indexing/workers.py).

tests/w3writer/test_segwriter.py checks postings, weights, values, term and block
statistics, lengths, stored fields and columns against Whoosh's SegmentWriter. README.md
says why the writer exists (measured) and which private Whoosh names it relies on.
"""

import numpy as np
from whoosh.codec.whoosh3 import W3Codec
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

from indexer.w3writer.compression import compress_stored_fields
from indexer.w3writer.field_postings import FieldPostings
from indexer.w3writer.field_terms import fast_terms, positions
from indexer.w3writer.posting_blocks import write_field
from indexer.w3writer.posting_pool import DenseLengths, LeanFieldWriter, LeanPool

SPILL_FACTOR = 1.25  # in-memory postings past limitmb x this go to the disk pool
CHECK_EVERY = 32  # documents between memory checks


class KhabarWriter(SegmentWriter):
    """SegmentWriter with in-memory postings (fast path) and LeanPool (slow path)."""

    def __init__(self, ix, limitmb=128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = LeanPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        self.fieldwriter.close()  # replace Whoosh's (empty) field writer before any use
        self.fieldwriter = LeanFieldWriter(self.codec, self.storage, self.newsegment)
        compress_stored_fields(self.perdocwriter)
        self.memory_limit = limitmb * 2**20
        self.postings = {}  # fieldname -> FieldPostings
        self.lengths = {}  # scorable fieldname -> bytearray docnum -> length byte
        self._plans = {}
        self._schema_ok = None

    # adding documents

    def memory(self):
        """Bytes (roughly) the in-memory postings hold."""
        return sum(fp.memory() for fp in self.postings.values())

    def memory_full(self):
        return self.memory() >= self.memory_limit

    def _fast_schema(self):
        if self._schema_ok is None:
            self._schema_ok = not any(f.separate_spelling() or f.vector for f in self.schema)
        return self._schema_ok

    def _plan(self, name, field):
        plan = self._plans.get(name)
        if plan is None:
            plan = self._plans[name] = (fast_terms(field), FieldPostings(field))
        return plan

    def add_document(self, **fields):
        if not self._fast_schema() or any(name.startswith("_") for name in fields):
            return super().add_document(**fields)
        self._check_state()
        names = sorted(fields)
        self._check_fields(self.schema, names)
        # everything that can fail (analysis, column values) before anything is written
        parts = [self._analyze(name, fields[name]) for name in names if fields[name] is not None]
        perdoc, docnum = self.perdocwriter, self.docnum
        perdoc.start_doc(docnum)
        for name, field, value, postings, length, column_value in parts:
            if postings is not None:
                fp, add, terms = postings
                add(docnum, terms)
                self.postings[name] = fp
                if field.scorable:
                    self._set_length(name, docnum, length)
            perdoc.add_field(name, field, value if field.stored else None, length)
            if column_value is not None:
                perdoc.add_column_value(name, field.column_type, column_value)
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1
        if self.docnum % CHECK_EVERY == 0 and self.memory() > SPILL_FACTOR * self.memory_limit:
            self.spill()

    def _analyze(self, name, value):
        """(name, field, value, (FieldPostings, its add method, terms) or None, length,
        column value)."""
        field = self.schema[name]
        postings, length = None, 0
        if field.indexed:
            fast, fp = self._plan(name, field)
            if fast is not None and isinstance(value, str):
                func, surface = fast
                terms, length = func(surface, value)
                add = fp.add_positions if func is positions else fp.add_counts
            else:
                terms = []
                for tbytes, freq, weight, vbytes in field.index(value):
                    length += freq
                    terms.append((tbytes, weight, vbytes))
                add = fp.add_items
            postings = (fp, add, terms)
            if not field.scorable:
                length = 0
        column_value = field.to_column_value(value) if field.column_type else None
        return name, field, value, postings, length, column_value

    def _set_length(self, name, docnum, length):
        lengths = self.lengths.get(name)
        if lengths is None:
            lengths = self.lengths[name] = bytearray()
        if len(lengths) < docnum:
            lengths.extend(bytes(docnum - len(lengths)))
        lengths.append(length_to_byte(length))

    def spill(self):
        """Move the in-memory postings to the disk-backed pool (the slow path)."""
        add = self.pool.add
        for name, fp in self.postings.items():
            for item in fp.items(name):
                add(item)
        self.postings = {}
        self._plans = {}

    # writing the segment

    def _fast_flush(self):
        pool = self.pool
        codec = self.codec
        return (
            not pool.current
            and not pool.runs
            and type(codec) is W3Codec
            and codec._inlinelimit <= 1
        )

    def _flush_segment(self):
        self.perdocwriter.close()
        if not self._fast_flush():
            self.spill()
            pdr = self.per_document_reader() if self.codec.length_stats else None
            lengths = DenseLengths(pdr, self.docnum) if pdr else None
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
            if pdr:
                pdr.close()
        else:
            self._plans = {}
            for name in sorted(self.postings):
                fp = self.postings.pop(name)  # each field's postings freed once written
                lengths = self.lengths.get(name)
                if lengths is not None:
                    lengths = np.frombuffer(
                        bytes(lengths) + bytes(self.docnum - len(lengths)), np.uint8
                    )
                write_field(self.fieldwriter, name, self.schema[name], fp, lengths, self.codec)
                del fp
        self.postings = {}
        self.fieldwriter.close()
