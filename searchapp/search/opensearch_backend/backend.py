"""The OpenSearch backend: articles behind an alias on a cluster (indexer/opensearch_index).

One client for the process, over every node the URL names: a request to a node that
does not answer goes to the next. A snapshot is one request's view: the index
generation it started with (the meta index's `state`, polled at most every
`reload_interval` seconds) and that generation's vocabulary (did-you-mean, prefixes,
duplicate ids), loaded once per process per generation; a new generation is loaded by
one thread while requests go on with the one before.

    backend = OpenSearchBackend("opensearch+http://127.0.0.1:9250/khabar")
    with backend.snapshot() as snapshot:
        matches = snapshot.search(tree, Filters(), depth=10)
"""

import threading
import time
from contextlib import contextmanager

from indexer.errors import BackendError, ClusterBusyError, IndexMissingError, MappingVersionError
from indexer.opensearch_index import meta
from indexer.opensearch_index.connection import ClusterLocation, missing_index, translated
from indexer.opensearch_index.mapping import MAPPING_VERSION, mapping_version
from searchapp.search.opensearch_backend.snapshot import OpenSearchSnapshot
from searchapp.search.opensearch_backend.vocabulary import Vocabulary

SHARD_RETRIES = 3  # a search some shard copy failed to answer is asked again this often


class OpenSearchBackend:
    """Searches the articles index behind one alias of a cluster."""

    def __init__(self, url, reload_interval=1.0, facet_values=10, ca_certs=None):
        self.cluster = ClusterLocation.parse(url, ca_certs=ca_certs)
        self.url = url
        self.reload_interval = reload_interval
        self.facet_size = facet_values + 1  # one more than shown: whether more exist
        self.client = self.cluster.client()
        self._lock = threading.Lock()
        self._loading = False
        self._checked = 0.0
        self._current = None  # (state, Vocabulary)
        try:
            self.generation()  # a missing index, an older mapping or no cluster: fail now
        except BaseException:
            self.client.close()
            raise

    @contextmanager
    def snapshot(self):
        state, vocabulary = self.generation()
        yield OpenSearchSnapshot(self, state, vocabulary)

    def generation(self):
        """(state, Vocabulary) of the newest generation this process has loaded."""
        now = time.monotonic()
        current = self._current
        if current is not None and now - self._checked < self.reload_interval:
            return current
        with self._lock:
            if self._loading or (
                self._current is not None and now - self._checked < self.reload_interval
            ):
                return self._current
            self._checked = now
            self._loading = True
        try:
            with translated(self.cluster):
                state = meta.read_state(self.client, self.cluster)
                if current is None or state.get("generation") != current[0].get("generation"):
                    current = self.load(state)
            with self._lock:
                self._current = current
            return current
        finally:
            with self._lock:
                self._loading = False

    def load(self, state):
        """Check the index behind the alias, then load the generation's vocabulary."""
        if not state:
            if self.client.indices.exists_alias(name=self.cluster.alias):
                raise BackendError(
                    f"the index behind {self.cluster.alias!r} has no committed generation yet:"
                    " an index run is writing it, or was killed; run `khabar index` again"
                )
            raise missing_index(self.cluster, self.cluster.alias)
        found = self.client.indices.get_mapping(index=self.cluster.alias)
        for index, body in found.items():
            version = mapping_version(body.get("mappings"))
            if version != MAPPING_VERSION:
                raise MappingVersionError(index, version, MAPPING_VERSION)
        blobs = meta.read_blobs(self.client, self.cluster, state["generation"])
        vocabulary = Vocabulary.of_blob(blobs.get("vocabulary", {}), state.get("articles", 0))
        vocabulary.aliases = blobs.get("aliases", {})
        vocabulary.by_target = by_target(vocabulary.aliases)
        vocabulary.spelling()  # built here, once, not in the first request that needs it
        return state, vocabulary

    def search(self, body, scored):
        """One search on the alias; asked again when a shard copy failed to answer."""
        params = {"search_type": "dfs_query_then_fetch"} if scored else {}
        for attempt in range(SHARD_RETRIES + 1):
            try:
                with translated(self.cluster):
                    found = self.client.search(index=self.cluster.alias, body=body, params=params)
            except ClusterBusyError:  # a node lost a moment ago: its shards move
                if attempt == SHARD_RETRIES:
                    raise
                time.sleep(0.1 * (attempt + 1))
                continue
            shards = found.get("_shards", {})
            if not shards.get("failed"):
                return found
            time.sleep(0.1 * (attempt + 1))
        raise ClusterBusyError(
            f"the OpenSearch cluster at {self.cluster.where} could not search every shard: "
            f"{shards.get('failures', [])[:1]}"
        )

    def index(self, paths, **options):
        """Index articles from `paths` (indexer.indexing.build_index's options)."""
        from indexer.indexing.build import build_index

        return build_index(paths, self.url, **options)

    def close(self):
        """Connections reopen on next use (after a fork, each process opens its own)."""
        self.client.close()
        self.client = self.cluster.client()


def by_target(aliases):
    out = {}
    for alias, target in sorted(aliases.items()):
        out.setdefault(target, []).append(alias)
    return out


__all__ = ["IndexMissingError", "OpenSearchBackend"]
