"""Whoosh's posting path with less Python per posting: the slow path of KhabarWriter
(writer.py), used when postings reach it as PostingPool items (segment merges, documents
Whoosh's own add_document indexed, in-memory postings spilled to disk).

- `DenseLengths` reads each field's lengths into a list once per segment;
- `LeanPool.add` and `LeanPostingsWriter.add_posting` do what Whoosh's do minus the
  asserts (our own writer feeds them, always with bytes);
- `LeanFieldWriter.add_postings` is FieldWriter.add_postings with the postings writer
  bound once per term; its term index writes its hash tables in bulk (term_index.py).

The segment format is untouched (plain W3Codec).
"""

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter
from whoosh.writing import PostingPool

from indexer.w3writer.term_index import TermIndexWriter

POSTING_OVERHEAD = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21  # PostingPool.add's size estimate


class DenseLengths:
    """A per-document reader's field lengths, each field read once into a list."""

    def __init__(self, reader, doc_count):
        self.reader, self.doc_count = reader, doc_count

    def doc_field_length_reader(self, fieldname, default=0):
        get = self.reader.doc_field_length_reader(fieldname, default)
        return [get(n) for n in range(self.doc_count)].__getitem__


class LeanPool(PostingPool):
    def add(self, item):
        self.fieldnames.add(item[0])
        self.currentsize += POSTING_OVERHEAD + len(item[0]) + 2 * len(item[1]) + len(item[4] or "")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


class LeanPostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        ids = self._ids
        if len(ids) >= self._blocklimit:
            self._write_block()
            ids = self._ids
        ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length


class LeanFieldWriter(W3FieldWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tindex.__class__ = TermIndexWriter  # the same writer, with a bulk close

    def start_field(self, fieldname, fieldobj):
        super().start_field(fieldname, fieldobj)
        codec = self._codec
        self._postwriter = LeanPostingsWriter(
            self._postfile,
            blocklimit=codec._blocklimit,
            compression=codec._compression,
            inlinelimit=codec._inlinelimit,
        )

    def add_postings(self, schema, lengths, items):
        lastfn = lasttext = add = None
        field_length = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
                field_length = (
                    lengths.doc_field_length_reader(fieldname) if lengths else (lambda n: 0)
                )
            if docnum == -1:  # Whoosh's spelling-graph marker: not a posting
                continue
            if btext != lasttext:
                if lasttext is not None:
                    if btext < lasttext:
                        raise OutOfOrderError(
                            f"Term {lastfn}:{lasttext!r} .. {fieldname}:{btext!r}"
                        )
                    self.finish_term()
                self.start_term(btext)
                lasttext, add = btext, self._postwriter.add_posting
            add(docnum, weight, value or b"", field_length(docnum))
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()
