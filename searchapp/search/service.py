"""The one search service: a SearchRequest in, a SearchResult out. No Flask here.

The HTML views, the JSON API, the exports, `khabar search` and the batch runs all call
this service and render what it returns. It parses the query language (query.py),
falls back to any of the words when an article with all of them is missing, expands
entity names, suggests spellings (suggestions.py) and marks matches (highlight.py); a
backend (backend.py) matches, ranks and counts.

One route for every query: the words must all be there, else any of them; plain text of
six words or more ranks as free text (query.free_text_query) by the same backend call.
"""

import time
from dataclasses import dataclass, replace

from indexer.arabic.words import WORD_RE
from indexer.entities.gazetteer import load_gazetteer
from indexer.errors import QueryError
from indexer.indexing.documents import FACET_FIELDS
from indexer.whoosh_index.schema import make_schema
from searchapp.search.backend import Filters
from searchapp.search.facets import facet_page, top_values
from searchapp.search.highlight import highlight_all, snippets
from searchapp.search.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    QueryBuilder,
    free_text_query,
    highlight_terms,
    is_free_text,
    is_plain,
    lex,
)
from searchapp.search.request import SearchRequest
from searchapp.search.results import Article, FacetValue, Hit, SearchResult
from searchapp.search.settings import SearchSettings
from searchapp.search.suggestions import Suggester

MAX_DROPPED_CHECKS = 5  # words of a relaxed query checked one by one for the notice


@dataclass
class Found:
    """What one request found: the parse that matched, the backend's matches, and whether
    the search was relaxed to any of the words."""

    parsed: object
    matches: object
    relaxed: bool
    dropped: tuple = ()  # when relaxed: the words without which every other word is found


class SearchService:
    """Searches one index through its backend; open once, share between requests."""

    def __init__(self, backend, gazetteer, settings=None):
        self.backend = backend
        self.gazetteer = gazetteer
        self.settings = settings or SearchSettings()
        self.builder = QueryBuilder(make_schema(), gazetteer, self.settings)
        self.suggester = Suggester(gazetteer)

    @classmethod
    def open(cls, location, gazetteer_files=(), settings=None, reload_interval=1.0):
        """The service over an index location (a directory or a backend URL, see open_backend)."""
        settings = settings or SearchSettings()
        backend = open_backend(
            location, reload_interval=reload_interval, facet_values=settings.facet_values
        )
        return cls(backend, load_gazetteer(tuple(gazetteer_files)), settings)

    def search(self, request):
        """Run one request and return its SearchResult."""
        started = time.perf_counter()
        request.validate(self.settings, self.gazetteer)
        depth = request.page * request.per_page
        with self.backend.snapshot() as snapshot:
            found = self.find(snapshot, request, depth)
            matches = found.matches
            result = SearchResult(
                query=request.q,
                total=matches.total,
                page=request.page,
                per_page=request.per_page,
                took_ms=0.0,
                hits=[],
                facets={},
                relaxed=found.relaxed,
                dropped=list(found.dropped),
                expansions=found.parsed.expansions,
                histogram=[{"month": m, "count": c} for m, c in matches.histogram],
                sort=request.sort,
                partial=matches.partial,
                approximate=matches.approximate,
            )
            self.fill_facets(result, matches.facets, request)
            terms = highlight_terms(found.parsed, self.gazetteer)
            page = matches.ranked[(request.page - 1) * request.per_page : depth]
            stored = snapshot.stored([ref for ref, _ in page])
            result.hits = [self.hit(s, score, terms) for s, (_, score) in zip(stored, page)]
            if found.parsed.words:
                result.suggestion = self.suggester.suggest(
                    request.q, found.parsed.words, snapshot, snapshot.doc_count
                )
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def hit(self, stored, score, terms):
        """A hit of a results page: its snippets and its title with the query's words marked."""
        article = Article.of(stored, self.gazetteer)
        fragments = snippets(stored.get("text", ""), terms)
        return Hit.of(article, score, fragments, title_html=highlight_all(article.title, terms))

    def find(self, snapshot, request, depth, fill=False):
        """Parse and match: every word first, else any of them.

        With `fill` (batch runs), the articles with every word come first and any word
        fills up to `depth`; free text there is a bag of words, any word from the start:
        on the UnifiedFC claims, putting the articles with every word first lowered
        nDCG@10 from 0.349 to 0.336 (a claim's every word is no evidence of relevance)."""
        deadline = time.monotonic() + self.settings.time_limit
        check_publishers(snapshot, request, self.gazetteer)
        filters = filters_of(request)
        strict = self.parse(request.q, snapshot, exact=request.exact)
        if strict.empty:
            matches = snapshot.search(None, filters, depth, request.sort, deadline=deadline)
            return Found(strict, matches, False)
        ranking = {}
        free = is_free_text(request.q, self.settings) and not request.exact
        if free:
            ranking = {"scoring": "free_text", "rank_by": free_text_query(request.q, self.settings)}

        def loosely():
            loose = self.parse(request.q, snapshot, relaxed=True, exact=request.exact)
            more = snapshot.search(
                loose.query, filters, depth, request.sort, deadline=deadline, **ranking
            )
            return loose, more

        if fill and free:
            loose, more = loosely()
            return Found(loose, more, True)
        matches = snapshot.search(
            strict.query, filters, depth, request.sort, deadline=deadline, **ranking
        )
        if matches.total and not (fill and matches.total < depth):
            return Found(strict, matches, False)
        loose, more = loosely()
        if not matches.total:
            if not more.total:
                return Found(strict, matches, False)
            dropped = () if fill else self.dropped_words(snapshot, request, filters)
            return Found(loose, more, True, dropped)
        return Found(
            strict, replace(matches, ranked=strict_first(matches.ranked, more.ranked)), False
        )

    def dropped_words(self, snapshot, request, filters):
        """The words a relaxed search had to drop: each word without which all the others
        are found together (or, when no one word is to blame, each word found nowhere)."""
        words = [w for w in lex(request.q) if is_plain(w)]
        if len(words) < 2 or len(words) > MAX_DROPPED_CHECKS:
            return ()
        blamed, alone = [], []
        for i, word in enumerate(words):
            rest = " ".join(words[:i] + words[i + 1 :])
            others = self.parse(rest, snapshot, exact=request.exact)
            if not others.empty and snapshot.search(others.query, filters, 0, facets=False).total:
                blamed.append(word)
            single = self.parse(word, snapshot, exact=request.exact)
            if single.empty or not snapshot.search(single.query, filters, 0, facets=False).total:
                alone.append(word)
        return tuple(blamed or alone)

    def parse(self, text, snapshot, relaxed=False, exact=False):
        return self.builder.parse(text, snapshot, exact=exact, relaxed=relaxed)

    def fill_facets(self, result, counts, request):
        """The top values of each facet (and every selected one), and whether more exist."""
        for facet in FACET_FIELDS:
            chosen = request.selected(facet)
            ranked = facet_page(counts.get(facet, {}), (), self.gazetteer, facet)
            values, more = top_values(ranked, chosen, self.settings.facet_values)
            result.facets[facet] = self.facet_values_of(facet, values, chosen)
            result.more[facet] = more

    def facet_values_of(self, facet, pairs, chosen):
        """FacetValue of each (id, count) the gazetteer knows."""
        out = []
        for value_id, count in pairs:
            entity = self.gazetteer.get(facet, value_id)
            if entity is not None:
                out.append(FacetValue.of(entity, count, value_id in chosen))
        return out

    def facet_values(self, request, facet, prefix="", page=1):
        """(values, total): one page of a facet's values for a search, its filters applied
        as on the results page; `prefix` keeps the values one of whose names has a word
        starting with it. The same counts feed /api/facets and the page's "more" list."""
        if facet not in FACET_FIELDS:
            raise QueryError(
                f"unknown facet {facet!r}: use one of {', '.join(FACET_FIELDS)}", "unknown_facet"
            )
        if len(prefix) > 100:
            raise QueryError("prefix is longer than 100 characters", "prefix_too_long")
        if page < 1:
            raise QueryError("page must be 1 or more", "bad_page")
        if page * self.settings.facet_page > self.settings.max_depth:
            raise QueryError(
                f"values are available only up to {self.settings.max_depth}", "too_deep"
            )
        counts = self.facet_counts(request, facet)
        chosen = request.selected(facet)
        ranked = facet_page(counts, chosen, self.gazetteer, facet, prefix)
        start = (page - 1) * self.settings.facet_page
        pairs = ranked[start : start + self.settings.facet_page]
        return self.facet_values_of(facet, pairs, chosen), len(ranked)

    def facet_counts(self, request, facet):
        """{value id: count} of every value of a facet for a search, counted as its results
        page counts them (with every other facet's selection applied)."""
        request.validate(self.settings, self.gazetteer)
        with self.backend.snapshot() as snapshot:
            found = self.find(snapshot, replace(request, page=1, per_page=1), 1)
            query = None if found.parsed.empty else found.parsed.query
            return snapshot.facet_counts(query, filters_of(request), facet)

    def knows_publisher(self, value):
        """Is this publisher id an outlet of the gazetteer or of an indexed article?"""
        with self.backend.snapshot() as snapshot:
            return not unknown_publishers(snapshot, (value,), self.gazetteer)

    def place_counts(self, request):
        """{place id: count} of every place of a search (the map's points)."""
        return self.facet_counts(request, "place")

    def iter_hits(self, request, limit=None):
        """Hits (with their text) of up to `limit` articles in the request's order, for
        exports and feeds."""
        request.validate(self.settings, self.gazetteer)  # as a page's parameters are
        limit = min(limit or self.settings.export_limit, self.settings.max_depth)
        request = replace(request, page=1, per_page=min(limit, self.settings.max_per_page))
        with self.backend.snapshot() as snapshot:
            found = self.find(snapshot, request, limit)
            for ref, score in found.matches.ranked[:limit]:
                stored = snapshot.stored([ref])[0]
                article = Article.of(stored, self.gazetteer)
                yield Hit.of(article, score, text=stored.get("text", ""))

    def rank(self, text, limit):
        """[(id, score)] of the best `limit` articles for free text (batch topics): the
        same route as a search, the articles with every word first, then any word.

        An article indexed once for several ids (duplicates) is listed under each of them."""
        request = SearchRequest(q=clip_topic(text))
        with self.backend.snapshot() as snapshot:
            if self.parse(request.q, snapshot).empty:
                return []
            found = self.find(snapshot, request, limit, fill=True)
            ranked = found.matches.ranked[:limit]
            stored = snapshot.stored([ref for ref, _ in ranked])
            listed = [
                (alias, score)
                for s, (_, score) in zip(stored, ranked)
                for alias in (s["id"], *snapshot.aliases_of(s["id"]))
            ]
        return listed[:limit]

    def article(self, article_id, q=""):
        """One stored article with its entities, and the query's matches highlighted."""
        with self.backend.snapshot() as snapshot:
            stored = snapshot.find(article_id)
            terms = set()
            if q.strip():
                try:
                    terms = highlight_terms(self.parse(q, snapshot), self.gazetteer)
                except QueryError:
                    terms = set()
        if stored is None:
            return None
        text = stored.get("text", "")
        return Article.of(stored, self.gazetteer, text=text, html=highlight_all(text, terms))

    def close(self):
        self.backend.close()


def open_backend(location, reload_interval=1.0, facet_values=10):
    """The backend of an index location: an OpenSearch URL (`opensearch+http://host:port/alias`,
    `opensearch+https://...`) or a directory (Whoosh, the embedded default).

    `facet_values` is how many values of each facet a result shows (a backend that
    counts on several machines asks for no more than it needs)."""
    from indexer.opensearch_index.connection import is_cluster_url

    if is_cluster_url(location):
        from searchapp.search.opensearch_backend.backend import OpenSearchBackend

        return OpenSearchBackend(
            str(location), reload_interval=reload_interval, facet_values=facet_values
        )
    from searchapp.search.whoosh_backend.backend import WhooshBackend

    return WhooshBackend(location, reload_interval=reload_interval)


def check_publishers(snapshot, request, gazetteer):
    """A publisher filter names an outlet of the gazetteer, or one the index holds (by its
    domain or name slug); any other id is a 400, as an unknown faction is."""
    unknown = unknown_publishers(snapshot, request.publisher, gazetteer)
    if unknown:
        raise QueryError(f"unknown publisher {unknown[0]!r}", "unknown_value")


def unknown_publishers(snapshot, ids, gazetteer):
    """The publisher ids neither the gazetteer's sources nor any indexed article name (the
    index's publisher values are counted once, and only when the gazetteer lacks an id)."""
    lacking = [i for i in ids if gazetteer.get("source", i) is None]
    if not lacking:
        return []
    held = snapshot.facet_counts(None, Filters(), "publisher")
    return [i for i in lacking if not held.get(i)]


def filters_of(request):
    return Filters(
        date_from=request.date_from,
        date_to=request.date_to,
        governorates=tuple(request.governorate),
        selected=tuple(
            (f, tuple(request.selected(f))) for f in FACET_FIELDS if request.selected(f)
        ),
    )


def strict_first(strict, loose):
    """The articles with every word, then the others by any word; scores stay decreasing."""
    seen = {ref for ref, _ in strict}
    top = max((score for _, score in loose), default=0.0)
    return [(ref, score + top) for ref, score in strict] + [
        (r, s) for r, s in loose if r not in seen
    ]


def clip_topic(text):
    """Batch topics are free text: words only, within the query limits."""
    words = WORD_RE.findall(text)
    words = [w for w in words if w not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")]
    return " ".join(words[:MAX_TERMS])[:MAX_QUERY_CHARS]
