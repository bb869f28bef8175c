"""The OpenSearch backend: an index behind an alias on a cluster of any size."""
