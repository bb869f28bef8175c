"""Turn query-string parameters (any mapping with `get`/`getlist`) into a SearchRequest.

Every malformed value is a QueryError (HTTP 400) with a message naming the parameter.
A parameter that takes one value takes it once (`?page=1&page=2` is a 400, not page 1);
an empty one is left out, except page and per_page, which are whole numbers when given.
A facet id is never empty (`?place=` is a 400 unknown_value, as an unknown id is).
"""

from indexer.errors import QueryError
from searchapp.search.request import SearchRequest, is_date

MAX_VALUES = 50


def single(params, name, default=None):
    """The value of a one-value parameter, `default` when it is absent."""
    values = params.getlist(name)
    if len(values) > 1:
        raise QueryError(f"'{name}' is given {len(values)} times; give it once", "repeated_value")
    return values[0] if values else default


def int_param(params, name, default):
    raw = single(params, name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise QueryError(f"'{name}' must be a whole number, not {raw[:40]!r}", "bad_number")
    return int(raw)


def list_param(params, name):
    """The values of a repeatable parameter (an empty one is an unknown id to the service)."""
    values = tuple(params.getlist(name))
    if len(values) > MAX_VALUES:
        raise QueryError(f"at most {MAX_VALUES} values of '{name}'", "too_many_values")
    return values


def date_param(params, name):
    raw = single(params, name)
    if raw and not is_date(raw):
        raise QueryError(
            f"'{name}' must be YYYY, YYYY-MM or YYYY-MM-DD, not {raw[:40]!r}", "bad_date"
        )
    return raw or None


def bool_param(params, name):
    raw = (single(params, name) or "").lower()
    if raw in ("", "0", "false", "off", "no"):
        return False
    if raw in ("1", "true", "on", "yes"):
        return True
    raise QueryError(f"'{name}' must be 1 or 0, not {raw[:40]!r}", "bad_flag")


def request_from_params(params):
    """SearchRequest from ?q=&faction=&place=&source=&publisher=&governorate=&from=&to=&sort=&page=&per_page=&exact=."""
    return SearchRequest(
        q=single(params, "q") or "",
        faction=list_param(params, "faction"),
        place=list_param(params, "place"),
        source=list_param(params, "source"),
        publisher=list_param(params, "publisher"),
        governorate=list_param(params, "governorate"),
        date_from=date_param(params, "from"),
        date_to=date_param(params, "to"),
        sort=single(params, "sort") or "relevance",
        page=int_param(params, "page", 1),
        per_page=int_param(params, "per_page", 10),
        exact=bool_param(params, "exact"),
    )
