"""One request's view of an OpenSearch index (the backend.Snapshot protocol).

Article refs are document ids. A results page's stored articles come with its search
(up to INLINE_SOURCES hits); deeper lists fetch the ones asked for with one mget.
"""

import time

from indexer.opensearch_index.connection import translated
from searchapp.search.backend import Matches
from searchapp.search.opensearch_backend.compile import compile_query
from searchapp.search.opensearch_backend.request_body import (
    cut_in_a_tie,
    facet_counts_body,
    read_counts,
    read_facets,
    search_body,
)

INLINE_SOURCES = 100
STORED_DEFAULTS = {"date": "", "month": "", "origin": "", "url": "", "title": "", "text": ""}


class OpenSearchSnapshot:
    """A generation's state and vocabulary, and searches on the alias."""

    def __init__(self, backend, state, vocabulary):
        self.backend, self.state, self.vocabulary = backend, state, vocabulary
        self.cluster, self.client = backend.cluster, backend.client
        self.doc_count = int(state.get("articles", 0))
        self.sources = {}

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
        query itself or by `rank_by` under the named scoring."""
        compiled = None if query is None else compile_query(query, "interactive")
        rank = None if rank_by is None else compile_query(rank_by, scoring)
        by_date = sort == "date"
        body = search_body(
            compiled,
            rank,
            filters,
            depth,
            by_date,
            facets,
            self.backend.facet_size,
            depth <= INLINE_SOURCES,
        )
        if deadline is not None:
            body["timeout"] = f"{max(1, int((deadline - time.monotonic()) * 1000))}ms"
        found = self.backend.search(body, scored=query is not None and not by_date)
        ranked = []
        for hit in found["hits"]["hits"]:
            if "_source" in hit:
                self.sources[hit["_id"]] = hit["_source"]
            ranked.append((hit["_id"], float(hit.get("_score") or 0.0)))
        out = Matches(found["hits"]["total"]["value"], ranked, partial=bool(found["timed_out"]))
        if facets:
            out.facets, out.histogram, out.approximate = read_facets(found["aggregations"])
            for facet in cut_in_a_tie(found["aggregations"], self.backend.facet_size):
                out.facets[facet] = self.facet_counts(query, filters, facet)
        return out

    def facet_counts(self, query, filters, facet):
        """{value: count} of every value of one facet for the query within filters."""
        compiled = None if query is None else compile_query(query)
        found = self.backend.search(facet_counts_body(compiled, filters, facet), scored=False)
        return read_counts(found["aggregations"][facet])[0]

    def stored(self, refs):
        """The stored articles of document ids, in order."""
        missing = [ref for ref in dict.fromkeys(refs) if ref not in self.sources]
        if missing:
            with translated(self.cluster):
                found = self.client.mget(index=self.cluster.alias, body={"ids": missing})
            for doc in found["docs"]:
                if doc.get("found"):
                    self.sources[doc["_id"]] = doc["_source"]
        return [as_article(self.sources.get(ref, {"id": ref})) for ref in refs]

    def find(self, article_id):
        """The stored article of an id, or of the article a duplicate id was collapsed into."""
        for wanted in (article_id, self.vocabulary.aliases.get(article_id)):
            if wanted:
                stored = self.get(wanted)
                if stored is not None:
                    return as_article(stored)
        return None

    def get(self, article_id):
        from opensearchpy.exceptions import NotFoundError

        with translated(self.cluster):
            try:
                return self.client.get(index=self.cluster.alias, id=article_id)["_source"]
            except NotFoundError:
                return None

    def aliases_of(self, article_id):
        return tuple(self.vocabulary.by_target.get(article_id, ()))

    def expand_prefix(self, field_name, prefix, limit):
        """The `limit` most frequent indexed terms of a field starting with `prefix`
        (from the generation's vocabulary: stems for title and text, words for exact)."""
        return self.vocabulary.complete(prefix, limit, stemmed=field_name != "exact")

    def count(self, word):
        """Articles holding the exact word (did-you-mean), from the vocabulary."""
        return self.vocabulary.count(word)

    def count_all(self, words):
        """Articles holding every one of the exact words."""
        body = {"query": {"bool": {"filter": [{"term": {"exact_terms": w}} for w in words]}}}
        with translated(self.cluster):
            return self.client.count(index=self.cluster.alias, body=body)["count"]

    def spelling(self):
        return self.vocabulary.spelling()


def as_article(source):
    """A stored document as the service's stored article (every field present)."""
    return {**STORED_DEFAULTS, **source}
