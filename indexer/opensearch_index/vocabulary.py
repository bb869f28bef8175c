"""An OpenSearch index's vocabulary: every exact word and the articles holding it.

OpenSearch has no cheap way to list a field's terms with their frequencies, so each
article keeps its distinct exact words in `words` (a keyword field with doc values, no
fielddata) and an index run that changed anything reads them back at its end with a
terms aggregation, split into partitions small enough for one response each:

    words, counts = read_words(client, index)     # every word, sorted, with its count

The run stores them in the meta index (meta.py); each server process loads them once
per generation (searchapp/search/opensearch_backend/vocabulary.py).
"""

import math

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
