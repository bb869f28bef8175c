"""The same product on both backends: on the seeds and on the first 3,000 ANT articles,
every query of a fixed list finds the same number of articles with the same facet counts
and months on Whoosh and on OpenSearch, and the top 10 ids agree on at least 90% of them.

Scores differ by design (OpenSearch's BM25 idf is log(1 + (N - df + .5) / (df + .5)),
Whoosh's log(N / (df + 1)) + 1; Lucene keeps field lengths in one byte; a relaxed OR has
no coordination bonus), so a top 10 may differ where scores are close: the test prints
every difference.
"""

import gzip
import itertools

import pytest

from indexer.indexing.build import build_index
from indexer.indexing.documents import FACET_FIELDS
from searchapp.search.request import SearchRequest
from searchapp.search.service import SearchService, filters_of
from tests.opensearch_fixture import REPLICAS, SHARDS, backend_url
from tests.paths import SHARED

pytestmark = pytest.mark.slow

CORPUS = SHARED / "data" / "ant_multisource.jsonl.gz"
SLICE = 3_000
AGREEMENT = 0.9


def q(text, **options):
    return SearchRequest(q=text, **options)


QUERIES = [
    # Arabic words, any form
    q("سوريا"),
    q("حلب"),
    q("إدلب"),
    q("دمشق"),
    q("قصف"),
    q("هدنة"),
    q("مفاوضات"),
    q("اللاجئين"),
    q("الأسد"),
    q("روسيا"),
    q("غارات"),
    q("المعارضة"),
    q("الانتخابات"),
    q("النفط"),
    # names (entity expansion), phrases, exact words, titles
    q("داعش"),
    q("حزب الله"),
    q("دير الزور"),
    q("الأمم المتحدة"),
    q("قوات سوريا الديمقراطية"),
    q('"وقف إطلاق النار"'),
    q('"مجلس الأمن"'),
    q('"الجيش السوري"'),
    q("=القصف"),
    q("title:سوريا"),
    q("قصف حلب"),
    q("الطيران الروسي"),
    # prefixes
    q("مفاو*"),
    q("لاجئ*"),
    q("انتخاب*"),
    # OR, NOT, groups
    q("روسيا OR تركيا"),
    q("حلب أو إدلب"),
    q("الأسد -روسيا"),
    q("سوريا NOT داعش"),
    q("(حلب OR إدلب) غارات"),
    # filters, facets, dates, sort
    q("قصف", faction=("isis",)),
    q("غارات", governorate=("idlib-governorate",)),
    q("هجوم", governorate=("aleppo-governorate",)),
    q("سوريا", date_from="2017", date_to="2017-06"),
    q("date:2016"),
    q("حلب", sort="date"),
    q("", sort="date"),
    q("المعارضة", place=("aleppo-governorate",), faction=("fsa",)),
    # English names
    q("Aleppo"),
    q("Idlib"),
    q("Raqqa"),
    q("Damascus"),
    # relaxed (no article has every word) and free text
    q("سوريا كلمةغيرموجودةأبدا"),
    q("قصفت الطائرات الروسية مواقع المعارضة في ريف إدلب الجنوبي"),
    q("مؤتمر جنيف للسلام بين الحكومة والمعارضة السورية برعاية الأمم المتحدة"),
    q("تركيا تعلن بدء عملية عسكرية في شمال سوريا ضد المقاتلين الأكراد"),
]


def ant_slice(path):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, open(path, "w") as out:
        out.writelines(itertools.islice(source, SLICE))
    return path


@pytest.fixture(scope="module")
def ant_services(opensearch_cluster, tmp_path_factory):
    if not CORPUS.exists():
        pytest.skip(f"the ANT corpus is not at {CORPUS}")
    root = tmp_path_factory.mktemp("ant")
    articles = ant_slice(root / "ant3000.jsonl")
    url = backend_url(opensearch_cluster, "ant3000")
    whoosh = build_index([articles], root / "index", report=lambda e: None, jobs=1)
    opensearch = build_index(
        [articles], url, report=lambda e: None, shards=SHARDS, replicas=REPLICAS
    )
    assert (whoosh.added, whoosh.duplicates) == (opensearch.added, opensearch.duplicates)
    services = SearchService.open(root / "index"), SearchService.open(url)
    yield services
    for service in services:
        service.close()


@pytest.fixture(scope="module")
def seed_services(seed_index, seed_opensearch):
    services = SearchService.open(seed_index), SearchService.open(seed_opensearch)
    yield services
    for service in services:
        service.close()


def outcome(service, request):
    """What must be equal (total, every facet's counts, months, flags) and the top 10."""
    result = service.search(request)
    with service.backend.snapshot() as snapshot:
        found = service.find(snapshot, request, 1)
        query = None if found.parsed.empty else found.parsed.query
        counts = {f: snapshot.facet_counts(query, filters_of(request), f) for f in FACET_FIELDS}
    same = {
        "total": result.total,
        "relaxed": result.relaxed,
        "dropped": result.dropped,
        "suggestion": result.suggestion,
        "histogram": result.histogram,
        "facets": counts,
        "shown": {f: [(v.id, v.count) for v in vs] for f, vs in result.facets.items()},
    }
    return same, [hit.id for hit in result.hits]


def compare(services, queries):
    """(problems with what must be equal, [(query, whoosh top 10, opensearch top 10)])."""
    problems, differences = [], []
    for request in queries:
        (w_same, w_top), (o_same, o_top) = (outcome(s, request) for s in services)
        for key in w_same:
            if w_same[key] != o_same[key]:
                problems.append(f"{request}: {key} {w_same[key]!r} != {o_same[key]!r}")
        if set(w_top) != set(o_top):
            differences.append((request, w_top, o_top))
    return problems, differences


def report(differences, total):
    lines = [f"top-10 ids differ on {len(differences)} of {total} queries:"]
    for request, whoosh, opensearch in differences:
        lines.append(
            f"  {request.q!r} {filters_of(request)}: only Whoosh {sorted(set(whoosh) - set(opensearch))},"
            f" only OpenSearch {sorted(set(opensearch) - set(whoosh))}"
        )
    return "\n".join(lines)


def test_fifty_queries_on_3000_ant_articles(ant_services):
    assert len(QUERIES) == 50
    problems, differences = compare(ant_services, QUERIES)
    print(report(differences, len(QUERIES)))
    assert problems == []
    agreed = 1 - len(differences) / len(QUERIES)
    assert agreed >= AGREEMENT, report(differences, len(QUERIES))


def test_the_same_queries_on_the_seeds(seed_services):
    problems, differences = compare(seed_services, QUERIES)
    print(report(differences, len(QUERIES)))
    assert problems == []
    assert differences == [], report(differences, len(QUERIES))


def test_duplicates_and_did_you_mean_agree(ant_services):
    whoosh, opensearch = ant_services
    with whoosh.backend.snapshot() as w, opensearch.backend.snapshot() as o:
        assert w.doc_count == o.doc_count
        for word in ("سوريا", "حلب", "الاسد", "كلمةغيرموجودة"):
            assert w.count(word) == o.count(word)
        assert w.count_all(["سوريا", "حلب"]) == o.count_all(["سوريا", "حلب"])
        for prefix in ("مفاو", "لاج"):
            assert w.expand_prefix("exact", prefix, 100) == o.expand_prefix("exact", prefix, 100)
    for typo in ("إدلبب", "مفاوضاتت", "قوات النضام", "Alepo"):
        assert whoosh.search(q(typo)).suggestion == opensearch.search(q(typo)).suggestion
