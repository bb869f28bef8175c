"""`make bench-search`: latency of a full results page vs a bare Whoosh top-10 search.

Indexes ../shared/data/ant_multisource.jsonl.gz once (reusing var/bench/index from
`make bench-index` or our own var/bench/search-index), then runs QUERIES in-process:
the full page is `SearchService.search` (top 10, facets, snippets, histogram, through
the same searcher pool the web app uses); the bare search is `searcher.search(q,
limit=10)` with Whoosh's QueryParser on the text field. Prints p50/p95/p99 of both.
`--times 4` also builds an index of the corpus repeated four times under new ids.
"""

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from indexer.indexing.build import build_index
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "ant_multisource.jsonl.gz"
WORDS = [
    "سوريا",
    "إدلب",
    "حلب",
    "دمشق",
    "قصف",
    "هدنة",
    "مفاوضات",
    "جنيف",
    "اللاجئين",
    "الأسد",
    "روسيا",
    "تركيا",
    "الأكراد",
    "داعش",
    "النصرة",
    "غارات",
    "المعارضة",
    "الرقة",
    "درعا",
    "حمص",
    "كيماوي",
    "الغوطة",
    "إيران",
    "حزب الله",
    "قوات سوريا الديمقراطية",
    "منبج",
    "عفرين",
    "الجيش الحر",
    "مجلس الأمن",
    "الأمم المتحدة",
    "وقف إطلاق النار",
    "مقتل مدنيين",
    "الطيران الروسي",
    "اتفاق أستانا",
    "دير الزور",
    "الحدود التركية",
    "البرلمان",
    "الانتخابات",
    "النفط",
    "الاقتصاد",
    "كرة القدم",
    "المنتخب",
    "الفن",
    "مصر",
    "العراق",
    "لبنان",
    "ترامب",
    "بوتين",
    "أردوغان",
    "الولايات المتحدة",
]
QUERIES = [SearchRequest(q=w) for w in WORDS] + [
    SearchRequest(q='"وقف إطلاق النار"'),
    SearchRequest(q='"الجيش السوري"'),
    SearchRequest(q="قصف", faction=("isis",)),
    SearchRequest(q="غارات", place=("idlib-governorate",)),
    SearchRequest(q="سوريا", source=("reuters",)),
    SearchRequest(q="هجوم", governorate=("aleppo-governorate",)),
    SearchRequest(q="مفاو*"),
    SearchRequest(q="روسيا OR تركيا"),
    SearchRequest(q="الأسد -روسيا"),
    SearchRequest(q="حلب", sort="date"),
    SearchRequest(q="داعش", date_from="2017", date_to="2017-06"),
]
# Misspellings (did-you-mean from the spelling table), real-word slips, English names misspelt.
TYPOS = [
    SearchRequest(q=q)
    for q in (
        "إدلبب",
        "حلبب",
        "مفاوضاتت",
        "الاسدد",
        "المعارضهه",
        "اللاجئيين",
        "دمشقق",
        "الذعيم",
        "قوات النضام",
        "النضام السوري",
        "مجلس الامن الدولى",
        "Alepo",
        "Idlb",
        "Damascuss",
        "Deir ez Zorr",
        "Raqa",
    )
]


def ensure_index(times):
    for candidate in (
        [ROOT / "var/bench/index", ROOT / "var/bench/search-index"]
        if times == 1
        else [ROOT / f"var/bench/search-index-x{times}"]
    ):
        if whoosh_index.exists_in(candidate):
            return candidate
    target = ROOT / ("var/bench/search-index" if times == 1 else f"var/bench/search-index-x{times}")
    source = CORPUS if times == 1 else repeated_corpus(times)
    print(f"indexing {source} into {target} (once)", flush=True)
    build_index([source], target, report=lambda error: None)
    return target


def repeated_corpus(times):
    """The corpus written `times` times with new ids, as a .jsonl.gz beside the index.

    Each copy's text ends with its copy number, so that the indexer's duplicate check
    (same text under another id) does not collapse the copies back to one."""
    out = ROOT / f"var/bench/ant_x{times}.jsonl.gz"
    if not out.exists():
        with gzip.open(CORPUS, "rt", encoding="utf-8") as src:
            records = [json.loads(line) for line in src if line.strip()]
        with gzip.open(out, "wt", encoding="utf-8") as dst:
            for n in range(times):
                for record in records:
                    copy = {**record, "id": f"{record['id']}~{n}"}
                    if record.get("text"):
                        copy["text"] = f"{record['text']}\n({n})"
                    dst.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return out


def percentiles(samples):
    ordered = sorted(samples)
    pick = lambda p: ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
    return {"p50": pick(50), "p95": pick(95), "p99": pick(99), "mean": statistics.fmean(ordered)}


def timed(fn, rounds, queries=QUERIES):
    samples = []
    for _ in range(rounds):
        for item in queries:
            started = time.perf_counter()
            fn(item)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def bench(index_dir, rounds):
    service = SearchService.open(index_dir)
    ix = whoosh_index.open_dir(index_dir)
    parser = QueryParser("text", ix.schema)
    phrase_parser = QueryParser("exact", ix.schema)  # only `exact` keeps positions
    with ix.searcher() as searcher:

        def bare(request):
            chosen = phrase_parser if '"' in request.q else parser
            return searcher.search(chosen.parse(request.q), limit=10).scored_length()

        def full(request):
            return service.search(request).total

        for item in (
            QUERIES + TYPOS
        ):  # warm caches (facet columns, analyzers, spelling table), untimed
            full(item), bare(item)
        samples = {}
        for _ in range(
            rounds
        ):  # interleaved, so that a drift of the machine's speed hits each alike
            for name, fn, queries in (
                ("full page", full, QUERIES),
                ("bare whoosh", bare, QUERIES),
                ("typos", full, TYPOS),
            ):
                samples.setdefault(name, []).extend(timed(fn, 1, queries))
    print(
        f"{ix.doc_count()} articles, {len(QUERIES)} queries + {len(TYPOS)} typos x {rounds} rounds"
    )
    for name, values in samples.items():
        stats = percentiles(values)
        print(
            f"  {name:12s} p50 {stats['p50']:6.1f} ms  p95 {stats['p95']:6.1f} ms  "
            f"p99 {stats['p99']:6.1f} ms  mean {stats['mean']:6.1f} ms"
        )
    full, bare, typos = (percentiles(samples[k]) for k in ("full page", "bare whoosh", "typos"))
    print(f"  full/bare at p95: {full['p95'] / bare['p95']:.2f}x")
    print(f"  typos/full page at p95: {typos['p95'] / full['p95']:.2f}x (target <= 2x)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--times", type=int, default=1, help="corpus multiple (4 for the 4x run)")
    args = parser.parse_args()
    bench(ensure_index(args.times), args.rounds)


if __name__ == "__main__":
    main()
