"""The Whoosh backend: searchers following the index on disk, postings as arrays, scores, facets."""
