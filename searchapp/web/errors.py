"""One error handler: a JSON body under /api, a page for a person elsewhere.

Every error has the same shape, `{"error": {"code": ..., "message": ...}}` (or the error
page): the code is stable, for programs; the message is for a person, in the page's
language (error_messages.py). The headers the HTTP error carries are kept (a 405 keeps
its Allow); /healthz answers in JSON too. The error page keeps the search box with the
query, and the rest of the search's state except the values at fault. An unexpected
exception is logged with its traceback and answered with a plain 500 that says nothing
about the code; a user's input should never get that far.
"""

from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.errors import BackendError, BackendURLError, IndexMissingError, QueryError
from searchapp.search.request import is_date
from searchapp.search.settings import SearchSettings
from searchapp.web import i18n
from searchapp.web.error_messages import error_message, quoted_value
from searchapp.web.links import Links

# Parameters an error is about, left out of the error page's search form.
AT_FAULT = {
    "bad_page": ("page",),
    "too_deep": ("page",),
    "bad_per_page": ("per_page",),
    "bad_number": ("page", "per_page"),
    "bad_sort": ("sort",),
    "bad_flag": ("exact",),
}


def wants_json():
    path = request.path
    return (
        path.startswith("/api/")
        or path == "/healthz"
        or path.endswith((".json", ".jsonl", ".csv", ".atom"))
    )


def request_lang():
    """The language of the page that made the request: ?lang=, else the cookie, else Arabic."""
    return i18n.choose_lang(request.args.get("lang"), request.cookies.get(i18n.COOKIE))


def kept_pairs(code, detail):
    """The search's parameters worth keeping on the error page: not the query (it is in
    the box), not the page, not the values at fault."""
    value = quoted_value(detail)
    out = []
    for key, v in Links(request.args.items(multi=True)).pairs:
        faulty = (
            key in AT_FAULT.get(code, ())
            or (code == "bad_date" and key in ("from", "to") and not is_date(v))
            or (code == "too_many_values" and key == value)
            or (code == "unknown_value" and v == value)
        )
        if key not in ("q", "page") and not faulty:
            out.append((key, v))
    return out


def error_response(status, code, detail=None, headers=()):
    """The JSON body or the error page, with `headers` (a 405's Allow, ...) kept."""
    headers = list(headers)
    message = error_message(
        code,
        request_lang(),
        status,
        detail,
        request.args.get("q"),
        SearchSettings.from_config(current_app.config),
    )
    if wants_json():
        return jsonify({"error": {"code": code, "message": message}}), status, headers
    try:
        page = render_template(
            "error.html",
            status=status,
            code=code,
            message=message,
            q=request.args.get("q", ""),
            kept=kept_pairs(code, detail),
        )
        return page, status, headers
    except Exception:  # a broken template must not turn an error page into a traceback
        current_app.logger.exception("error page failed")
        return f"{status} {code}", status, [*headers, ("Content-Type", "text/plain; charset=utf-8")]


def register(app):
    @app.errorhandler(QueryError)
    def bad_query(exc):
        return error_response(400, exc.code, str(exc))

    @app.errorhandler(IndexMissingError)
    def no_index(exc):
        app.logger.error("no index: %s", exc)
        return error_response(503, "no_index")

    @app.errorhandler(BackendError)
    def backend_unavailable(exc):
        app.logger.error("search backend unavailable: %s", exc)
        return error_response(503, exc.code)

    @app.errorhandler(BackendURLError)
    def backend_misconfigured(exc):
        app.logger.error("search backend misconfigured: %s", exc)
        return error_response(503, "backend_misconfigured")

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if isinstance(exc, InternalServerError) and exc.original_exception is not None:
            return unexpected(exc.original_exception)
        code = (exc.name or "error").lower().replace(" ", "_")
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return error_response(exc.code or 500, code, exc.description, headers)

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error on %s %s", request.method, request.full_path)
        return error_response(500, "internal_error")
