"""A Whoosh segment writer: postings kept in memory, written in bulk in Whoosh's format."""
