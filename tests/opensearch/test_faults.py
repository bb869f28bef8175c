"""Faults on a 3-node cluster, 3 shards x 1 replica:

- one node SIGKILLed while 8 clients search through `khabar serve --backend ...` (waitress
  on a free loopback port) for 30 s: no request fails, the cluster turns yellow, and once
  the node is back it is green with every article there;
- an index run SIGKILLed half-way (a fresh one, then an incremental one) and run again:
  every article is in the index once, as after a run never interrupted.
"""

import gzip
import http.client
import itertools
import json
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

from indexer.indexing.build import build_index
from indexer.opensearch_index.connection import ClusterLocation
from tests.opensearch_fixture import REPLICAS, SHARDS, backend_url, call
from tests.paths import ROOT, SHARED
from tools.opensearch.cluster import free_ports

pytestmark = pytest.mark.slow

CORPUS = SHARED / "data" / "ant_multisource.jsonl.gz"
KHABAR = [sys.executable, "-c", "from searchapp.cli import main; main()"]
CLIENTS = 8
LOAD_SECONDS = 30.0
KILL_AFTER = 8.0
WORDS = ["سوريا", "حلب", "إدلب", "دمشق", "قصف", "هدنة", "روسيا", "تركيا", "المعارضة", "الأسد"]


def corpus_slice(path, start, stop):
    if not CORPUS.exists():
        pytest.skip(f"the ANT corpus is not at {CORPUS}")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, open(path, "w") as out:
        out.writelines(itertools.islice(source, start, stop))
    return path


def every_id(url):
    from opensearchpy import helpers

    location = ClusterLocation.parse(url)
    client = location.client()
    client.indices.refresh(index=location.alias)
    hits = helpers.scan(client, index=location.alias, query={"_source": False}, size=2000)
    ids = [hit["_id"] for hit in hits]
    client.close()
    return ids


def wait_for_http(port, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
        finally:
            connection.close()
    raise AssertionError(f"khabar serve did not answer on port {port}")


def summary(body):
    """What a failed answer said: its status fields, or its first bytes."""
    try:
        found = json.loads(body)
    except ValueError:
        return body[:300]
    return {k: found.get(k) for k in ("total", "partial", "relaxed", "error")}


def search_total(port, word):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": word}))
    total = json.loads(connection.getresponse().read())["total"]
    connection.close()
    return total


class Load:
    """CLIENTS threads searching /api/search until stopped; an answer that is not a 200
    with the word's total found before is a failure, unless it says it is partial (the
    search's 2 s time limit ran out: a 200 that says so, as on Whoosh), which is counted."""

    def __init__(self, port, totals):
        self.port, self.totals, self.stop = port, totals, threading.Event()
        self.ok, self.partial, self.failed, self.lock = 0, 0, [], threading.Lock()
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(CLIENTS)]

    def client(self, n):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        for word in itertools.cycle(WORDS[n:] + WORDS[:n]):
            if self.stop.is_set():
                break
            path = "/api/search?" + urllib.parse.urlencode({"q": word})
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                found = json.loads(body) if response.status == 200 else {}
                matched = found.get("total") == self.totals[word]
                partial = bool(found.get("partial")) and not matched
                outcome = matched or partial
            except (OSError, http.client.HTTPException, ValueError) as exc:
                outcome, partial, body = False, False, repr(exc).encode()
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            with self.lock:
                if outcome:
                    self.ok += 1
                    self.partial += partial
                else:
                    self.failed.append((word, summary(body)))
        connection.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join(90)


def test_a_node_killed_under_load_fails_no_request(opensearch_cluster, tmp_path):
    cluster = opensearch_cluster
    url = backend_url(cluster, "faults")
    articles = corpus_slice(tmp_path / "articles.jsonl", 0, 1000)
    stats = build_index([articles], url, report=lambda e: None, shards=SHARDS, replicas=REPLICAS)
    before = sorted(every_id(url))
    assert len(before) == stats.added > 900
    port = free_ports(1)[0]
    log = open(tmp_path / "serve.log", "wb")  # closed in the finally below
    serve = subprocess.Popen(
        [*KHABAR, "serve", "--backend", url, "--port", str(port), "--threads", "8"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    manager = call(cluster.url, "GET", "/_cat/cluster_manager?format=json")[0]["node"]
    victim = int(manager.rsplit("-", 1)[1])  # the elected manager: an election follows
    statuses = []
    try:
        wait_for_http(port)
        totals = {word: search_total(port, word) for word in WORDS}
        assert sum(totals.values()) > 0
        with Load(port, totals) as load:
            time.sleep(KILL_AFTER)
            cluster.kill_node(victim)
            killed_at = time.monotonic()
            while time.monotonic() - killed_at < LOAD_SECONDS - KILL_AFTER:
                try:
                    health = cluster.health(cluster_manager_timeout="1s")
                    statuses.append((health["status"], health["number_of_nodes"]))
                except Exception:  # no manager elected yet
                    statuses.append(("no manager", 0))
                time.sleep(1.0)
        print(
            f"{load.ok} requests answered ({load.partial} partial: time limit), "
            f"{len(load.failed)} failed; health {statuses}"
        )
        assert load.failed == [], (load.failed, (tmp_path / "serve.log").read_text()[-3000:])
        assert load.ok > 50
        assert ("yellow", 2) in statuses
    finally:
        serve.terminate()
        serve.wait(30)
        log.close()
        if not cluster.is_running(victim):
            cluster.start_node(victim)
    health = cluster.wait_for("green", nodes=3, timeout=180)
    assert (health["status"], health["number_of_nodes"]) == ("green", 3)
    assert sorted(every_id(url)) == before  # nothing lost


def index_process(articles, url):
    return subprocess.Popen(
        [*KHABAR, "index", str(articles), "--backend", url, "--shards", str(SHARDS)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def written(node, pattern):
    """Index operations done on the primaries of the indexes matching `pattern`."""
    try:
        stats = call(node, "GET", f"/{pattern}/_stats/indexing")
    except OSError:
        return 0
    return stats["_all"]["primaries"].get("indexing", {}).get("index_total", 0)


def searchable(node, alias):
    """Articles the alias shows now (the count query refreshes an idle shard first)."""
    return call(node, "GET", f"/{alias}/_count")["count"]


def kill_when(process, reached, timeout=300):
    """SIGKILL `process` once `reached()` is true."""
    deadline = time.monotonic() + timeout
    while not reached():
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the run wrote too slowly"
        time.sleep(0.2)
    process.kill()  # SIGKILL: no clean-up at all
    process.wait()


def test_an_index_run_killed_half_way_then_run_again_holds_every_article_once(
    opensearch_cluster, tmp_path
):
    node = opensearch_cluster.url
    first = corpus_slice(tmp_path / "first.jsonl", 0, 1200)
    more = corpus_slice(tmp_path / "more.jsonl", 1200, 3000)  # several bulk requests
    clean_url = backend_url(opensearch_cluster, "clean")
    build_index([first, more], clean_url, report=lambda e: None, shards=SHARDS, replicas=REPLICAS)
    expected = sorted(every_id(clean_url))

    url = backend_url(opensearch_cluster, "killed")
    run = index_process(first, url)  # a fresh index: nothing visible until its alias swap
    kill_when(run, lambda: written(node, "killed-v*") >= 500)
    assert call(node, "GET", "/_cat/aliases/killed?format=json") == []  # no half index shown
    first_run = build_index([first], url, report=lambda e: None, shards=SHARDS, replicas=REPLICAS)
    assert first_run.added > 1100 and first_run.unchanged == 0

    before = searchable(node, "killed")
    run = index_process(more, url)  # incremental: its writes go live as they come
    kill_when(run, lambda: searchable(node, "killed") >= before + 250)
    stats = build_index([first, more], url, report=lambda e: None)
    assert stats.added + stats.unchanged + stats.updated == len(expected)
    assert stats.unchanged >= first_run.added + 200 and stats.added > 0
    assert sorted(every_id(url)) == expected
