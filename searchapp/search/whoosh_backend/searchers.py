"""The search service shared by every request, and the searchers it reads through.

An archive is re-indexed while people use it, so the service must follow the index on
disk without a restart, without failing requests in flight and without leaking files.

How: `SearcherPool` lends each request a Whoosh searcher of its own (Whoosh searchers
are not documented as safe to share between threads). Before lending it compares the
index's latest generation (a directory listing, throttled to once per `interval`
seconds) with the generation its searchers were opened on. When `khabar index` has
committed a new one, idle old searchers are closed at once and busy ones when their
request returns them; new requests get searchers of the new generation. No searcher is
ever closed while a request holds it, so no `ReaderClosed`.

We open fresh searchers rather than calling `Searcher.refresh()`: in whoosh3 3.54
`refresh()` reuses segment readers by segment id and so misses deletions committed
into a reused segment (an updated article then appears twice). Tested in
tests/test_reload.py.

The service reaches the pool through `SharedIndex`, which stands in for the Whoosh
index object (`service.ix`): `ix.searcher()` returns a lease usable as
`with ix.searcher() as searcher:` (or closed with `.close()`), and every other
attribute (`schema`, `doc_count`, ...) is the live index's.
"""

import os
import threading
import time

from whoosh import scoring

DEFAULT_RELOAD_INTERVAL = 1.0


class SearcherPool:
    """Lends searchers of the index's latest generation; one request per searcher at a time."""

    def __init__(self, ix, interval=DEFAULT_RELOAD_INTERVAL):
        self.ix = ix
        self.interval = float(interval)
        self._lock = threading.Lock()
        self._idle = []
        self._busy = {}
        self._generation = None
        self._checked = float("-inf")
        self._schema = None
        self.reloads = 0

    def schema(self):
        with self._lock:
            self._latest_generation()
            if self._schema is None:
                self._schema = self.ix.schema
            return self._schema

    def _latest_generation(self):
        """The generation on disk; re-read at most once per `interval` seconds."""
        now = time.monotonic()
        if self._generation is None or now - self._checked >= self.interval:
            self._checked = now
            try:
                latest = self.fingerprint()
            except OSError:  # mid-swap of a `--rebuild`: keep serving what we have
                if self._generation is None:
                    raise
                return self._generation
            if latest != self._generation:
                if self._generation is not None:
                    self.reloads += 1
                self._generation = latest
                self._schema = None
                self._close_all(self._idle)
                self._idle = []
        return self._generation

    def fingerprint(self):
        """(generation, TOC file inode, mtime): a `--rebuild` swapped in may reuse a generation number."""
        generation = self.ix.latest_generation()
        folder = getattr(self.ix.storage, "folder", None)
        if folder is None:
            return (generation,)
        toc = os.stat(os.path.join(folder, f"_{self.ix.indexname}_{generation}.toc"))
        return (generation, toc.st_ino, toc.st_mtime_ns)

    def acquire(self):
        """A searcher of the latest generation, for the caller alone until `release`."""
        with self._lock:
            generation = self._latest_generation()
            searcher = self._idle.pop() if self._idle else None
        if searcher is None:
            searcher = open_files_now(self.ix.searcher())
        with self._lock:
            self._busy[id(searcher)] = generation
        return searcher

    def release(self, searcher):
        """Give a searcher back; it is closed if the index has moved on meanwhile."""
        with self._lock:
            generation = self._busy.pop(id(searcher), None)
            current = self._generation
            if generation == current:
                self._idle.append(searcher)
                return
        searcher.close()

    def close(self):
        with self._lock:
            self._close_all(self._idle)
            self._idle = []

    @staticmethod
    def _close_all(searchers):
        for searcher in searchers:
            searcher.close()

    def open_count(self):
        """Searchers currently open (idle plus lent out): bounded by the worker threads."""
        with self._lock:
            return len(self._idle) + len(self._busy)


def open_files_now(searcher):
    """Open the files Whoosh would open lazily (columns, field lengths, stored fields).

    Segments written without a compound file keep one file per column, opened on first
    use. If a later commit merges the segment away and deletes those files while a request
    still holds this searcher, a lazy open would fail; files already open stay readable.
    """
    for leaf, _ in searcher.reader().leaf_readers():
        if not leaf.doc_count_all():
            continue
        for name, field in leaf.schema.items():
            if leaf.has_column(name):
                leaf.column_reader(name)
            if field.scorable:
                leaf.doc_field_length(0, name)
        leaf.stored_fields(0)
    return searcher


class Lease:
    """One borrowed searcher: a context manager, or call `close()` to give it back."""

    def __init__(self, pool, weighting=None):
        self._pool = pool
        self._searcher = pool.acquire()
        set_weighting(self._searcher, weighting if weighting is not None else scoring.BM25F())

    def __enter__(self):
        return self._searcher

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._searcher is not None:
            searcher, self._searcher = self._searcher, None
            self._pool.release(searcher)

    def __getattr__(self, name):
        if self._searcher is None:
            raise AttributeError(f"searcher lease already returned ({name})")
        return getattr(self._searcher, name)


def set_weighting(searcher, weighting):
    """Score with `weighting` from now on (the lease holder owns the searcher, so this is safe)."""
    if isinstance(weighting, type):
        weighting = weighting()
    searcher.weighting = weighting
    for subsearcher, _ in searcher.subsearchers or ():
        subsearcher.weighting = weighting


class SharedIndex:
    """Stands in for a Whoosh index: `searcher()` lends from the pool, the rest is the index's."""

    def __init__(self, ix, interval=DEFAULT_RELOAD_INTERVAL):
        self._ix = ix
        self.pool = SearcherPool(ix, interval)

    def searcher(self, weighting=None, **kwargs):
        if kwargs:  # anything but a weighting: a private searcher, closed by its user
            return self._ix.searcher(weighting=weighting or scoring.BM25F, **kwargs)
        return Lease(self.pool, weighting)

    @property
    def schema(self):
        """The schema of the latest generation, read once per generation (Whoosh re-reads the TOC)."""
        return self.pool.schema()

    def __getattr__(self, name):
        return getattr(self._ix, name)


def share_index(service, interval=DEFAULT_RELOAD_INTERVAL):
    """Route `service`'s searches through a pool that follows the index on disk."""
    if not isinstance(service.ix, SharedIndex):
        service.ix = SharedIndex(service.ix, interval)
    return service
