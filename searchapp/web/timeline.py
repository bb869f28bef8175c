"""The timeline of a result: articles per month as bars over the dense range of dates.

A few articles far from the rest (2012 in an archive of 2018) would stretch the axis and
squeeze the rest into a corner; they go into one "earlier" and one "later" bucket at the
ends of the chart instead. The chart has a count scale (its top a round number), and time
runs in the reading direction: right to left when `rtl`.

Pure functions over the service's histogram (dataclasses or dicts), no Flask.
"""

from dataclasses import dataclass, field

from searchapp.web.links import field as get

CHART_WIDTH = 1000
CHART_HEIGHT = 120
MIN_MONTHS = 12
OUTLIER_SHARE = 0.02  # at most this share of the dated articles is left to the buckets
BUCKET = 60  # width of a bucket (6% of the chart; the page's axis labels assume it)
BUCKET_GAP = 20  # between a bucket and the months
NICE_STEPS = (1, 2, 3, 4, 5, 6, 8)
MIN_HEIGHT = 3  # a month with a few articles still shows a bar


@dataclass
class Bar:
    month: str  # 'YYYY-MM'; for a bucket, the last month before the axis or the first after
    count: int
    x: float
    y: float
    width: float
    height: float
    kind: str = "month"  # or "earlier", "later"


@dataclass
class Timeline:
    bars: list = field(default_factory=list)  # in time order, the buckets at the ends
    top: int = 0  # the count at the top of the chart
    ticks: list = field(default_factory=list)  # (count, y) of each gridline, top first
    first: str = ""  # the first and last month of the axis
    last: str = ""
    earlier: int = 0  # articles in the buckets
    later: int = 0

    def __bool__(self):
        return bool(self.bars)


def month_index(month):
    year, number = (int(p) for p in month.split("-"))
    return year * 12 + number - 1


def month_at(index):
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def shift_month(month, delta):
    """'2018-02', -3 -> '2017-11'."""
    return month_at(month_index(month) + delta)


def months_between(first, last):
    """'2018-11', '2019-02' -> ['2018-11', '2018-12', '2019-01', '2019-02']."""
    return [month_at(i) for i in range(month_index(first), month_index(last) + 1)]


def padded_months(first, last, minimum=MIN_MONTHS):
    """The months from `first` to `last`, widened on both sides to at least `minimum`."""
    months = months_between(first, last)
    missing = minimum - len(months)
    if missing > 0:
        months = months_between(
            shift_month(first, -(missing // 2)), shift_month(last, missing - missing // 2)
        )
    return months


def dense_range(counts, share=OUTLIER_SHARE):
    """(first, last): the shortest run of months holding all but `share` of the articles,
    or every month when leaving the outliers out would not halve the axis.

    {'2012-10': 3, '2018-02': 2265, ..., '2018-10': 2017} -> ('2018-02', '2018-10')."""
    months = sorted(counts)
    whole = (months[0], months[-1])
    total = sum(counts.values())
    allowed = int(total * share)
    best, inside, j = whole, 0, 0  # the window is months[i:j], `inside` its articles
    for i, first in enumerate(months):
        while j < len(months) and total - inside > allowed:
            inside += counts[months[j]]
            j += 1
        if j <= i or total - inside > allowed:
            break
        if span((first, months[j - 1])) < span(best):
            best = (first, months[j - 1])
        inside -= counts[first]
    return best if 2 * span(best) <= span(whole) else whole


def span(months):
    return month_index(months[1]) - month_index(months[0]) + 1


def nice_top(peak):
    """The scale's top: the smallest 1, 2, 3, 4, 5, 6 or 8 x 10^k at or above `peak`."""
    magnitude = 1
    while True:
        for step in NICE_STEPS:
            if step * magnitude >= peak:
                return step * magnitude
        magnitude *= 10


def month_counts(histogram):
    """{'YYYY-MM': count} of the histogram's well-formed months."""
    counts = {}
    for bucket in histogram or ():
        month = str(get(bucket, "month", ""))[:7]
        if len(month) == 7 and month[4] == "-" and month.replace("-", "").isdigit():
            counts[month] = counts.get(month, 0) + int(get(bucket, "count", 0))
    return counts


def timeline(histogram, rtl=True):
    """The Timeline of a histogram [{month, count}]: one bar per month of the dense range
    (gaps drawn as 0, at least a year), a bucket at either end for the months outside it."""
    counts = month_counts(histogram)
    if not counts:
        return Timeline()
    months = padded_months(*dense_range(counts))
    earlier = sum(c for m, c in counts.items() if m < months[0])
    later = sum(c for m, c in counts.items() if m > months[-1])
    top = nice_top(max([*counts.values(), earlier, later]))
    slots = [("earlier", shift_month(months[0], -1), earlier)] if earlier else []
    slots += [("month", m, counts.get(m, 0)) for m in months]
    if later:
        slots.append(("later", shift_month(months[-1], 1), later))
    months_width = CHART_WIDTH - (BUCKET + BUCKET_GAP) * ((earlier > 0) + (later > 0))
    width = months_width / len(months)
    gap = min(width * 0.15, 2)
    bars, x = [], 0.0
    for kind, month, count in slots:
        slot = width if kind == "month" else BUCKET
        if kind == "later":
            x += BUCKET_GAP
        height = round(max(CHART_HEIGHT * min(count, top) / top, MIN_HEIGHT), 2) if count else 0
        left = CHART_WIDTH - x - slot if rtl else x
        bars.append(
            Bar(
                month,
                count,
                round(left + gap / 2, 2),
                CHART_HEIGHT - height,
                round(slot - gap, 2),
                height,
                kind,
            )
        )
        x += slot + (BUCKET_GAP if kind == "earlier" else 0)
    ticks = [(t, round(CHART_HEIGHT - CHART_HEIGHT * t / top, 2)) for t in scale(top)]
    return Timeline(bars, top, ticks, months[0], months[-1], earlier, later)


def scale(top):
    """Counts with a gridline, top first: 6000 -> [6000, 3000, 0]; 5 -> [5, 0]."""
    return [top, top // 2, 0] if top % 2 == 0 and top > 1 else [top, 0]
