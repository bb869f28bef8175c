"""A segment's term index (Whoosh's OrderedHashWriter, a CDB-style hash file) written in
bulk: every term row in one write, and each of the 256 hash tables packed in one write,
where Whoosh writes each row with three calls and each hash-table slot (two per term)
with its own `write`. The bytes are Whoosh's: same rows, same tables (linear probing in
the same order), same hash (md5, see `md5_low32`).
"""

import itertools
import struct
from hashlib import md5

import numpy as np
from whoosh.filedb.filetables import OrderedHashWriter, md5_hash

ROW_LENGTHS = struct.Struct("!ii")  # filetables._lengths: key and value lengths before a row
SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # filetables._pointer ("!Iq")


class TermIndexWriter(OrderedHashWriter):
    """OrderedHashWriter whose hash tables are packed a table at a time (write_tables).
    posting_pool.LeanFieldWriter gives its Whoosh-made term index this class."""

    def _write_hashes(self):
        write_tables(self.dbfile, self.buckets, self.directory)


def write_tables(dbfile, buckets, directory):
    """HashWriter._write_hashes: for each bucket of (hash, position) entries, a table of
    twice as many slots, each entry at slot (hash >> 8) % size or the next free one;
    appends (table position, size) to `directory`. A free slot is (0, 0): no row starts
    at position 0 (the file's header is there)."""
    for entries in buckets:
        size = 2 * len(entries)
        directory.append((dbfile.tell(), size))
        if not size:
            continue
        hashes, positions = [0] * size, [0] * size
        for hashval, position in entries:
            slot = (hashval >> 8) % size
            while positions[slot]:
                slot = (slot + 1) % size
            hashes[slot], positions[slot] = hashval, position
        table = np.empty(size, SLOT)
        table["hash"], table["position"] = hashes, positions
        dbfile.write(table.tobytes())


def add_terms(tindex, keys, values):
    """OrderedHashWriter.add for every key and value, in one write."""
    if keys and keys[0] <= tindex.lastkey:
        raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{keys[0]!r}")
    dbfile = tindex.dbfile
    heads = list(map(ROW_LENGTHS.pack, map(len, keys), map(len, values)))
    sizes = map(sum, zip(map(len, heads), map(len, keys), map(len, values)))
    positions = list(itertools.accumulate(sizes, initial=dbfile.tell()))[:-1]
    buckets = tindex.buckets
    hashfn = md5_low32 if tindex.hashfn is md5_hash else tindex.hashfn
    for h, pos in zip(map(hashfn, keys), positions):
        buckets[h & 255].append((h, pos))
    dbfile.write(b"".join(itertools.chain.from_iterable(zip(heads, keys, values))))
    tindex.index.extend(positions)
    if keys:
        tindex.lastkey = keys[-1]


def md5_low32(key):
    """filetables.md5_hash (the term index's hash) without its hex round trip."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")
