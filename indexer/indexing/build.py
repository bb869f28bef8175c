"""Build or update an index from input paths: incremental, interrupt-safe, locked.

- Incremental: each document stores a content hash; an unchanged article is skipped
  before any analysis, a changed one replaces the old document.
- Duplicates: the same text under another id is indexed once and counted.
- Safe: one commit at the end (a Whoosh TOC swap, or an OpenSearch alias swap for a
  fresh index), and a lock keeps two runs from writing one index.

The pipeline is the same for every backend: it writes through an index store
(index_store.py; stores.open_store: WhooshStore for a directory, OpenSearchStore for a
cluster URL).
"""

import itertools
import os
import time
from collections import Counter
from dataclasses import dataclass, field

from indexer.errors import InputError
from indexer.indexing.documents import article_doc, content_hash, text_hash, warm_up
from indexer.indexing.index_store import Known
from indexer.indexing.stores import open_store
from indexer.indexing.workers import Workers
from indexer.inputs.readers import input_files, read_file

__all__ = ["BuildStats", "Known", "build_index"]
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


def prune_gone(store, known, stats):
    """Delete documents whose source file no longer exists."""
    gone = [i for i, (_, path) in known.docs.items() if path and not os.path.exists(path)]
    forget(store, known, gone, stats)


def prune_vanished(store, known, seen, stats):
    """Delete documents of files read in this run that no longer contain their id."""
    paths_read = {path for _, path, _ in seen.values()}
    vanished = [i for i, (_, path) in known.docs.items() if path in paths_read and i not in seen]
    forget(store, known, vanished, stats)


def forget(store, known, ids, stats):
    dead = set(ids)
    store.delete(sorted(dead))
    for doc_id in dead:
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
    **store_options,
):
    """Index every article under `paths` into `index_dir` (a directory, or an OpenSearch
    backend URL: stores.open_store, which takes `store_options`); returns BuildStats.

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

    store = open_store(index_dir, **store_options)
    try:
        return run(store, paths, rebuild, prune, skip, gazetteer_files, jobs, progress, stats)
    finally:
        store.close()
        stats.seconds = time.monotonic() - started


def run(store, paths, rebuild, prune, skip, gazetteer_files, jobs, progress, stats):
    """build_index's run through an open store."""
    store.check()
    with store.lock():
        fresh = store.open(rebuild)
        known = Known() if fresh else store.known()
        aliases_before = {} if fresh else store.aliases()
        known.aliases.update(aliases_before)
        files = list(input_files(paths, skip))
        stats.bytes = sum(p.stat().st_size for p in files)
        try:
            if prune:
                prune_gone(store, known, stats)
            seen = {}
            work = numbered(triage(articles_of(files, skip), known, stats, skip, seen), store)
            parts = write_all(store, work, stats, (gazetteer_files, jobs), progress)
            if prune:
                prune_vanished(store, known, seen, stats)
            changed = bool(stats.written or stats.removed or fresh)
            if changed:
                store.commit(parts)
            else:
                store.cancel()
        except BaseException:
            store.cancel()
            raise
        aliases = {a: t for a, t in known.aliases.items() if t in known.docs}
        if fresh or aliases != aliases_before:
            store.save_aliases(aliases)
        store.after_commit(changed)
    if progress:
        progress(stats, stats.bytes, stats.bytes)
    return stats


def numbered(work, store):
    """Each triaged article with its sequence number (the order this run writes them in)."""
    for seq, (item, article) in enumerate(work, store.next_seq()):
        yield item, seq, article


def articles_of(files, skip):
    """Every article of `files`, each with `offset` counted from the start of the whole input."""
    before = 0
    for path in files:
        for article in read_file(path, skip):
            article.offset += before
            yield article
        before += path.stat().st_size if path.exists() else 0


def write_all(store, work, stats, options, progress):
    """Write the triaged articles: here when few, else through worker processes.

    Returns the parts the workers finished (empty when none were used)."""
    gazetteer_files, jobs = options
    head = [item for _, item in zip(range(SMALL), work)]
    if jobs <= 1 or len(head) < SMALL:
        for (action, offset), seq, article in itertools.chain(head, work):
            store.add(article_doc(article, gazetteer_files), seq, action)
            count(stats, action, offset, progress)
        return []
    warm_up(gazetteer_files)
    workers = Workers(store.sinks(), jobs, gazetteer_files, lock_fds=store.worker_fds())
    try:
        batch = []
        for (action, offset), seq, article in itertools.chain(head, work):
            if action == "update":
                store.replace(article.id)
            article.extra = {}  # not indexed: do not ship it to the workers
            batch.append((seq, article))
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
