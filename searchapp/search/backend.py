"""The seam between the search service and an index: what the service asks of a backend.

The service (searchapp.search.service) parses the query language, relaxes a query that
finds nothing, expands entity names, suggests spellings, makes snippets and shapes the
results, once for every backend. A backend stores articles and answers these questions
about them; `WhooshBackend` (the embedded default) and `OpenSearchBackend` (a cluster)
implement it.

    with backend.snapshot() as snapshot:
        matches = snapshot.search(query, filters, depth=10)
        articles = snapshot.stored([ref for ref, _ in matches.ranked])
"""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words: a date range, governorates (an article
    tagged with the governorate or with a place inside it), and facet selections (OR
    within a facet, AND across facets)."""

    date_from: str | None = None
    date_to: str | None = None
    governorates: tuple = ()
    selected: tuple = ()  # ((facet, (value id, ...)), ...)

    def selections(self):
        return dict(self.selected)


@dataclass
class Matches:
    """What a backend found for a query within filters.

    `ranked` holds (article ref, score) best first, or newest first when sorted by date,
    up to the depth asked; `facets` counts, per facet, the values of the matching
    articles with every other facet's selection applied but not its own (disjunctive);
    `histogram` counts them per month."""

    total: int
    ranked: list
    facets: dict = field(default_factory=dict)
    histogram: list = field(default_factory=list)  # [(YYYY-MM, count)] in month order
    partial: bool = False  # the time ran out: what was found so far
    approximate: bool = False  # a facet count may be off (a distributed backend's shards)


class Snapshot(Protocol):
    """One consistent view of the index, for one request."""

    doc_count: int

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
    ) -> Matches: ...

    def facet_counts(self, query, filters, facet) -> dict: ...

    def stored(self, refs) -> list: ...

    def find(self, article_id) -> dict | None: ...

    def aliases_of(self, article_id) -> tuple: ...

    def expand_prefix(self, field_name, prefix, limit) -> list: ...

    def count(self, word) -> int: ...

    def count_all(self, words) -> int: ...

    def spelling(self): ...


class SearchBackend(Protocol):
    """An index of articles: written by `index`, read through snapshots."""

    def snapshot(self): ...

    def index(self, paths, **options): ...

    def close(self):
        """Release open files and connections; they reopen on next use (so a server can
        warm up, close, then fork its workers)."""
