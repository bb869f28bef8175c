"""Indexing benchmark: the full Khabar pipeline against plain Whoosh on one corpus.

    python bench/bench_index.py [CORPUS] [--limit N] [--jobs J]

Each phase runs in its own child process so its peak RSS is measured alone:
  full    khabar's build_index (Arabic analysis, facets, dates, worker pool)
  rerun   the same inputs again (incremental: should change nothing, quickly)
  plain   Whoosh with StandardAnalyzer, no facets, one process, same articles
Prints articles/s, MB/s (UTF-8 bytes of title+text), peak RSS, index size and CPU seconds
of the main process and of its worker processes (together: is the parent a bottleneck?).
`KHABAR_WRITER=whoosh` makes the full and rerun phases write with Whoosh's SegmentWriter.
"""

import argparse
import gzip
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "ant_multisource.jsonl.gz"


def records(corpus, limit):
    opener = gzip.open if str(corpus).endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, limit):
            yield json.loads(line)


def dir_size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def phase_full(corpus, index_dir, jobs):
    from indexer.indexing.build import build_index

    stats = build_index([corpus], index_dir, report=lambda e: None, jobs=jobs)
    return {
        "articles": stats.written,
        "duplicates": stats.duplicates,
        "unchanged": stats.unchanged,
        "skipped": len(stats.skipped),
    }


def phase_plain(corpus, index_dir, _jobs):
    from whoosh import index as whoosh_index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=StandardAnalyzer(), stored=True),
        text=TEXT(analyzer=StandardAnalyzer(), stored=True),
    )
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    writer = whoosh_index.create_in(index_dir, schema).writer(limitmb=256)
    n = 0
    for r in records(corpus, None):
        if (r.get("text") or "").strip():
            writer.add_document(id=str(r["id"]), title=r.get("title") or "", text=r["text"])
            n += 1
    writer.commit()
    return {"articles": n}


PHASES = {"full": phase_full, "rerun": phase_full, "plain": phase_plain}


def run_child(args):
    """Inside the child: run one phase and print its figures as JSON."""
    started = time.perf_counter()
    result = PHASES[args.phase](args.corpus, args.index, args.jobs)
    result["seconds"] = time.perf_counter() - started
    result["rss_main"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    result["rss_worker"] = children.ru_maxrss * 1024
    result["cpu_main"] = own.ru_utime + own.ru_stime
    result["cpu_workers"] = children.ru_utime + children.ru_stime
    print(json.dumps(result))


def run_phase(phase, corpus, index_dir, jobs):
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            str(corpus),
            "--phase",
            phase,
            "--index",
            str(index_dir),
            "--jobs",
            str(jobs),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="index only the first N articles")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return run_child(args)
    from indexer.whoosh_index.store import writer_name

    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        corpus = Path(args.corpus)
        if args.limit:
            corpus = Path(tmp) / "sample.jsonl"
            with open(corpus, "w", encoding="utf-8") as out:
                out.writelines(
                    json.dumps(r, ensure_ascii=False) + "\n"
                    for r in records(args.corpus, args.limit)
                )
        text_mb = (
            sum(
                len((r.get("title") or "").encode()) + len((r.get("text") or "").encode())
                for r in records(corpus, None)
            )
            / 1e6
        )
        load = os.getloadavg()
        print(
            f"corpus {corpus.name}: {text_mb:.1f} MB of text; {os.cpu_count()} cores, "
            f"load average {load[0]:.2f} {load[1]:.2f} (other processes share the machine); "
            f"writer {writer_name()} (KHABAR_WRITER)"
        )
        figures = {}
        for phase, index_dir in (("full", "full"), ("rerun", "full"), ("plain", "plain")):
            r = run_phase(phase, corpus, Path(tmp) / index_dir, args.jobs)
            figures[phase] = r
            n = (
                r["articles"]
                if phase != "rerun"
                else r["unchanged"] + r["articles"] + r.get("duplicates", 0)
            )
            print(
                f"{phase:6s} {n:6d} articles in {r['seconds']:7.1f}s  {n / r['seconds']:6.0f} articles/s  "
                f"{text_mb / r['seconds']:5.2f} MB/s  peak RSS main {r['rss_main'] / 2**20:5.0f} MiB, "
                f"worker {r['rss_worker'] / 2**20:5.0f} MiB  index {dir_size(Path(tmp) / index_dir) / 2**20:6.1f} MiB"
                f"  CPU main {r['cpu_main']:.1f}s, workers {r['cpu_workers']:.1f}s"
                + (
                    f"  (written {r['articles']}, duplicates {r['duplicates']})"
                    if "duplicates" in r
                    else ""
                )
            )
        full, plain, rerun = figures["full"], figures["plain"], figures["rerun"]
        print(
            f"full pipeline / plain Whoosh speed: {plain['seconds'] / full['seconds']:.2f}x "
            f"(jobs={args.jobs}); re-run took {100 * rerun['seconds'] / full['seconds']:.0f}% of the first run"
        )


if __name__ == "__main__":
    main()
