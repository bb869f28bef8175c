"""The shapes the search service returns, rendered alike as HTML, JSON, CSV, Atom and text.

- `Article`: one stored article with its entities (and, on its own page, the text with
  the query's matches marked);
- `Hit`: an article in a result list, with its score and snippets;
- `FacetValue`: one value of a facet with its count for the current search;
- `SearchResult`: a page of hits, the facets, the histogram and what the service did.

Entities inside an article are the gazetteer's `Entity.to_json()` dicts.
"""

from dataclasses import dataclass, field, fields
from functools import lru_cache

from indexer.indexing.documents import FACET_FIELDS


@dataclass
class Article:
    id: str
    title: str
    date: str | None
    source: str | None  # the publisher as the record names it
    url: str | None
    facets: dict  # facet -> [entity dict]
    text: str | None = None
    html: str | None = None  # the text, escaped, with the query's matches in <mark>

    @classmethod
    def of(cls, stored, gazetteer, **extra):
        """From a backend's stored article (entity ids per facet) and the gazetteer."""
        return cls(
            id=stored["id"],
            title=stored.get("title", ""),
            date=stored.get("date") or None,
            source=stored.get("origin") or None,
            url=stored.get("url") or None,
            facets=entities_of(stored, gazetteer),
            **extra,
        )

    def to_json(self):
        return plain(self)


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
    title_html: str = ""  # the title, escaped, with the query's matches in <mark>
    text: str | None = None  # exports only

    @classmethod
    def of(cls, article, score, fragments=(), text=None, title_html=""):
        return cls(
            id=article.id,
            title=article.title,
            date=article.date,
            source=article.source,
            url=article.url,
            score=round(score, 4),
            snippet=" ".join(fragments),
            snippets=list(fragments),
            facets=article.facets,
            title_html=title_html,
            text=text,
        )

    def to_json(self):
        out = plain(self)
        if out["text"] is None:
            del out["text"]
        return out

    def entity_ids(self, facet):
        return [e["id"] for e in self.facets.get(facet, ())]


@dataclass
class FacetValue:
    id: str
    ar: str
    en: str
    count: int
    selected: bool
    governorate: str | None = None
    kind: str = ""
    label_ar: str = ""  # the name, or where places share it, with kind or parent
    label_en: str = ""

    @classmethod
    def of(cls, entity, count, selected):
        return cls(
            entity.id,
            entity.ar,
            entity.en,
            count,
            selected,
            entity.governorate,
            entity.kind,
            entity.label_ar,
            entity.label_en,
        )


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
    dropped: list = field(
        default_factory=list
    )  # words a relaxed search could not match with the rest
    expansions: list = field(default_factory=list)
    suggestion: str | None = None
    histogram: list = field(default_factory=list)
    more: dict = field(default_factory=dict)
    sort: str = "relevance"
    partial: bool = False
    approximate: bool = False  # a facet count may be off (OpenSearch: shard-level counts)

    def to_json(self):
        out = plain(self)
        out["hits"] = [hit.to_json() for hit in self.hits]
        return out


def entities_of(stored, gazetteer):
    """{facet: [entity dict]} of a stored article's entity ids (unknown ids left out)."""
    out = {}
    for facet in FACET_FIELDS:
        found = (gazetteer.get(facet, i) for i in stored.get(facet) or ())
        out[facet] = [e.to_json() for e in found if e]
    return out


def entity_label(entity):
    """An entity dict as one reads it: 'منطقة إدلب (Idlib District)' (labels tell places
    that share a name apart)."""
    ar = entity.get("label_ar") or entity["ar"]
    en = entity.get("label_en") or entity.get("en")
    return f"{ar} ({en})" if en and en != ar else ar


@lru_cache(maxsize=64)
def field_names(cls):
    return tuple(f.name for f in fields(cls))


ATOMS = (str, int, float, bool, type(None))


def plain(value):
    """dataclasses.asdict for the result objects (several times faster): dataclasses,
    lists, tuples and dicts copied."""
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
    return value
