"""Worker processes that each write their own index segment, so that entity extraction,
Arabic analysis and posting sorting of a large run use every core.

The parent reads inputs, decides what must be written (build.triage), hands batches of
articles to the workers through a bounded queue (so memory stays flat) and, at the end,
commits the segments they return in one atomic Whoosh commit (store.commit). A worker
writes with the parent's choice of writer (store.writer_class): KhabarWriter holds its
segment's postings in memory and the worker starts a new segment whenever they reach
`limitmb`; Whoosh's SegmentWriter spills them to disk itself, so its worker writes one
segment. This is Whoosh's own MpWriter(multisegment=True) scheme, except that the
workers also run `extract_entities`, which MpWriter would leave to the parent.

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

from whoosh import index as whoosh_index

from indexer.errors import KhabarError
from indexer.indexing.documents import article_doc
from indexer.whoosh_index.schema import make_schema
from indexer.whoosh_index.store import writer_class

POLL = 1.0  # seconds between checks that the other side is still alive
# In-memory postings per worker segment (KhabarWriter.memory()). A segment's flush about
# doubles it for a while, so two workers peak near 2 x (fork + 2 x WORKER_MB) of RSS.
WORKER_MB = 96
WORKER_GC_THRESHOLDS = (50_000, 20, 100)  # Python's defaults: (700, 10, 10)


class WorkerError(KhabarError):
    """An indexing worker process failed."""


def run_worker(
    index_dir, fresh, gazetteer_files, limitmb, jobs, results, parent, lock_fds, writer_cls
):
    """Worker main loop: batches of articles in, finished segments out.

    `writer_cls` is the parent's store.writer_class(). A segment is finished whenever
    `segment_full` (sent as ("segment", segment, n)), and at the end (("ok", segment or
    None, n))."""
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
        new = (writer_cls, index_dir, fresh, limitmb)
        writer, in_segment = new_writer(*new), 0
        while True:
            try:
                batch = jobs.get(timeout=POLL)
            except queue.Empty:
                batch = ()
            if os.getppid() != parent:  # orphaned by kill -9: nothing will commit this
                return
            if batch is None:
                break
            for article in batch:
                writer.add_document(**article_doc(article, gazetteer_files))
            count += len(batch)
            in_segment += len(batch)
            if in_segment and segment_full(writer):
                results.put(("segment", finish_segment(writer), in_segment))
                writer, in_segment = new_writer(*new), 0
        if in_segment:
            results.put(("ok", finish_segment(writer), count))
        else:
            writer._close_segment()
            results.put(("ok", None, count))
    except BaseException:  # reported to the parent, which cancels the run
        results.put(("error", traceback.format_exc(), count))


def exit_when_orphaned(parent):
    """Worker watchdog: end the process as soon as `parent` is gone (nothing will commit
    its work), wherever the main thread is blocked."""
    while os.getppid() == parent:
        time.sleep(POLL)
    os._exit(0)


def new_writer(writer_cls, index_dir, fresh, limitmb):
    writer = writer_cls(whoosh_index.open_dir(index_dir), _lk=False, limitmb=limitmb)
    if fresh:
        writer.schema = make_schema()
    return writer


def segment_full(writer):
    """Whether to finish the worker's segment now: KhabarWriter's in-memory postings have
    reached `limitmb` (Whoosh's SegmentWriter has no such limit: it spills to disk)."""
    memory_full = getattr(writer, "memory_full", None)
    return memory_full is not None and memory_full()


def finish_segment(writer):
    """Write the segment's files; the parent's writer deletes the shared temp folder."""
    return writer._finalize_segment()


class SegmentWorkers:
    """A fixed set of worker processes; `submit(batch)` then `finish()` -> segments."""

    def __init__(self, index_dir, jobs, fresh, gazetteer_files=(), limitmb=WORKER_MB, lock_fds=()):
        ctx = multiprocessing.get_context("fork")
        self.jobs = ctx.Queue(maxsize=2 * jobs)
        self.results = ctx.Queue()
        args = (
            str(index_dir),
            fresh,
            tuple(gazetteer_files),
            limitmb,
            self.jobs,
            self.results,
            os.getpid(),
            tuple(lock_fds),
            writer_class(),  # chosen here, in the parent (and imported before the fork)
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
        """Wait for every worker; their segments (Whoosh Segment objects)."""
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
