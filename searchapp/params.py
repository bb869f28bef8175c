"""Turn query-string parameters (any mapping with `get`/`getlist`) into a SearchRequest."""
from indexer.errors import QueryError

from .service import SearchRequest


def int_param(params, name, default):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(f"'{name}' must be a whole number, not {raw!r}") from None


def request_from_params(params):
    """SearchRequest from ?q=&faction=&place=&source=&page=&per_page= (facets repeat)."""
    return SearchRequest(
        q=params.get("q", "") or "",
        faction=tuple(params.getlist("faction")),
        place=tuple(params.getlist("place")),
        source=tuple(params.getlist("source")),
        governorate=tuple(params.getlist("governorate")),
        date_from=params.get("from") or None,
        date_to=params.get("to") or None,
        sort=params.get("sort") or "relevance",
        page=int_param(params, "page", 1),
        per_page=int_param(params, "per_page", 10),
        exact=params.get("exact") in ("1", "true", "on"),
    )
