"""The `<alias>-meta` index beside the articles: run lock, index generation, vocabulary.

One small index per alias holds:

- `lock`: the index run writing now (host, pid, heartbeat); a run killed with SIGKILL
  leaves it behind, and the next run takes it over once it is stale (see lock.py);
- `state`: the generation of the index (counted up by every run that changed it), the
  articles it holds and the mapping version; servers poll this one document;
- blobs of that generation, split in parts: the vocabulary (every exact word and the
  number of articles holding it, for did-you-mean and prefixes) and the duplicate ids
  (alias id -> indexed id). Older generations are deleted once a newer one is written.
"""

import base64
import json
import zlib

from indexer.opensearch_index.connection import wait_for_status

META_MAPPING = {
    "dynamic": False,
    "properties": {
        "kind": {"type": "keyword"},
        "generation": {"type": "long"},
        "name": {"type": "keyword"},
        "part": {"type": "integer"},
        "data": {"type": "binary"},
    },
}
PART_BYTES = 4 * 1024 * 1024  # compressed bytes per blob document
KEPT_GENERATIONS = 2  # a server may still be reading the one before


def ensure_meta(client, location, replicas):
    """Create the meta index when missing (one shard, as many replicas as the articles)."""
    if client.indices.exists(index=location.meta):
        return
    from opensearchpy.exceptions import RequestError

    settings = {"index": {"number_of_shards": 1, "number_of_replicas": replicas}}
    try:
        client.indices.create(
            index=location.meta, body={"settings": settings, "mappings": META_MAPPING}
        )
    except RequestError as exc:  # another process created it first
        if "resource_already_exists_exception" not in str(exc):
            raise
    wait_for_status(client, location.meta, "yellow", 30)


def read_state(client, location):
    """The `state` document ({} when the index was never committed)."""
    from opensearchpy.exceptions import NotFoundError

    try:
        return client.get(index=location.meta, id="state", realtime=True)["_source"]
    except NotFoundError:
        return {}


def write_generation(client, location, state, blobs):
    """Write `blobs` ({name: JSON-able value}) as a new generation, then the state that
    names it; then drop generations older than KEPT_GENERATIONS."""
    generation = int(read_state(client, location).get("generation", 0)) + 1
    actions = []
    for name, value in blobs.items():
        packed = zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"), 6)
        parts = [packed[i : i + PART_BYTES] for i in range(0, len(packed), PART_BYTES)] or [b""]
        for number, part in enumerate(parts):
            actions.append(
                {
                    "_index": location.meta,
                    "_id": f"g{generation}-{name}-{number}",
                    "_source": {
                        "kind": "blob",
                        "generation": generation,
                        "name": name,
                        "part": number,
                        "parts": len(parts),
                        "data": base64.b64encode(part).decode("ascii"),
                    },
                }
            )
    from opensearchpy import helpers

    helpers.bulk(client, actions, refresh="wait_for")
    client.index(
        index=location.meta,
        id="state",
        body={**state, "kind": "state", "generation": generation},
        refresh="wait_for",
    )
    drop_generations_before(client, location, generation - KEPT_GENERATIONS + 1)
    return generation


def drop_generations_before(client, location, generation):
    """Delete the blobs of generations older than `generation` (by id: delete-by-query
    lives in a module a cluster may not load)."""
    from opensearchpy import helpers

    old = client.search(
        index=location.meta,
        body={
            "size": 10_000,
            "_source": False,
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"kind": "blob"}},
                        {"range": {"generation": {"lt": generation}}},
                    ]
                }
            },
        },
    )["hits"]["hits"]
    actions = [{"_op_type": "delete", "_index": location.meta, "_id": h["_id"]} for h in old]
    helpers.bulk(client, actions, raise_on_error=False, refresh="wait_for")


def read_blobs(client, location, generation):
    """{name: value} of one generation's blobs."""
    found = client.search(
        index=location.meta,
        body={
            "size": 10_000,
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"kind": "blob"}},
                        {"term": {"generation": generation}},
                    ]
                }
            },
            "sort": [{"name": "asc"}, {"part": "asc"}],
        },
    )
    packed = {}
    for hit in found["hits"]["hits"]:
        source = hit["_source"]
        packed.setdefault(source["name"], []).append(base64.b64decode(source["data"]))
    return {
        name: json.loads(zlib.decompress(b"".join(parts)).decode("utf-8"))
        for name, parts in packed.items()
    }
