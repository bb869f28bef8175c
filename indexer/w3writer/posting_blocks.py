"""Write one field's in-memory postings (field_postings.FieldPostings) as W3Codec posting lists.

The layout is W3PostingsWriter's (whoosh/codec/whoosh3.py), built in bulk: one stable
numpy sort groups the postings by term (document order kept within a term); per-block
and per-term statistics (count, last id, max weight, min/max length byte, total weight)
and id deltas are computed on whole arrays; Python is left with one small loop per
128-posting block: pickle the block's (ids, weights, values) tuple, compress it past
COMPRESSION_MIN_SIZE, pickle its info tuple. The term rows (W3TermInfo + offset and
length) are packed with one struct and added to the term index in one write.

Block layout, as W3PostingsWriter._write_block: [b"W3Bl" before a term's first block]
int32 length (negated on the last block) | pickle(info) | [zlib] pickle((ids, w, v)).
Two differences: the (ids, w, v) tuple is pickled with protocol 4 (DATA_PROTOCOL), and
deflated by ISA-L (compression.py; the info tuple keeps Whoosh's level, which readers only
test for zero).
"""

import itertools
import struct
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_ushort

from indexer.w3writer.compression import compress
from indexer.w3writer.term_index import add_terms

NO_LENGTH = 256  # above any length byte: a posting with length byte 0 has no length
# Whoosh pickles a block's data with protocol 2, where every bytes value (a posting's
# positions) becomes a codecs.encode call, slow and large; protocol 4 keeps bytes as
# they are. Its reader unpickles whatever protocol it finds.
DATA_PROTOCOL = 4
# A term's row in the term index: W3TermInfo (not inlined) + postings offset and length.
TERM_ROW = struct.Struct(W3TermInfo._struct.format + "qi")


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
    extra = [
        ts + j
        for ts, c in zip(
            tstarts[counts > blocklimit].tolist(), counts[counts > blocklimit].tolist()
        )
        for j in range(blocklimit, c, blocklimit)
    ]  # blocks after a long term's first
    bstarts = np.union1d(tstarts, np.array(extra, np.int64)) if extra else tstarts
    lb = lengths[docs] if lengths is not None else np.zeros(n, np.uint8)
    return keys, order, docs, weights, lb, tstarts, bstarts


def block_stats(docs, weights, lb, bstarts):
    """Per block: end, last id, max/min weight, min/max length byte (lists, and the
    arrays as *_a), and every posting's id delta (the block's first: the id itself)."""
    n = len(docs)
    bends = np.append(bstarts[1:], n)
    deltas = docs.astype(np.int64)
    deltas[1:] -= docs[:-1]
    deltas[bstarts] = docs[bstarts]
    minl = np.minimum.reduceat(np.where(lb == 0, NO_LENGTH, lb.astype(np.int16)), bstarts)
    st = {
        "end_a": bends,
        "last_a": docs[bends - 1],
        "maxw_a": np.maximum.reduceat(weights, bstarts),
        "minw_a": np.minimum.reduceat(weights, bstarts),
        "minl_a": np.where(minl == NO_LENGTH, 0, minl),
        "maxl_a": np.maximum.reduceat(lb, bstarts),
    }
    st.update({k[:-2]: a.tolist() for k, a in list(st.items())})
    st["deltas"] = deltas.tolist()
    return st


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
    first_block = np.searchsorted(bstarts, tstarts)  # each term's first block
    last_block = np.append(first_block[1:], len(bstarts)) - 1
    final = np.zeros(len(bstarts), bool)
    final[last_block] = True
    blocks = encode_blocks(
        st, weights, ordered_values(fp, order), fp.size, codec._compression, final.tolist()
    )
    del order
    for b in first_block.tolist():
        blocks[b] = WHOOSH3_HEADER_MAGIC + blocks[b]
    postfile = fieldwriter._postfile
    ends = postfile.tell() + np.cumsum(np.fromiter(map(len, blocks), np.int64, len(blocks)))
    term_end = ends[last_block]
    term_start = np.append(postfile.tell(), term_end[:-1])
    postfile.write(b"".join(blocks))
    del blocks
    minl = np.minimum.reduceat(np.where(st["minl_a"] == 0, NO_LENGTH, st["minl_a"]), first_block)
    rows = map(
        TERM_ROW.pack,
        itertools.repeat(0),
        np.add.reduceat(weights.astype(np.float64), tstarts).tolist(),
        np.diff(np.append(tstarts, len(docs))).tolist(),
        np.where(minl == NO_LENGTH, 0, minl).tolist(),
        np.maximum.reduceat(st["maxl_a"], first_block).tolist(),
        np.maximum.reduceat(st["maxw_a"], first_block).tolist(),
        docs[tstarts].tolist(),
        st["last_a"][last_block].tolist(),
        term_start.tolist(),
        (term_end - term_start).tolist(),
    )
    fieldwriter.start_field(fieldname, fieldobj)
    prefix = pack_ushort(fieldwriter._fieldid)
    add_terms(fieldwriter._tindex, [prefix + k for k in keys], list(rows))
    fieldwriter.finish_field()


def encode_blocks(st, weights, values, size, compression, final):
    """The bytes of every block, as W3PostingsWriter._write_block writes them (`final`:
    whether each block is its term's last)."""
    out = []
    deltas = st["deltas"]
    weight_list = None  # the weights as Python floats, made once if a block needs them
    s = 0
    for e, maxw, minw, last, minl, maxl, fin in zip(
        st["end"], st["maxw"], st["minw"], st["last"], st["minl"], st["maxl"], final
    ):
        if maxw == minw:
            w = None if maxw == 1.0 else maxw
        else:
            if weight_list is None:
                weight_list = weights.tolist()
            w = tuple(weight_list[s:e])
        if size is None:
            v = tuple(values[s:e])
        else:
            v = values[s * size : e * size] if size else None
        data = dumps((tuple(deltas[s:e]), w, v), DATA_PROTOCOL)
        comp = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if comp:
            data = compress(data, comp)
        info = dumps((e - s, last, maxw, comp, minl, maxl), 2)
        n = len(info) + len(data)
        out.append(pack_int(-n if fin else n) + info + data)
        s = e
    return out
