"""The OpenAPI 3 description of the JSON API, served at /api/openapi.json: the contract.

Every parameter with the bounds, enums and patterns the API enforces (a value outside them
is a 400), every response with its shape. Response objects name their required fields and
allow more, so that adding a field is not a breaking change. tests/web/test_openapi.py runs
schemathesis against it; docs/api.md says the same in prose.

What JSON Schema cannot say is named by a `format` and said in the description: the
query language (`khabar-query`), a date that exists (`khabar-date`: not 2017-02-30), that
a facet id must be one of the gazetteer's (`faction-id`, `place-id`, `source-id`:
/api/facets/<facet> lists them; an unknown or empty one is 400 unknown_value), and that
page × per_page is at most 10,000 (the parameter descriptions).
"""

from indexer.indexing.documents import FACET_FIELDS
from searchapp.search.explore import MAX_TRENDS
from searchapp.search.query import MAX_QUERY_CHARS
from searchapp.search.request import DATE_RE, SORTS
from searchapp.search.settings import SearchSettings
from searchapp.web.params import MAX_VALUES

DEFAULTS = SearchSettings()  # the limits described are the default settings'
MAX_DEPTH, MAX_PER_PAGE, FACET_PAGE = DEFAULTS.max_depth, DEFAULTS.max_per_page, DEFAULTS.facet_page

ERROR_CODES = {
    "400": [
        "bad_number",
        "bad_page",
        "bad_per_page",
        "too_deep",
        "bad_sort",
        "bad_date",
        "bad_flag",
        "unknown_value",
        "unknown_facet",
        "too_many_values",
        "too_many_queries",
        "repeated_value",
        "bad_query",
        "bad_wildcard",
        "short_prefix",
        "query_too_long",
        "too_many_terms",
        "prefix_too_long",
    ],
    "404": ["not_found"],
    "405": ["method_not_allowed"],
    "503": [
        "no_index",
        "backend_unreachable",
        "backend_auth",
        "backend_unavailable",
        "backend_misconfigured",
        "index_outdated",
    ],
}
ERROR_MEANINGS = {
    "400": "A parameter the API cannot take; `error.code` says which rule it breaks",
    "404": "No such article, facet or entity (or no such path)",
    "405": "Only GET (and HEAD, OPTIONS) is allowed; the `Allow` header lists them",
    "503": "The index is not built yet, or its OpenSearch cluster cannot be used now;"
    " `error.code` says which",
}
DATE_PATTERN = f"^({DATE_RE.pattern})?$"  # empty: no bound
PREFIX_MAX_CHARS = 100
JSON = "application/json"


def any_case(word):
    """'on' -> '[Oo][Nn]': a case-insensitive word in an ECMA regex, which has no (?i)."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


FLAG_PATTERN = "^(|{})$".format(
    "|".join(map(any_case, ("0", "1", "true", "false", "on", "off", "yes", "no")))
)


def ref(name, kind="schemas"):
    return {"$ref": f"#/components/{kind}/{name}"}


def nullable(schema):
    return {**schema, "nullable": True}


def obj(properties, required=None, **extra):
    """An object with these properties, all required unless said, others allowed."""
    return {
        "type": "object",
        "required": list(properties if required is None else required),
        "properties": properties,
        **extra,
    }


def query(name, description, schema, **extra):
    return {"name": name, "in": "query", "description": description, "schema": schema, **extra}


def id_list(name, facet, description):
    """A repeatable facet id: `?place=a&place=b`; an empty one (`?place=`) is ignored."""
    items = {"type": "string", "format": f"{facet}-id"}
    schema = {"type": "array", "items": items, "maxItems": MAX_VALUES}
    return query(name, description, schema, style="form", explode=True)


SEARCH_PARAMETERS = {
    "q": query(
        "q",
        "The query (docs/api.md, README 'Query syntax'): words ANDed; OR/أو; NOT/-word; "
        '"phrase"; word* (two letters or more); =word (unstemmed); ( ); title:, faction:, '
        "place:, source:, publisher:, governorate: (an id or a name), date:YYYY[-MM[-DD]] or "
        "date:[from TO to]. At most 64 words. Syntax errors: 400 bad_query, bad_wildcard, "
        "short_prefix, unknown_value, too_many_terms. Empty: every article.",
        {"type": "string", "maxLength": MAX_QUERY_CHARS, "format": "khabar-query"},
    ),
    "faction": id_list("faction", "faction", "Faction id; repeat for OR within the facet"),
    "place": id_list("place", "place", "Place id; repeat for OR within the facet"),
    "source": id_list(
        "source", "source", "Id of a source the text cites; repeat for OR within the facet"
    ),
    "publisher": id_list(
        "publisher",
        "publisher",
        "Id of the outlet that published the article (a source id, or the web domain of an "
        "outlet the gazetteer lacks); repeat for OR within the facet",
    ),
    "governorate": id_list(
        "governorate", "place", "Place id: articles about any place inside it; repeat for OR"
    ),
    "from": query(
        "from",
        f"First date that exists, YYYY, YYYY-MM or YYYY-MM-DD ({DATE_PATTERN}); else 400 bad_date",
        {"type": "string", "format": "khabar-date"},
    ),
    "to": query(
        "to",
        "Last date, inclusive (to=2017-06 takes all of June), as `from`",
        {"type": "string", "format": "khabar-date"},
    ),
    "sort": query(
        "sort",
        "relevance, or date (newest first, undated last); empty: relevance",
        {"type": "string", "enum": [*SORTS, ""], "default": "relevance"},
    ),
    "page": query(
        "page",
        f"Page number from 1, with page × per_page at most {MAX_DEPTH:,} (else 400 too_deep)",
        {"type": "integer", "minimum": 1, "maximum": MAX_DEPTH, "default": 1},
    ),
    "per_page": query(
        "per_page",
        f"Hits per page, with page × per_page at most {MAX_DEPTH:,} (else 400 too_deep)",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 10},
    ),
    "exact": query(
        "exact",
        "1 (or true, on, yes): unstemmed words only; 0 (false, off, no, empty): stems too",
        {"type": "string", "pattern": FLAG_PATTERN, "default": "0"},
    ),
}
SEARCH_REFS = [ref(name, "parameters") for name in SEARCH_PARAMETERS]
FEED_REFS = [ref(name, "parameters") for name in SEARCH_PARAMETERS if name != "sort"]  # by date

ENTITY = obj(
    {
        "id": {"type": "string"},
        "ar": {"type": "string"},
        "en": {"type": "string"},
        "label_ar": {
            "type": "string",
            "description": "The name to show: with kind or parent where places share it",
        },
        "label_en": {"type": "string"},
        "kind": {"type": "string"},
        "governorate": {"type": "string", "description": "Place id of a place's governorate"},
        "district": {"type": "string"},
        "lat": {"type": "number"},
        "lon": {"type": "number"},
        "inside_syria": {"type": "boolean"},
        "aliases": {"type": "array", "items": {"type": "string"}},
    },
    required=["id", "ar", "en", "kind"],
)
MONTH = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
MONTHLY = {
    "type": "array",
    "items": obj({"month": MONTH, "count": {"type": "integer", "minimum": 0}}),
}
FACET_GROUPS = obj({facet: {"type": "array", "items": ref("Entity")} for facet in FACET_FIELDS})
SCHEMAS = {
    "Error": obj(
        {
            "error": obj(
                {
                    "code": {
                        "type": "string",
                        "enum": sorted(set().union(*ERROR_CODES.values())),
                        "description": "Stable, for programs",
                    },
                    "message": {
                        "type": "string",
                        "description": "For a person, in Arabic, or in English with ?lang=en "
                        "(or the khabar_lang cookie)",
                    },
                }
            )
        }
    ),
    "Entity": ENTITY,
    "FacetValue": obj(
        {
            "id": {"type": "string"},
            "ar": {"type": "string"},
            "en": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
            "governorate": nullable({"type": "string"}),
            "kind": {"type": "string"},
            "label_ar": {
                "type": "string",
                "description": "The name, with kind or parent where places share it",
            },
            "label_en": {"type": "string"},
        }
    ),
    "Hit": obj(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "date": nullable({"type": "string", "format": "date"}),
            "source": nullable({"type": "string"}),
            "url": nullable({"type": "string"}),
            "score": {"type": "number"},
            "snippet": {"type": "string", "description": "The snippets joined, HTML"},
            "snippets": {
                "type": "array",
                "items": {"type": "string"},
                "maxItems": 3,
                "description": "Escaped text, matches in <mark>",
            },
            "facets": FACET_GROUPS,
        }
    ),
    "SearchResult": obj(
        {
            "query": {"type": "string"},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "took_ms": {"type": "number", "minimum": 0},
            "sort": {"type": "string", "enum": list(SORTS)},
            "hits": {"type": "array", "items": ref("Hit")},
            "facets": obj(
                {f: {"type": "array", "items": ref("FacetValue")} for f in FACET_FIELDS},
                description="Top values, then the selected ones; counts are disjunctive",
            ),
            "more": obj({f: {"type": "boolean"} for f in FACET_FIELDS}),
            "histogram": MONTHLY,
            "relaxed": {"type": "boolean", "description": "No article had every word"},
            "dropped": {
                "type": "array",
                "items": {"type": "string"},
                "description": "When relaxed: the words not found with the others",
            },
            "partial": {"type": "boolean", "description": "The search hit its time limit"},
            "approximate": {
                "type": "boolean",
                "description": "A facet count may be off (OpenSearch: a shard with more"
                " distinct values than it counts)",
            },
            "suggestion": nullable({"type": "string", "description": "Did you mean"}),
            "expansions": {
                "type": "array",
                "items": obj(
                    {
                        "text": {"type": "string"},
                        "facet": {"type": "string", "enum": list(FACET_FIELDS)},
                        "id": {"type": "string"},
                        "ar": {"type": "string"},
                        "en": {"type": "string"},
                        "label_ar": {"type": "string"},
                        "label_en": {"type": "string"},
                    }
                ),
            },
        }
    ),
    "FacetValues": obj(
        {
            "facet": {"type": "string", "enum": list(FACET_FIELDS)},
            "page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0, "description": "Values found, all pages"},
            "values": {"type": "array", "maxItems": FACET_PAGE, "items": ref("FacetValue")},
        }
    ),
    "Article": obj(
        {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "date": nullable({"type": "string", "format": "date"}),
            "source": nullable({"type": "string"}),
            "url": nullable({"type": "string"}),
            "text": {"type": "string"},
            "html": {"type": "string", "description": "The text escaped, matches of q in <mark>"},
            "facets": FACET_GROUPS,
        }
    ),
    "Health": obj({"status": {"type": "string", "enum": ["ok"]}}),
    "EntityPage": obj(
        {
            "facet": {"type": "string", "enum": list(FACET_FIELDS)},
            "entity": ref("Entity"),
            "total": {
                "type": "integer",
                "minimum": 0,
                "description": "Articles tagged with it (a governorate: with any place inside it)",
            },
            "family": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": ref("Entity")},
                "description": "Related entities by relation: a place's governorate and "
                "district; a faction's part_of, merged_into, renamed_to ..., and the same "
                "relations pointing to it as '<relation> (of)'",
            },
            "histogram": MONTHLY,
            "companions": obj(
                {f: {"type": "array", "items": ref("FacetValue")} for f in FACET_FIELDS},
                description="The values most often tagged beside it (itself left out); "
                "count: articles with both",
            ),
            "latest": {"type": "array", "items": ref("Hit"), "description": "Newest first"},
            "relevant": {
                "type": "array",
                "items": ref("Hit"),
                "description": "The articles that name it most",
            },
        }
    ),
    "Trends": obj(
        {
            "months": {
                "type": "array",
                "items": MONTH,
                "description": "Every month from the first to the last of any query",
            },
            "trends": {
                "type": "array",
                "maxItems": MAX_TRENDS,
                "items": obj(
                    {
                        "query": {"type": "string"},
                        "total": {"type": "integer", "minimum": 0},
                        "histogram": MONTHLY,
                        "entity": {
                            "allOf": [ref("Entity")],
                            "nullable": True,
                            "description": "The entity a query names on its own "
                            "(faction:isis), else null",
                        },
                    }
                ),
            },
        }
    ),
}


def error_response(status):
    codes = ", ".join(ERROR_CODES[status])
    response = {
        "description": f"{ERROR_MEANINGS[status]} (error.code: {codes})",
        "content": {JSON: {"schema": ref("Error")}},
    }
    if status == "405":
        response["headers"] = {
            "Allow": {
                "description": "The methods the path answers",
                "required": True,
                "schema": {"type": "string"},
            }
        }
    return response


def operation(operation_id, summary, ok, parameters=(), errors=("400", "503"), links=None):
    """A GET: its 200 (`ok`: {media type: schema}), its errors, and 405 for other methods."""
    responses = {"200": {"description": "OK", "content": {m: {"schema": s} for m, s in ok.items()}}}
    if links:
        responses["200"]["links"] = links
    for status in (*errors, "405"):
        responses[status] = ref(status, "responses")
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": list(parameters),
            "responses": responses,
        }
    }


TEXT = {"type": "string"}
TREND_QUERIES = query(
    "q",
    f"A query to count by month (as /api/search's q; an entity alone as faction:isis); "
    f"repeat it for up to {MAX_TRENDS} (more: 400 too_many_queries); empty ones are skipped",
    {
        "type": "array",
        "maxItems": MAX_TRENDS,
        "items": {"type": "string", "maxLength": MAX_QUERY_CHARS, "format": "khabar-query"},
    },
    style="form",
    explode=True,
)
PATHS = {
    "/api/search": operation(
        "search",
        "Search: a page of hits, facets, histogram",
        {JSON: ref("SearchResult")},
        SEARCH_REFS,
        links={
            "article": {
                "operationId": "article",
                "parameters": {"article_id": "$response.body#/hits/0/id"},
                "description": "The first hit's article",
            }
        },
    ),
    "/api/search.csv": operation(
        "searchCsv", "Up to 10,000 hits as CSV (streamed)", {"text/csv": TEXT}, SEARCH_REFS
    ),
    "/api/search.jsonl": operation(
        "searchJsonl",
        "Up to 10,000 hits as JSON lines (streamed)",
        {"application/x-ndjson": TEXT},
        SEARCH_REFS,
    ),
    "/search.atom": operation(
        "searchAtom",
        "Atom feed of the 20 newest matching articles",
        {"application/atom+xml": TEXT},
        FEED_REFS,
    ),
    "/api/facets/{facet}": operation(
        "facetValues",
        f"A page ({FACET_PAGE}) of a facet's values for a search, counted with its filters as "
        "the results page counts them; prefix keeps the names with a word starting with it",
        {JSON: ref("FacetValues")},
        [
            {
                "name": "facet",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "enum": list(FACET_FIELDS)},
            },
            query(
                "prefix",
                "Start of a word of an Arabic or English name (or alias); empty: any",
                {"type": "string", "maxLength": PREFIX_MAX_CHARS},
            ),
            *[
                r
                for r in SEARCH_REFS
                if r not in (ref("per_page", "parameters"), ref("page", "parameters"))
            ],
            query(
                "page",
                f"Page of values from 1, with page × {FACET_PAGE} at most {MAX_DEPTH:,} (else 400 too_deep)",
                {"type": "integer", "minimum": 1, "maximum": MAX_DEPTH // FACET_PAGE, "default": 1},
            ),
        ],
    ),
    "/api/articles/{article_id}": operation(
        "article",
        "One article, matches of q highlighted",
        {JSON: ref("Article")},
        [
            {
                "name": "article_id",
                "in": "path",
                "required": True,
                "description": "An id as in hits[].id",
                "schema": {"type": "string", "minLength": 1},
            },
            query("q", "Query whose matches to mark; a bad query marks nothing", TEXT),
        ],
        errors=("404", "503"),
    ),
    "/api/entities/{facet}/{entity_id}": operation(
        "entity",
        "An entity's page as data: names, kind, family, mentions by month, the values named "
        "with it, its latest and most relevant articles",
        {JSON: ref("EntityPage")},
        [
            {
                "name": "facet",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "enum": list(FACET_FIELDS)},
            },
            {
                "name": "entity_id",
                "in": "path",
                "required": True,
                "description": "A gazetteer id, as in facets.<facet>[].id; unknown: 404",
                "schema": {"type": "string", "minLength": 1},
            },
        ],
        errors=("404", "503"),
    ),
    "/api/trends": operation(
        "trends",
        f"Monthly counts of up to {MAX_TRENDS} queries, to compare over time",
        {JSON: ref("Trends")},
        [TREND_QUERIES],
    ),
    "/api/trends.csv": operation(
        "trendsCsv",
        "The same counts as CSV: month, then one column per query (every month from the "
        "first to the last)",
        {"text/csv": TEXT},
        [TREND_QUERIES],
    ),
    "/api/openapi.json": operation(
        "openapi", "This document", {JSON: {"type": "object"}}, errors=()
    ),
    "/healthz": operation("health", "Liveness", {JSON: ref("Health")}, errors=()),
}


def spec():
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Khabar",
            "version": "0.1.0",
            "description": "Full-text search over Arabic news with faction, place and source "
            'facets. Errors: `{"error": {"code", "message"}}`.',
        },
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "parameters": SEARCH_PARAMETERS,
            "responses": {status: error_response(status) for status in ERROR_CODES},
        },
    }
