"""Which documents match a query and how well: whole arrays over an IndexView.

A query tree (whoosh.query objects, as searchapp.search.query builds them) is evaluated
node by node into a boolean mask and, when asked, a score per document:

- a term scores with BM25 from its posting array, by the request's Scoring profile;
- And / Or sum their parts' scores as Whoosh's intersection and union matchers do, an Or
  with a coordination `scale` adds Whoosh's bonus for documents matching more terms;
- a phrase's words must stand in order (Whoosh checks the positions); it scores the sum
  of its words' scores where it occurs;
- AndNot, AndMaybe, Not, prefixes and ranges on keyword fields (dates), Every and
  NullQuery as Whoosh's matchers do.

With the `interactive` profile the scores and the order are those of Whoosh's BM25F
collector (tests/search/test_scores.py compares them); `free_text` is Okapi BM25 for
long queries (claims, batch topics). Ties go to the lower docnum.
"""

import math
import time
from dataclasses import dataclass, field

import numpy as np
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    Not,
    NullQuery,
    Or,
    Phrase,
    Term,
)


@dataclass(frozen=True)
class Scoring:
    """How terms score: BM25 parameters, per-field b, and the idf and average length used.

    `whoosh` idf and averages are Whoosh's BM25F (log(N / (df + 1)) + 1 over every stored
    document, the field's mean length); `robertson` is Okapi's log(1 + (N - df + .5) /
    (df + .5)) over the live documents and their mean length."""

    name: str
    k1: float
    b: float
    field_b: dict = field(default_factory=dict)
    idf: str = "whoosh"

    def b_of(self, field_name):
        return self.field_b.get(field_name, self.b)


# BM25F tuned on the UnifiedFC claims as a whole (docs/performance.md): title lengths count half.
INTERACTIVE = Scoring("interactive", k1=1.2, b=0.9, field_b={"title": 0.5})
# Long free text: one setting for the whole claim set (flat over K1 0.6-1.2, B 0.8-1.0).
FREE_TEXT = Scoring("free_text", k1=0.9, b=0.9, idf="robertson")


class Evaluation:
    """Masks and scores of query nodes over one view, for one request."""

    def __init__(self, view, searcher, scoring=INTERACTIVE, deadline=None):
        self.view, self.searcher, self.scoring = view, searcher, scoring
        self.leaves = searcher.reader().leaf_readers()
        self.deadline = deadline
        self.size = view.size
        self.partial = False

    def mask(self, query):
        """Live documents matching `query`."""
        return self.node(query, scored=False)[1] & self.view.live

    def scores(self, query):
        """(scores, mask) over live documents: 0 where the query does not match."""
        scores, mask = self.node(query, scored=True)
        mask = mask & self.view.live
        return np.where(mask, scores, 0.0), mask

    def node(self, query, scored):
        """(scores or None, mask) of one query node; scores are 0 outside the mask."""
        if isinstance(query, Term):
            return self.term(query, scored)
        if isinstance(query, (And, Or)) and not isinstance(query, (AndNot, AndMaybe)):
            scores, mask = self.compound(query, scored)
        elif isinstance(query, Phrase):
            scores, mask = self.phrase(query, scored)
        elif isinstance(query, AndNot):
            scores, mask = self.node(query.a, scored)
            mask = mask & ~self.node(query.b, False)[1]
            scores = np.where(mask, scores, 0.0) if scored else None
        elif isinstance(query, AndMaybe):
            scores, mask = self.node(query.a, scored)
            if scored:
                extra, also = self.node(query.b, True)
                scores = scores + np.where(mask & also, extra, 0.0)
        else:
            return self.constant(query, scored)
        if scored and query.boost != 1.0:
            scores = scores * query.boost
        return scores, mask

    def constant(self, query, scored):
        """Nodes Whoosh scores with a constant where they match: Not (1.0), Every, a
        prefix, wildcard or range over a keyword field (its boost), NullQuery (nothing)."""
        if isinstance(query, Not):
            mask, value = ~self.node(query.query, False)[1], 1.0
        elif isinstance(query, Every):
            mask, value = self.view.live.copy(), query.boost
        elif query is NullQuery or isinstance(query, type(NullQuery)):
            mask, value = np.zeros(self.size, dtype=bool), 0.0
        else:
            mask = self.view.remember(("leaf", repr(query)), lambda: self.expanded_mask(query))
            value = query.boost
        return (mask * float(value) if scored else None), mask

    def compound(self, query, scored):
        subs = list(query.subqueries)
        if not subs:
            return (np.zeros(self.size) if scored else None), np.zeros(self.size, dtype=bool)
        if isinstance(query, And):
            negative = [q.query for q in subs if isinstance(q, Not)]
            positive = [q for q in subs if not isinstance(q, Not)]
            if negative and positive:
                scores, mask = self.combine(And(positive), positive, scored)
                for q in negative:
                    mask = mask & ~self.node(q, False)[1]
                if scored:  # Whoosh's And steps a Not as an InverseMatcher scoring 1.0
                    scores = np.where(mask, scores + float(len(negative)), 0.0)
                return scores, mask
        scores, mask = self.combine(query, subs, scored)
        if scored and isinstance(query, And) and len(subs) > 1:
            scores[~mask] = 0.0
        if scored and isinstance(query, Or) and getattr(query, "scale", None):
            scores = self.coordinated(query, scores, mask)
        return scores, mask

    def combine(self, query, subs, scored):
        parts = [self.node(q, scored) for q in subs]
        mask = parts[0][1].copy()
        scores = parts[0][0].copy() if scored else None
        for s, m in parts[1:]:
            if isinstance(query, And):
                mask &= m
            else:
                mask |= m
            if scored:
                scores += s
        return scores, mask

    def coordinated(self, query, scores, mask):
        """Whoosh's CoordMatcher: (score + (m - 1) / (n - scale)^2) * (n - 1) / n, for n
        terms in the tree that the index holds and m of them in the document."""
        terms = [t for t in leaf_terms(query) if self.known(t)]
        count, scale = len(terms), query.scale
        if count <= 1 or count == scale:
            return scores
        matching = np.zeros(self.size)
        for term in terms:
            matching += self.node(term, False)[1]
        bonus = (scores + (matching - 1) / (count - scale) ** 2) * ((count - 1) / count)
        return np.where(mask, bonus, scores)

    def known(self, term):
        return self.btext(term) is not None

    def btext(self, term):
        """The term's bytes when the index holds it, else None."""
        schema = self.searcher.schema
        if term.fieldname not in schema:
            return None
        try:
            btext = schema[term.fieldname].to_bytes(term.text)
        except ValueError:
            return None
        return btext if (term.fieldname, btext) in self.searcher.reader() else None

    def term(self, query, scored):
        btext = self.btext(query)
        if btext is None:
            return (np.zeros(self.size) if scored else None), np.zeros(self.size, dtype=bool)
        mask = self.view.term_mask(query.fieldname, btext, self.leaves)
        if not scored:
            return None, mask
        docnums, weights = self.view.term(query.fieldname, btext, self.leaves)
        scores = np.zeros(self.size)
        scores[docnums] = self.bm25(query.fieldname, btext, docnums, weights) * query.boost
        return scores, mask

    def bm25(self, field_name, btext, docnums, weights):
        """The term's BM25 per posting (the weights alone on an unscored field)."""
        field_obj = self.searcher.schema[field_name]
        if not field_obj.scorable:
            return weights
        scoring, reader = self.scoring, self.searcher.reader()
        df = reader.doc_frequency(field_name, btext)
        lengths = self.view.lengths(field_name, self.leaves)
        if scoring.idf == "robertson":
            n = self.view.doc_count
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            live_lengths = lengths[self.view.live]
            average = float(live_lengths.mean()) if live_lengths.size else 0.0
        else:
            idf = self.searcher.idf(field_name, btext)
            average = self.searcher.avg_field_length(field_name)
        average = average or 1.0
        k1, b = scoring.k1, scoring.b_of(field_name)
        norm = k1 * ((1 - b) + b * lengths[docnums] / average)
        return idf * (weights * (k1 + 1)) / (weights + norm)

    def phrase(self, query, scored):
        """The words in order (positions checked by Whoosh's matcher, within the deadline)."""
        schema = self.searcher.schema
        field_obj = schema[query.fieldname] if query.fieldname in schema else None
        if field_obj is None or not field_obj.format or not field_obj.format.supports("positions"):
            mask = np.zeros(self.size, dtype=bool)
        else:
            mask = self.view.recall(("phrase", repr(query)))
            if mask is None:
                mask, complete = self.phrase_mask(query)
                if complete:
                    self.view.keep(("phrase", repr(query)), mask)
        if not scored:
            return None, mask
        scores = np.zeros(self.size)
        for word in query.words:
            scores += self.term(Term(query.fieldname, word), True)[0]
        return np.where(mask, scores, 0.0), mask

    def phrase_mask(self, query):
        """(mask, complete): the documents where the phrase stands, as far as the deadline
        let the matcher go (the request is then marked partial)."""
        docnums, clock = [], time.monotonic
        for docnum in self.searcher.docs_for_query(query):
            docnums.append(docnum)
            if self.deadline is not None and clock() >= self.deadline:
                self.partial = True
                return self.view.mask(docnums), False
        return self.view.mask(docnums), True

    def expanded_mask(self, query):
        """A multi-term leaf (prefix, wildcard, range): the union of its terms' postings."""
        reader = self.searcher.reader()
        docnums = [self.view.term(f, t, self.leaves)[0] for f, t in query.expanded_terms(reader)]
        return self.view.mask(np.concatenate(docnums) if docnums else [])


def leaf_terms(query):
    """Every Term (and phrase word) of a tree, as Whoosh counts term matchers."""
    if isinstance(query, Term):
        return [query]
    if isinstance(query, Phrase):
        return [Term(query.fieldname, w) for w in query.words]
    if query.is_leaf():
        return []
    return [t for sub in query.children() for t in leaf_terms(sub)]


def top(scores, candidates, depth):
    """[(docnum, score)] of the best `depth` of `candidates` (a mask), best first, ties by docnum."""
    docnums = np.flatnonzero(candidates)
    if not len(docnums) or depth < 1:
        return []
    values = scores[docnums]
    if len(docnums) > depth:
        keep = np.argpartition(-values, depth - 1)[:depth]
        cutoff = values[keep].min()
        keep = np.flatnonzero(values >= cutoff)  # every tie at the cut, ordered below
        docnums, values = docnums[keep], values[keep]
    order = np.lexsort((docnums, -values))[:depth]
    return [(int(d), float(s)) for d, s in zip(docnums[order], values[order])]
