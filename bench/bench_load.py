"""Load under re-indexing: `khabar serve` on loopback, 8 clients on /api/search for 60 s while
`khabar index` adds 2,000 new articles; then every added article must be searchable.

    python bench/bench_load.py [--duration 60] [--clients 8] [--add 2000] [--threads 8] [--typos 0.1]

The run alternates phases of plain queries and phases where a share (`--typos`) of the
requests are misspellings (did-you-mean), A B A B, so that the two mixes meet the same
machine and the same indexer: throughput and the plain queries' latency are compared
between them.

The base index of ../shared/data/ant_multisource.jsonl.gz is built once (or copied from
var/bench/index or var/bench/search-index when another benchmark built it) into
var/bench/load-base; each run works on a fresh copy (var/bench/load-run), so runs repeat
and other benchmarks' indexes are never changed. The added articles are corpus articles
under new ids with a marker word and their id appended (otherwise the indexer would
rightly collapse them as duplicates). Loopback only; bounded in time and count.
Exit status 1 when a request failed or an added article cannot be found.
"""

import argparse
import gzip
import http.client
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.indexing.build import build_index  # noqa: E402
from indexer.whoosh_index.store import index_exists, open_index  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "ant_multisource.jsonl.gz"
BENCH = ROOT / "var" / "bench"
KHABAR = [sys.executable, "-c", "from searchapp.cli import main; main()"]
MARKER = "زنبقلوتس"
WORDS = [
    "سوريا",
    "إدلب",
    "حلب",
    "دمشق",
    "قصف",
    "هدنة",
    "مفاوضات",
    "جنيف",
    "اللاجئين",
    "الأسد",
    "روسيا",
    "تركيا",
    "الأكراد",
    "داعش",
    "النصرة",
    "غارات",
    "المعارضة",
    "الرقة",
    "درعا",
    "حمص",
    "كيماوي",
    "الغوطة",
    "إيران",
    "حزب الله",
    "قوات سوريا الديمقراطية",
    "منبج",
    "عفرين",
    "الجيش الحر",
    "مجلس الأمن",
    "وقف إطلاق النار",
    "مقتل مدنيين",
    "الطيران الروسي",
    "دير الزور",
    "الحدود التركية",
    "النفط",
    "كرة القدم",
    "مصر",
    "العراق",
    "لبنان",
    "بوتين",
]
QUERIES = [{"q": w} for w in WORDS] + [
    {"q": '"وقف إطلاق النار"'},
    {"q": "قصف", "faction": "isis"},
    {"q": "غارات", "place": "idlib-governorate"},
    {"q": "سوريا", "source": "reuters"},
    {"q": "هجوم", "governorate": "aleppo-governorate"},
    {"q": "مفاو*"},
    {"q": "روسيا OR تركيا"},
    {"q": "الأسد -روسيا"},
    {"q": "حلب", "sort": "date"},
    {"q": "داعش", "from": "2017", "to": "2017-06"},
    {"q": "إدلب", "page": "2"},
    {"q": "حلب دمشق", "per_page": "20"},
]

TYPOS = [
    {"q": q}
    for q in (
        "إدلبب",
        "حلبب",
        "مفاوضاتت",
        "الاسدد",
        "اللاجئيين",
        "دمشقق",
        "قوات النضام",
        "النضام السوري",
        "Alepo",
        "Idlb",
        "Damascuss",
        "Raqa",
    )
]
PHASES = 12  # phases of 5 s in a 60 s run: a reload or a slow moment hits both mixes alike


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[k]


def ensure_base(corpus):
    """var/bench/load-base: the whole corpus indexed once (copied when another bench has it)."""
    default = corpus.resolve() == CORPUS.resolve()
    base = BENCH / ("load-base" if default else f"load-base-{corpus.name.split('.')[0]}")
    if index_exists(base):
        return base
    for candidate in (BENCH / "index", BENCH / "search-index") if default else ():
        if index_exists(candidate) and doc_count(candidate) >= 30000:
            print(f"copying {candidate} to {base}", flush=True)
            shutil.copytree(
                candidate, base, ignore=shutil.ignore_patterns("*.lock", "*WRITELOCK", "*.tmp")
            )
            return base
    print(f"indexing {corpus} into {base} (once)", flush=True)
    build_index([corpus], base, report=lambda error: None)
    return base


def doc_count(index_dir):
    if str(index_dir).startswith("opensearch+"):
        from indexer.opensearch_index.connection import ClusterLocation

        location = ClusterLocation.parse(index_dir)
        client = location.client()
        count = client.count(index=location.alias)["count"]
        client.close()
        return count
    return open_index(index_dir).doc_count()


def ensure_cluster_base(corpus, url, additions):
    """The corpus in the OpenSearch index once, without the last run's additions."""
    from indexer.errors import IndexMissingError

    try:
        count = doc_count(url)
    except IndexMissingError:
        count = 0
    if count < 30000:
        print(f"indexing {corpus} into {url} (once)", flush=True)
        build_index([corpus], url, report=lambda error: None)
    if additions.exists():  # the last run's: its articles go with it (--prune)
        additions.unlink()
        build_index([], url, prune=True, report=lambda error: None)


def write_additions(corpus, path, count, prefix):
    """`count` corpus articles under new ids, with the marker and their id in the text."""
    ids = []
    with (
        gzip.open(corpus, "rt", encoding="utf-8") as lines,
        open(path, "w", encoding="utf-8") as out,
    ):
        for n, line in enumerate(itertools.islice(lines, count)):
            record = json.loads(line)
            record["id"] = f"{prefix}{n:05d}"
            record["text"] = f"{record.get('text', '')}\n{MARKER} {record['id']}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            ids.append(record["id"])
    return ids


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Schedule:
    """Phases of equal length from `start`: even ones plain, odd ones with typos mixed in."""

    def __init__(self, start, duration, typo_share, phases=PHASES):
        self.start, self.length, self.typo_share = start, duration / phases, typo_share

    def mixed(self, now):
        return self.typo_share > 0 and int((now - self.start) / self.length) % 2 == 1


class Client(threading.Thread):
    """One keep-alive HTTP client sending the query mix until `deadline`.

    `latencies` holds (mixed phase?, typo query?, seconds) per answered request."""

    def __init__(self, port, deadline, seed, schedule):
        super().__init__(daemon=True)
        self.port, self.deadline, self.rng = port, deadline, random.Random(seed)
        self.schedule = schedule
        self.latencies, self.errors = [], []

    def pick(self):
        mixed = self.schedule.mixed(time.monotonic())
        typo = mixed and self.rng.random() < self.schedule.typo_share
        return mixed, typo, self.rng.choice(TYPOS if typo else QUERIES)

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        while time.monotonic() < self.deadline:
            mixed, typo, params = self.pick()
            url = "/api/search?" + urllib.parse.urlencode(params)
            started = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200:
                    self.errors.append(f"{response.status} {url} {body[:200]!r}")
                else:
                    self.latencies.append((mixed, typo, elapsed))
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{type(exc).__name__}: {exc} ({url})")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.close()


def get_json(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def start_server(index_dir, port, threads, log, workers=1):
    env = dict(os.environ, KHABAR_RELOAD_INTERVAL="1")
    where = "--backend" if str(index_dir).startswith("opensearch+") else "--index"
    server = subprocess.Popen(
        [
            *KHABAR,
            "serve",
            where,
            str(index_dir),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--threads",
            str(threads),
            "--workers",
            str(workers),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    for _ in range(600):
        try:
            if get_json(port, "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("server did not start; see " + log.name)


def verify(port, ids):
    """(total for the marker word, ids whose article page is missing)."""
    status, body = get_json(
        port, "/api/search?" + urllib.parse.urlencode({"q": MARKER, "per_page": 1})
    )
    total = body["total"] if status == 200 else -1
    missing = [
        i
        for i in ids
        if get_json(port, "/api/articles/" + urllib.parse.quote(i, safe=""))[0] != 200
    ]
    return total, missing


def print_typo_comparison(latencies, elapsed, share):
    """Throughput and the plain queries' latency in the plain phases against the mixed ones."""
    rows = {}
    for mixed in (False, True):
        seconds = elapsed / 2  # half the phases each
        done = [x for x in latencies if x[0] == mixed]
        plain = sorted(x[2] * 1000 for x in done if not x[1])
        typos = sorted(x[2] * 1000 for x in done if x[1])
        rows[mixed] = (
            len(done) / seconds,
            percentile(plain, 95),
            percentile(typos, 95),
            len(typos),
        )
        label = f"with {share:.0%} typos" if mixed else "plain queries"
        print(
            f"  {label:16s} {rows[mixed][0]:6.1f} req/s   plain queries p95 {rows[mixed][1]:6.1f} ms"
            + (f"   typo queries p95 {rows[mixed][2]:6.1f} ms ({rows[mixed][3]})" if mixed else "")
        )
    print(
        f"  mixed/plain: req/s {rows[True][0] / rows[False][0]:.2f}x, plain-query p95 "
        f"{rows[True][1] / rows[False][1]:.2f}x (target: within 10%)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="server processes (khabar serve --workers; 2 for 2 cores)",
    )
    parser.add_argument("--add", type=int, default=2000)
    parser.add_argument(
        "--backend",
        help="an OpenSearch URL: serve and add there (the corpus is indexed into it once; "
        "the last run's additions are pruned before a run)",
    )
    parser.add_argument(
        "--typos",
        type=float,
        default=0.1,
        help="share of misspelt queries in the mixed phases (0: plain queries only)",
    )
    args = parser.parse_args()
    BENCH.mkdir(parents=True, exist_ok=True)

    additions = BENCH / "load-additions.jsonl"
    if args.backend:
        run_dir = args.backend
        ensure_cluster_base(args.corpus, args.backend, additions)
        where, extra = ["--backend", args.backend], []
    else:
        base = ensure_base(args.corpus)
        run_dir = BENCH / "load-run"
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.copytree(base, run_dir)
        where, extra = ["--index", str(run_dir)], []
    ids = write_additions(args.corpus, additions, args.add, f"load-{int(time.time())}-")
    print(f"index: {doc_count(run_dir)} articles; adding {len(ids)} during the load", flush=True)

    port = free_port()
    log = open(BENCH / "load-serve.log", "w")
    server = start_server(run_dir, port, args.threads, log, args.workers)
    try:
        started = time.monotonic()
        deadline = started + args.duration
        schedule = Schedule(started, args.duration, args.typos)
        clients = [Client(port, deadline, seed, schedule) for seed in range(args.clients)]
        for client in clients:
            client.start()
        time.sleep(min(5.0, args.duration / 10))  # steady state first, then the indexer
        index_log = open(BENCH / "load-index.log", "w")
        index_started = time.monotonic()
        indexer = subprocess.Popen(
            [*KHABAR, "index", str(additions), *where, *extra],
            stdout=index_log,
            stderr=subprocess.STDOUT,
        )
        for client in clients:
            client.join()
        elapsed = time.monotonic() - started
        indexer_code = indexer.wait(timeout=1800)
        index_seconds = time.monotonic() - index_started
        index_log.close()
        time.sleep(2.0)  # two reload intervals
        total, missing = verify(port, ids)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    latencies = [x for c in clients for x in c.latencies]
    errors = [e for c in clients for e in c.errors]
    requests = len(latencies) + len(errors)
    ms = sorted(x[2] * 1000 for x in latencies)
    print(
        f"\n{args.clients} clients x {elapsed:.1f} s on loopback, "
        f"server {args.workers} process(es) x {args.threads} threads"
    )
    print(
        f"requests: {requests}   throughput: {requests / elapsed:.1f} req/s   errors: {len(errors)}"
    )
    print(
        f"latency ms: p50 {percentile(ms, 50):.1f}   p95 {percentile(ms, 95):.1f}   "
        f"p99 {percentile(ms, 99):.1f}   mean {statistics.fmean(ms) if ms else float('nan'):.1f}"
    )
    if args.typos > 0:
        print_typo_comparison(latencies, elapsed, args.typos)
    print(
        f"indexer: exit {indexer_code} after {index_seconds:.1f} s "
        f"({(BENCH / 'load-index.log').read_text(errors='replace').strip().splitlines()[-1:]})"
    )
    print(
        f"added articles searchable: marker total {total} of {len(ids)}; "
        f"article pages missing {len(missing)}"
    )
    for line in errors[:10]:
        print("  error:", line)
    ok = not errors and indexer_code == 0 and total == len(ids) and not missing
    print(
        "targets: zero errors "
        + ("met" if not errors else "MISSED")
        + "; >= 100 req/s "
        + ("met" if requests / elapsed >= 100 else "missed")
        + "; all added searchable "
        + ("yes" if total == len(ids) and not missing else "NO")
    )
    if not args.backend:
        shutil.rmtree(run_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
