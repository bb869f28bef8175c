"""The timeline of a result: articles per month as bars, in reading direction.

Pure functions over the service's histogram (dataclasses or dicts), no Flask.
"""

from dataclasses import dataclass

from searchapp.web.links import field

CHART_WIDTH = 1000
CHART_HEIGHT = 120
MIN_MONTHS = 12


@dataclass
class Bar:
    month: str
    count: int
    x: float
    y: float
    width: float
    height: float


def months_between(first, last):
    """'2018-11', '2019-02' -> ['2018-11', '2018-12', '2019-01', '2019-02']."""
    year, month = (int(p) for p in first.split("-"))
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def shift_month(month, delta):
    """'2018-02', -3 -> '2017-11'."""
    year, number = (int(p) for p in month.split("-"))
    index = year * 12 + number - 1 + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def padded_months(first, last, minimum=MIN_MONTHS):
    """The months from `first` to `last`, widened on both sides to at least `minimum`."""
    months = months_between(first, last)
    missing = minimum - len(months)
    if missing > 0:
        months = months_between(
            shift_month(first, -(missing // 2)), shift_month(last, missing - missing // 2)
        )
    return months


def timeline_bars(histogram, rtl=True):
    """One bar per month from the first to the last month with hits (gaps drawn as 0),
    over at least a year so a single month does not fill the chart.

    Time runs in the reading direction: right to left when `rtl`.
    """
    counts = {}
    for bucket in histogram or ():
        month = str(field(bucket, "month", ""))[:7]
        if len(month) == 7 and month[4] == "-":
            counts[month] = counts.get(month, 0) + int(field(bucket, "count", 0))
    if not counts:
        return []
    months = padded_months(min(counts), max(counts))
    peak = max(counts.values()) or 1
    width = CHART_WIDTH / len(months)
    gap = min(width * 0.15, 2)
    bars = []
    for i, month in enumerate(months):
        count = counts.get(month, 0)
        height = round(CHART_HEIGHT * count / peak, 2) if count else 0
        slot = len(months) - 1 - i if rtl else i
        bars.append(
            Bar(
                month,
                count,
                round(slot * width + gap / 2, 2),
                CHART_HEIGHT - height,
                round(width - gap, 2),
                height,
            )
        )
    return bars
