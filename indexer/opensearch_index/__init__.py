"""The OpenSearch index: where a cluster is, its mapping, and writing articles into it."""
