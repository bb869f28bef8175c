"""The Whoosh index directory as an index store (index_store.py).

One Whoosh writer in the indexing process holds the index's write lock, deletes, and
writes the articles of small runs; each worker process writes its own segments (a
`SegmentSink`), and the parent commits them with its own in one atomic TOC write
(store.commit). The duplicate aliases and the spelling table are written beside the
index after the commit.
"""

from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.indexing.aliases import read_aliases, write_aliases
from indexer.indexing.index_store import Known
from indexer.indexing.spelling import FILE as SPELLING_FILE
from indexer.indexing.spelling import table_of_index
from indexer.whoosh_index.schema import make_schema
from indexer.whoosh_index.store import (
    commit,
    index_lock,
    open_for_writing,
    open_index,
    start_writer,
    writer_class,
)

WRITER_MB = 128
# In-memory postings per worker segment (KhabarWriter.memory()). A segment's flush about
# doubles it for a while, so two workers peak near 2 x (fork + 2 x WORKER_MB) of RSS.
WORKER_MB = 96


class WhooshStore:
    """Writes one Whoosh index directory."""

    def __init__(self, index_dir):
        self.index_dir = Path(index_dir)
        self.location = str(index_dir)
        self.ix = self.writer = self.lock_fd = None
        self.fresh = False

    def check(self):
        writer_class()  # an unknown KHABAR_WRITER, or a Whoosh the writer does not fit, stops here

    @contextmanager
    def lock(self):
        with index_lock(self.index_dir) as fd:
            self.lock_fd = fd
            yield

    def open(self, rebuild):
        self.ix, self.fresh = open_for_writing(self.index_dir, rebuild)
        self.writer = start_writer(self.ix, self.fresh, WRITER_MB)
        return self.fresh

    def known(self):
        return read_known(self.ix)

    def next_seq(self):
        return 0  # Whoosh numbers documents in the order they are added

    def delete(self, ids):
        for doc_id in ids:
            self.writer.delete_by_term("id", doc_id)

    def replace(self, article_id):
        self.writer.delete_by_term("id", article_id)

    def add(self, doc, seq, action):
        (self.writer.add_document if action == "add" else self.writer.update_document)(**doc)

    def sinks(self):
        return SegmentSinks(self.index_dir, self.fresh, WORKER_MB)

    def worker_fds(self):
        """The run's flock and the writer's lock: forked workers must close them, so that
        the locks die with the parent."""
        fd = getattr(self.writer.writelock, "fd", None)
        return [self.lock_fd] + ([fd] if fd is not None else [])

    def commit(self, parts):
        commit(self.writer, self.fresh, parts)

    def cancel(self):
        if self.writer is not None:
            self.writer.cancel()

    def aliases(self):
        return read_aliases(self.index_dir)

    def save_aliases(self, aliases):
        write_aliases(self.index_dir, aliases)

    def after_commit(self, changed):
        if changed or not (self.index_dir / SPELLING_FILE).exists():
            with open_index(self.index_dir).reader() as reader:
                table = table_of_index(reader)
            table.save(self.index_dir)

    def close(self):
        pass  # the writer is committed or cancelled; the lock is released with its block


def read_known(ix):
    """Load ids, hashes and paths from the columns (cheap) or stored fields (older indexes)."""
    known = Known()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if all(reader.has_column(f) for f in ("id", "hash", "path", "texthash")):
            cols = {f: reader.column_reader(f) for f in ("id", "hash", "path", "texthash")}
            for n in reader.all_doc_ids():
                known.docs[cols["id"][n]] = (cols["hash"][n], cols["path"][n])
                known.texts.setdefault(cols["texthash"][n], cols["id"][n])
        else:
            for f in reader.all_stored_fields():
                known.docs[f["id"]] = (f.get("hash", ""), f.get("path", ""))
    return known


class SegmentSinks:
    """Makes a worker's SegmentSink (called in the worker, after the fork)."""

    def __init__(self, index_dir, fresh, limitmb):
        self.index_dir, self.fresh, self.limitmb = str(index_dir), fresh, limitmb
        self.writer_cls = writer_class()  # chosen here, in the parent (imported before the fork)

    def __call__(self):
        return SegmentSink(self.writer_cls, self.index_dir, self.fresh, self.limitmb)


class SegmentSink:
    """One worker's segment writer, with the parent's choice of writer (store.writer_class):
    KhabarWriter holds its segment's postings in memory and is full at `limitmb`;
    Whoosh's SegmentWriter spills them to disk itself, so it is never full."""

    def __init__(self, writer_cls, index_dir, fresh, limitmb):
        self.writer = writer_cls(whoosh_index.open_dir(index_dir), _lk=False, limitmb=limitmb)
        if fresh:
            self.writer.schema = make_schema()
        self.count = 0

    def add(self, doc, seq):
        self.writer.add_document(**doc)
        self.count += 1

    def full(self):
        memory_full = getattr(self.writer, "memory_full", None)
        return memory_full is not None and memory_full()

    def finish(self):
        """Write the segment's files (the parent's writer deletes the shared temp folder);
        the Whoosh Segment, or None when nothing was added."""
        if not self.count:
            self.writer._close_segment()
            return None
        return self.writer._finalize_segment()
