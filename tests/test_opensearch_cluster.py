"""The local OpenSearch cluster (tools/opensearch): three JVMs that join, index Arabic text with
the arabic analyzer, keep answering when one node is killed, and heal when it comes back."""

import pytest

from .opensearch_fixture import call, opensearch_cluster  # noqa: F401  (pytest fixture)

pytestmark = pytest.mark.slow

INDEX = "cluster-test"
NODE_NAMES = ["node-0", "node-1", "node-2"]
DOCS = {
    "d1": "قصف الطيران الروسي أحياء المدينة",
    "d2": "الطيران قصف السوق منذ الصباح",
    "d3": "تجدد القصف المدفعي على الأطراف",
    "d4": "أعلنت الهدنة في المنطقة",
    "d5": "خرق للهدنة بعد قصف ليلي على إدلب",
    "d6": "نزوح الأهالي من القرى",
}


def search(url, query):
    """The ids matching `query` on the node at `url`; fails when a shard did not answer."""
    body = {"query": {"match": {"text": query}}, "size": 100}
    result = call(url, "POST", f"/{INDEX}/_search", body)
    assert result["_shards"]["failed"] == 0, result["_shards"]
    return sorted(hit["_id"] for hit in result["hits"]["hits"])


def every_id(url):
    result = call(url, "POST", f"/{INDEX}/_search", {"query": {"match_all": {}}, "size": 100})
    assert result["_shards"]["failed"] == 0, result["_shards"]
    return sorted(hit["_id"] for hit in result["hits"]["hits"])


@pytest.fixture(scope="module")
def news_index(opensearch_cluster):  # noqa: F811
    url = opensearch_cluster.url
    settings = {"number_of_shards": 3, "number_of_replicas": 1}
    mappings = {"properties": {"text": {"type": "text", "analyzer": "arabic"}}}
    call(url, "PUT", f"/{INDEX}", {"settings": settings, "mappings": mappings})
    lines = []
    for doc_id, text in DOCS.items():
        lines += [{"index": {"_index": INDEX, "_id": doc_id}}, {"text": text}]
    assert call(url, "POST", "/_bulk?refresh=true", lines)["errors"] is False
    opensearch_cluster.wait_for("green", nodes=3)
    yield INDEX
    call(opensearch_cluster.url, "DELETE", f"/{INDEX}")


def test_three_nodes_joined_and_green(opensearch_cluster):  # noqa: F811
    health = opensearch_cluster.health()
    assert (health["status"], health["number_of_nodes"]) == ("green", 3)
    nodes = call(opensearch_cluster.url, "GET", "/_cat/nodes?format=json&h=name,ip")
    assert sorted((node["name"], node["ip"]) for node in nodes) == [
        (name, "127.0.0.1") for name in NODE_NAMES
    ]


def test_shards_spread_and_every_node_searches(opensearch_cluster, news_index):  # noqa: F811
    shards = call(
        opensearch_cluster.url,
        "GET",
        f"/_cat/shards/{news_index}?format=json&h=shard,prirep,state,node",
    )
    assert sorted((s["shard"], s["prirep"], s["state"]) for s in shards) == [
        (shard, kind, "STARTED") for shard in "012" for kind in "pr"
    ]
    assert {s["node"] for s in shards} == set(NODE_NAMES)
    for url in opensearch_cluster.urls:
        # The arabic analyzer (common-analysis module) stems القصف, قصف and الطيران alike.
        assert search(url, "القصف") == ["d1", "d2", "d3", "d5"]
        assert search(url, "طيران") == ["d1", "d2"]


def test_killed_node_then_restarted(opensearch_cluster, news_index):  # noqa: F811
    cluster = opensearch_cluster
    manager = call(cluster.url, "GET", "/_cat/cluster_manager?format=json")[0]["node"]
    victim = NODE_NAMES.index(manager)  # the hardest node to lose: a new election follows
    survivors = [url for i, url in enumerate(cluster.urls) if i != victim]
    try:
        cluster.kill_node(victim)
        health = cluster.wait_for("yellow", nodes=2, timeout=120)
        assert health["status"] in ("yellow", "green")
        for url in survivors:
            assert every_id(url) == sorted(DOCS)
            assert search(url, "الهدنة") == ["d4", "d5"]
        call(
            survivors[0],
            "PUT",
            f"/{news_index}/_doc/d7?refresh=true",
            {"text": "قصف بعد عودة العقدة"},
        )
    finally:
        if not cluster.is_running(victim):
            cluster.start_node(victim)
    health = cluster.wait_for("green", nodes=3, timeout=120)
    assert (health["status"], health["number_of_nodes"]) == ("green", 3)
    for url in cluster.urls:
        assert every_id(url) == sorted([*DOCS, "d7"])
