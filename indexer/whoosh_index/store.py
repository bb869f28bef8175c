"""Where an index lives on disk, how it is opened and how a writing run locks it.

The index is one Whoosh directory. Whoosh commits by writing a new table of contents
(TOC) to a temporary file and renaming it, so a reader sees either the old or the new
generation, never a mixture. A `--rebuild` writes a fresh segment beside the old ones
and commits it with the CLEAR merge policy: the swap is that one atomic TOC rename, and
a server keeps answering from the old segments until it reopens (searchapp/search/whoosh_backend/searchers.py).

Segments are written by Khabar's KhabarWriter (indexer/w3writer), or by Whoosh's own
SegmentWriter when the environment says `KHABAR_WRITER=whoosh` (`writer_class`).
"""

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import CLEAR, SegmentWriter

from indexer.errors import (
    IndexLockedError,
    IndexMissingError,
    IndexOutdatedError,
    UnknownWriterError,
)
from indexer.whoosh_index.schema import make_schema

LOCK = ".khabar.lock"
WRITERS = ("khabar", "whoosh")  # KHABAR_WRITER's values; the first is the default


def index_exists(index_dir):
    return whoosh_index.exists_in(Path(index_dir))


def open_index(index_dir):
    """The index at `index_dir` for reading; raises IndexMissingError when there is none."""
    if not index_exists(index_dir):
        raise IndexMissingError(Path(index_dir))
    return whoosh_index.open_dir(Path(index_dir))


def open_for_writing(index_dir, rebuild=False):
    """(index, fresh): creates the index when missing; `fresh` means start from nothing
    (asked for, new, or an empty index written with other fields). An index of other fields
    that holds articles raises IndexOutdatedError unless `rebuild`: rebuilt from this run's
    paths alone, it would lose the others.

    Only call while holding `index_lock`."""
    index_dir = Path(index_dir)
    if index_exists(index_dir):
        ix = whoosh_index.open_dir(index_dir)
        wanted, found = set(make_schema().names()), set(ix.schema.names())
        outdated = found != wanted
        if outdated and not rebuild and ix.doc_count_all():
            raise IndexOutdatedError(index_dir, sorted(wanted - found) or ["the current fields"])
        return ix, rebuild or outdated
    index_dir.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(index_dir, make_schema()), True


def writer_name():
    """The segment writer `KHABAR_WRITER` names: 'khabar' (unset or empty) or 'whoosh'."""
    name = os.environ.get("KHABAR_WRITER", "").strip().lower() or WRITERS[0]
    if name not in WRITERS:
        raise UnknownWriterError(name, WRITERS)
    return name


def writer_class():
    """The class that writes segments, in the indexing process and in its workers.

    'whoosh' is Whoosh's own SegmentWriter, a fallback for when the installed Whoosh no
    longer fits KhabarWriter: indexer.w3writer is then never imported, so its
    compatibility check (indexer/w3writer/compat.py) cannot stop the run."""
    if writer_name() == "whoosh":
        return SegmentWriter
    from indexer.w3writer.writer import KhabarWriter  # may raise WhooshCompatibilityError

    return KhabarWriter


def start_writer(ix, fresh, limitmb):
    """A writer; for a fresh build it uses the current schema and replaces every segment."""
    writer = writer_class()(ix, limitmb=limitmb)
    if fresh:
        writer.schema = make_schema()
    return writer


def commit(writer, fresh, segments=()):
    """Commit `writer` plus the `segments` worker processes wrote, in one atomic TOC write.

    A fresh build drops every older segment (CLEAR). The steps follow Whoosh's own
    MpWriter(multisegment=True) commit."""
    if not segments:
        writer.commit(mergetype=CLEAR if fresh else None)
        return
    final = writer._merge_segments(CLEAR if fresh else None, None, None) + list(segments)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


@contextmanager
def index_lock(index_dir):
    """Hold the index for writing; a second run raises IndexLockedError at once.

    The lock is an flock on INDEX/.khabar.lock: the kernel drops it when the holder
    dies (even by kill -9), so a stale lock file never blocks the next run. Yields the
    lock's file descriptor: forked workers must close their copy (see workers.py).
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise IndexLockedError(index_dir, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield fd
    finally:
        os.close(fd)
