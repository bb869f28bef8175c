"""The Whoosh backend: searchers that follow the index on disk, posting lists as arrays, BM25 scoring, facet columns."""
