"""The Whoosh index on disk: its schema and analyzers, opening, locking and committing it."""
