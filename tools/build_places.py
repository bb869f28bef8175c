#!/usr/bin/env python3
"""Build indexer/data/places.jsonl from ../shared/data/places.jsonl (+ curated extras).

Usage: python tools/build_places.py [SHARED_PLACES] [ANT_CORPUS]

Every place gets its governorate id (and district id where known) and coordinates;
records that name the same place in one governorate are merged. With the ANT corpus,
names that are common words (they occur about as often in news that never mentions
Syria as in Syria news: السلام، الحرية، الباب) are marked `"ambiguous": true`, so the
extractor accepts them only with context.
"""

import csv
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from indexer.entities.matcher import NameAutomaton, canonical_words, join_words, name_key  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "indexer" / "entities" / "data" / "places.jsonl"
RANK = {
    "governorate": 0,
    "district": 1,
    "subdistrict": 2,
    "community": 3,
    "populated_place": 4,
    "place_or_neighbourhood": 5,
    "neighbourhood": 5,
    "site": 6,
}
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
SUFFIX_RE = re.compile(r"\s*[-_]\s*")


def gov_id(slug):
    return f"{slug}-governorate"


def clean(name):
    return re.sub(r"\s+", " ", re.sub("[\u064b-\u0652]", "", name or "")).strip()


class Builder:
    def __init__(self):
        self.places = {}  # (key, governorate) -> record
        self.districts = {}  # district name key -> (district id, governorate id)

    def add(self, rec):
        level = rec["_rank"] if RANK[rec["_rank"]] < RANK["community"] else "place"
        key = (name_key(rec["ar"]), rec.get("governorate"), level)
        old = self.places.get(key)
        if old is None:
            self.places[key] = rec
            return
        if RANK[rec["_rank"]] < RANK[old["_rank"]]:
            rec, old = old, rec
            self.places[key] = rec
        for field in ("aliases_ar", "aliases_en"):
            rec[field] = list(dict.fromkeys(rec.get(field, []) + old.get(field, [])))
        for field in ("district", "lat", "lon"):
            rec.setdefault(field, old.get(field))

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
        rec = record(r, "sa-" + r["id"].split(":")[1], gov, names[0], names[1:])
        rec["district"] = district
        self.add(rec)

    def site(self, r):
        where, _, name = clean(r["name_ar"]).partition(":")
        if not name.strip():
            return
        city = re.sub(r"^(مدينة|ريف)\s*", "", where.strip())
        gov = self.gov_of(city) or self.gov_of(" ".join(city.split()[:1]))
        name = re.sub(r"^(حي|حيّ)\s+", "", name.strip())
        self.add(record(r, "sa-" + r["id"].split(":")[1], gov, name, []))

    def gov_of(self, ar_name):
        for (key, gov, _), rec in self.places.items():
            if rec["_rank"] == "governorate" and key == name_key(ar_name):
                return gov
        return None

    def neighbourhood(self, r):
        name = re.sub(r"^(حي|حيّ)\s+", "", clean(r.get("name_ar")))
        if not name:
            return
        prefix = "sa15-" if r["id"].startswith("syrianarchive2015") else "gn-"
        slug = GOV_EN.get(r.get("governorate_en", "").lower())
        self.add(
            record(
                r,
                prefix + r["id"].split(":")[1],
                gov_id(slug) if slug else None,
                name,
                [a for a in r.get("aliases_ar", []) if a != name],
            )
        )


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
        }
        rec["lat"], rec["lon"] = district_coords.get(district, (None, None))
        builder.add(rec)


def read_world(path):
    for row in csv.reader(open(path, encoding="utf-8"), delimiter="\t"):
        if not row or row[0].startswith("#"):
            continue
        kind, pid, ar, en, aliases, lat, lon = row
        rec = {
            "id": pid,
            "ar": ar,
            "en": en,
            "kind": kind,
            "aliases_ar": [a for a in aliases.split(",") if a],
            "aliases_en": [],
            "lat": float(lat),
            "lon": float(lon),
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
        ("populated_place", b.neighbourhood),
        ("place_or_neighbourhood", b.neighbourhood),
        ("site", b.site),
    ):
        for r in rows:
            if r["kind"] == kind:
                handler(r)
    read_extra(b, ROOT / "tools" / "places_extra.tsv")
    places = list(b.places.values())
    flagged = mark_ambiguous(places, corpus) if corpus.exists() else set()
    with open(OUT, "w", encoding="utf-8") as out:
        for rec in places + list(read_world(ROOT / "tools" / "world_places.tsv")):
            rec.pop("_rank", None)
            if name_key(rec["ar"]) in flagged and rec["kind"] not in (
                "governorate",
                "country",
                "capital",
            ):
                rec["ambiguous"] = True
            rec = {k: v for k, v in rec.items() if v not in (None, [], "")}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(places)} Syrian places, {len(flagged)} ambiguous names -> {OUT}", file=sys.stderr)
    print("ambiguous:", " ".join(sorted(flagged)[:400]), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
