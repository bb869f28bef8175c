"""The OpenAPI 3 description of the JSON API, served at /api/openapi.json."""

SEARCH_PARAMS = [
    (
        "q",
        "string",
        "The query (syntax in docs/api.md): AND by default, OR/أو, NOT/-word, "
        '"phrase", word*, =exact, (groups), title:/faction:/place:/source:/date:',
    ),
    ("faction", "array", "Faction id; repeat for OR within the facet"),
    ("place", "array", "Place id; repeat for OR"),
    ("source", "array", "Source id; repeat for OR"),
    ("governorate", "array", "Governorate (place) id: every place inside it"),
    ("from", "string", "First date, YYYY[-MM[-DD]]"),
    ("to", "string", "Last date, YYYY[-MM[-DD]] (inclusive)"),
    ("sort", "string", "relevance (default) or date (newest first)"),
    ("page", "integer", "Page number from 1; page*per_page at most 10000"),
    ("per_page", "integer", "Hits per page, 1-100 (default 10)"),
    ("exact", "boolean", "1: match unstemmed words only"),
]
ERROR = {
    "description": "Bad parameter",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def parameter(name, kind, description):
    schema = {"type": "array", "items": {"type": "string"}} if kind == "array" else {"type": kind}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"explode": True} if kind == "array" else {}),
    }


def operation(summary, media, params, extra=None):
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {media: {}}},
                "400": ERROR,
                **(extra or {}),
            },
        }
    }


def spec():
    search = [parameter(*p) for p in SEARCH_PARAMS]
    path_param = {
        "name": "facet",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": ["faction", "place", "source"]},
    }
    article_param = {
        "name": "article_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Khabar",
            "version": "0.1.0",
            "description": "Full-text search over Arabic news with faction, place and source facets.",
        },
        "paths": {
            "/api/search": operation("Search: hits, facets, histogram", "application/json", search),
            "/api/search.csv": operation("Up to 10,000 hits as CSV (streamed)", "text/csv", search),
            "/api/search.jsonl": operation(
                "Up to 10,000 hits as JSON lines (streamed)", "application/x-ndjson", search
            ),
            "/search.atom": operation(
                "Atom feed of the newest matching articles", "application/atom+xml", search
            ),
            "/api/facets/{facet}": operation(
                "A facet's values by name, with counts for q",
                "application/json",
                [
                    path_param,
                    parameter("prefix", "string", "Start of an Arabic or English name"),
                    parameter("q", "string", "Query whose counts to show"),
                ],
            ),
            "/api/articles/{article_id}": operation(
                "One article, matches of q highlighted",
                "application/json",
                [article_param, parameter("q", "string", "Query to highlight")],
                {"404": {"description": "No such article"}},
            ),
            "/api/openapi.json": {
                "get": {"summary": "This document", "responses": {"200": {"description": "OK"}}}
            },
            "/healthz": {
                "get": {"summary": "Liveness", "responses": {"200": {"description": "OK"}}}
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {
                                "code": {
                                    "type": "string",
                                    "description": "Stable: bad_date, short_prefix, not_found, ...",
                                },
                                "message": {
                                    "type": "string",
                                    "description": "For a person, in Arabic, or English "
                                    "with ?lang=en (or the khabar_lang cookie)",
                                },
                            },
                        }
                    },
                }
            }
        },
    }
