"""Build or update an index from input paths: incremental, interrupt-safe, locked.

- Incremental: each document stores a content hash; an unchanged article is skipped
  before any analysis, a changed one replaces the old document.
- Duplicates: the same text under another id is indexed once and counted.
- Safe: one Whoosh commit at the end (Whoosh swaps its table of contents atomically, see
  store.py), a rebuild replaces the old segments only in that commit, and an flock keeps
  two runs from writing one index.
"""

import itertools
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer.errors import InputError
from indexer.indexing.aliases import read_aliases, write_aliases
from indexer.indexing.documents import article_doc, content_hash, text_hash, warm_up
from indexer.indexing.spelling import FILE as SPELLING_FILE
from indexer.indexing.spelling import table_of_index
from indexer.indexing.workers import SegmentWorkers
from indexer.inputs.readers import input_files, read_file
from indexer.whoosh_index.store import (
    commit,
    index_lock,
    open_for_writing,
    open_index,
    start_writer,
    writer_class,
)

__all__ = ["BuildStats", "build_index", "open_index"]
WRITER_MB = 128
BATCH = 32
SMALL = 4 * BATCH  # fewer articles to write than this: no worker processes


@dataclass
class BuildStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicates: int = 0
    skipped: list = field(default_factory=list)
    seconds: float = 0.0
    bytes: int = 0

    @property
    def indexed(self):
        return self.added + self.updated + self.unchanged

    @property
    def written(self):
        return self.added + self.updated

    def skipped_by_reason(self):
        return Counter(e.reason.split(" (")[0] for e in self.skipped)

    def summary(self):
        reasons = ", ".join(f"{r}: {n}" for r, n in self.skipped_by_reason().most_common())
        rate = self.written / self.seconds if self.seconds else 0.0
        return (
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"removed {self.removed}, duplicates {self.duplicates}, skipped {len(self.skipped)}"
            + (f" ({reasons})" if reasons else "")
            + f" in {self.seconds:.1f}s, {rate:.0f} articles/s"
        )


@dataclass
class Known:
    """What the index holds: id -> (hash, path), text hash -> id, duplicate id -> id."""

    docs: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)


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


def prune_gone(writer, known, stats):
    """Delete documents whose source file no longer exists."""
    gone = [i for i, (_, path) in known.docs.items() if path and not os.path.exists(path)]
    forget(writer, known, gone, stats)


def prune_vanished(writer, known, seen, stats):
    """Delete documents of files read in this run that no longer contain their id."""
    paths_read = {path for _, path, _ in seen.values()}
    vanished = [i for i, (_, path) in known.docs.items() if path in paths_read and i not in seen]
    forget(writer, known, vanished, stats)


def forget(writer, known, ids, stats):
    dead = set(ids)
    for doc_id in dead:
        writer.delete_by_term("id", doc_id)
        del known.docs[doc_id]
    for th in [th for th, i in known.texts.items() if i in dead]:
        del known.texts[th]
    stats.removed += len(dead)


def triage(articles, known, stats, report, seen):
    """Yield ((action, offset), article) for the articles that need writing; count the rest.

    `seen` collects id -> (hash, path, where) for every article read in this run."""
    for article in articles:
        h = content_hash(article)
        first = seen.get(article.id)
        if first is not None:
            if first[0] == h:
                stats.duplicates += 1
            else:
                error = InputError(
                    article.path,
                    f"duplicate id with a different text ({article.id!r} first at {first[2]})",
                    article.line,
                )
                report(error)
            continue
        seen[article.id] = (h, article.path, article.where)
        old = known.docs.get(article.id)
        if old is not None and old[0] == h:
            stats.unchanged += 1
            continue
        th = text_hash(article)
        owner = known.texts.get(th)
        if owner is not None and owner != article.id and old is None:
            stats.duplicates += 1
            known.aliases[article.id] = owner
            continue
        known.aliases.pop(article.id, None)
        known.texts[th] = article.id
        known.docs[article.id] = (h, article.path)
        article.hashes = (h, th)  # article_doc (in a worker) need not hash the text again
        yield ("update" if old else "add", article.offset), article


def build_index(
    paths,
    index_dir,
    rebuild=False,
    prune=False,
    report=print,
    gazetteer_files=(),
    jobs=None,
    progress=None,
):
    """Index every article under `paths` into `index_dir`; returns BuildStats.

    `report(InputError)` hears of each skipped file or record; `progress(stats, done_bytes,
    total_bytes)` is called as articles are read. `jobs` worker processes (default: all
    cores) analyze large inputs.
    """
    started = time.monotonic()
    stats = BuildStats()
    jobs = jobs or os.cpu_count() or 1

    def skip(error):
        stats.skipped.append(error)
        report(error)

    writer_class()  # an unknown KHABAR_WRITER, or a Whoosh the writer does not fit, stops here
    with index_lock(index_dir) as lock_fd:
        ix, fresh = open_for_writing(index_dir, rebuild)
        known = Known() if fresh else read_known(ix)
        aliases_before = {} if fresh else read_aliases(index_dir)
        known.aliases.update(aliases_before)
        files = list(input_files(paths, skip))
        stats.bytes = sum(p.stat().st_size for p in files)
        writer = start_writer(ix, fresh, WRITER_MB)
        try:
            if prune:
                prune_gone(writer, known, stats)
            seen = {}
            work = triage(articles_of(files, skip), known, stats, skip, seen)
            lock_fds = [lock_fd] + [
                fd for fd in [getattr(writer.writelock, "fd", None)] if fd is not None
            ]
            pool_args = (index_dir, fresh, gazetteer_files, jobs, lock_fds)
            segments = write_all(writer, work, stats, pool_args, progress)
            if prune:
                prune_vanished(writer, known, seen, stats)
            changed = bool(stats.written or stats.removed or fresh)
            if changed:
                commit(writer, fresh, segments)
            else:
                writer.cancel()
        except BaseException:
            writer.cancel()
            raise
        aliases = {a: t for a, t in known.aliases.items() if t in known.docs}
        if fresh or aliases != aliases_before:
            write_aliases(index_dir, aliases)
        if changed or not spelling_written(index_dir):
            write_spelling(index_dir)
    if progress:
        progress(stats, stats.bytes, stats.bytes)
    stats.seconds = time.monotonic() - started
    return stats


def spelling_written(index_dir):
    return (Path(index_dir) / SPELLING_FILE).exists()


def write_spelling(index_dir):
    """The did-you-mean table of the committed index, beside it (indexer/indexing/spelling.py)."""
    with open_index(index_dir).reader() as reader:
        table = table_of_index(reader)
    table.save(index_dir)


def articles_of(files, skip):
    """Every article of `files`, each with `offset` counted from the start of the whole input."""
    before = 0
    for path in files:
        for article in read_file(path, skip):
            article.offset += before
            yield article
        before += path.stat().st_size if path.exists() else 0


def write_all(writer, work, stats, pool_args, progress):
    """Write the triaged articles: here when few, else through worker processes.

    Returns the segments the workers wrote (empty when none were used)."""
    index_dir, fresh, gazetteer_files, jobs, lock_fds = pool_args
    head = [item for _, item in zip(range(SMALL), work)]
    if jobs <= 1 or len(head) < SMALL:
        for (action, offset), article in itertools.chain(head, work):
            doc = article_doc(article, gazetteer_files)
            (writer.add_document if action == "add" else writer.update_document)(**doc)
            count(stats, action, offset, progress)
        return []
    warm_up(gazetteer_files)
    workers = SegmentWorkers(index_dir, jobs, fresh, gazetteer_files, lock_fds=lock_fds)
    try:
        batch = []
        for (action, offset), article in itertools.chain(head, work):
            if action == "update":
                writer.delete_by_term("id", article.id)
            article.extra = {}  # not indexed: do not ship it to the workers
            batch.append(article)
            if len(batch) == BATCH:
                workers.submit(batch)
                batch = []
            count(stats, action, offset, progress)
        if batch:
            workers.submit(batch)
        return workers.finish()
    finally:
        workers.terminate()


def count(stats, action, offset, progress):
    if action == "add":
        stats.added += 1
    else:
        stats.updated += 1
    if progress and stats.written % 256 == 0:
        progress(stats, offset, stats.bytes)
