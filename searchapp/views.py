"""HTML pages: the search page and the article page."""
from flask import Blueprint, abort, render_template, request

from .params import request_from_params
from .state import get_service

bp = Blueprint("views", __name__)


@bp.get("/")
def search_page():
    search_request = request_from_params(request.args)
    result = get_service().search(search_request)
    return render_template("search.html", result=result, req=search_request)


@bp.get("/articles/<article_id>")
def article_page(article_id):
    q = request.args.get("q", "")
    article = get_service().article(article_id, q)
    if article is None:
        abort(404, description=f"no article with id {article_id!r}")
    return render_template("article.html", article=article, q=q)
