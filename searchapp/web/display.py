"""Shapes the search page draws: timeline bars and places grouped by governorate.

Pure functions over the service's result (dataclasses or dicts), no Flask.
"""

from dataclasses import dataclass

from searchapp.web.links import field

CHART_WIDTH = 1000
CHART_HEIGHT = 120
VISIBLE_VALUES = 10
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


def split_values(values, visible=VISIBLE_VALUES):
    """(shown, more): the first `visible` values, and selected ones always shown."""
    values = list(values or ())
    shown = values[:visible]
    more = [v for v in values[visible:] if not field(v, "selected")]
    shown += [v for v in values[visible:] if field(v, "selected")]
    return shown, more


def all_values(counts, selected, gazetteer, facet):
    """Every value of a facet with its count, most frequent first (for an expanded `more`)."""
    out = []
    for value_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        entity = gazetteer.get(facet, value_id) if gazetteer else None
        if entity is not None and (count or value_id in selected):
            out.append(
                {
                    "id": value_id,
                    "ar": entity.ar,
                    "en": entity.en,
                    "count": count,
                    "selected": value_id in selected,
                    "governorate": entity.governorate,
                }
            )
    return out


@dataclass
class PlaceGroup:
    governorate: str | None
    ar: str
    en: str
    head: object | None
    values: list


def group_places(values, entity_of):
    """Place facet values grouped under their governorate, groups in first-seen (count) order.

    `entity_of(id)` gives the gazetteer entity of a place (for its governorate and names)
    when the value itself does not carry `governorate`. A governorate that is itself a
    value heads its group.
    """
    groups = {}
    for value in values:
        entity = entity_of(field(value, "id"))
        gov_id = field(value, "governorate") or field(entity, "governorate")
        group = groups.get(gov_id)
        if group is None:
            gov = entity_of(gov_id) if gov_id else None
            group = groups[gov_id] = PlaceGroup(
                gov_id, field(gov, "ar", ""), field(gov, "en", ""), None, []
            )
        if gov_id and field(value, "id") == gov_id:
            group.head = value
        else:
            group.values.append(value)
    return list(groups.values())
