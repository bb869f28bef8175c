"""The Whoosh backend: an index directory on this machine (the embedded default).

Requests borrow a searcher from a pool that follows the index on disk (searchers.py)
and read it as arrays (view.py, scoring.py): one posting layer for matching, scoring,
facet counts and the histogram. What is read from segments is kept by the backend and
dies with it; nothing is kept in module globals.
"""

import threading
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from indexer.indexing.aliases import aliases_by_target, read_aliases
from indexer.indexing.documents import FACET_FIELDS
from indexer.indexing.spelling import SpellingTable, table_of_index
from indexer.whoosh_index.store import open_index
from searchapp.search.backend import Matches
from searchapp.search.whoosh_backend.postings import SegmentArrays, segment_key
from searchapp.search.whoosh_backend.scoring import FREE_TEXT, INTERACTIVE, Evaluation, top
from searchapp.search.whoosh_backend.searchers import DEFAULT_RELOAD_INTERVAL, SearcherPool
from searchapp.search.whoosh_backend.view import IndexView

SCORINGS = {"interactive": INTERACTIVE, "free_text": FREE_TEXT}
VIEWS_KEPT = 4  # index generations whose views are kept (one in use, one coming)
LIST_FIELDS = (*FACET_FIELDS, "governorate")


class WhooshBackend:
    """Searches (and, through indexer.indexing, writes) one index directory."""

    def __init__(self, index_dir, reload_interval=DEFAULT_RELOAD_INTERVAL):
        self.index_dir = Path(index_dir)
        self.ix = open_index(self.index_dir)  # IndexMissingError when there is none
        self.pool = SearcherPool(self.ix, reload_interval)
        self.arrays = SegmentArrays()
        self._views, self._building = {}, {}
        self._spelling = (None, None)
        self._aliases = (None, {}, {})
        self._lock = threading.Lock()

    @contextmanager
    def snapshot(self):
        """A WhooshSnapshot over a searcher of the latest generation, for one request."""
        searcher, _ = self.pool.acquire()
        try:
            yield WhooshSnapshot(self, searcher, self.view(searcher))
        finally:
            self.pool.release(searcher)

    def view(self, searcher):
        """The IndexView of the searcher's generation, built by one thread while the
        others wait for it."""
        reader = searcher.reader()
        key = (
            reader.generation(),
            tuple((segment_key(leaf), leaf.doc_count()) for leaf, _ in reader.leaf_readers()),
        )
        with self._lock:
            found = self._views.get(key)
            if found is not None:
                return found
            pending = self._building.get(key)
            builder = pending is None
            if builder:
                pending = self._building[key] = threading.Event()
        if not builder:
            pending.wait()
            return self._views.get(key) or self.view(searcher)
        try:
            found = IndexView(reader, self.arrays)
            with self._lock:
                while len(self._views) >= VIEWS_KEPT:
                    self._views.pop(next(iter(self._views)))
                self._views[key] = found
        finally:
            with self._lock:
                self._building.pop(key, None)
            pending.set()
        return found

    def spelling(self, searcher):
        """The index's spelling table (INDEX/spelling.npz, written by `khabar index`), read
        once per version of the file; an index written before it existed gets one built
        from its terms, once per generation."""
        path = self.index_dir / "spelling.npz"
        try:
            stat = path.stat()
            key = ("file", stat.st_ino, stat.st_mtime_ns)
        except FileNotFoundError:
            key = ("reader", searcher.reader().generation())
        with self._lock:
            if self._spelling[0] == key:
                return self._spelling[1]
        table = SpellingTable.load(self.index_dir) if key[0] == "file" else None
        table = table or table_of_index(searcher.reader())
        with self._lock:
            self._spelling = (key, table)
        return table

    def aliases(self):
        """(duplicate id -> indexed id, indexed id -> its duplicates), reread when changed."""
        path = self.index_dir / "aliases.json"
        try:
            key = path.stat().st_mtime_ns
        except FileNotFoundError:
            key = None
        if self._aliases[0] != key:
            found = read_aliases(self.index_dir)
            self._aliases = (key, found, aliases_by_target(found))
        return self._aliases[1], self._aliases[2]

    def index(self, paths, **options):
        """Index articles from `paths` (indexer.indexing.build_index's options)."""
        from indexer.indexing.build import build_index

        return build_index(paths, self.index_dir, **options)

    def close(self):
        self.pool.close()


class WhooshSnapshot:
    """One searcher of the index and its view: what a request reads."""

    def __init__(self, backend, searcher, view):
        self.backend, self.searcher, self.view = backend, searcher, view
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.doc_count = view.doc_count

    def evaluation(self, scoring="interactive", deadline=None):
        return Evaluation(self.view, self.searcher, SCORINGS[scoring], deadline)

    def filter_masks(self, filters):
        """(base, {facet: selection mask}): live documents within the dates and
        governorates, and each facet's selected values."""
        view = self.view
        base = view.live.copy()
        if filters.date_from or filters.date_to:
            base &= view.date_mask(filters.date_from, filters.date_to)
        if filters.governorates:
            base &= view.columns["governorate"].docs_with(
                filters.governorates, view.size
            ) | view.columns["place"].docs_with(filters.governorates, view.size)
        selections = {
            facet: view.columns[facet].docs_with(values, view.size)
            for facet, values in filters.selected
            if values
        }
        return base, selections

    def search(
        self,
        query,
        filters,
        depth,
        sort="relevance",
        scoring="interactive",
        deadline=None,
        facets=True,
        rank_by=None,
    ):
        """Matches for a query tree (None: every article) within filters, ranked by the
        query itself or by `rank_by` (another tree) under the named scoring."""
        evaluation = self.evaluation(scoring, deadline)
        base, selections = self.filter_masks(filters)
        if query is None:
            scores, matched = None, self.view.live
        elif rank_by is None:
            scores, matched = evaluation.scores(query)
        else:
            matched = evaluation.mask(query)
            scores = evaluation.scores(rank_by)[0]
        allowed = base & matched
        for mask in selections.values():
            allowed = allowed & mask
        total = int(allowed.sum())
        if depth < 1:
            ranked = []
        elif sort == "date" or scores is None:
            ranked = newest(self.view, allowed, depth, scores)
        else:
            ranked = top(scores, allowed, depth)
        out = Matches(total, ranked, partial=evaluation.partial)
        if facets:
            counted = base & matched
            out.facets = {f: disjunctive(self.view, counted, selections, f) for f in FACET_FIELDS}
            out.histogram = sorted(self.view.columns["month"].counts(allowed).items())
        return out

    def facet_counts(self, query, filters, facet):
        """{value: count} of every value of one facet for the query within filters."""
        base, selections = self.filter_masks(filters)
        matched = self.view.live if query is None else self.evaluation().mask(query)
        return disjunctive(self.view, base & matched, selections, facet)

    def stored(self, refs):
        """The stored articles of docnums, in order."""
        return [as_article(self.searcher.stored_fields(ref)) for ref in refs]

    def find(self, article_id):
        """The stored article of an id, or of the article a duplicate id was collapsed into."""
        stored = self.searcher.document(id=article_id)
        if stored is None:
            target = self.backend.aliases()[0].get(article_id)
            stored = self.searcher.document(id=target) if target else None
        return as_article(stored) if stored is not None else None

    def aliases_of(self, article_id):
        """The duplicate ids that were collapsed into an article."""
        return tuple(self.backend.aliases()[1].get(article_id, ()))

    def expand_prefix(self, field_name, prefix, limit):
        """The `limit` most frequent indexed terms of a field starting with `prefix`."""
        reader = self.reader
        terms = [
            (reader.doc_frequency(field_name, t), as_text(t))
            for t in reader.expand_prefix(field_name, prefix)
        ]
        terms.sort(key=lambda pair: -pair[0])
        return [t for _, t in terms[:limit]]

    def count(self, word):
        """Articles holding the exact word (did-you-mean)."""
        return self.reader.doc_frequency("exact", word)

    def count_all(self, words):
        """Live articles holding every one of the exact words."""
        mask = self.view.live
        field_obj = self.searcher.schema["exact"]
        for word in words:
            mask = mask & self.view.term_mask("exact", field_obj.to_bytes(word), self.leaves)
        return int(mask.sum())

    def spelling(self):
        return self.backend.spelling(self.searcher)


def disjunctive(view, counted, selections, facet):
    """Counts of `facet` over `counted` AND every other facet's selection."""
    mask = counted
    for other, selected in selections.items():
        if other != facet:
            mask = mask & selected
    return view.columns[facet].counts(mask)


def newest(view, mask, depth, scores):
    """[(docnum, score)] of the `depth` newest documents of `mask` (undated last, ties in
    the order added)."""
    docnums = np.flatnonzero(mask)
    order = np.lexsort((docnums, -view.date_rank[docnums]))[:depth]
    chosen = docnums[order]
    values = scores[chosen] if scores is not None else np.zeros(len(chosen))
    return [(int(d), float(s)) for d, s in zip(chosen, values)]


def as_article(stored):
    """A stored Whoosh document as the service's stored article: entity ids as lists."""
    out = dict(stored)
    for name in LIST_FIELDS:
        out[name] = [i for i in (stored.get(name) or "").split(",") if i]
    return out


def as_text(term):
    return term.decode("utf-8") if isinstance(term, bytes) else term
