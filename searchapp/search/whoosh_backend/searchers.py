"""The searchers a Whoosh backend reads through, following the index on disk.

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
tests/search/test_reload.py.
"""

import os
import threading
import time

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
        self.reloads = 0

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
        """(searcher, generation): a searcher of the latest generation, for the caller
        alone until `release`."""
        with self._lock:
            generation = self._latest_generation()
            searcher = self._idle.pop() if self._idle else None
        if searcher is None:
            searcher = open_files_now(self.ix.searcher())
        with self._lock:
            self._busy[id(searcher)] = generation
        return searcher, generation

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
