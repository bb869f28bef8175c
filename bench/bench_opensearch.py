"""`make bench-opensearch`: the OpenSearch backend against the Whoosh backend, in one run.

    python bench/bench_opensearch.py [--url URL] [--times 1,4,16] [--rounds 3] [--load 60]

1. Indexing the whole ANT corpus (both cores, `khabar index` in a child process each):
   articles/s and index size (OpenSearch: primaries, and with the replica).
2. A full results page (`SearchService.search`: hits, facets, months, snippets; the
   queries of bench_search.py), p50/p95 on each backend, at each corpus multiple of
   `--times` (the corpus repeated under new ids, bench_search.repeated_corpus); the
   indexes are built once and kept (var/bench/, and the aliases bench-x1, bench-x4, ...).
3. `bench_load.py` (8 clients, 2 server processes, 2,000 articles added) on each backend.

The cluster is `--url`, else var/opensearch/url (`make opensearch`) when it answers, else
3 nodes started here under var/bench/opensearch and stopped at the end. Its 3 JVMs
share this machine's 2 cores with Khabar: the ratios say more than the absolute figures.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_search import CORPUS, QUERIES, percentiles, repeated_corpus  # noqa: E402
from indexer.errors import KhabarError  # noqa: E402
from indexer.opensearch_index.connection import ClusterLocation  # noqa: E402
from searchapp.search.service import SearchService  # noqa: E402
from tools.opensearch.cluster import Cluster  # noqa: E402

BENCH = ROOT / "var" / "bench"
KHABAR = [sys.executable, "-c", "from searchapp.cli import main; main()"]
SUMMARY_RE = re.compile(r"added (\d+).* in ([\d.]+)s, (\d+) articles/s")


def cluster_url(given):
    """(backend URL without alias, Cluster we started or None)."""
    if given:
        return given.rsplit("/", 1)[0], None
    recorded = ROOT / "var" / "opensearch" / "url"
    if recorded.exists():
        url = recorded.read_text().strip()
        try:
            ClusterLocation.parse(url).client().info()
            return url.rsplit("/", 1)[0], None
        except Exception:
            pass
    cluster = Cluster.on_free_ports(BENCH / "opensearch")
    print("starting a 3-node cluster under var/bench/opensearch", flush=True)
    cluster.start()
    hosts = ",".join(u.split("://", 1)[1] for u in cluster.urls)
    return f"opensearch+http://{hosts}", cluster


def index_once(source, location, rebuild=True, jvms=()):
    """`khabar index` in a child process: (written, seconds, articles/s, CPU seconds of
    Khabar's processes, CPU seconds of the cluster's JVMs `jvms` meanwhile)."""
    where = ["--backend", location] if location.startswith("opensearch+") else ["--index", location]
    command = [*KHABAR, "index", str(source), *where] + (["--rebuild"] if rebuild else [])
    before, jvm_before = children_cpu(), jvm_cpu(jvms)
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    khabar_cpu, cluster_cpu = children_cpu() - before, jvm_cpu(jvms) - jvm_before
    found = SUMMARY_RE.search(run.stdout)
    if run.returncode or not found:
        raise SystemExit(f"indexing failed: {run.stdout[-500:]} {run.stderr[-1500:]}")
    return int(found.group(1)), float(found.group(2)), int(found.group(3)), khabar_cpu, cluster_cpu


def children_cpu():
    """CPU seconds of this process's finished children and their own children (workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def jvm_cpu(pids):
    """CPU seconds the processes `pids` used so far (/proc/PID/stat utime + stime)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def cluster_pids(base):
    """The node pids of the cluster at `base`, when it runs on this machine (else none)."""
    location = ClusterLocation.parse(f"{base}/x")
    client = location.client()
    found = client.nodes.info(metric="process")["nodes"].values()
    client.close()
    local = [n["process"]["id"] for n in found if n.get("host") in ("127.0.0.1", "localhost")]
    return [pid for pid in local if Path(f"/proc/{pid}").exists()]


def whoosh_size(index_dir):
    return sum(p.stat().st_size for p in Path(index_dir).iterdir() if p.is_file())


def opensearch_size(url):
    location = ClusterLocation.parse(url)
    client = location.client()
    stats = client.indices.stats(index=location.alias, metric="store,docs")["_all"]
    client.close()
    return stats["primaries"]["store"]["size_in_bytes"], stats["total"]["store"]["size_in_bytes"]


def count(location):
    try:
        service = SearchService.open(location)
    except KhabarError:
        return 0
    with service.backend.snapshot() as snapshot:
        found = snapshot.doc_count
    service.close()
    return found


def phase_indexing(base):
    whoosh_dir = str(BENCH / "os-compare-whoosh")
    shutil.rmtree(whoosh_dir, ignore_errors=True)
    url = f"{base}/bench-x1"
    rows = {}
    jvms = cluster_pids(base)
    for name, location in (("whoosh", whoosh_dir), ("opensearch", url)):
        written, seconds, rate, khabar_cpu, cluster_cpu = index_once(CORPUS, location, jvms=jvms)
        rows[name] = (written, seconds, rate, khabar_cpu, cluster_cpu)
        print(
            f"  {name:10s} {written} articles in {seconds:.1f} s: {rate} articles/s; CPU s: "
            f"khabar {khabar_cpu:.0f}, cluster JVMs {cluster_cpu:.0f}",
            flush=True,
        )
    primaries, total = opensearch_size(url)
    size = whoosh_size(whoosh_dir)
    print(
        f"  index size: whoosh {size / 2**20:.0f} MiB; opensearch {primaries / 2**20:.0f} MiB "
        f"primaries, {total / 2**20:.0f} MiB with the replica"
    )
    ratio = rows["opensearch"][2] / rows["whoosh"][2]
    print(f"  opensearch/whoosh articles/s: {ratio:.2f}x (target >= 1)", flush=True)
    cpu = rows["opensearch"][3] / rows["whoosh"][3]
    print(
        f"  Khabar's own CPU, opensearch/whoosh: {cpu:.2f}x (with the cluster on other "
        "machines, indexing is bounded by this)",
        flush=True,
    )
    return {"indexing": rows, "size": {"whoosh": size, "opensearch": [primaries, total]}}


def ensure_indexes(base, times):
    """(Whoosh directory, OpenSearch URL) of the corpus repeated `times` times."""
    source = CORPUS if times == 1 else repeated_corpus(times)
    whoosh_dir = BENCH / ("os-compare-whoosh" if times == 1 else f"search-index-x{times}")
    url = f"{base}/bench-x{times}"
    expected = count(whoosh_dir) if whoosh_dir.exists() else 0
    if not expected:
        print(f"  indexing {source} into {whoosh_dir} (once)", flush=True)
        index_once(source, str(whoosh_dir))
        expected = count(whoosh_dir)
    if count(url) != expected:
        print(f"  indexing {source} into {url} (once)", flush=True)
        index_once(source, url)
    return str(whoosh_dir), url


def phase_search(base, times, rounds):
    whoosh_dir, url = ensure_indexes(base, times)
    services = {"whoosh": SearchService.open(whoosh_dir), "opensearch": SearchService.open(url)}
    samples = {name: [] for name in services}
    for service in services.values():  # warm: lexicons, columns, spelling tables
        for request in QUERIES:
            service.search(request)
    for _ in range(rounds):
        for name, service in services.items():  # interleaved: a drift hits both alike
            for request in QUERIES:
                started = time.perf_counter()
                service.search(request)
                samples[name].append((time.perf_counter() - started) * 1000)
    out = {name: percentiles(values) for name, values in samples.items()}
    articles = count(whoosh_dir)
    for name, stats in out.items():
        print(
            f"  {times:2d}x ({articles} articles) {name:10s} p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms"
        )
    print(
        f"  {times:2d}x opensearch/whoosh: p50 {out['opensearch']['p50'] / out['whoosh']['p50']:.2f}x,"
        f" p95 {out['opensearch']['p95'] / out['whoosh']['p95']:.2f}x",
        flush=True,
    )
    for service in services.values():
        service.close()
    return {"articles": articles, **out}


def phase_load(base, duration):
    out = {}
    for name, extra in (("whoosh", []), ("opensearch", ["--backend", f"{base}/bench-x1"])):
        run = subprocess.run(
            [sys.executable, "bench/bench_load.py", "--duration", str(duration), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        found = re.search(r"throughput: ([\d.]+) req/s\s+errors: (\d+)", run.stdout)
        latency = re.search(r"latency ms: p50 ([\d.]+)\s+p95 ([\d.]+)", run.stdout)
        if not found:
            print(run.stdout[-2000:], run.stderr[-2000:])
            raise SystemExit(f"bench_load on {name} failed")
        out[name] = {
            "req_s": float(found.group(1)),
            "errors": int(found.group(2)),
            "p50": float(latency.group(1)),
            "p95": float(latency.group(2)),
            "exit": run.returncode,
        }
        print(f"  {name:10s} {out[name]}", flush=True)
    print(f"  opensearch/whoosh req/s: {out['opensearch']['req_s'] / out['whoosh']['req_s']:.2f}x")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an OpenSearch backend URL (its alias is not used)")
    parser.add_argument("--times", default="1,4,16", help="corpus multiples for the search phase")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--load", type=float, default=60.0, help="seconds of HTTP load (0: none)")
    parser.add_argument("--skip-indexing", action="store_true")
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)
    base, started = cluster_url(args.url)
    results = {}
    try:
        if not args.skip_indexing:
            print("indexing the ANT corpus", flush=True)
            results.update(phase_indexing(base))
        for times in (int(t) for t in args.times.split(",") if t):
            print(f"full results page at {times}x", flush=True)
            results[f"search_x{times}"] = phase_search(base, times, args.rounds)
        if args.load:
            print(f"HTTP load, {args.load:.0f} s per backend", flush=True)
            results["load"] = phase_load(base, args.load)
    finally:
        if started is not None:
            started.stop()
    (BENCH / "opensearch-results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"results in {BENCH / 'opensearch-results.json'}")


if __name__ == "__main__":
    main()
