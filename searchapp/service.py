"""The one search service: a SearchRequest in, a SearchResult out. No Flask here.

The HTML views, the JSON API and the `khabar search` command all call `SearchService.search`
and render the object it returns.
"""
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import And, Every, Or, Term

from indexer.errors import IndexMissingError, QueryError
from indexer.gazetteer import load_gazetteer
from indexer.schema import FACET_FIELDS

from .highlight import highlight_all, snippet

MAX_PER_PAGE = 100
SEARCH_FIELDS = ("title", "text")


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

    def to_json(self):
        return asdict(self)


class SearchService:
    """Searches one index directory; open once, share between requests."""

    def __init__(self, index_dir, gazetteer_files=()):
        self.index_dir = Path(index_dir)
        self.gazetteer = load_gazetteer(tuple(gazetteer_files))
        if not whoosh_index.exists_in(self.index_dir):
            raise IndexMissingError(self.index_dir)
        self.ix = whoosh_index.open_dir(self.index_dir)

    def parse(self, text, relaxed=False):
        """The user's query as a Whoosh query over title and text."""
        group = OrGroup if relaxed else None
        parser = MultifieldParser(SEARCH_FIELDS, self.ix.schema, **({"group": group} if group else {}))
        if not text.strip():
            return Every()
        return parser.parse(text)

    def facet_filter(self, request, skip=None):
        """The AND of each facet's OR of selected values, leaving out facet `skip`."""
        parts = []
        for facet in FACET_FIELDS:
            values = request.selected(facet)
            if values and facet != skip:
                parts.append(Or([Term(facet, v) for v in values]))
        if request.governorate:
            parts.append(Or([Term("governorate", v) for v in request.governorate]))
        return And(parts) if parts else None

    def search(self, request):
        """Run one request and return its SearchResult."""
        started = time.perf_counter()
        if request.page < 1 or not 1 <= request.per_page <= MAX_PER_PAGE:
            raise QueryError(f"page must be ≥ 1 and per_page between 1 and {MAX_PER_PAGE}")
        query, relaxed = self.parse(request.q), False
        with self.ix.searcher() as searcher:
            results = searcher.search_page(query, request.page, pagelen=request.per_page,
                                           filter=self.facet_filter(request))
            if results.total == 0 and request.q.strip():
                query, relaxed = self.parse(request.q, relaxed=True), True
                results = searcher.search_page(query, request.page, pagelen=request.per_page,
                                               filter=self.facet_filter(request))
            terms = {t for f, t in query.iter_all_terms() if f in SEARCH_FIELDS}
            hits = [self.hit(r, terms) for r in results]
            facets = {f: self.count_facet(searcher, query, request, f) for f in FACET_FIELDS}
            total = results.total
        return SearchResult(
            query=request.q, total=total, page=request.page, per_page=request.per_page,
            took_ms=round((time.perf_counter() - started) * 1000, 2), hits=hits,
            facets=facets, relaxed=relaxed,
        )

    def hit(self, result, terms):
        stored = result.fields()
        return Hit(
            id=stored["id"], title=stored.get("title", ""), date=stored.get("date") or None,
            source=stored.get("origin") or None, url=stored.get("url") or None,
            score=round(result.score or 0.0, 4), snippet=snippet(stored.get("text", ""), terms),
            facets=self.entities_of(stored),
        )

    def entities_of(self, stored):
        out = {}
        for facet in FACET_FIELDS:
            ids = [i for i in (stored.get(facet) or "").split(",") if i]
            out[facet] = [e.to_json() for e in map(lambda i: self.gazetteer.get(facet, i), ids) if e]
        return out

    def count_facet(self, searcher, query, request, facet):
        """Counts for one facet with every other facet's selection applied (disjunctive)."""
        matched = searcher.search(query, limit=None, filter=self.facet_filter(request, skip=facet))
        counts = Counter()
        for docnum in matched.docs():
            counts.update(i for i in (searcher.stored_fields(docnum).get(facet) or "").split(",") if i)
        selected = set(request.selected(facet))
        values = []
        for entity_id, count in counts.most_common():
            values.append(self.facet_value(facet, entity_id, count, entity_id in selected))
        for entity_id in selected - set(counts):
            values.append(self.facet_value(facet, entity_id, 0, True))
        return [v for v in values if v]

    def facet_value(self, facet, entity_id, count, selected):
        entity = self.gazetteer.get(facet, entity_id)
        if entity is None:
            return None
        return FacetValue(entity.id, entity.ar, entity.en, count, selected)

    def rank(self, text, limit):
        """(id, score) of the best `limit` articles for free text, relaxed to any word if needed."""
        with self.ix.searcher() as searcher:
            results = searcher.search(self.parse(text), limit=limit)
            if results.is_empty() and text.strip():
                results = searcher.search(self.parse(text, relaxed=True), limit=limit)
            return [(r["id"], r.score or 0.0) for r in results]

    def article(self, article_id, q=""):
        """One stored article with its entities, and the query's matches highlighted."""
        with self.ix.searcher() as searcher:
            stored = searcher.document(id=article_id)
        if stored is None:
            return None
        query = self.parse(q) if q.strip() else None
        terms = {t for f, t in query.iter_all_terms() if f in SEARCH_FIELDS} if query else set()
        return {
            "id": stored["id"], "title": stored.get("title", ""), "date": stored.get("date") or None,
            "source": stored.get("origin") or None, "url": stored.get("url") or None,
            "text": stored.get("text", ""), "html": highlight_all(stored.get("text", ""), terms),
            "facets": self.entities_of(stored),
        }
