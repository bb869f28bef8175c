"""The one search service: a SearchRequest in, a SearchResult out. No Flask here.

The HTML views, the JSON API, the exports and `khabar search` all call
`SearchService.search` and render the object it returns. Parsing lives in `query.py`,
counting in `facets.py`, snippets in `highlight.py`.
"""

import re
import threading
import time
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from whoosh import scoring
from whoosh.collectors import TimeLimit

from indexer.entities.gazetteer import load_gazetteer
from indexer.errors import IndexMissingError, QueryError
from indexer.indexing.aliases import aliases_by_target, read_aliases
from indexer.indexing.spelling import SpellingTable, table_of_index
from indexer.whoosh_index.schema import FACET_FIELDS
from indexer.whoosh_index.store import index_exists, open_index
from searchapp.search.highlight import highlight_all, snippets
from searchapp.search.query import QueryBuilder, highlight_terms
from searchapp.search.suggestions import Suggester
from searchapp.search.whoosh_backend import columns as facet_counting
from searchapp.search.whoosh_backend.docsets import DeadlineCollector, query_mask, term_mask
from searchapp.search.whoosh_backend.free_text import is_long, rank_free_text
from searchapp.search.whoosh_backend.scoring import top_scored

MAX_PER_PAGE = 100
MAX_DEPTH = 10_000  # page * per_page
EXPORT_LIMIT = 10_000
TIME_LIMIT = 2.0  # seconds per Whoosh search; partial results after that
SORTS = ("relevance", "date")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# BM25F tuned on the UnifiedFC claims as a whole (no per-query settings): see docs/api.md.
BM25_B, BM25_K1, TITLE_B = 0.9, 1.2, 0.5
FAST_SCORING = True  # numpy BM25F top-N (scores.py) where it applies; else Whoosh's collector


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    faction: tuple = ()
    place: tuple = ()
    source: tuple = ()
    governorate: tuple = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    exact: bool = False

    def selected(self, facet):
        return getattr(self, facet)


@dataclass
class FacetValue:
    id: str
    ar: str
    en: str
    count: int
    selected: bool
    governorate: str | None = None


@dataclass
class Hit:
    id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    score: float
    snippet: str
    facets: dict
    snippets: list = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    per_page: int
    took_ms: float
    hits: list
    facets: dict
    relaxed: bool = False
    expansions: list = field(default_factory=list)
    suggestion: str | None = None
    histogram: list = field(default_factory=list)
    more: dict = field(default_factory=dict)
    sort: str = "relevance"
    partial: bool = False

    def to_json(self):
        return plain(self)  # what dataclasses.asdict gives, several times faster


@lru_cache(maxsize=64)
def field_names(cls):
    return tuple(f.name for f in fields(cls))


ATOMS = (str, int, float, bool, type(None))


def plain(value):
    """dataclasses.asdict for our result objects: dataclasses, lists, tuples and dicts copied."""
    kind = type(value)
    if kind in ATOMS:
        return value
    if kind is list:
        return [plain(v) for v in value]
    if kind is dict:
        return {k if type(k) is str else plain(k): plain(v) for k, v in value.items()}
    if hasattr(kind, "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in field_names(kind)}
    if isinstance(value, tuple):
        return kind(plain(v) for v in value)
    if isinstance(value, (list, dict)):
        return (
            kind((plain(k), plain(v)) for k, v in value.items())
            if isinstance(value, dict)
            else kind(plain(v) for v in value)
        )
    return value


@dataclass
class Match:
    """The intermediate state of one request inside an open searcher."""

    columns: object
    parsed: object
    base: object  # query matches within date/governorate filters (facet selections not applied)
    selections: dict
    allowed: object  # filters AND every facet selection
    run: tuple
    relaxed: bool


def weighting():
    return scoring.BM25F(B=BM25_B, K1=BM25_K1, title_B=TITLE_B)


class SearchService:
    """Searches one index directory; open once, share between requests."""

    def __init__(self, index_dir, gazetteer_files=()):
        self.index_dir = Path(index_dir)
        self.gazetteer = load_gazetteer(tuple(gazetteer_files))
        if not index_exists(self.index_dir):
            raise IndexMissingError(self.index_dir)
        self.ix = open_index(
            self.index_dir
        )  # follows a rebuilt index (indexer/whoosh_index/store.py)
        self.builder = QueryBuilder(self.ix.schema, self.gazetteer)
        self.suggester = Suggester(self.gazetteer)
        self._rank_searcher = None
        self._spelling = (None, None)
        self._spelling_lock = threading.Lock()

    def spelling_table(self, searcher):
        """The index's spelling table (INDEX/spelling.npz, written by `khabar index`), read
        once per version of the file; an index written before it existed gets one built
        from its terms, once per generation."""
        path = self.index_dir / "spelling.npz"
        try:
            stat = path.stat()
            key = ("file", stat.st_ino, stat.st_mtime_ns)
        except FileNotFoundError:
            key = ("reader", searcher.reader().generation())
        with self._spelling_lock:
            if self._spelling[0] != key:
                table = SpellingTable.load(self.index_dir) if key[0] == "file" else None
                self._spelling = (key, table or table_of_index(searcher.reader()))
            return self._spelling[1]

    def parse(self, text, reader, relaxed=False, exact=False):
        return self.builder.parse(text, reader, exact=exact, relaxed=relaxed)

    def validate(self, request):
        if request.page < 1:
            raise QueryError("page must be 1 or more", "bad_page")
        if not 1 <= request.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}", "bad_per_page")
        if request.page * request.per_page > MAX_DEPTH:
            raise QueryError(f"results are available only up to hit {MAX_DEPTH}", "too_deep")
        if request.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}", "bad_sort")
        for name, value in (("from", request.date_from), ("to", request.date_to)):
            if value and not DATE_RE.match(value):
                raise QueryError(
                    f"'{name}' must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", "bad_date"
                )
        for facet in (*FACET_FIELDS, "governorate"):
            kind = "place" if facet == "governorate" else facet
            for value in request.selected(facet):
                if self.gazetteer.get(kind, value) is None:
                    raise QueryError(f"unknown {facet} {value!r}", "unknown_value")

    def search(self, request):
        """Run one request and return its SearchResult."""
        started = time.perf_counter()
        self.validate(request)
        with self.ix.searcher(weighting=weighting()) as searcher:
            m = self.match(searcher, request)
            matched, total, ranked, partial = m.run
            result = SearchResult(
                query=request.q,
                total=total,
                page=request.page,
                per_page=request.per_page,
                took_ms=0.0,
                hits=[],
                facets={},
                relaxed=m.relaxed,
                expansions=m.parsed.expansions,
                histogram=facet_counting.histogram(m.columns, m.base & m.allowed),
                sort=request.sort,
                partial=partial,
            )
            self.fill_facets(result, m.columns, m.base, m.selections, request)
            depth = request.page * request.per_page
            ordered = self.order(ranked, m.base & m.allowed, m.columns, request)
            terms = highlight_terms(m.parsed, self.gazetteer)
            result.hits = [
                self.hit(searcher, docnum, score, terms)
                for docnum, score in ordered[(request.page - 1) * request.per_page : depth]
            ]
            if m.parsed.words:
                vocabulary = IndexVocabulary(self, searcher, m.columns)
                result.suggestion = self.suggester.suggest(
                    request.q, m.parsed.words, vocabulary, int(m.columns.live.sum())
                )
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def match(self, searcher, request):
        """Parse, filter and collect: everything a page, a count or an export needs."""
        columns = facet_counting.columns_for(searcher)
        reader = searcher.reader()
        parsed = self.parse(request.q, reader, exact=request.exact)
        base = self.base_mask(columns, request)
        selections = facet_counting.selection_masks(columns, request)
        allowed = base.copy()
        for mask in selections.values():
            allowed &= mask
        depth = request.page * request.per_page
        run, relaxed = self.run(searcher, parsed, allowed, depth, columns), False
        if run[1] == 0 and not parsed.empty:
            relaxed_parse = self.parse(request.q, reader, relaxed=True, exact=request.exact)
            relaxed_run = self.run(searcher, relaxed_parse, allowed, depth, columns)
            if relaxed_run[1]:
                parsed, run, relaxed = relaxed_parse, relaxed_run, True
        return Match(columns, parsed, base & run[0], selections, allowed, run, relaxed)

    def facet_counts(self, request, facet):
        """{value id: count} of every value of one facet for a request (disjunctive)."""
        self.validate(request)
        with self.ix.searcher(weighting=weighting()) as searcher:
            m = self.match(searcher, request)
            return facet_counting.facet_counts(m.columns, m.base, m.selections, facet)

    def base_mask(self, columns, request):
        """Live documents within the date range and governorates (filters for everything)."""
        mask = columns.live.copy()
        if request.date_from or request.date_to:
            mask &= columns.date_mask(request.date_from, request.date_to)
        if request.governorate:
            mask &= columns.by_field["governorate"].docs_with(
                request.governorate, columns.size
            ) | columns.by_field["place"].docs_with(request.governorate, columns.size)
        return mask

    def run(self, searcher, parsed, allowed, depth, columns):
        """(matched mask, total allowed, [(docnum, score)] best first, partial).

        The docset (for counts) comes from the matchers without scoring; the top `depth`
        are scored in numpy with Whoosh's BM25F (scores.py, same scores and order), or, for
        queries it does not take, by Whoosh's top-N collector under a time limit.
        """
        if parsed.empty:
            return columns.live.copy(), int(allowed.sum()), [], False
        matched = query_mask(parsed.query, searcher, columns)
        hits = matched & allowed
        total = int(hits.sum())
        if total == 0:
            return matched, 0, [], False
        fast = top_scored(parsed.query, searcher, columns, hits, depth) if FAST_SCORING else None
        if fast is not None:
            return matched, total, fast, False
        restrict = None if total == int(matched.sum()) else set(np.flatnonzero(hits).tolist())
        timed = DeadlineCollector(searcher.collector(limit=depth, filter=restrict), TIME_LIMIT)
        partial = False
        try:
            searcher.search_with_collector(parsed.query, timed)
        except TimeLimit:
            partial = True
        ranked = [(docnum, float(score)) for score, docnum in timed.results().top_n]
        return matched, total, ranked, partial

    def order(self, ranked, mask, columns, request):
        """Relevance order from the collector, or newest first over the whole mask."""
        if request.sort == "relevance" and ranked:
            return ranked
        docnums = np.flatnonzero(mask)
        keys = columns.date_rank[docnums]
        order = np.lexsort((docnums, -keys))[: request.page * request.per_page]
        scores = dict(ranked)
        return [(int(d), scores.get(int(d), 0.0)) for d in docnums[order]]

    def fill_facets(self, result, columns, base, selections, request):
        for facet in FACET_FIELDS:
            counts = facet_counting.facet_counts(columns, base, selections, facet)
            chosen = request.selected(facet)
            values, more = facet_counting.top_values(counts, chosen)
            result.facets[facet] = [
                v for v in (self.facet_value(facet, i, c, i in chosen) for i, c in values) if v
            ]
            result.more[facet] = more

    def facet_value(self, facet, entity_id, count, selected):
        entity = self.gazetteer.get(facet, entity_id)
        if entity is None:
            return None
        return FacetValue(entity.id, entity.ar, entity.en, count, selected, entity.governorate)

    def hit(self, searcher, docnum, score, terms):
        stored = searcher.stored_fields(docnum)
        fragments = snippets(stored.get("text", ""), terms)
        return Hit(
            id=stored["id"],
            title=stored.get("title", ""),
            date=stored.get("date") or None,
            source=stored.get("origin") or None,
            url=stored.get("url") or None,
            score=round(score, 4),
            snippet=" ".join(fragments),
            snippets=fragments,
            facets=self.entities_of(stored),
        )

    def entities_of(self, stored):
        out = {}
        for facet in FACET_FIELDS:
            ids = [i for i in (stored.get(facet) or "").split(",") if i]
            out[facet] = [e.to_json() for e in (self.gazetteer.get(facet, i) for i in ids) if e]
        return out

    def iter_hits(self, request, limit=EXPORT_LIMIT):
        """Stored fields of up to `limit` hits in the request's order (exports, feeds)."""
        self.validate(request)  # the same parameters as a page, checked the same way
        request = replace(request, page=1, per_page=min(limit, MAX_DEPTH))
        with self.ix.searcher(weighting=weighting()) as searcher:
            m = self.match(searcher, request)
            ordered = self.order(m.run[2], m.base & m.allowed, m.columns, request)[:limit]
            for docnum, score in ordered:
                stored = searcher.stored_fields(docnum)
                yield {
                    "id": stored["id"],
                    "title": stored.get("title", ""),
                    "date": stored.get("date") or None,
                    "source": stored.get("origin") or None,
                    "url": stored.get("url") or None,
                    "score": round(score, 4),
                    "text": stored.get("text", ""),
                    **{
                        f + "s": [i for i in (stored.get(f) or "").split(",") if i]
                        for f in FACET_FIELDS
                    },
                }

    def facet_search(self, facet, prefix="", q="", limit=20):
        """Values of one facet whose Arabic or English name contains `prefix`, with counts for `q`."""
        from searchapp.search.facet_search import search_values

        return search_values(self, facet, prefix, q, limit)

    def rank(self, text, limit):
        """(id, score) of the best `limit` articles for free text, relaxed to any word if needed.

        Batch mode (`khabar search --topics`): one searcher is opened and kept for all topics.
        An article indexed once for several ids (duplicates) is listed under each of them.
        """
        if self._rank_searcher is None:
            self._rank_searcher = self.ix.searcher(weighting=weighting())
            self._rank_aliases = aliases_by_target(read_aliases(self.index_dir))
        ranked = self.rank_indexed(self._rank_searcher, text, limit)
        listed = [
            (alias, score)
            for doc, score in ranked
            for alias in (doc, *self._rank_aliases.get(doc, ()))
        ]
        return listed[:limit]

    def rank_indexed(self, searcher, text, limit):
        """rank() over the indexed ids only."""
        reader, text = searcher.reader(), clip_topic(text)
        if is_long(
            text
        ):  # a claim or topic: BM25 bag of words (searchapp/search/whoosh_backend/free_text.py)
            return rank_free_text(searcher, text, limit)
        parsed = self.builder.parse(text, reader)
        if parsed.empty:
            return []
        strict = [(r["id"], r.score or 0.0) for r in searcher.search(parsed.query, limit=limit)]
        if len(strict) >= limit:
            return strict
        relaxed = self.builder.parse(text, reader, relaxed=True)
        loose = [(r["id"], r.score or 0.0) for r in searcher.search(relaxed.query, limit=limit)]
        # Articles with every word first, then the rest by any word; scores stay decreasing.
        top = max((score for _, score in loose), default=0.0)
        seen = {doc for doc, _ in strict}
        return (
            [(doc, score + top) for doc, score in strict]
            + [(doc, score) for doc, score in loose if doc not in seen]
        )[:limit]

    def close(self):
        """Close the batch searcher, if `rank` opened one."""
        if self._rank_searcher is not None:
            self._rank_searcher.close()
            self._rank_searcher = None

    def article(self, article_id, q=""):
        """One stored article with its entities, and the query's matches highlighted."""
        with self.ix.searcher() as searcher:
            stored = searcher.document(id=article_id)
            if stored is None and article_id in (aliases := read_aliases(self.index_dir)):
                stored = searcher.document(id=aliases[article_id])  # a duplicate's id
            terms = set()
            if q.strip():
                try:
                    terms = highlight_terms(self.parse(q, searcher.reader()), self.gazetteer)
                except QueryError:
                    terms = set()
        if stored is None:
            return None
        return {
            "id": stored["id"],
            "title": stored.get("title", ""),
            "date": stored.get("date") or None,
            "source": stored.get("origin") or None,
            "url": stored.get("url") or None,
            "text": stored.get("text", ""),
            "html": highlight_all(stored.get("text", ""), terms),
            "facets": self.entities_of(stored),
        }


class IndexVocabulary:
    """The words of the index an open searcher reads, for did-you-mean (suggestions.py)."""

    def __init__(self, service, searcher, columns):
        self.service, self.searcher, self.columns = service, searcher, columns

    def table(self):
        return self.service.spelling_table(self.searcher)

    def count(self, word):
        """Articles holding the exact word."""
        return self.searcher.reader().doc_frequency("exact", word)

    def count_all(self, words):
        """Live articles holding every one of the exact words."""
        mask = self.columns.live
        for word in words:
            mask = mask & term_mask("exact", word, self.searcher, self.columns)
        return int(mask.sum())


def clip_topic(text):
    """Batch topics are free text: drop query syntax characters and keep within the limits."""
    from searchapp.search.query import MAX_QUERY_CHARS, MAX_TERMS

    words = re.sub(r'["()*:=+\-]', " ", text).split()
    words = [w for w in words if w not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")]
    return " ".join(words[:MAX_TERMS])[:MAX_QUERY_CHARS]
