"""UnifiedFC ranking quality in-process: SearchService.rank over a prebuilt index.

Usage: python bench/eval_ranking.py [INDEX_DIR] [EVAL_DIR] [--per-query]
EVAL_DIR defaults to $KHABAR_SHARED/eval/unifiedfc, the shared folder being ../shared
(beside the project) unless KHABAR_SHARED names another.
Build the index once:  khabar index EVAL_DIR/docs.jsonl.gz --index var/rank-index
Prints nDCG@10 MAP@100 R@100 P@5 (the measures of ../shared/eval/run_trec.py).
"""

import json
import os
import sys
import time
from pathlib import Path

import ir_measures
from ir_measures import AP, P, R, ScoredDoc, nDCG

from searchapp.search.service import SearchService

MEASURES = [nDCG @ 10, AP @ 100, R @ 100, P @ 5]
ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHABAR_SHARED") or ROOT.parent / "shared")


def topics(path):
    with open(path, encoding="utf-8") as lines:
        return [(str(r["id"]), r["text"]) for r in map(json.loads, filter(str.strip, lines))]


def run_service(service, queries, limit=100):
    return [
        ScoredDoc(qid, doc, score)
        for qid, text in queries
        for doc, score in service.rank(text, limit)
    ]


def score(run, qrels_path):
    qrels = list(ir_measures.read_trec_qrels(str(qrels_path)))
    return ir_measures.calc_aggregate(MEASURES, qrels, run)


def per_query(run, qrels_path):
    qrels = list(ir_measures.read_trec_qrels(str(qrels_path)))
    return {m.query_id: m.value for m in ir_measures.iter_calc([nDCG @ 10], qrels, run)}


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    index_dir = Path(args[0] if args else "var/rank-index")
    eval_dir = Path(args[1]) if len(args) > 1 else SHARED / "eval" / "unifiedfc"
    service = SearchService.open(index_dir)
    started = time.perf_counter()
    run = run_service(service, topics(eval_dir / "queries.jsonl"))
    took = time.perf_counter() - started
    m = score(run, eval_dir / "qrels.txt")
    print(
        f"nDCG@10={m[nDCG @ 10]:.4f} MAP@100={m[AP @ 100]:.4f} "
        f"R@100={m[R @ 100]:.4f} P@5={m[P @ 5]:.4f}  ({took:.1f}s)"
    )
    if "--per-query" in argv:
        for qid, value in sorted(per_query(run, eval_dir / "qrels.txt").items()):
            print(qid, f"{value:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
