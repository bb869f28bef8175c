"""Free-text ranking for long queries (claims, batch topics): Okapi BM25, unstemmed + stemmed.

A claim is a 20-40 word sentence. Measured on the UnifiedFC claims (bench/eval_ranking.py),
"all words first" and the stemmed, title-boosted BM25F of the interactive search both rank
worse than a plain disjunction over the unstemmed `exact` field: the light stemmer merges
words the claims keep apart (e.g. روسيا/روسي, دوله/دول), and the title (often the text's
first line) counts its words twice. So a long query is scored term by term here, straight
from the postings, with BM25 (Robertson idf, K1/B below) over the unstemmed words (stop
words dropped), plus a smaller share of BM25 over the stems so that word forms still meet
(هدنة finds الهدنة); a word counts as often as it repeats in the query.

Short queries keep the interactive semantics (SearchService.rank's strict-then-relaxed path).
"""

import math
import threading
from collections import Counter

import numpy as np
from whoosh.reading import TermNotFound

from indexer.whoosh_index.analyzers import ArabicTokenizer, analyze, arabic_analyzer, exact_analyzer

K1, B = (
    0.9,
    0.9,
)  # one setting for the whole claim set (flat: 0.342-0.350 over K1 0.6-1.2, B 0.8-1.0)
MIN_WORDS = 6  # from this many words on, a query is free text, not a search
STEMMED_WEIGHT = 0.3  # the stemmed `text` field's share: keeps word-form matches (هدنة/الهدنة)


def field_analyzers():
    """(field, weight, query analyzer): unstemmed words without stop words, then stems."""
    return (
        ("exact", 1.0, ArabicTokenizer(normalized=True, stops=True)),
        ("text", STEMMED_WEIGHT, arabic_analyzer()),
    )


def is_long(text):
    """Free text long enough to rank as a bag of words rather than match every word."""
    return len(analyze(text, exact_analyzer())) >= MIN_WORDS


class DocLengths:
    """Per-document lengths of one field and the live mask of one reader, built once."""

    def __init__(self, reader, field):
        size = reader.doc_count_all()
        self.live = np.zeros(size, dtype=bool)
        self.live[list(reader.all_doc_ids())] = True
        self.lengths = np.array(
            [reader.doc_field_length(d, field, 0) for d in range(size)], dtype=np.float64
        )
        live_lengths = self.lengths[self.live]
        self.average = (
            float(live_lengths.mean()) if live_lengths.size and live_lengths.mean() else 1.0
        )
        self.count = int(self.live.sum())


_lengths_cache = {}
_lock = threading.Lock()


def doc_lengths(reader, field):
    """The cached DocLengths of a reader's field (keyed by the reader object, the last few kept)."""
    key = (id(reader), field)
    with _lock:
        found = _lengths_cache.get(key)
        if found is not None and found[0] is reader:
            return found[1]
    built = DocLengths(reader, field)
    with _lock:
        if len(_lengths_cache) > 8:
            _lengths_cache.clear()
        _lengths_cache[key] = (reader, built)
    return built


def postings(reader, field, term):
    """(docnums, term frequencies) of one term in a field, as arrays; empty if absent."""
    try:
        items = list(reader.postings(field, term).items_as("frequency"))
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    if not items:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    docs, freqs = zip(*items)
    return np.asarray(docs, dtype=np.int64), np.asarray(freqs, dtype=np.float64)


def bm25_scores(reader, text):
    """A score per document number (0 where no query word occurs): the weighted fields' sum."""
    total = None
    for field, weight, analyzer in field_analyzers():
        scores = weight * field_scores(reader, field, analyze(text, analyzer))
        total = scores if total is None else total + scores
    return total


def field_scores(reader, field, terms):
    """BM25 of one field for the analyzed query terms (repeats count)."""
    stats = doc_lengths(reader, field)
    scores = np.zeros(len(stats.live))
    for term, repeats in Counter(terms).items():
        docs, tf = postings(reader, field, term)
        if not docs.size:
            continue
        df = reader.doc_frequency(field, term)
        idf = math.log(1.0 + (stats.count - df + 0.5) / (df + 0.5))
        norm = K1 * (1.0 - B + B * stats.lengths[docs] / stats.average)
        scores[docs] += repeats * idf * tf * (K1 + 1.0) / (tf + norm)
    scores[~stats.live] = 0.0
    return scores


def top_documents(scores, limit):
    """[(docnum, score)] of the `limit` best positive scores, best first (ties by docnum)."""
    candidates = np.flatnonzero(scores > 0)
    if candidates.size > limit:
        keep = np.argpartition(-scores[candidates], limit - 1)[:limit]
        candidates = candidates[keep]
    order = np.lexsort((candidates, -scores[candidates]))
    return [(int(d), float(scores[d])) for d in candidates[order]]


def rank_free_text(searcher, text, limit):
    """[(article id, score)] of the best `limit` articles for a long free-text query."""
    scores = bm25_scores(searcher.reader(), text)
    return [(searcher.stored_fields(d)["id"], score) for d, score in top_documents(scores, limit)]
