"""The JSON API: /api/search, /api/articles/<id>, /healthz."""
from flask import Blueprint, abort, jsonify, request

from .params import request_from_params
from .state import get_service

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def search():
    result = get_service().search(request_from_params(request.args))
    return jsonify(result.to_json())


@bp.get("/api/articles/<article_id>")
def article(article_id):
    found = get_service().article(article_id, request.args.get("q", ""))
    if found is None:
        abort(404, description=f"no article with id {article_id!r}")
    return jsonify(found)


@bp.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})
