"""One error handler: a JSON body under /api, a page for a person elsewhere."""
from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissingError, QueryError


def error_response(status, code, message):
    if request.path.startswith("/api/"):
        return jsonify({"error": {"code": code, "message": message}}), status
    return render_template("error.html", status=status, code=code, message=message), status


def register(app):
    @app.errorhandler(QueryError)
    def bad_query(exc):
        return error_response(400, exc.code, str(exc))

    @app.errorhandler(IndexMissingError)
    def no_index(exc):
        return error_response(503, "no_index", str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return error_response(exc.code, exc.name.lower().replace(" ", "_"), exc.description)
