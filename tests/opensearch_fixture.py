"""A 3-node OpenSearch cluster on free loopback ports, started once per test session.

A test module takes it with
    from .opensearch_fixture import opensearch_cluster  # noqa: F401  (pytest fixture)
and gets a `tools.opensearch.cluster.Cluster` (`url`, `urls`, `kill_node`, `start_node`, ...).
Tests are skipped, with the reason, only when `java` or `mvn` is missing.
"""

import json
import urllib.request

import pytest

from tests.paths import SEEDS
from tools.opensearch import launcher
from tools.opensearch.cluster import Cluster

SHARDS, REPLICAS = 3, 1  # as the issue asks of the tests


@pytest.fixture(scope="session")
def opensearch_cluster(tmp_path_factory):
    problem = launcher.missing_tool()
    if problem:
        pytest.skip(problem)
    cluster = Cluster.on_free_ports(tmp_path_factory.mktemp("opensearch"))
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def backend_url(cluster, alias):
    """The backend URL of `alias` over every node of `cluster` (a client retries the others)."""
    hosts = ",".join(url.split("://", 1)[1] for url in cluster.urls)
    return f"opensearch+http://{hosts}/{alias}"


def write_documents(url, documents):
    """A fresh index behind the URL's alias holding `documents` (as article_doc gives them),
    written in order through the OpenSearch index store, then committed."""
    from indexer.indexing.opensearch_store import OpenSearchStore

    store = OpenSearchStore(url, shards=SHARDS, replicas=REPLICAS)
    with store.lock():
        store.open(rebuild=True)
        for seq, document in enumerate(documents):
            store.add({"texthash": "", **document}, seq, "add")
        store.commit([])
        store.save_aliases({})
        store.after_commit(True)
    store.close()
    return url


@pytest.fixture(scope="session")
def fixture_opensearch(opensearch_cluster):
    """The search fixture corpus (tests/search/search_fixture.py) on the session cluster."""
    from tests.search.search_fixture import fixture_documents

    return write_documents(backend_url(opensearch_cluster, "fixture"), fixture_documents())


@pytest.fixture(scope="session")
def seed_opensearch(opensearch_cluster):
    """seeds/ indexed by `khabar index`'s pipeline into the session cluster."""
    from indexer.indexing.build import build_index

    url = backend_url(opensearch_cluster, "seeds")
    stats = build_index([SEEDS], url, report=lambda error: None, shards=SHARDS, replicas=REPLICAS)
    assert stats.added == 5
    return url


def call(url, method, path, body=None):
    """One REST call; `body` is a dict (JSON) or a list of dicts (NDJSON, for _bulk)."""
    if isinstance(body, list):
        data = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in body)
        content_type = "application/x-ndjson"
    else:
        data = None if body is None else json.dumps(body, ensure_ascii=False)
        content_type = "application/json"
    request = urllib.request.Request(
        url + path,
        method=method,
        data=None if data is None else data.encode("utf-8"),
        headers={"Content-Type": content_type},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)
