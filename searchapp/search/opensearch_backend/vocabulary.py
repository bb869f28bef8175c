"""One generation's vocabulary of an OpenSearch index, as a server process holds it.

The index run wrote every exact word with the number of articles holding it
(indexer/opensearch_index/vocabulary.py); here they answer the did-you-mean questions
(the spelling table of indexer/indexing/spelling.py, a word's count) and complete
prefixes. Prefixes of stemmed fields (title, text) complete to the stems of these words;
a stem's count there is the sum of its words' counts, an upper bound of the articles
holding it, used only to choose the most frequent completions.
"""

from bisect import bisect_left, bisect_right

import numpy as np

from indexer.arabic.terms import stemmed_terms
from indexer.indexing.spelling import table_from_counts


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
