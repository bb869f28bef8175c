"""A local OpenSearch cluster built from Maven Central artifacts: see README.md and cluster.py."""
