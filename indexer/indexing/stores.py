"""The index store of a location: a backend URL (opensearch+http://...) or a directory."""

from indexer.opensearch_index.connection import is_cluster_url


def open_store(location, **options):
    """OpenSearchStore for an OpenSearch URL (with `options`: shards, replicas, ca_certs),
    else WhooshStore for a directory."""
    if is_cluster_url(location):
        from indexer.indexing.opensearch_store import OpenSearchStore

        return OpenSearchStore(location, **options)
    from indexer.indexing.whoosh_store import WhooshStore

    return WhooshStore(location)
