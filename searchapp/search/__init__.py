"""The search core, with no Flask: the service, the query language, ranking, facets, highlighting, suggestions and the result shapes."""
