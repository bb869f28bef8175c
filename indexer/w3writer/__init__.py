"""A Whoosh segment writer that keeps postings in memory and writes them in bulk, in Whoosh's own format (see README.md)."""
