"""The search core, without Flask: service, query language, ranking, facets, snippets, results."""
