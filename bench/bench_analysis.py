#!/usr/bin/env python3
"""Speed of Khabar's Arabic analyzer against Whoosh's StandardAnalyzer, same text, same run.

Usage: python bench/bench_analysis.py [CORPUS.jsonl.gz] [--limit N]
Reads titles and texts (all articles unless --limit), loads the lexicon first (its load
time is printed apart), then runs each analyzer once over every text, the two taking
turns over 12 slices of the texts (a shared machine's load then falls on both alike),
and prints MB/s and tokens/s (tokens the tokenizer reads, per CPU second of this
process) for both and the ratio. Our per-word caches start empty, so the figure includes
stemming every distinct word once.
"""

import argparse
import gzip
import json
import time
from pathlib import Path

from whoosh.analysis import StandardAnalyzer

from indexer.arabic.lexicon import load_lexicon
from indexer.arabic.terms import stop_words
from indexer.whoosh_index.analyzers import ArabicTokenizer, arabic_analyzer

DEFAULT = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ant_multisource.jsonl.gz"
)


def read_texts(path, limit):
    opener = gzip.open if str(path).endswith(".gz") else open
    texts = []
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            record = json.loads(line)
            texts.append(f"{record.get('title', '')}\n{record.get('text', '')}")
    return texts


BLOCKS = 12


def run(analyzer, texts):
    """(CPU seconds, terms out) for one pass of `analyzer` over `texts`.

    CPU time of this process, not wall time: the machine is shared, and both analyzers
    are single-threaded pure Python, so CPU time is what they cost."""
    count = 0
    start = time.process_time()
    for text in texts:
        for _ in analyzer(text):
            count += 1
    return time.process_time() - start, count


def run_alternating(analyzers, texts, blocks=BLOCKS):
    """{name: (CPU seconds, terms out)}: each analyzer over every text, in `blocks`
    slices taken in turn, so that a shared machine's load falls on both alike."""
    totals = {name: [0.0, 0] for name in analyzers}
    size = -(-len(texts) // blocks)
    for first in range(0, len(texts), size):
        for name, analyzer in analyzers.items():
            seconds, terms = run(analyzer, texts[first : first + size])
            totals[name][0] += seconds
            totals[name][1] += terms
    return {name: tuple(total) for name, total in totals.items()}


def words_in(tokenizer, texts):
    """Tokens the analyzer's tokenizer reads (before stop words): the work it is given."""
    return sum(1 for text in texts for _ in tokenizer(text))


TOKENIZERS = {
    "whoosh StandardAnalyzer": StandardAnalyzer()[0],
    "khabar arabic_analyzer": ArabicTokenizer(),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0, help="first N articles only")
    args = parser.parse_args()
    texts = read_texts(args.corpus, args.limit)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    start = time.perf_counter()
    load_lexicon(), stop_words()
    print(
        f"{len(texts)} articles, {megabytes:.1f} MB; lexicon loaded in "
        f"{time.perf_counter() - start:.2f} s (once per process)"
    )
    results = {}
    analyzers = {
        "whoosh StandardAnalyzer": StandardAnalyzer(),
        "khabar arabic_analyzer": arabic_analyzer(),
    }
    for name, (seconds, terms) in run_alternating(analyzers, texts).items():
        words = words_in(TOKENIZERS[name], texts)
        results[name] = (megabytes / seconds, words / seconds)
        print(
            f"{name:24s} {seconds:7.2f} s CPU  {words:>10,d} tokens in  {terms:>10,d} terms out"
            f"  {words / seconds:>10,.0f} tokens/s  {megabytes / seconds:6.2f} MB/s"
        )
    ours, theirs = results["khabar arabic_analyzer"], results["whoosh StandardAnalyzer"]
    print(
        f"ratio khabar/standard: {ours[1] / theirs[1]:.0%} of tokens/s, "
        f"{ours[0] / theirs[0]:.0%} of MB/s"
    )


if __name__ == "__main__":
    main()
