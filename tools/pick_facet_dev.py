#!/usr/bin/env python3
"""Pick the 40 articles of the facet development set (tests/data/facet_dev_articles.jsonl).

Usage: python tools/pick_facet_dev.py [--shared ../shared] [--out tests/data/facet_dev_articles.jsonl]

Reproducible: a fixed seed, no hand selection. From each corpus, records whose text is
300-3,500 characters long, one record per distinct text (the ANT corpus lists ~1,500
articles twice; the first id is kept), none that repeats a seed article (../shared/seeds).
- ANT (../shared/data/ant_multisource.jsonl.gz): 15 articles whose title or text has a
  Syria cue (SYRIA_CUES: سوريا، دمشق، حلب، إدلب، قسد ...) and 5 from the rest of ANT (news
  without such a cue, on which the facets must stay empty or right).
- UnifiedFC (../shared/eval/unifiedfc/docs.jsonl.gz, all about the war in Syria): 20
  drawn uniformly.
Each pool is sorted by id before sampling, so the draw does not depend on file order.
Output records keep the corpus fields the extractor reads (id, title, text, date,
source, url; UnifiedFC has no title or date) plus "corpus".
"""

import argparse
import gzip
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 18  # issue 18
MIN_CHARS, MAX_CHARS = 300, 3500
N_ANT_SYRIA, N_ANT_OTHER, N_UFC = 15, 5, 20
FIELDS = ("id", "title", "text", "date", "source", "url")
SYRIA_CUES = (
    "سوريا",
    "سورية",
    "سوري",
    "سوريون",
    "سوريين",
    "السوري",
    "السورية",
    "السوريون",
    "السوريين",
    "دمشق",
    "حلب",
    "إدلب",
    "ادلب",
    "حمص",
    "درعا",
    "الرقة",
    "دير الزور",
    "حماة",
    "حماه",
    "اللاذقية",
    "طرطوس",
    "الحسكة",
    "القامشلي",
    "السويداء",
    "القنيطرة",
    "عفرين",
    "منبج",
    "الغوطة",
    "الجولان",
    "جبهة النصرة",
    "هيئة تحرير الشام",
    "قسد",
)


def cue_pattern(cue):
    """A cue as a whole word after proclitics (و ف ب ك ل); ل + ال is written لل (للرقة)."""
    body = re.escape(cue)
    if cue.startswith("ال"):
        body = f"(?:{body}|ل{re.escape(cue[1:])})"
    return body


CUE_RE = re.compile(r"(?<!\w)[وفبكل]{0,2}(?:" + "|".join(map(cue_pattern, SYRIA_CUES)) + r")(?!\w)")


def read_jsonl(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def squash(text):
    return " ".join(text.split())


def seed_openings(seeds_dir):
    """The first 20 words of each seed article: a record containing one repeats a seed."""
    return [
        " ".join(squash(p.read_text(encoding="utf-8")).split()[:20])
        for p in sorted(seeds_dir.glob("*.txt"))
    ]


def eligible(records, seeds):
    """Records of the right length, one per distinct text, none repeating a seed; sorted by id."""
    seen, kept = set(), []
    for r in records:
        text = r.get("text")
        if not isinstance(text, str) or not MIN_CHARS <= len(text) <= MAX_CHARS:
            continue
        key = squash(text)
        if key in seen or any(s in key for s in seeds):
            continue
        seen.add(key)
        kept.append(r)
    return sorted(kept, key=lambda r: str(r["id"]))


def has_syria_cue(record):
    return bool(CUE_RE.search(f"{record.get('title') or ''}\n{record['text']}"))


def pick(shared):
    rng = random.Random(SEED)
    seeds = seed_openings(shared / "seeds")
    ant = eligible(read_jsonl(shared / "data" / "ant_multisource.jsonl.gz"), seeds)
    ufc = eligible(read_jsonl(shared / "eval" / "unifiedfc" / "docs.jsonl.gz"), seeds)
    syria = [r for r in ant if has_syria_cue(r)]
    other = [r for r in ant if not has_syria_cue(r)]
    print(
        f"ANT eligible {len(ant)} (Syria cue {len(syria)}, other {len(other)}); UnifiedFC eligible {len(ufc)}"
    )
    chosen = [("ANT", r) for r in rng.sample(syria, N_ANT_SYRIA) + rng.sample(other, N_ANT_OTHER)]
    chosen += [("UnifiedFC", r) for r in rng.sample(ufc, N_UFC)]
    return [dict({k: r[k] for k in FIELDS if k in r}, corpus=corpus) for corpus, r in chosen]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "tests" / "data" / "facet_dev_articles.jsonl"
    )
    args = parser.parse_args()
    articles = pick(args.shared)
    with open(args.out, "w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"wrote {len(articles)} articles to {args.out}")


if __name__ == "__main__":
    main()
