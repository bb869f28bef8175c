"""termindex.py writes the term index's hash tables byte for byte as Whoosh does."""

import io
import random

from whoosh.filedb.filetables import HashWriter, OrderedHashReader, OrderedHashWriter
from whoosh.filedb.structfile import StructFile

from indexer.w3writer.term_index import TermIndexWriter, add_terms, md5_low32, write_tables


class Unclosing(io.BytesIO):
    def close(self):
        pass


def buckets_of(pairs):
    buckets = [[] for _ in range(256)]
    for h, pos in pairs:
        buckets[h & 255].append((h, pos))
    return buckets


def test_tables_are_whooshs_bytes_with_collisions_and_empty_buckets():
    rng = random.Random(7)
    # few distinct slots: entries collide and wrap around the end of their table
    pairs = [
        (rng.choice([0x100, 0x200, 0x1FF00, 0xFFFFFF00]) | rng.randrange(0, 256, 3), 40 + 9 * i)
        for i in range(3000)
    ]
    theirs, ours = StructFile(Unclosing()), StructFile(Unclosing())
    whoosh = HashWriter.__new__(HashWriter)
    whoosh.dbfile, whoosh.buckets, whoosh.directory = theirs, buckets_of(pairs), []
    whoosh._write_hashes()
    directory = []
    write_tables(ours, buckets_of(pairs), directory)
    assert ours.file.getvalue() == theirs.file.getvalue()
    assert directory == whoosh.directory
    assert sum(size == 0 for _, size in directory) > 100  # buckets no entry reached


def test_term_index_reads_back_every_key():
    keys = sorted({f"مصطلح{i}".encode() for i in range(5000)})
    values = [str(i).encode() for i in range(len(keys))]
    plain, bulk = StructFile(Unclosing()), StructFile(Unclosing())
    writer = OrderedHashWriter(plain)
    for k, v in zip(keys, values):
        writer.add(k, v)
    writer.close()
    fast = OrderedHashWriter(bulk)
    fast.__class__ = TermIndexWriter
    add_terms(fast, keys, values)
    fast.close()
    assert bulk.file.getvalue() == plain.file.getvalue()
    data = bulk.file.getvalue()
    reader = OrderedHashReader(StructFile(io.BytesIO(data)), len(data))
    assert [reader[k] for k in keys] == values
    assert reader.get("غائب".encode()) is None


def test_md5_low32_is_whooshs_hash():
    from whoosh.filedb.filetables import md5_hash

    for key in (b"", b"x", "حلب".encode(), bytes(range(256))):
        assert md5_low32(key) == md5_hash(key)
