#!/usr/bin/env python3
"""Build indexer/entities/data/places.jsonl from ../shared/data/places.jsonl (+ curated extras).

Usage: python tools/build_places.py [SHARED_PLACES] [ANT_CORPUS]

Every place gets its governorate id (and district id where known) and coordinates;
records that name the same place in one governorate are merged, and so are the
duplicates the sources carry under other shapes (a site 'مدينة حمص' beside the city, a
GeoNames town beside its community, an old neighbourhood record of a subdistrict). The
community that bears its district's or governorate's name is the city (kind `city`).
Labels are cleaned to what a reader expects (`place_labels.py`). With the ANT corpus,
names that are common words (they occur about as often in news that never mentions
Syria as in Syria news: السلام، الحرية، الباب) are marked `"ambiguous": true`, so the
extractor accepts them only with context.
"""

import csv
import gzip
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
from place_labels import clean_ar, clean_en  # noqa: E402

from indexer.entities.matcher import NameAutomaton, canonical_words, join_words, name_key  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "indexer" / "entities" / "data" / "places.jsonl"
RANK = {
    "governorate": 0,
    "district": 1,
    "subdistrict": 2,
    "region": 2,
    "city": 3,
    "community": 3,
    "populated_place": 4,
    "place_or_neighbourhood": 5,
    "neighbourhood": 5,
    "site": 6,
}
ADMIN = ("governorate", "district", "subdistrict", "city")
KIND = {"populated_place": "town", "place_or_neighbourhood": "neighbourhood"}
GOV_EN = {  # every English spelling in the source -> governorate slug
    "aleppo": "aleppo",
    "idlib": "idlib",
    "hama": "hama",
    "homs": "homs",
    "damascus": "damascus",
    "dimashq": "damascus",
    "daraa": "daraa",
    "tartus": "tartus",
    "tartous": "tartus",
    "latakia": "latakia",
    "lattakia": "latakia",
    "rif dimashq": "rif-dimashq",
    "rif-dimashq": "rif-dimashq",
    "al-hasakah": "hasakah",
    "hasakah": "hasakah",
    "deir ezzor": "deir-ez-zor",
    "deir ez-zor": "deir-ez-zor",
    "as-suwayda": "suwayda",
    "suwayda": "suwayda",
    "quinetra": "quneitra",
    "quneitra": "quneitra",
    "raqqa": "raqqa",
    "ar-raqqah": "raqqa",
}
# English names of the governorates as English-language news writes them; a district or
# city that bears its governorate's name takes the same label ('Ar-Raqqah' -> 'Raqqa').
GOV_LABEL_EN = {"hasakah": "Hasakah", "suwayda": "Suwayda"}
SUFFIX_RE = re.compile(r"\s*[-_]\s*")
# A place word before the name in neighbourhood and site records: 'حي الشعار', 'قرية المستريحة'.
PLACE_WORD_RE = re.compile(r"^(?:حي|حيّ|قرية|بلدة)\s+")
# The bank or part OCHA appends to a village that news names bare: 'سويدان جزيرة' (the
# Jazira bank), 'الباغوز فوقاني' (upper); not when the bare name is a short word ('فجر').
SIDE_RE = re.compile(r"\s+(?:ال)?(?:جزيرة|شامية|فوقاني|تحتاني|فوقانية|تحتانية)$")
# 'مدينة دير الزور الضاحية', 'ناحية الكسوة', 'داريا البلد': the place itself under a unit word.
UNIT_WORDS_RE = re.compile(r"^(?:مدينة|ناحية|مركز|منطقة)\s+|\s+(?:البلد|الضاحية|الضاحبة)$")
AIRPORT_RE = re.compile(r"^(?:مطار|قاعدة)\s+(.+?)(?:\s+(?:العسكري|الجوي|الدولي|العسكرية|الجوية))?$")
# Old neighbourhood records (crito/syrianarchive) that are really districts or subdistricts.
ADMIN_EN_RE = re.compile(r"\b(nahiyah|mantiqah)$", re.I)


def gov_id(slug):
    return f"{slug}-governorate"


def clean(name):
    """Without diacritics and tatweel: 'ســــلام' -> 'سلام'."""
    return re.sub(r"\s+", " ", re.sub("[\u064b-\u0652\u0640]", "", name or "")).strip()


def bare(name):
    """A name without the unit words around it: 'مدينة حمص' -> 'حمص', 'داريا البلد' -> 'داريا'."""
    return name_key(UNIT_WORDS_RE.sub("", clean(name)))


class Builder:
    def __init__(self):
        self.places = {}  # (key, governorate, level) -> record
        self.districts = {}  # district name key -> (district id, governorate id)
        self.grid = None  # (lat, lon) buckets of communities, to place old records

    def add(self, rec):
        """Store a record, or merge it with the one of its name, governorate and level: the
        better-ranked record (the earlier on a tie) stays and takes the other's names."""
        level = rec["_rank"] if RANK[rec["_rank"]] < RANK["community"] else "place"
        key = (name_key(rec["ar"]), rec.get("governorate"), level)
        kept = self.places.get(key)
        if kept is None:
            self.places[key] = rec
            return
        if RANK[rec["_rank"]] < RANK[kept["_rank"]]:
            kept, rec = rec, kept
            self.places[key] = kept
        own = {"aliases_ar": [rec["ar"]], "aliases_en": [rec["en"]]}  # 'الرهجان' beside 'رهجان'
        for field in ("aliases_ar", "aliases_en"):
            merged = dict.fromkeys(kept.get(field, []) + own[field] + rec.get(field, []))
            kept[field] = [n for n in merged if n and n not in (kept["ar"], kept["en"])]
        for field in ("district", "lat", "lon", "prominent"):
            if kept.get(field) is None:
                kept[field] = rec.get(field)

    def admin(self, r):
        slug = GOV_EN[r.get("governorate_en", r["name_en"]).lower()]
        rec = record(
            r, r["pcode"].lower() if r["kind"] != "governorate" else gov_id(slug), gov_id(slug)
        )
        if r["kind"] == "district":
            rec["district"] = rec["id"]
            for name in (r["name_ar"], *r.get("aliases_ar", [])):
                self.districts[name_key(name)] = (rec["id"], rec["governorate"])
        elif r["kind"] == "subdistrict":
            rec["district"] = self.district_of(r["district_ar"])[0]
            # 'ناحية الغوطة الشرقية' is Jaramana's; the region itself is its own entity.
            rec["aliases_ar"] = [a for a in rec["aliases_ar"] if re.match("(ناحية|مركز) ", a)]
        self.add(rec)

    def district_of(self, name):
        """District id and governorate id of a district name: 'مركز إدلب' -> district of إدلب."""
        for candidate in (name, re.sub(r"^(مركز|مدينة)\s+", "", name)):
            if name_key(candidate) in self.districts:
                return self.districts[name_key(candidate)]
        return None, None

    def community(self, r):
        district, gov = self.district_of(r["district_ar"])
        names = [n for n in SUFFIX_RE.split(clean(r["name_ar"])) if n]
        names = [
            n
            for n in names
            if name_key(n) not in (name_key(r["district_ar"]), name_key(r["subdistrict_ar"]))
        ] or names
        sides = [b for n in names if (b := SIDE_RE.sub("", n)) != n and len(name_key(b)) >= 4]
        rec = record(r, "sa-" + r["id"].split(":")[1], gov, names[0], names[1:] + sides)
        rec["district"] = district
        self.add(rec)

    def site(self, r):
        where, _, name = clean(r["name_ar"]).partition(":")
        if not name.strip():
            return
        city = re.sub(r"^(مدينة|ريف)\s*", "", where.strip())
        gov = self.gov_of(city) or self.gov_of(" ".join(city.split()[:1]))
        gov = self.nearest_governorate(r, gov)
        name = PLACE_WORD_RE.sub("", name.strip())
        rec = record(r, "sa-" + r["id"].split(":")[1], gov, name, [])
        base = AIRPORT_RE.match(name)
        if base and base.group(1):  # 'مطار المزة العسكري' is a name of المزة
            rec["_airport_of"] = base.group(1)
        self.add(rec)

    def gov_of(self, ar_name):
        for (key, gov, _), rec in self.places.items():
            if rec["_rank"] == "governorate" and key == name_key(ar_name):
                return gov
        return None

    def neighbourhood(self, r):
        """An old neighbourhood record; its governorate label is often wrong ('Quinetra' for
        Raqqa's), so it takes the governorate of the nearest community when it has coordinates."""
        name = PLACE_WORD_RE.sub("", clean_ar(r.get("name_ar")))
        if not name or ADMIN_EN_RE.search(r.get("name_en", "")):
            return
        prefix = "sa15-" if r["id"].startswith("syrianarchive2015") else "gn-"
        slug = GOV_EN.get(r.get("governorate_en", "").lower())
        gov = self.nearest_governorate(r, gov_id(slug) if slug else None)
        aliases = [a for a in map(clean_ar, r.get("aliases_ar", [])) if a and a != name]
        self.add(record(r, prefix + r["id"].split(":")[1], gov, name, aliases))

    def town(self, r):
        """A GeoNames town: its Arabic names, without the Persian and Kurdish spellings."""
        names = [n for n in map(clean_ar, (r.get("name_ar"), *r.get("aliases_ar", []))) if n]
        if not names:
            return
        slug = GOV_EN.get(r.get("governorate_en", "").lower())
        rec = record(r, "gn-" + r["id"].split(":")[1], gov_id(slug) if slug else None, names[0])
        rec["aliases_ar"] = list(dict.fromkeys(names[1:]))
        self.add(rec)

    def nearest_governorate(self, r, labelled):
        """The labelled governorate, unless no community of it lies within ~30 km: then the
        governorate of the nearest community (the old records put Raqqa's towns in Quneitra)."""
        if r.get("lat") is None:
            return labelled
        if self.grid is None:
            self.grid = defaultdict(list)
            for rec in self.places.values():
                if rec["_rank"] == "community" and rec.get("lat") is not None:
                    self.grid[round(rec["lat"]), round(rec["lon"])].append(rec)
        lat, lon = r["lat"], r["lon"]
        near = sorted(
            (math.hypot(rec["lat"] - lat, rec["lon"] - lon), rec["governorate"])
            for dlat in (-1, 0, 1)
            for dlon in (-1, 0, 1)
            for rec in self.grid.get((round(lat) + dlat, round(lon) + dlon), ())
        )
        if not near or any(d < 0.3 and gov == labelled for d, gov in near):
            return labelled
        return near[0][1] if near[0][0] < 0.15 else labelled

    def finish(self):
        """Cities, duplicates out, labels cleaned: the records to write."""
        places = list(self.places.values())
        mark_cities(places)
        places = drop_duplicates(places)
        clean_labels(places)
        return places


def mark_cities(places):
    """The community that bears its district's or governorate's name is the city. 'مدينة X'
    is no alias of the district or governorate (the extractor reads 'مدينة' before a name as
    pointing to the city)."""
    unit_names = defaultdict(set)  # governorate -> keys of its own and its districts' names
    for rec in places:
        if rec["_rank"] in ("governorate", "district"):
            for name in (rec["ar"], *rec["aliases_ar"]):
                unit_names[rec["governorate"]].add(bare(name))
    for rec in places:
        if rec["_rank"] in ADMIN:
            rec["aliases_ar"] = [a for a in rec["aliases_ar"] if not a.startswith("مدينة ")]
    for rec in places:
        if rec["_rank"] == "community" and name_key(rec["ar"]) in unit_names[rec["governorate"]]:
            rec["kind"] = rec["_rank"] = "city"


def drop_duplicates(places):
    """Records that repeat a place under another shape: a site or neighbourhood named as an
    administrative unit or city of its governorate ('حمص : مدينة حمص', an old 'الرقة'), a
    source site of a place written by hand (two Eastern Ghoutas), a GeoNames town one of
    whose names a community of its governorate has, a neighbourhood or site record of a town
    a few kilometres off (Rif Dimashq's يلدا filed under Damascus), a community beside its
    camp (اليرموك), an airport named after its place ('مطار المزة العسكري')."""
    admin = {(bare(n), p["governorate"]) for p in places if p["_rank"] in ADMIN for n in names(p)}
    settled = {
        (name_key(n), p["governorate"])
        for p in places
        if RANK[p["_rank"]] <= RANK["community"] and not p["id"].startswith("gn-")
        for n in names(p)
    }
    located = defaultdict(list)  # key -> coordinates of the settled places of that name
    for p in places:
        if RANK[p["_rank"]] <= RANK["community"] and p.get("lat") is not None:
            located[name_key(p["ar"])].append((p["lat"], p["lon"]))
    curated = {name_key(p["ar"]) for p in places if p["id"].startswith("kx-")}
    camps = {
        (name_key(p["ar"][len("مخيم ") :]), p["governorate"]): p
        for p in places
        if p["ar"].startswith("مخيم ") and p["_rank"] != "community"
    }
    places = merge_curated(places)
    by_name = {(name_key(p["ar"]), p["governorate"]): p for p in places if "_airport_of" not in p}
    kept = []
    for p in places:
        place = by_name.get((name_key(p.get("_airport_of", "")), p["governorate"]))
        if place is not None:  # the airport is named after its place: one entity
            place["aliases_ar"] = list(dict.fromkeys([*place["aliases_ar"], p["ar"]]))
            continue
        p.pop("_airport_of", None)
        minor = RANK[p["_rank"]] > RANK["community"] and not p["id"].startswith("kx-")
        if minor and (bare(p["ar"]), p["governorate"]) in admin:
            continue
        if p["_rank"] == "site" and not p["id"].startswith("kx-") and bare(p["ar"]) in curated:
            continue
        if (
            minor
            and p.get("lat") is not None
            and any(
                math.hypot(lat - p["lat"], lon - p["lon"]) < 0.06
                for lat, lon in located[bare(p["ar"])]
            )
        ):
            continue
        if p["_rank"] == "populated_place" and any(
            (name_key(n), p["governorate"]) in settled for n in names(p)
        ):
            continue
        camp = camps.get((name_key(p["ar"]), p["governorate"]))
        if camp is not None and p["_rank"] == "community":
            camp["aliases_ar"] = list(dict.fromkeys([*camp["aliases_ar"], p["ar"]]))
            continue
        kept.append(p)
    return kept


def merge_curated(places):
    """A hand-written place that a source record of its governorate also names: the source's
    community takes the hand-written name, as news writes it ('الطبقة', not the official
    'الثورة'), keeping its own as an alias ('كفرنبل' = 'كفر نبل'); a source's
    neighbourhood or site of that name is dropped ('مطار كويرس' beside كويرس)."""
    curated = {
        (name_key(n), p["governorate"]): p
        for p in places
        if p["id"].startswith("kx-")
        for n in names(p)
    }
    merged, kept = set(), []
    for p in places:
        if p["id"].startswith("kx-"):
            continue
        twin = next(
            (curated[k] for n in names(p) if (k := (name_key(n), p["governorate"])) in curated),
            None,
        )
        if twin is None or RANK[p["_rank"]] < RANK["community"]:
            kept.append(p)
        elif p["_rank"] in ("community", "city"):
            p["aliases_ar"] = [
                a for a in dict.fromkeys([*names(p), *names(twin)]) if a != twin["ar"]
            ]
            p["ar"], p["en"], p["prominent"] = twin["ar"], twin["en"], True
            merged.add(twin["id"])
            kept.append(p)
    return kept + [p for p in places if p["id"].startswith("kx-") and p["id"] not in merged]


def names(rec):
    return (rec["ar"], *rec["aliases_ar"])


def clean_labels(places):
    """English labels as a reader expects them: 'Eastern Ghouta', 'Kafraya', 'Raqqa'; a city
    or district takes the label of the governorate or district whose name it bears."""
    unit_label = {}
    for rec in sorted(places, key=lambda r: -RANK[r["_rank"]]):  # governorates last: they win
        if rec["_rank"] in ("governorate", "district"):
            if rec["_rank"] == "governorate":
                slug = rec["id"].removesuffix("-governorate")
                rec["en"] = GOV_LABEL_EN.get(slug, clean_en(rec["en"]))
            else:
                rec["en"] = clean_en(rec["en"])
            unit_label[bare(rec["ar"]), rec["governorate"]] = rec["en"]
    for rec in places:
        label = unit_label.get((bare(rec["ar"]), rec["governorate"]))
        if rec["_rank"] not in ("governorate", "district", "city") or label is None:
            label = clean_en(rec["en"])
        rec["en"] = label
        rec["aliases_en"] = [a for a in dict.fromkeys(map(clean_en, rec["aliases_en"])) if a]


def record(r, pid, gov, ar=None, aliases=None):
    rec = {
        "id": pid,
        "ar": ar or clean(r["name_ar"]),
        "en": r.get("name_en", "").title() if r["kind"] == "site" else r.get("name_en", ""),
        "kind": KIND.get(r["kind"], r["kind"]),
        "_rank": r["kind"],
        "aliases_ar": aliases
        if aliases is not None
        else [clean(a) for a in r.get("aliases_ar", [])],
        "aliases_en": r.get("aliases_en", [])[:3],
        "governorate": gov,
    }
    if r.get("lat") is not None:
        rec["lat"], rec["lon"] = round(r["lat"], 4), round(r["lon"], 4)
    return rec


def read_extra(builder, path):
    rows = [
        row
        for row in csv.reader(open(path, encoding="utf-8"), delimiter="\t")
        if row and not row[0].startswith("#")
    ]
    district_coords = {
        rec["id"]: (rec.get("lat"), rec.get("lon"))
        for rec in builder.places.values()
        if rec["_rank"] == "district"
    }
    for n, row in enumerate(rows):
        ar, en, gov_en, district_ar, kind = row[:5]
        aliases = [a for a in (row[5] if len(row) > 5 else "").split(",") if a]
        district, gov = builder.district_of(district_ar)
        gov = gov or gov_id(GOV_EN[gov_en.lower()])
        rec = {
            "id": f"kx-{n}",
            "ar": ar,
            "en": en,
            "kind": kind,
            "_rank": kind,
            "aliases_ar": aliases,
            "aliases_en": [],
            "governorate": gov,
            "district": district,
            "coords": "district",
            "prominent": True,
        }
        rec["lat"], rec["lon"] = district_coords.get(district, (None, None))
        builder.add(rec)


def read_world(path):
    """Countries, capitals and cities abroad; a country carries the words that point to it
    (`cues_ar`: its adjectives, its parties), a city the id of its `country`."""
    for row in csv.reader(open(path, encoding="utf-8"), delimiter="\t"):
        if not row or row[0].startswith("#"):
            continue
        kind, pid, ar, en, aliases, lat, lon, country, cues = row
        rec = {
            "id": pid,
            "ar": ar,
            "en": en,
            "kind": kind,
            "aliases_ar": [a for a in aliases.split(",") if a],
            "aliases_en": [],
            "lat": float(lat),
            "lon": float(lon),
            "country": country,
            "cues_ar": [c for c in cues.split(",") if c],
        }
        if pid != "syria":
            rec["inside_syria"] = False
        yield rec


def mark_ambiguous(places, corpus):
    """Flag names whose rate in non-Syria news is close to their rate in Syria news."""
    auto = NameAutomaton()
    for rec in places:
        for name in (rec["ar"], *rec["aliases_ar"]):
            auto.add(name, name_key(name))
    auto.build()
    df = {True: Counter(), False: Counter()}
    docs = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            words = canonical_words(f"{d.get('title', '')} {d.get('text', '')}")
            syria = any("سوري" in w for w in words)
            docs[syria] += 1
            df[syria].update({k for hit in auto.find(join_words(words)) for k in hit.candidates})
    return {key for key in set(df[True]) | set(df[False]) if common_word(key, df, docs)}


def common_word(key, df, docs):
    """A name seen in 2+ articles that never mention Syria, and under 15x likelier in Syria news."""
    rate_s, rate_n = df[True][key] / docs[True], (df[False][key] + 0.5) / docs[False]
    return df[False][key] >= 2 and rate_s < 15 * rate_n


def main(argv):
    shared = Path(argv[0]) if argv else SHARED / "places.jsonl"
    corpus = Path(argv[1]) if len(argv) > 1 else SHARED / "ant_multisource.jsonl.gz"
    rows = [json.loads(line) for line in open(shared, encoding="utf-8")]
    b = Builder()
    for kind, handler in (
        ("governorate", b.admin),
        ("district", b.admin),
        ("subdistrict", b.admin),
        ("community", b.community),
        ("populated_place", b.town),
        ("place_or_neighbourhood", b.neighbourhood),
        ("site", b.site),
    ):
        for r in rows:
            if r["kind"] == kind:
                handler(r)
    read_extra(b, ROOT / "tools" / "places_extra.tsv")
    places = b.finish()
    flagged = mark_ambiguous(places, corpus) if corpus.exists() else set()
    with open(OUT, "w", encoding="utf-8") as out:
        for rec in places + list(read_world(ROOT / "tools" / "world_places.tsv")):
            rec.pop("_rank", None)
            if rec.get("inside_syria", True) and rec["kind"] not in ("governorate", "country"):
                if name_key(rec["ar"]) in flagged:
                    rec["ambiguous"] = True
                rec["ambiguous_names"] = [a for a in rec["aliases_ar"] if name_key(a) in flagged]
            rec = {k: v for k, v in rec.items() if v not in (None, [], "")}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(places)} Syrian places, {len(flagged)} ambiguous names -> {OUT}", file=sys.stderr)
    print("ambiguous:", " ".join(sorted(flagged)[:400]), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
