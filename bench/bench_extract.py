#!/usr/bin/env python3
"""Speed of entity extraction over a JSON-lines corpus (default: the ANT corpus).

Usage: python bench/bench_extract.py [CORPUS.jsonl.gz] [--limit N] [--sample N]
Prints MB/s (UTF-8 bytes of title + text) and articles/s, after building the automaton
(build time is printed separately) and warming up on the first 200 articles (the lexicon
and caches load then). `--sample N` instead prints the entities found in N
random articles that mention Syria, for eyeballing precision.
"""

import argparse
import gzip
import json
import random
import time
from collections import Counter
from pathlib import Path

from indexer.entities.extract import extractor

DEFAULT = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ant_multisource.jsonl.gz"
)


def read(path, limit):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            yield json.loads(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0, help="Read at most N articles.")
    parser.add_argument("--sample", type=int, default=0, help="Print entities of N Syria articles.")
    parser.add_argument("--seed", type=int, default=7, help="Random seed of --sample.")
    args = parser.parse_args()
    articles = list(read(args.corpus, args.limit))
    if args.sample:
        return print_sample(articles, args.sample, args.seed)
    start = time.perf_counter()
    ex = extractor(())
    build = time.perf_counter() - start
    start = time.perf_counter()
    for a in articles[:200]:  # loads what extraction loads lazily (the lexicon)
        extract(ex, a)
    warm = time.perf_counter() - start
    size = sum(
        len((a.get("title") or "").encode()) + len((a.get("text") or "").encode()) for a in articles
    )
    counts = Counter()
    start, cpu = time.perf_counter(), time.process_time()
    for a in articles:
        for facet, entities in extract(ex, a).items():
            counts[facet] += len(entities)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"automaton build: {build:.2f} s, then {warm:.2f} s on 200 articles (lexicon, caches)")
    print(f"{len(articles)} articles, {size / 1e6:.1f} MB in {elapsed:.1f} s")
    print(f"extract: {size / 1e6 / elapsed:.2f} MB/s, {len(articles) / elapsed:.0f} articles/s")
    print(
        f"cpu time {cpu:.1f} s: {size / 1e6 / cpu:.2f} MB/s of CPU (wall figures drop when the machine is shared)"
    )
    print("entities found: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def extract(ex, article):
    """The facets of one record, its publisher read from `source` and `url`."""
    return ex.extract(
        article.get("text") or "",
        article.get("title") or "",
        article.get("source"),
        article.get("url"),
    )


def print_sample(articles, n, seed):
    syria = [a for a in articles if "سوري" in (a.get("text") or "")]
    for a in random.Random(seed).sample(syria, min(n, len(syria))):
        facets = extract(extractor(()), a)
        print("==", a.get("id"), (a.get("title") or "")[:80])
        for facet, entities in facets.items():
            print(f"   {facet:8s}", " | ".join(e.ar for e in entities))


if __name__ == "__main__":
    main()
