"""Building an index from input paths: triage by content hash, documents, worker processes, aliases, progress, the spelling table."""
