"""An OpenSearch cluster as an index store (index_store.py), over indexer/opensearch_index.

Articles live in a concrete index (`<alias>-v<mapping version>-<time>`) that the alias
points to. A run that starts from nothing (`--rebuild`, a first run, or an index of an
older mapping) writes a new concrete index with no replica and no refresh, then, at the
commit, gives it its replicas, refreshes it, waits for them and moves the alias to it in
one atomic request, and deletes the old index: searches never see a half-built index.
An incremental run writes into the index the alias names (the article id is the
document id, so writing an article again replaces it); its writes are searchable as the
cluster refreshes, and its commit is a refresh.

The workers send their documents with `streaming_bulk`, each over its own client. After
the commit the run reads the vocabulary back (vocabulary.py) and writes it, with the
duplicate ids, as the index's next generation in the meta index (meta.py).
"""

import os
import time
from contextlib import contextmanager

from indexer.errors import BackendError, MappingVersionError
from indexer.indexing.documents import FACET_FIELDS
from indexer.indexing.index_store import Known
from indexer.opensearch_index import meta
from indexer.opensearch_index.connection import ClusterLocation, translated, wait_for_status
from indexer.opensearch_index.lock import run_lock
from indexer.opensearch_index.mapping import (
    MAPPING_VERSION,
    index_settings,
    mapping_version,
    mappings,
    source_of,
)
from indexer.opensearch_index.vocabulary import read_words, vocabulary_blob

BULK_DOCS = 250  # documents per bulk request
BULK_BYTES = 8 * 1024 * 1024
SCAN_SIZE = 5_000
GREEN_SECONDS = 120  # wait for the replicas of a rebuilt index before swapping it in (if
# they take longer, it goes in with its primaries and the replicas follow)


class OpenSearchStore:
    """Writes the articles index behind one alias of a cluster."""

    def __init__(self, url, shards=None, replicas=None, ca_certs=None):
        self.cluster = ClusterLocation.parse(url, ca_certs=ca_certs)
        self.location = url
        self.shards, self.replicas = shards, replicas
        self.client = self.cluster.client()
        self.target = self.current = None
        self.fresh = False
        self.pending = []
        self.saved_aliases = None

    @contextmanager
    def guarded(self, index=None):
        with translated(self.cluster, index):
            yield

    def check(self):
        with self.guarded():
            self.client.info()

    @contextmanager
    def lock(self):
        with self.guarded():
            meta.ensure_meta(self.client, self.cluster, self.default_replicas())
            with run_lock(self.client, self.cluster):
                yield

    def default_replicas(self):
        """One replica when the cluster has another data node to hold it, else none."""
        if self.replicas is not None:
            return self.replicas
        nodes = self.client.cluster.health()["number_of_data_nodes"]
        return 1 if nodes > 1 else 0

    def default_shards(self):
        if self.shards is not None:
            return self.shards
        return max(1, min(5, self.client.cluster.health()["number_of_data_nodes"]))

    def open(self, rebuild):
        with self.guarded():
            self.current = self.aliased_index()
            found = None if self.current is None else self.version_of(self.current)
            outdated = found is not None and found != MAPPING_VERSION
            if outdated and not rebuild and self.holds_articles(self.current):
                # rebuilt from this run's paths alone, the index would lose the others
                raise MappingVersionError(self.current, found, MAPPING_VERSION)
            self.fresh = rebuild or self.current is None or outdated
            self.drop_orphans()
            if self.fresh:
                self.target = self.create_index()
            else:
                self.target = self.current
        return self.fresh

    def aliased_index(self):
        """The concrete index the alias names, or None."""
        if not self.client.indices.exists_alias(name=self.cluster.alias):
            if self.client.indices.exists(index=self.cluster.alias):
                raise BackendError(
                    f"{self.cluster.alias!r} is an index, not an alias, on {self.cluster.where}:"
                    " Khabar keeps its articles behind an alias; choose another name"
                )
            return None
        found = self.client.indices.get_alias(name=self.cluster.alias)
        return sorted(found)[0]

    def holds_articles(self, index):
        return self.client.count(index=index)["count"] > 0

    def version_of(self, index):
        found = self.client.indices.get_mapping(index=index)
        return mapping_version(found[index]["mappings"])

    def drop_orphans(self):
        """Delete concrete indexes of earlier runs killed before their alias swap."""
        pattern = f"{self.cluster.alias}-v*"
        found = self.client.indices.get(
            index=pattern, ignore_unavailable=True, allow_no_indices=True
        )
        for name in found:
            if name != self.current and name != self.cluster.meta:
                self.client.indices.delete(index=name)

    def create_index(self):
        name = (
            f"{self.cluster.alias}-v{MAPPING_VERSION}-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}"
        )
        settings = index_settings(self.default_shards(), 0)
        settings["index"]["refresh_interval"] = "-1"
        self.client.indices.create(
            index=name, body={"settings": settings, "mappings": mappings(FACET_FIELDS)}
        )
        wait_for_status(self.client, name, "yellow", 60)
        return name

    def known(self):
        """Ids, hashes, paths and text hashes from doc values (no stored text is read)."""
        from opensearchpy import helpers

        known = Known()
        with self.guarded(self.target):
            # Every copy refreshed first: a write another run made a moment ago is known, not
            # sent again (a replica's own refresh may lag by its interval).
            self.client.indices.refresh(index=self.target)
            hits = helpers.scan(
                self.client,
                index=self.target,
                query={
                    "_source": False,
                    "docvalue_fields": ["id", "hash", "path", "texthash"],
                    "query": {"match_all": {}},
                },
                size=SCAN_SIZE,
            )
            for hit in hits:
                hash_, path, texthash = (first(hit, f) for f in ("hash", "path", "texthash"))
                known.docs[hit["_id"]] = (hash_, path)
                known.texts.setdefault(texthash, hit["_id"])
        return known

    def next_seq(self):
        if self.fresh:
            return 0
        with self.guarded(self.target):
            found = self.client.search(
                index=self.target, body={"size": 0, "aggs": {"seq": {"max": {"field": "seq"}}}}
            )
        top = found["aggregations"]["seq"]["value"]
        return 0 if top is None else int(top) + 1

    def delete(self, ids):
        actions = ({"_op_type": "delete", "_index": self.target, "_id": i} for i in ids)
        with self.guarded(self.target):
            send(self.client, actions, ignore_missing=True)

    def replace(self, article_id):
        pass  # the new document replaces the old one under the same id

    def add(self, doc, seq, action):
        self.pending.append(index_action(self.target, doc, seq))
        if len(self.pending) >= BULK_DOCS:
            self.flush()

    def flush(self):
        if self.pending:
            with self.guarded(self.target):
                send(self.client, self.pending)
            self.pending = []

    def sinks(self):
        return BulkSinks(self.location, self.cluster, self.target)

    def worker_fds(self):
        return []

    def commit(self, parts):
        self.flush()
        with self.guarded(self.target):
            if self.fresh:
                self.swap_in()
            else:
                self.client.indices.refresh(index=self.target)

    def swap_in(self):
        """Replicas and refresh for the new index, then the alias moved to it atomically."""
        client, alias = self.client, self.cluster.alias
        client.indices.put_settings(
            index=self.target,
            body={
                "index": {"number_of_replicas": self.default_replicas(), "refresh_interval": None}
            },
        )
        client.indices.refresh(index=self.target)
        health = wait_for_status(client, self.target, "green", GREEN_SECONDS)
        if health.get("timed_out"):  # replicas still copying: every primary must be there
            health = wait_for_status(client, self.target, "yellow", GREEN_SECONDS)
            if health.get("timed_out"):
                raise BackendError(
                    f"the new index {self.target} did not become searchable on "
                    f"{self.cluster.where} within {GREEN_SECONDS} s: {health}"
                )
        actions = [{"add": {"index": self.target, "alias": alias}}]
        if self.current:
            actions.insert(0, {"remove": {"index": self.current, "alias": alias}})
        client.indices.update_aliases(body={"actions": actions})
        if self.current:
            client.indices.delete(index=self.current)
        self.current = self.target

    def cancel(self):
        self.pending = []
        if self.fresh and self.target and self.target != self.current:
            with self.guarded(self.target):
                self.client.indices.delete(index=self.target, ignore_unavailable=True)
            self.target = None

    def aliases(self):
        with self.guarded():
            state = meta.read_state(self.client, self.cluster)
            if not state:
                return {}
            return meta.read_blobs(self.client, self.cluster, state["generation"]).get(
                "aliases", {}
            )

    def save_aliases(self, aliases):
        self.saved_aliases = dict(aliases)

    def after_commit(self, changed):
        """A new generation in the meta index: vocabulary, duplicate ids, article count."""
        if self.target is None or self.target != self.current:
            return
        with self.guarded(self.target):
            state = meta.read_state(self.client, self.cluster)
            if not (changed or self.saved_aliases is not None or not state):
                return
            aliases = self.saved_aliases
            if aliases is None:
                aliases = self.aliases()
            words, counts = read_words(self.client, self.target)
            articles = self.client.count(index=self.target)["count"]
            meta.write_generation(
                self.client,
                self.cluster,
                {"index": self.target, "articles": articles, "mapping_version": MAPPING_VERSION},
                {"vocabulary": vocabulary_blob(words, counts), "aliases": aliases},
            )

    def close(self):
        self.client.close()


def first(hit, name):
    """The first doc value of a field of a hit ('' when none)."""
    return (hit.get("fields", {}).get(name) or [""])[0]


def index_action(index, doc, seq):
    return {"_index": index, "_id": doc["id"], "_source": source_of(doc, seq, FACET_FIELDS)}


def send(client, actions, ignore_missing=False):
    """Bulk-send `actions`; raise BackendError on the first document the cluster refused."""
    from opensearchpy import helpers

    for ok, item in helpers.streaming_bulk(
        client,
        actions,
        chunk_size=BULK_DOCS,
        max_chunk_bytes=BULK_BYTES,
        raise_on_error=False,
        max_retries=5,
        initial_backoff=1,
    ):
        if not ok:
            result = next(iter(item.values()))
            if ignore_missing and result.get("status") == 404:
                continue
            raise BackendError(f"the cluster refused article {result.get('_id')!r}: {result}")


class BulkSinks:
    """Makes a worker's BulkSink (in the worker, after the fork: its own client)."""

    def __init__(self, url, cluster, index):
        self.url, self.cluster, self.index = url, cluster, index

    def __call__(self):
        return BulkSink(self.cluster, self.index)


class BulkSink:
    """A worker's documents, sent in bulk as they come."""

    def __init__(self, cluster, index):
        self.cluster, self.index = cluster, index
        self.client = cluster.client()
        self.pending = []

    def add(self, doc, seq):
        self.pending.append(index_action(self.index, doc, seq))
        if len(self.pending) >= BULK_DOCS:
            self.send()

    def send(self):
        with translated(self.cluster, self.index):
            send(self.client, self.pending)
        self.pending = []

    def full(self):
        return False

    def finish(self):
        self.send()
        return None
