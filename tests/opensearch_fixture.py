"""A 3-node OpenSearch cluster on free loopback ports, started once per test session.

A test module takes it with
    from .opensearch_fixture import opensearch_cluster  # noqa: F401  (pytest fixture)
and gets a `tools.opensearch.cluster.Cluster` (`url`, `urls`, `kill_node`, `start_node`, ...).
Tests are skipped, with the reason, only when `java` or `mvn` is missing.
"""

import json
import urllib.request

import pytest

from tools.opensearch import launcher
from tools.opensearch.cluster import Cluster


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
