"""The map of Syria: a base drawing and one circle per place with hits.

The base (country, land around it, borders, governorates and where their labels go) is
`data/syria_map.json`, written once by tools/syria_map/build.mjs from Natural Earth (see
data/README.md), already projected; its `projection` is applied here to the gazetteer's
coordinates, so circles and outlines agree:

    x = (lon - west) * scale * cos(lat0),  y = (north - lat) * scale

A circle's area is proportional to its count (the largest at most MAX_RADIUS map units),
with a floor of MIN_RADIUS so that a place of one article can still be seen and pointed
at. Pure functions over gazetteer entities, no Flask; the file is read on first use.
"""

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from indexer.errors import DataFileError

MAP_FILE = "syria_map.json"
MAX_POINTS = 60  # the most mentioned places drawn; the facet lists have the rest
MAX_RADIUS = 26.0  # map units (the map is about 640 wide)
ONE_RADIUS = 6.0  # the radius of one article, while the largest fits under MAX_RADIUS
MIN_RADIUS = 4.0
HIT_RADIUS = 9.0  # a small circle is pointed at through a larger transparent one


@dataclass
class Point:
    id: str
    ar: str
    en: str
    count: int
    x: float
    y: float
    r: float
    selected: bool = False  # the place is a filter of the search
    current: bool = False  # the place whose page this is

    @property
    def hit_r(self):
        return max(self.r, HIT_RADIUS)


@dataclass
class Label:
    ar: str
    en: str
    x: float
    y: float
    kind: str  # "governorate" or "around" (a neighbour or the sea)


@dataclass
class MapView:
    base: dict  # the drawing: width, height and path data (see data/syria_map.json)
    points: list = field(default_factory=list)  # largest first: the small ones on top
    labels: list = field(default_factory=list)
    area: str = ""  # path of a governorate to show as chosen (a governorate's page)
    places: int = 0  # places with hits and coordinates, drawn or not

    @property
    def view_box(self):
        return f"0 0 {self.base['width']} {self.base['height']}"


@lru_cache(maxsize=1)
def base_map():
    """The base drawing, read once from searchapp/web/data/syria_map.json."""
    try:
        text = resources.files("searchapp.web").joinpath("data", MAP_FILE).read_text("utf-8")
        base = json.loads(text)
    except (OSError, ValueError) as exc:
        raise DataFileError(f"map data missing or broken: {MAP_FILE} ({exc})") from exc
    for key in ("projection", "width", "height", "land", "syria", "governorates"):
        if key not in base:
            raise DataFileError(f"map data {MAP_FILE} has no {key!r}")
    return base


def project(lat, lon, projection):
    """(x, y) in map units of a point in degrees, by the base map's projection."""
    kx = math.cos(math.radians(projection["lat0"]))
    x = (lon - projection["west"]) * projection["scale"] * kx
    y = (projection["north"] - lat) * projection["scale"]
    return round(x, 1), round(y, 1)


def radius(count, largest):
    """Area proportional to the count: ONE_RADIUS for one article, shrunk so that the
    largest count is at most MAX_RADIUS; never under MIN_RADIUS."""
    one = min(ONE_RADIUS, MAX_RADIUS / math.sqrt(max(largest, 1)))
    return round(max(MIN_RADIUS, one * math.sqrt(count)), 1)


def governorate_labels(base, gazetteer):
    """Each governorate's names at its label point (its names from the gazetteer)."""
    out = []
    for gov in base["governorates"]:
        entity = gazetteer.get("place", gov["id"]) if gazetteer else None
        if entity is not None and gov.get("label"):
            out.append(Label(entity.ar, entity.en, *gov["label"], "governorate"))
    for item in base.get("around", ()):
        out.append(Label(item["ar"], item["en"], *item["at"], "around"))
    return out


def map_view(places, gazetteer, selected=(), current=None, limit=MAX_POINTS):
    """The MapView of [(place entity, count)] (Explorer.places): the `limit` places with
    the most articles, `selected` ids marked, `current` (a place id) the page's own place;
    a governorate as `current` is also shown as its area."""
    base = base_map()
    kept = sorted(places, key=lambda pair: (-pair[1], pair[0].id))[:limit]
    largest = max((count for _, count in kept), default=1)
    points = []
    for entity, count in kept:
        x, y = project(entity.extra["lat"], entity.extra["lon"], base["projection"])
        points.append(
            Point(
                entity.id,
                entity.label_ar,  # 'محافظة إدلب' beside 'مدينة إدلب'
                entity.label_en,
                count,
                x,
                y,
                radius(count, largest),
                entity.id in selected,
                entity.id == current,
            )
        )
    area = next((g["path"] for g in base["governorates"] if g["id"] == current), "")
    return MapView(base, points, governorate_labels(base, gazetteer), area, len(places))
