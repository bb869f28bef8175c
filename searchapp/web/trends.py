"""Compare over time: the monthly counts of up to four queries as one line chart, a table
(the HTML table and the CSV) and the JSON twin.

Queries come as repeated `q` parameters; an entity is a query like any other
(`faction:isis`) and is named by the gazetteer in the legend. Every series has its own
colour, dash pattern and marker shape (classes s0..s3), so no series is told from the
others by colour alone. The axis is the dense range of months of all the series together
(as the timeline's: far outliers are counted beside the chart, not drawn); the table and
the CSV have every month from the first to the last.

Pure functions over the Explorer's Trend objects, no Flask.
"""

import math
import re
from dataclasses import dataclass, field

from indexer.errors import QueryError
from searchapp.search.explore import MAX_TRENDS
from searchapp.search.query import check_limits
from searchapp.web.timeline import (
    dense_range,
    month_counts,
    months_between,
    nice_top,
    padded_months,
    scale,
)

WIDTH = 720
HEIGHT = 240
PAD = 10  # room for the markers at the edges
MARKERS = ("circle", "square", "triangle", "diamond")
MARKER_SIZE = 5.5
MAX_MARKERS = 24  # markers per series; a long axis marks every k-th month
ENTITY_QUERY_RE = re.compile(r"^(faction|place|source|governorate):(\S+)$")
TAG_FACETS = {"governorate": "place"}


def queries_param(params):
    """The non-empty `q` values of a request, of at most MAX_TRENDS (the page's boxes, empty
    or not; else 400 too_many_queries), each of at most MAX_QUERY_CHARS as sent (else 400
    query_too_long, too_many_terms: the search's own limits, white space counted)."""
    values = params.getlist("q")
    if len(values) > MAX_TRENDS:
        raise QueryError(
            f"at most {MAX_TRENDS} queries can be compared, not {len(values)}", "too_many_queries"
        )
    for q in values:
        check_limits(q)  # as sent: a search strips nothing before it checks
    return [q.strip() for q in values if q.strip()]


def query_entity(query, gazetteer):
    """The gazetteer entity a query names on its own (`faction:isis`), else None."""
    match = ENTITY_QUERY_RE.match(query)
    if not match or gazetteer is None:
        return None
    facet, entity_id = match.groups()
    return gazetteer.get(TAG_FACETS.get(facet, facet), entity_id)


def full_months(trends):
    """Every month from the first to the last of any trend: ['2017-01', '2017-02', ...]."""
    months = sorted({m for t in trends for m in month_counts(t.histogram)})
    return months_between(months[0], months[-1]) if months else []


def table(trends):
    """(months, rows): a row [month, count of each trend] for every month of full_months."""
    counts = [month_counts(t.histogram) for t in trends]
    months = full_months(trends)
    return months, [[m, *(c.get(m, 0) for c in counts)] for m in months]


def trends_json(trends, gazetteer):
    """The JSON twin: the months of the table and each trend with its entity (or null)."""
    out = []
    for t in trends:
        entity = query_entity(t.query, gazetteer)
        out.append(
            {
                "query": t.query,
                "total": t.total,
                "histogram": [
                    {"month": m, "count": c} for m, c in month_counts(t.histogram).items()
                ],
                "entity": entity.to_json() if entity else None,
            }
        )
    return {"months": full_months(trends), "trends": out}


@dataclass
class Marker:
    month: str
    count: int
    path: str  # SVG path data of the shape


@dataclass
class Series:
    query: str
    ar: str  # the legend's names: an entity's names, else the query as typed
    en: str
    total: int
    style: int  # 0..3: colour, dash pattern and marker (CSS classes s0..s3)
    line: str = ""  # SVG path data of the line
    markers: list = field(default_factory=list)  # Marker on every k-th month
    outside: int = 0  # articles in months before or after the axis

    @property
    def marker(self):
        return MARKERS[self.style]

    @property
    def swatch(self):
        """The marker's path in the legend's 40 x 16 swatch."""
        return marker_path(self.marker, 20, 8, 4)


@dataclass
class TrendChart:
    series: list = field(default_factory=list)
    top: int = 0
    ticks: list = field(default_factory=list)  # (count, y), top first
    first: str = ""
    last: str = ""
    width: int = WIDTH
    height: int = HEIGHT

    def __bool__(self):
        return any(s.line for s in self.series)


def marker_path(shape, x, y, size=MARKER_SIZE):
    """Path data of one marker centred on (x, y)."""
    r = size
    if shape == "circle":
        return f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z"
    if shape == "square":
        r *= 0.9
        return f"M{x - r:.1f} {y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}Z"
    if shape == "triangle":
        r *= 1.2
        return f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y + r * 0.8:.1f}L{x - r:.1f} {y + r * 0.8:.1f}Z"
    r *= 1.25
    return f"M{x:.1f} {y - r:.1f}L{x + r:.1f} {y:.1f}L{x:.1f} {y + r:.1f}L{x - r:.1f} {y:.1f}Z"


def axis_months(trends):
    """The chart's months: the dense range of all the trends' articles, a year at least."""
    total = {}
    for t in trends:
        for month, count in month_counts(t.histogram).items():
            total[month] = total.get(month, 0) + count
    return padded_months(*dense_range(total)) if total else []


def trend_chart(trends, gazetteer=None, rtl=True):
    """The TrendChart of [Trend]: one line per trend over the shared axis of months,
    time in the reading direction (right to left when `rtl`)."""
    months = axis_months(trends)
    counts = [month_counts(t.histogram) for t in trends]
    shown = [c.get(m, 0) for c in counts for m in months]
    top = nice_top(max([*shown, 1]))
    step = (WIDTH - 2 * PAD) / max(len(months) - 1, 1)
    every = max(1, math.ceil(len(months) / MAX_MARKERS))
    series = []
    for style, (trend, by_month) in enumerate(zip(trends, counts)):
        entity = query_entity(trend.query, gazetteer)
        s = Series(
            trend.query,
            entity.ar if entity else trend.query,
            entity.en if entity else "",
            trend.total,
            style,
            outside=sum(
                c for m, c in by_month.items() if not months or not months[0] <= m <= months[-1]
            ),
        )
        points = []
        for i, month in enumerate(months):
            x = PAD + i * step
            x = round(WIDTH - x if rtl else x, 1)
            y = round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * by_month.get(month, 0) / top, 1)
            points.append((x, y))
        if points:
            s.line = "M" + " ".join(f"{x} {y}" for x, y in points)
            phase = style * every // len(MARKERS)
            s.markers = [
                Marker(month, by_month.get(month, 0), marker_path(s.marker, x, y))
                for i, (month, (x, y)) in enumerate(zip(months, points))
                if (i - phase) % every == 0
            ]
        series.append(s)
    ticks = [(t, round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * t / top, 1)) for t in scale(top)]
    return TrendChart(series, top, ticks, months[0] if months else "", months[-1] if months else "")
