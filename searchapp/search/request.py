"""A search request: what the user asked for, checked against the service's limits.

SearchRequest(q="قصف حلب", faction=("isis",), date_from="2017", sort="date")
"""

import re
from dataclasses import dataclass
from datetime import date

from indexer.errors import QueryError
from indexer.indexing.documents import FACET_FIELDS

SORTS = ("relevance", "date")
# A year, month or day as a date field holds it; ASCII digits, months 01-12, days 01-31.
DATE_RE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
FILTER_FACETS = (*FACET_FIELDS, "governorate")
ENTITY_KIND = {"governorate": "place"}  # the gazetteer facet a filter's ids belong to


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    faction: tuple = ()
    place: tuple = ()
    source: tuple = ()
    publisher: tuple = ()
    governorate: tuple = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    exact: bool = False

    def selected(self, facet):
        return getattr(self, facet)

    def validate(self, settings, gazetteer):
        """Raise QueryError (HTTP 400) for a parameter the service cannot answer as asked."""
        if self.page < 1:
            raise QueryError("page must be 1 or more", "bad_page")
        if not 1 <= self.per_page <= settings.max_per_page:
            raise QueryError(
                f"per_page must be between 1 and {settings.max_per_page}", "bad_per_page"
            )
        if self.page * self.per_page > settings.max_depth:
            raise QueryError(
                f"results are available only up to hit {settings.max_depth}", "too_deep"
            )
        if self.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}", "bad_sort")
        for name, value in (("from", self.date_from), ("to", self.date_to)):
            if value and not is_date(value):
                raise QueryError(
                    f"'{name}' must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}",
                    "bad_date",
                )
        for facet in FILTER_FACETS:
            if facet == "publisher":
                continue  # an outlet the gazetteer lacks may be in the index (service.py)
            kind = ENTITY_KIND.get(facet, facet)
            for value in self.selected(facet):
                if gazetteer.get(kind, value) is None:
                    raise QueryError(f"unknown {facet} {value!r}", "unknown_value")


def is_date(value):
    """A year, month or day that exists, as YYYY, YYYY-MM or YYYY-MM-DD: not '2017-13',
    '2017-02-30' or '٢٠١٧'."""
    if DATE_RE.fullmatch(value) is None:
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(*parts[:3])
    except ValueError:
        return False
    return True
