"""Worker processes that extract entities, analyze and write articles, so that a large
run uses every core, whatever the index backend.

The parent reads inputs, decides what must be written (build.triage), hands batches of
(sequence number, article) to the workers through a bounded queue (so memory stays flat)
and, at the end, commits what they return. Each worker writes through a sink its index
store makes (indexer/indexing/index_store.py): a Whoosh segment writer, whose segments
the parent commits in one atomic Whoosh commit, or a bulk writer to an OpenSearch
cluster. For Whoosh this is Whoosh's own MpWriter(multisegment=True) scheme, except that
the workers also run `extract_entities`, which MpWriter would leave to the parent.

A worker ignores Ctrl-C (the parent decides), and exits by itself when its parent is
gone (kill -9): a watchdog thread checks every POLL seconds, because a parent killed
while it was writing a batch into the queue leaves a worker blocked for ever on the
rest of that message. The segment files it leaves are not in any TOC and Whoosh deletes
them at the next commit.
"""

import gc
import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback

from indexer.errors import KhabarError
from indexer.indexing.documents import article_doc

POLL = 1.0  # seconds between checks that the other side is still alive
WORKER_GC_THRESHOLDS = (50_000, 20, 100)  # Python's defaults: (700, 10, 10)


class WorkerError(KhabarError):
    """An indexing worker process failed."""


def run_worker(sinks, gazetteer_files, jobs, results, parent, lock_fds):
    """Worker main loop: batches of (seq, article) in, finished parts out.

    `sinks()` makes the worker's sink (index_store.WorkerSink). A part is finished
    whenever `segment_full` (sent as ("segment", part, n)), and at the end (("ok", part
    or None, n))."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Objects inherited from the parent (lexicon, gazetteer, automaton) live as long as the
    # worker: out of the collector's sight, they are neither scanned again by every full
    # collection nor copied into the worker's memory by it (copy-on-write). Indexing
    # allocates millions of short-lived containers and makes few cycles: collect rarely.
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    threading.Thread(target=exit_when_orphaned, args=(parent,), daemon=True).start()
    for fd in lock_fds:  # the parent alone holds the locks: they must die with it
        os.close(fd)
    count = 0
    try:
        sink, in_part = sinks(), 0
        while True:
            try:
                batch = jobs.get(timeout=POLL)
            except queue.Empty:
                batch = ()
            if os.getppid() != parent:  # orphaned by kill -9: nothing will commit this
                return
            if batch is None:
                break
            for seq, article in batch:
                sink.add(article_doc(article, gazetteer_files), seq)
            count += len(batch)
            in_part += len(batch)
            if in_part and segment_full(sink):
                results.put(("segment", sink.finish(), in_part))
                sink, in_part = sinks(), 0
        results.put(("ok", sink.finish(), count))
    except KhabarError as exc:  # a named error (a cluster gone): its message says it all
        results.put(("error", str(exc), count))
    except BaseException:  # reported to the parent, which cancels the run
        results.put(("error", traceback.format_exc(), count))


def exit_when_orphaned(parent):
    """Worker watchdog: end the process as soon as `parent` is gone (nothing will commit
    its work), wherever the main thread is blocked."""
    while os.getppid() == parent:
        time.sleep(POLL)
    os._exit(0)


def segment_full(sink):
    """Whether to finish the worker's part now (a KhabarWriter segment whose in-memory
    postings reached their limit; Whoosh's SegmentWriter spills to disk, a bulk writer
    sends as it goes)."""
    return sink.full()


class Workers:
    """A fixed set of worker processes; `submit(batch)` then `finish()` -> their parts."""

    def __init__(self, sinks, jobs, gazetteer_files=(), lock_fds=()):
        ctx = multiprocessing.get_context("fork")
        self.jobs = ctx.Queue(maxsize=2 * jobs)
        self.results = ctx.Queue()
        args = (
            sinks,
            tuple(gazetteer_files),
            self.jobs,
            self.results,
            os.getpid(),
            tuple(lock_fds),
        )
        self.segments = []
        self.procs = [ctx.Process(target=run_worker, args=args, daemon=True) for _ in range(jobs)]
        for p in self.procs:
            p.start()

    def alive(self):
        return all(p.is_alive() or p.exitcode == 0 for p in self.procs)

    def submit(self, batch):
        while True:
            try:
                self.jobs.put(batch, timeout=POLL)
                return
            except queue.Full:
                self.check()

    def check(self):
        if not self.alive():
            raise WorkerError(self.first_error() or "an indexing worker died")

    def first_error(self):
        """The first error a worker reported, if any (segments on the way are kept)."""
        while True:
            try:
                status, detail, _ = self.results.get_nowait()
            except queue.Empty:
                return None
            if status == "error":
                return detail
            self.take(status, detail)

    def take(self, status, detail):
        """Keep a finished segment; True when it was a worker's last message."""
        if detail is not None:
            self.segments.append(detail)
        return status == "ok"

    def finish(self):
        """Wait for every worker; the parts they finished (Whoosh Segment objects)."""
        for _ in self.procs:
            self.submit(None)
        done = 0
        while done < len(self.procs):
            status, detail = self.next_result()
            if status == "error":
                raise WorkerError(f"indexing worker failed:\n{detail}")
            done += self.take(status, detail)
        for p in self.procs:
            p.join()
        return self.segments

    def next_result(self):
        while True:
            try:
                status, detail, _ = self.results.get(timeout=POLL)
                return status, detail
            except queue.Empty:
                if not any(p.is_alive() for p in self.procs):
                    raise WorkerError("indexing workers exited without a result") from None

    def terminate(self):
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join()


def SegmentWorkers(index_dir, jobs, fresh, gazetteer_files=(), lock_fds=()):
    """Workers writing Whoosh segments of the index at `index_dir` (tests, tools)."""
    from indexer.indexing.whoosh_store import WORKER_MB, SegmentSinks

    return Workers(SegmentSinks(index_dir, fresh, WORKER_MB), jobs, gazetteer_files, lock_fds)
