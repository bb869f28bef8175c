"""Links between page states: every state of the search page is a URL.

`Links` wraps the current query-string pairs and returns the query string of a
neighbouring state (a facet value ticked or removed, another page, one month, another
language). Changing what is shown always goes back to page 1.
"""

import calendar
from urllib.parse import urlencode

FACETS = ("faction", "place", "source", "publisher")
KEPT_ON_CLEAR = ("q", "lang", "sort", "per_page", "exact")
KNOWN = (
    *FACETS,
    "governorate",
    "q",
    "from",
    "to",
    "sort",
    "page",
    "per_page",
    "exact",
    "lang",
    "more",
)


def field(value, name, default=None):
    """`value.name` for a dataclass or `value[name]` for a dict (the service may give either)."""
    if isinstance(value, dict):
        return value.get(name, default)
    return getattr(value, name, default)


def is_more_of(pair, facet):
    """Is this ('more', 'place' or 'place:2') pair about `facet`?"""
    return pair[0] == "more" and pair[1].partition(":")[0] == facet


def month_range(month):
    """'2018-02' -> ('2018-02-01', '2018-02-28')."""
    year, number = (int(p) for p in month[:7].split("-"))
    last = calendar.monthrange(year, number)[1]
    return f"{year:04d}-{number:02d}-01", f"{year:04d}-{number:02d}-{last:02d}"


class Links:
    """Query strings of the states next to the current one."""

    def __init__(self, pairs):
        self.pairs = [(k, v) for k, v in pairs if k in KNOWN and v != ""]

    def _qs(self, pairs):
        return "?" + urlencode(pairs) if pairs else "?"

    def _without(self, *keys, pair=None):
        return [(k, v) for k, v in self.pairs if k not in keys and k != "page" and (k, v) != pair]

    def has(self, key, value):
        return (key, value) in self.pairs

    def get(self, key, default=""):
        return next((v for k, v in self.pairs if k == key), default)

    def add(self, key, value):
        pairs = self._without()
        if (key, value) not in pairs:
            pairs.append((key, value))
        return self._qs(pairs)

    def remove(self, key, value=None):
        if value is None:
            return self._qs(self._without(key))
        return self._qs(self._without(pair=(key, value)))

    def replace(self, key, value):
        return self._qs(self._without(key) + [(key, value)])

    def toggle(self, key, value):
        return self.remove(key, value) if self.has(key, value) else self.add(key, value)

    def page(self, number):
        pairs = self._without()
        return self._qs(pairs + [("page", str(number))] if number > 1 else pairs)

    def month(self, month):
        start, end = month_range(month)
        return self._qs(self._without("from", "to") + [("from", start), ("to", end)])

    def is_month(self, month):
        """Are `from` and `to` exactly this month (its timeline bar was chosen)?"""
        return (self.get("from"), self.get("to")) == month_range(month)

    def until(self, month):
        """Articles up to the end of `month` (the timeline's earlier bucket), `from` kept."""
        return self._qs(self._without("to") + [("to", month_range(month)[1])])

    def since(self, month):
        """Articles from the start of `month` on (the later bucket), `to` kept."""
        return self._qs(self._without("from") + [("from", month_range(month)[0])])

    def more(self, facet, page=1):
        """The same page with page `page` of all of `facet`'s values in the sidebar."""
        pairs = [p for p in self.pairs if not is_more_of(p, facet)]
        return self._qs(pairs + [("more", facet if page == 1 else f"{facet}:{page}")])

    def less(self, facet):
        """The same page with `facet`'s top values only."""
        return self._qs([p for p in self.pairs if not is_more_of(p, facet)])

    def clear(self):
        return self._qs([(k, v) for k, v in self.pairs if k in KEPT_ON_CLEAR])

    def lang(self, lang):
        return self._qs([(k, v) for k, v in self.pairs if k != "lang"] + [("lang", lang)])

    def hidden(self, *exclude):
        """Pairs for hidden inputs of a form that sets the `exclude` keys itself."""
        return [(k, v) for k, v in self.pairs if k not in exclude and k != "page"]

    def query(self, extra=()):
        """The current state (minus the page) plus `extra` pairs, for an article's back link."""
        return urlencode(self._without() + list(extra))


def pages(page, total, per_page, around=2):
    """Page numbers to show, with None for a gap: 1 … 4 5 [6] 7 8 … 20."""
    last = max(1, -(-total // per_page))
    wanted = {1, last, *range(max(1, page - around), min(last, page + around) + 1)}
    out, previous = [], 0
    for number in sorted(wanted):
        if number - previous > 1:
            out.append(None)
        out.append(number)
        previous = number
    return out, last
