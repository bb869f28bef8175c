#!/usr/bin/env python3
"""Read a sample of the articles behind the most frequent facet values, to judge them.

Usage: python tools/audit_facets.py CORPUS.jsonl[.gz] [--facet place] [--top 30]
                                    [--sample 10] [--seed 18] [--only ID]...

Extracts every article of the corpus, counts the values of one facet, and for each of the
`--top` most frequent values prints `--sample` random articles that carry it: the title
and, in canonical words (no article, ة -> ه), the text around each mention. Reading
them tells whether the value is right; the verdicts go to indexer/entities/data/CHECKED.md.
"""

import argparse
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from indexer.entities.extract import extractor
from indexer.entities.matcher import canonical_joined


def read(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def mentions(ex, article, facet, entity_id, width=70):
    """The canonical text around each hit whose candidates include the entity."""
    joined = canonical_joined(f"{article.get('title') or ''}\n{article.get('text') or ''}")
    for hit in ex.automaton.find(joined):
        if any(p[0] == facet and p[1] == entity_id for p in hit.candidates):
            left = joined[max(0, hit.start - width) : hit.start]
            right = joined[hit.end : hit.end + width]
            yield f"…{left}[{joined[hit.start : hit.end].strip()}]{right}…"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--facet", default="place")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--skip", type=int, default=0, help="Start after the N most frequent.")
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--only", action="append", default=[], help="Audit these ids only.")
    args = parser.parse_args()
    ex = extractor(())
    carrying, labels = defaultdict(list), {}
    for article in read(args.corpus):
        facets = ex.extract(
            article.get("text") or "",
            article.get("title") or "",
            article.get("source"),
            article.get("url"),
        )
        for entity in facets.get(args.facet, ()):
            carrying[entity.id].append(article)
            labels[entity.id] = entity
    counts = Counter({k: len(v) for k, v in carrying.items()})
    chosen = args.only or [k for k, _ in counts.most_common(args.skip + args.top)[args.skip :]]
    rng = random.Random(args.seed)
    for rank, entity_id in enumerate(chosen, args.skip + 1):
        e = labels.get(entity_id)
        if e is None:
            continue
        print(f"\n### {rank}. {e.id} {e.ar} | {e.en} | {e.kind} | {e.governorate}: {counts[e.id]}")
        sample = carrying[e.id]
        for article in rng.sample(sample, min(args.sample, len(sample))):
            print(f"- {article.get('id')} {(article.get('title') or '')[:90]}")
            for snippet in list(mentions(ex, article, args.facet, e.id))[:2]:
                print(f"    {snippet}")


if __name__ == "__main__":
    main()
