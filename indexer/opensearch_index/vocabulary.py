"""An OpenSearch index's vocabulary: every exact word and the articles holding it.

OpenSearch has no cheap way to list a field's terms with their frequencies, so each
article keeps its distinct exact words in `words` (a keyword field with doc values, no
fielddata) and an index run that changed anything reads them back at its end with a
terms aggregation, split into partitions small enough for one response each:

    words, counts = read_words(client, index)     # every word, sorted, with its count

The run stores them in the meta index (meta.py); each server process loads them once
per generation into a `Vocabulary`: the did-you-mean table (indexer/indexing/spelling.py),
the number of articles holding a word, and the most frequent completions of a prefix.
Prefixes of stemmed fields (title, text) complete to the stems of these words; a stem's
count there is the sum of its words' counts, an upper bound of the articles holding it,
used only to choose the completions.
"""

import math
from bisect import bisect_left, bisect_right

import numpy as np

from indexer.arabic.terms import stemmed_terms
from indexer.indexing.spelling import table_from_counts

PARTITION_TERMS = 50_000  # buckets per response (search.max_buckets defaults to 65,535)
MAX_VOCABULARY = 2_000_000  # words kept for prefixes and counts, the most frequent


def read_words(client, index):
    """(words sorted, counts) of every value of `words` in `index`, counts exact."""
    cardinality = client.search(
        index=index,
        body={"size": 0, "aggs": {"n": {"cardinality": {"field": "words"}}}},
    )["aggregations"]["n"]["value"]
    partitions = max(1, math.ceil(cardinality * 1.25 / PARTITION_TERMS))
    while True:
        found, exact = {}, True
        for partition in range(partitions):
            agg = client.search(
                index=index,
                body={
                    "size": 0,
                    "aggs": {
                        "w": {
                            "terms": {
                                "field": "words",
                                "size": PARTITION_TERMS,
                                "shard_size": PARTITION_TERMS,
                                "include": {"partition": partition, "num_partitions": partitions},
                            }
                        }
                    },
                },
                request_timeout=300,
            )["aggregations"]["w"]
            exact = exact and agg["sum_other_doc_count"] == 0
            found.update((b["key"], b["doc_count"]) for b in agg["buckets"])
        if exact:
            break
        partitions *= 2  # a partition held more words than one response: split finer
    words = sorted(found)
    return words, [found[w] for w in words]


def vocabulary_blob(words, counts):
    """What the meta index keeps: the MAX_VOCABULARY most frequent words, sorted."""
    if len(words) > MAX_VOCABULARY:
        keep = sorted(range(len(words)), key=lambda i: -counts[i])[:MAX_VOCABULARY]
        keep.sort()
        words, counts = [words[i] for i in keep], [counts[i] for i in keep]
    return {"words": words, "counts": counts}


class Vocabulary:
    """One generation's words, their counts, the spelling table and prefix completions."""

    def __init__(self, words, counts, articles):
        self.words = list(words)  # sorted
        self.counts = np.asarray(counts, dtype=np.int64)
        self.number = {w: n for n, w in enumerate(self.words)}
        self.articles = articles
        self._spelling = None
        self._stems = None

    @classmethod
    def of_blob(cls, blob, articles):
        return cls(blob.get("words", []), blob.get("counts", []), articles)

    def count(self, word):
        """Articles holding the exact word (0 when it is not in the vocabulary)."""
        n = self.number.get(word)
        return int(self.counts[n]) if n is not None else 0

    def spelling(self):
        """The SpellingTable of these words (built on first use, about 0.7 s for 115k words)."""
        if self._spelling is None:
            self._spelling = table_from_counts(
                dict(zip(self.words, self.counts.tolist())), self.articles
            )
        return self._spelling

    def stems(self):
        """(stems sorted, counts): the stems of the words, each counted as its words' sum."""
        if self._stems is None:
            summed = {}
            for word, count in zip(self.words, self.counts.tolist()):
                for stem in stemmed_terms(word):
                    summed[stem] = summed.get(stem, 0) + count
            ordered = sorted(summed)
            self._stems = (ordered, np.asarray([summed[s] for s in ordered], dtype=np.int64))
        return self._stems

    def complete(self, prefix, limit, stemmed):
        """The `limit` most frequent words (or stems) starting with `prefix`."""
        terms, counts = self.stems() if stemmed else (self.words, self.counts)
        start = bisect_left(terms, prefix)
        end = bisect_right(terms, prefix + "\uffff", lo=start)
        if start == end:
            return []
        order = np.argsort(-counts[start:end], kind="stable")[:limit]
        return [terms[start + int(i)] for i in order]
