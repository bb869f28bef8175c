"""What an index run asks of the index it writes: the index store interface.

The build pipeline (build.py) reads inputs, triages them by content hash, collapses
duplicates and has the articles analyzed on every core (workers.py); an index store
keeps what it is given. Two implement it: `WhooshStore` (whoosh_store.py, a directory on
this machine) and `OpenSearchStore` (opensearch_store.py, a cluster).

    store = stores.open_store("var/index")     # or "opensearch+http://host:9200/khabar"
    store.check()                              # before anything is touched
    with store.lock():
        fresh = store.open(rebuild=False)
        known = Known() if fresh else store.known()
        ...                                    # add / delete / worker sinks
        store.commit(parts) or store.cancel()
        store.save_aliases(aliases)
        store.after_commit(changed)
"""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Known:
    """What the index holds: id -> (hash, path), text hash -> id, duplicate id -> id."""

    docs: dict = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    aliases: dict = field(default_factory=dict)


class WorkerSink(Protocol):
    """Where one worker process writes documents; made in the worker, after the fork."""

    def add(self, doc, seq):
        """Write one document (indexer.indexing.documents.article_doc) with its sequence
        number (the order the run wrote it in)."""

    def full(self) -> bool:
        """Whether to finish a part now (a Whoosh segment whose memory is full)."""

    def finish(self):
        """Finish the part written so far; what the parent's commit needs of it (a
        Whoosh segment), or None."""


class IndexStore(Protocol):
    """An index an index run writes into."""

    location: str  # for messages

    def check(self):
        """Raise a named error before anything is touched when the store cannot be written."""

    def lock(self):
        """A context manager holding the index for this run alone."""

    def open(self, rebuild) -> bool:
        """Prepare to write; True when the run starts from nothing (asked for, new, or an
        index of an older layout)."""

    def known(self) -> Known:
        """Ids, hashes, paths, text hashes and duplicate aliases the index holds."""

    def next_seq(self) -> int:
        """The sequence number of the first article this run writes."""

    def delete(self, ids):
        """Remove articles by id."""

    def replace(self, article_id):
        """An article about to be written again by a worker: drop the old one now."""

    def add(self, doc, seq, action):
        """Write one document in this process (`action` is 'add' or 'update')."""

    def sinks(self):
        """A callable that makes a WorkerSink, called in each worker process."""

    def worker_fds(self) -> list:
        """File descriptors forked workers must close (locks that must die with the run)."""

    def commit(self, parts):
        """Make everything written visible at once, with the parts workers finished."""

    def cancel(self):
        """Drop what this run wrote (as far as the store can)."""

    def aliases(self) -> dict:
        """Duplicate id -> indexed id, as the last run left them."""

    def save_aliases(self, aliases):
        """Keep the duplicate ids of this run."""

    def after_commit(self, changed):
        """Work on the committed index: the did-you-mean table (indexer/indexing/spelling.py)."""

    def close(self):
        """Release connections (the run is over)."""
