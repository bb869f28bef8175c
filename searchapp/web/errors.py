"""One error handler: a JSON body under /api, a page for a person elsewhere.

Every error has the same shape, `{"error": {"code": ..., "message": ...}}` (or the error
page), with the headers the HTTP error carries (a 405 keeps its Allow). /healthz answers
in JSON too. An unexpected exception is logged with its traceback and answered with a plain
500 that says nothing about the code; a user's input should never get that far.
"""

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.errors import BackendError, BackendURLError, IndexMissingError, QueryError

INTERNAL_MESSAGE = "internal error; it has been logged"
# What a client is told when the search backend cannot be used (the log has the details:
# node addresses and index names are not for the public).
UNAVAILABLE = "the search index is not available"
BACKEND_MESSAGES = {
    "backend_unreachable": "the search cluster does not answer; it has been logged",
    "backend_auth": "the search cluster refused the server's credentials; it has been logged",
    "index_outdated": "the search index must be rebuilt for this version of Khabar",
}


def wants_json():
    path = request.path
    return (
        path.startswith("/api/")
        or path == "/healthz"
        or path.endswith((".json", ".jsonl", ".csv", ".atom"))
    )


def error_response(status, code, message, headers=()):
    """The JSON body or the error page, with `headers` (a 405's Allow, ...) kept."""
    headers = list(headers)
    if wants_json():
        return jsonify({"error": {"code": code, "message": message}}), status, headers
    try:
        page = render_template("error.html", status=status, code=code, message=message)
        return page, status, headers
    except Exception:  # a broken template must not turn an error page into a traceback
        return f"{status} {code}", status, [*headers, ("Content-Type", "text/plain; charset=utf-8")]


def register(app):
    @app.errorhandler(QueryError)
    def bad_query(exc):
        return error_response(400, exc.code, str(exc))

    @app.errorhandler(IndexMissingError)
    def no_index(exc):
        app.logger.error("no index: %s", exc)
        return error_response(503, "no_index", "the search index is not available")

    @app.errorhandler(BackendError)
    def backend_unavailable(exc):
        app.logger.error("search backend unavailable: %s", exc)
        return error_response(503, exc.code, BACKEND_MESSAGES.get(exc.code, UNAVAILABLE))

    @app.errorhandler(BackendURLError)
    def backend_misconfigured(exc):
        app.logger.error("search backend misconfigured: %s", exc)
        return error_response(503, "backend_misconfigured", UNAVAILABLE)

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if isinstance(exc, InternalServerError) and exc.original_exception is not None:
            return unexpected(exc.original_exception)
        code = (exc.name or "error").lower().replace(" ", "_")
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return error_response(exc.code or 500, code, exc.description or exc.name, headers)

    @app.errorhandler(Exception)
    def unexpected(exc):
        app.logger.exception("unhandled error on %s %s", request.method, request.full_path)
        return error_response(500, "internal_error", INTERNAL_MESSAGE)
