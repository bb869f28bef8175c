"""The JSON API: /api/search (+ .csv, .jsonl), /search.atom, /api/facets/<facet>,
/api/articles/<id>, /api/entities/<facet>/<id>, /api/trends (+ .csv), /api/openapi.json,
/healthz. Every route renders the one service (the entity and trend routes through its
Explorer, as their pages do)."""

from dataclasses import replace
from itertools import chain

from flask import Blueprint, Response, abort, jsonify, request, stream_with_context, url_for

from searchapp.search.results import plain
from searchapp.web.explore import entity_page_or_404
from searchapp.web.exports import atom_feed, csv_lines, jsonl_lines, table_lines
from searchapp.web.openapi import spec
from searchapp.web.params import int_param, request_from_params, single
from searchapp.web.service import get_explorer, get_service
from searchapp.web.trends import queries_param, table, trends_json

bp = Blueprint("api", __name__)
FEED_ENTRIES = 20


@bp.get("/api/search")
def search():
    result = get_service().search(request_from_params(request.args))
    return jsonify(result.to_json())


def started_rows(search_request, limit):
    """The hits iterator with its first row already read, so a bad request fails (400) before streaming."""
    rows = get_service().iter_hits(search_request, limit)
    first = next(rows, None)
    return rows if first is None else chain([first], rows)


@bp.get("/api/search.csv")
def search_csv():
    rows = started_rows(request_from_params(request.args), None)
    return Response(
        stream_with_context(csv_lines(rows)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="khabar.csv"'},
    )


@bp.get("/api/search.jsonl")
def search_jsonl():
    rows = started_rows(request_from_params(request.args), None)
    return Response(stream_with_context(jsonl_lines(rows)), mimetype="application/x-ndjson")


@bp.get("/search.atom")
def search_atom():
    search_request = replace(request_from_params(request.args), sort="date")  # newest first
    rows = list(get_service().iter_hits(search_request, FEED_ENTRIES))
    body = atom_feed(
        rows,
        search_request.q,
        request.url,
        lambda i: url_for("views.article_page", article_id=i, _external=True),
    )
    return Response(body, mimetype="application/atom+xml")


@bp.get("/api/facets/<facet>")
def facet_values(facet):
    """One page of a facet's values for a search, with the same filters as the search."""
    search_request = request_from_params(request.args)
    page = int_param(request.args, "page", 1)
    values, total = get_service().facet_values(
        replace(search_request, page=1), facet, single(request.args, "prefix", ""), page
    )
    return jsonify(
        {"facet": facet, "page": page, "total": total, "values": [plain(v) for v in values]}
    )


@bp.get("/api/entities/<facet>/<path:entity_id>")
def entity(facet, entity_id):
    """The JSON twin of an entity's page: Explorer.entity's EntityPage."""
    return jsonify(entity_page_or_404(facet, entity_id).to_json())


@bp.get("/api/trends")
def trends():
    explorer = get_explorer()
    return jsonify(trends_json(explorer.trends(queries_param(request.args)), explorer.gazetteer))


@bp.get("/api/trends.csv")
def trends_csv():
    """Month, then one column of counts per query (every month from the first to the last)."""
    queries = queries_param(request.args)
    _, rows = table(get_explorer().trends(queries))
    return Response(
        table_lines(["month", *queries], rows),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="khabar-trends.csv"'},
    )


@bp.get("/api/openapi.json")
def openapi():
    return jsonify(spec())


@bp.get("/api/articles/<path:article_id>", merge_slashes=False)
def article(article_id):
    found = get_service().article(article_id, single(request.args, "q", ""))
    if found is None:
        abort(404, description=f"no article with id {article_id!r}")
    return jsonify(found.to_json())


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})
