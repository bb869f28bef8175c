"""Building an index from input paths: triage, documents, workers, aliases, the spelling table."""
