"""Write one field's in-memory postings (memindex.FieldPostings) as W3Codec posting lists.

The bytes are those W3PostingsWriter writes (whoosh/codec/whoosh3.py), built in bulk:
one stable numpy sort groups the postings by term (document order kept within a term),
per-block statistics (count, last id, max weight, min/max length byte) and id deltas are
computed on whole arrays, and Python is left with one small loop per 128-posting block:
pickle the block's (ids, weights, values) tuple, compress it past COMPRESSION_MIN_SIZE,
pickle its info tuple. Each term's W3TermInfo row goes into the field writer's term index.

Block layout, as W3PostingsWriter._write_block: [b"W3Bl" before a term's first block]
int32 length (negated on the last block) | pickle(info) | [zlib] pickle((ids, w, v)).
"""
import struct
import zlib
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort

NO_LENGTH = 256  # above any length byte: a posting with length byte 0 has no length
ZLIB_WBITS, ZLIB_MEMLEVEL = 12, 2
# Whoosh pickles a block's data with protocol 2, where every bytes value (a posting's
# positions) becomes a codecs.encode call: ten times slower and twice the size of
# protocol 4. Its reader unpickles whatever protocol it finds.
DATA_PROTOCOL = 4
_LENGTHS = struct.Struct("!ii")  # filetables: key and value lengths before a row


def sorted_terms(fp):
    """(term bytes in order, rank of each term id): str and bytes tables merged."""
    pairs = [(k.encode(), t) for k, t in fp.str_ids.items()]
    pairs += fp.bytes_ids.items()
    pairs.sort()
    rank = np.empty(len(pairs), np.int32)
    keys = []
    last = None
    for key, tid in pairs:
        if key != last:
            keys.append(key)
            last = key
        rank[tid] = len(keys) - 1
    return keys, rank


def grouped(fp, lengths, blocklimit):
    """The postings sorted by (term, doc) and their block/term boundaries. Arrays are
    kept narrow (the flush of a large segment holds several per posting)."""
    keys, rank = sorted_terms(fp)
    ranks = rank[np.frombuffer(fp.tids, np.uint32)]
    order = np.argsort(ranks, kind="stable")
    ranks = ranks[order]
    docs = np.frombuffer(fp.docs, np.uint32)[order]
    weights = np.frombuffer(fp.weights, np.float32)[order]
    n = len(docs)
    new_term = np.ones(n, bool)
    np.not_equal(ranks[1:], ranks[:-1], out=new_term[1:])
    if np.any(docs[1:][~new_term[1:]] <= docs[:-1][~new_term[1:]]):
        raise ValueError("postings of a term are not in increasing document order")
    tstarts = np.flatnonzero(new_term)
    del new_term
    keys = [keys[r] for r in ranks[tstarts].tolist()]  # terms left without postings drop out
    del ranks
    counts = np.diff(np.append(tstarts, n))
    extra = [ts + j for ts, c in zip(tstarts[counts > blocklimit].tolist(), counts[counts > blocklimit].tolist())
             for j in range(blocklimit, c, blocklimit)]  # blocks after a long term's first
    bstarts = np.union1d(tstarts, np.array(extra, np.int64)) if extra else tstarts
    lb = lengths[docs] if lengths is not None else np.zeros(n, np.uint8)
    return keys, order, docs, weights, lb, tstarts, bstarts


def block_stats(docs, weights, lb, bstarts):
    n = len(docs)
    bends = np.append(bstarts[1:], n)
    deltas = docs.astype(np.int64)
    deltas[1:] -= docs[:-1]
    deltas[bstarts] = docs[bstarts]
    minl = np.minimum.reduceat(np.where(lb == 0, NO_LENGTH, lb.astype(np.int16)), bstarts)
    return {
        "end": bends.tolist(), "last": docs[bends - 1].tolist(),
        "maxw": np.maximum.reduceat(weights, bstarts).tolist(),
        "minw": np.minimum.reduceat(weights, bstarts).tolist(),
        "minl": np.where(minl == NO_LENGTH, 0, minl).tolist(),
        "maxl": np.maximum.reduceat(lb, bstarts).tolist(),
        "deltas": deltas.tolist(),
    }


def ordered_values(fp, order):
    """The value of each posting in sorted order: a list (variable size) or one bytes."""
    if fp.size is None:
        return list(map(fp.values.__getitem__, order.tolist()))
    if fp.size == 0:
        return None
    return np.frombuffer(fp.values, np.uint8).reshape(-1, fp.size)[order].tobytes()


def write_field(fieldwriter, fieldname, fieldobj, fp, lengths, codec):
    """Write field `fieldname`'s postings `fp` through W3FieldWriter `fieldwriter`.

    `lengths`: numpy array docnum -> length byte of this field (None: not scorable)."""
    if not len(fp):
        return
    keys, order, docs, weights, lb, tstarts, bstarts = grouped(fp, lengths, codec._blocklimit)
    st = block_stats(docs, weights, lb, bstarts)
    encode = BlockEncoder(st, weights, ordered_values(fp, order), fp.size, codec._compression).encode
    del order
    term_weights = np.add.reduceat(weights.astype(np.float64), tstarts).tolist()
    tends = np.append(tstarts[1:], len(docs)).tolist()
    fieldwriter.start_field(fieldname, fieldobj)
    postfile = fieldwriter._postfile
    prefix = pack_ushort(fieldwriter._fieldid)
    pack_info = W3TermInfo._struct.pack
    ends, minls, maxls, maxws, lasts = st["end"], st["minl"], st["maxl"], st["maxw"], st["last"]
    chunks, rows, offset = [], [], postfile.tell()
    b = 0
    for key, ts, te, tweight, firstid in zip(keys, tstarts.tolist(), tends, term_weights, docs[tstarts].tolist()):
        start = offset
        chunks.append(WHOOSH3_HEADER_MAGIC)
        offset += 4
        first = b
        while True:
            data = encode(b, te)
            chunks.append(data)
            offset += len(data)
            b += 1
            if ends[b - 1] == te:
                break
        if b - first == 1:
            info = pack_info(False, tweight, te - ts, minls[first], maxls[first], maxws[first], firstid,
                             lasts[first])
        else:
            minl = [m for m in minls[first:b] if m]
            info = pack_info(False, tweight, te - ts, min(minl) if minl else 0, max(maxls[first:b]),
                             max(maxws[first:b]), firstid, lasts[b - 1])
        rows.append((prefix + key, info + pack_long(start) + pack_int(offset - start)))
        if len(chunks) > 8192:
            postfile.write(b"".join(chunks))
            chunks = []
    postfile.write(b"".join(chunks))
    add_terms(fieldwriter._tindex, rows)
    fieldwriter.finish_field()


def add_terms(tindex, rows):
    """OrderedHashWriter.add for every (key, value) row, in one write."""
    if rows and rows[0][0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{rows[0][0]!r}")
    dbfile = tindex.dbfile
    pos = dbfile.tell()
    hashfn, buckets = tindex.hashfn, tindex.buckets
    pack_lengths = _LENGTHS.pack
    out, positions = [], []
    for key, value in rows:
        positions.append(pos)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        out += (pack_lengths(len(key), len(value)), key, value)
        pos += 8 + len(key) + len(value)
    dbfile.write(b"".join(out))
    tindex.index.extend(positions)
    if rows:
        tindex.lastkey = rows[-1][0]


class BlockEncoder:
    """Encodes block number b of the sorted postings, as W3PostingsWriter._write_block."""

    def __init__(self, st, weights, values, size, compression):
        self.st, self.weights, self.values, self.size, self.compression = st, weights, values, size, compression
        self.starts = [0] + st["end"][:-1]

    def encode(self, b, term_end):
        st = self.st
        s, e = self.starts[b], st["end"][b]
        maxw = st["maxw"][b]
        if maxw == st["minw"][b]:
            weights = None if maxw == 1.0 else maxw
        else:
            weights = tuple(self.weights[s:e].tolist())
        size = self.size
        if size is None:
            values = tuple(self.values[s:e])
        elif size == 0:
            values = None
        else:
            values = self.values[s * size:e * size]
        data = dumps((tuple(st["deltas"][s:e]), weights, values), DATA_PROTOCOL)
        comp = self.compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            data = compress(data, comp)
        info = dumps((e - s, st["last"][b], maxw, comp, st["minl"][b], st["maxl"][b]), 2)
        length = len(info) + len(data)
        return pack_int(-length if e == term_end else length) + info + data


def compress(data, level):
    """zlib.compress with a small window and hash table: small blocks compress alike,
    and zlib's set-up (most of the cost at this size) is several times cheaper.
    zlib.decompress (Whoosh's reader) reads any window size."""
    c = zlib.compressobj(level, zlib.DEFLATED, ZLIB_WBITS, ZLIB_MEMLEVEL)
    return c.compress(data) + c.flush()
