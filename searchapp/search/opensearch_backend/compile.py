"""A query tree (whoosh.query objects, as searchapp.search.query builds them) -> OpenSearch
query DSL over the fields of indexer/opensearch_index/mapping.py.

The tree's words are already analyzed by Khabar, so each becomes a `term` (or, for a
phrase, a `match_phrase` on the whitespace-analyzed exact field); the node types keep
the Whoosh backend's meaning (searchapp/search/whoosh_backend/scoring.py):

    And -> bool.must              Or -> bool.should, one at least
    Not, AndNot -> bool.must_not  AndMaybe -> bool.must + bool.should
    Phrase -> match_phrase + terms Prefix, TermRange (dates) -> prefix, range
    Every -> match_all            NullQuery -> match_none

A term on a keyword field (faction:, place:, ...) scores its boost, as Whoosh's
unscored keyword fields do; inside an And, each Not adds 1.0, as Whoosh's matcher does.
The coordination bonus of a relaxed Or (`scale`) has no OpenSearch equivalent and is
dropped: a relaxed search ranks by the sum of the words' scores alone.
"""

from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    Not,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Term,
    TermRange,
    Wildcard,
)

from indexer.errors import QueryError

TEXT_FIELDS = {
    "interactive": {"title": "title_terms", "text": "text_terms", "exact": "exact_terms"},
    "free_text": {"title": "title_terms", "text": "text_free", "exact": "exact_free"},
}
KEYWORD_FIELDS = (
    "id",
    "faction",
    "place",
    "source",
    "publisher",
    "governorate",
    "date",
    "month",
    "path",
)
MATCH_NONE = {"match_none": {}}


def compile_query(query, scoring="interactive"):
    """The OpenSearch query of a query tree under a scoring profile's fields."""
    return Compiler(TEXT_FIELDS[scoring]).node(query)


class Compiler:
    def __init__(self, fields):
        self.fields = fields

    def field(self, name):
        if name in self.fields:
            return self.fields[name]
        if name in KEYWORD_FIELDS:
            return name
        raise QueryError(f"unknown field {name!r}", "bad_query")

    def node(self, query):
        if isinstance(query, Term):
            return self.term(query)
        if isinstance(query, AndNot):
            return boosted(
                {"bool": {"must": [self.node(query.a)], "must_not": [self.node(query.b)]}},
                query.boost,
            )
        if isinstance(query, AndMaybe):
            return boosted(
                {"bool": {"must": [self.node(query.a)], "should": [self.node(query.b)]}},
                query.boost,
            )
        if isinstance(query, And):
            return self.conjunction(query)
        if isinstance(query, Or):
            subs = [self.node(q) for q in query.subqueries]
            if not subs:
                return MATCH_NONE
            return boosted({"bool": {"should": subs, "minimum_should_match": 1}}, query.boost)
        if isinstance(query, Not):
            return {"bool": {"must": [constant(1.0)], "must_not": [self.node(query.query)]}}
        if isinstance(query, Phrase):
            return self.phrase(query)
        return self.leaf(query)

    def conjunction(self, query):
        subs = list(query.subqueries)
        if not subs:
            return MATCH_NONE
        negative = [q.query for q in subs if isinstance(q, Not)]
        positive = [q for q in subs if not isinstance(q, Not)]
        must = [self.node(q) for q in positive]
        body = {"must": must}
        if negative and positive:  # Whoosh's And steps a Not as a matcher scoring 1.0
            body["must"] = must + [constant(1.0) for _ in negative]
            body["must_not"] = [self.node(q) for q in negative]
        elif negative:
            body = {"must": [constant(1.0)], "must_not": [self.node(q) for q in negative]}
        return boosted({"bool": body}, query.boost)

    def term(self, query):
        name = self.field(query.fieldname)
        if name in KEYWORD_FIELDS:  # unscored in Whoosh: the boost where it matches
            return constant(query.boost, {"term": {name: str(query.text)}})
        return {"term": {name: {"value": str(query.text), "boost": query.boost}}}

    def phrase(self, query):
        """Where the words stand in order (match_phrase, unscored), the sum of the words'
        scores, as the Whoosh backend scores a phrase."""
        name = self.field(query.fieldname)
        if name in KEYWORD_FIELDS or not query.words:
            return MATCH_NONE
        words = [str(w) for w in query.words]
        where = {"match_phrase": {name: {"query": " ".join(words), "slop": query.slop - 1}}}
        scores = [{"term": {name: w}} for w in words]
        return boosted({"bool": {"filter": [where], "must": scores}}, query.boost)

    def leaf(self, query):
        if isinstance(query, Every):
            return (
                {"match_all": {"boost": query.boost}} if query.boost != 1.0 else {"match_all": {}}
            )
        if query is NullQuery or isinstance(query, type(NullQuery)):
            return MATCH_NONE
        if isinstance(query, (Prefix, Wildcard)):
            name = self.field(query.fieldname)
            text = str(query.text).rstrip("*")
            return constant(query.boost, {"prefix": {name: text}})
        if isinstance(query, TermRange):
            return constant(query.boost, {"range": {self.field(query.fieldname): bounds(query)}})
        raise QueryError(f"this backend cannot run a {type(query).__name__} query", "bad_query")


def bounds(query):
    out = {}
    if query.start is not None:
        out["gt" if query.startexcl else "gte"] = str(query.start)
    if query.end is not None:
        out["lt" if query.endexcl else "lte"] = str(query.end)
    return out


def constant(boost, matching=None):
    """Score `boost` wherever `matching` (default: every article) matches."""
    return {"constant_score": {"filter": matching or {"match_all": {}}, "boost": boost}}


def boosted(clause, boost):
    if boost != 1.0:
        clause["bool"]["boost"] = boost
    return clause
