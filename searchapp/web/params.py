"""Turn query-string parameters (any mapping with `get`/`getlist`) into a SearchRequest.

Every malformed value is a QueryError (HTTP 400) with a message naming the parameter.
"""

from indexer.errors import QueryError
from searchapp.search.request import SearchRequest

MAX_VALUES = 50


def int_param(params, name, default):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(
            f"'{name}' must be a whole number, not {raw[:40]!r}", "bad_number"
        ) from None


def list_param(params, name):
    values = tuple(v for v in params.getlist(name) if v)
    if len(values) > MAX_VALUES:
        raise QueryError(f"at most {MAX_VALUES} values of '{name}'", "too_many_values")
    return values


def bool_param(params, name):
    raw = (params.get(name) or "").lower()
    if raw in ("", "0", "false", "off", "no"):
        return False
    if raw in ("1", "true", "on", "yes"):
        return True
    raise QueryError(f"'{name}' must be 1 or 0, not {raw[:40]!r}", "bad_flag")


def request_from_params(params):
    """SearchRequest from ?q=&faction=&place=&source=&governorate=&from=&to=&sort=&page=&per_page=&exact=."""
    return SearchRequest(
        q=params.get("q", "") or "",
        faction=list_param(params, "faction"),
        place=list_param(params, "place"),
        source=list_param(params, "source"),
        governorate=list_param(params, "governorate"),
        date_from=params.get("from") or None,
        date_to=params.get("to") or None,
        sort=params.get("sort") or "relevance",
        page=int_param(params, "page", 1),
        per_page=int_param(params, "per_page", 10),
        exact=bool_param(params, "exact"),
    )
