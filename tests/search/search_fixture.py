"""A small index with hand-set facets (no extraction), for the search service's tests.

Facet ids are test-only entities from TEST_GAZETTEER, so the expected facet lists do
not move when the shipped gazetteers or the extractor change.
"""

import json

import pytest
from whoosh import index as whoosh_index

from indexer.whoosh_index.schema import make_schema

ENTITIES = [
    {
        "facet": "faction",
        "id": "t-fa",
        "ar": "الفصيل الأول",
        "en": "Faction A",
        "aliases_ar": ["جماعة ألف"],
    },
    {"facet": "faction", "id": "t-fb", "ar": "الفصيل الثاني", "en": "Faction B"},
    {"facet": "faction", "id": "t-fc", "ar": "الفصيل الثالث", "en": "Faction C"},
    {
        "facet": "place",
        "id": "t-g1",
        "ar": "المحافظة الأولى",
        "en": "Gov One",
        "kind": "governorate",
        "governorate": "t-g1",
    },
    {
        "facet": "place",
        "id": "t-g2",
        "ar": "المحافظة الثانية",
        "en": "Gov Two",
        "kind": "governorate",
        "governorate": "t-g2",
    },
    {
        "facet": "place",
        "id": "t-p1",
        "ar": "البلدة الأولى",
        "en": "Town One",
        "governorate": "t-g1",
    },
    {
        "facet": "place",
        "id": "t-p2",
        "ar": "البلدة الثانية",
        "en": "Town Two",
        "governorate": "t-g1",
    },
    {
        "facet": "place",
        "id": "t-p3",
        "ar": "البلدة الثالثة",
        "en": "Town Three",
        "governorate": "t-g2",
    },
    {"facet": "source", "id": "t-s1", "ar": "المصدر الأول", "en": "Source One"},
    {"facet": "source", "id": "t-s2", "ar": "المصدر الثاني", "en": "Source Two"},
]
GOVERNORATE = {"t-p1": "t-g1", "t-p2": "t-g1", "t-p3": "t-g2"}
# Who published each document (the `publisher` facet, from metadata): an outlet of the
# gazetteer, or one it lacks (by its web domain); the sources above are what the text cites.
PUBLISHERS = {"d1": "t-s2", "d2": "t-s1", "d3": "t-s2", "d4": "example.org", "d5": "t-s1"}
PUBLISHERS["d7"] = "t-s2"

# id, title, text, date, factions, places, sources
DOCS = [
    (
        "d1",
        "غارات على البلدة",
        "قصف الطيران الروسي أحياء المدينة، وسقط قتلى.",
        "2017-01-05",
        "t-fa",
        "t-p1",
        "t-s1",
    ),
    (
        "d2",
        "تقرير ميداني",
        "والقصف مستمر منذ الصباح؛ الطيران قصف السوق.",
        "2017-01-20",
        "t-fa,t-fb",
        "t-p2",
        "t-s1",
    ),
    ("d3", "معارك عنيفة", "تجدد القصف المدفعي على الأطراف.", "2017-02-03", "t-fb", "t-p3", "t-s2"),
    ("d4", "قصف وتهجير", "قصف عنيف على القرى! نزوح الأهالي.", "2017-03-10", "t-fc", "t-p1", "t-s2"),
    (
        "d5",
        "اتفاق هدنة",
        "أعلنت الهدنة في المنطقة؟ ووقع الطرفان الاتفاق.",
        "2017-03-11",
        "t-fa",
        "t-p3",
        "t-s1",
    ),
    (
        "d6",
        "خرق الهدنة",
        "خرق للهدنات بعد قصف ليلي على إدلب.",
        "2016-12-31",
        "t-fb",
        "t-p2",
        "t-s2",
    ),
    ("d7", "بلا تاريخ", "قصف في مكان ما.", "", "t-fa", "", "t-s1"),
]


def write_gazetteer(path):
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in ENTITIES) + "\n", "utf-8")
    return path


def fixture_documents(docs=DOCS):
    """The documents of `docs` as an index stores them (hand-set facets, no extraction)."""
    out = []
    for doc_id, title, text, date, factions, places, sources in docs:
        governorates = sorted({GOVERNORATE[p] for p in places.split(",") if p})
        out.append(
            {
                "id": doc_id,
                "title": title,
                "text": text,
                "exact": f"{title}\n{text}",
                "date": date,
                "month": date[:7],
                "origin": "test",
                "url": f"https://example.org/{doc_id}",
                "faction": factions,
                "place": places,
                "source": sources,
                "publisher": PUBLISHERS.get(doc_id, ""),
                "governorate": ",".join(governorates),
                "path": doc_id,
                "hash": doc_id,
            }
        )
    return out


def build_fixture_index(index_dir, docs=DOCS):
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(index_dir, make_schema())
    with ix.writer() as writer:
        for document in fixture_documents(docs):
            writer.add_document(**document)
    return index_dir


@pytest.fixture(scope="session")
def fixture_paths(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-fixture")
    return build_fixture_index(root / "index"), write_gazetteer(root / "gazetteer.jsonl")


@pytest.fixture(scope="session")
def fixture_location(backend, fixture_paths, request):
    """Where the fixture corpus is indexed for this backend: the Whoosh directory, or an
    OpenSearch URL on the session cluster (tests/opensearch_fixture.py)."""
    if backend == "whoosh":
        return fixture_paths[0]
    return request.getfixturevalue("fixture_opensearch")


@pytest.fixture(scope="session")
def service(fixture_location, fixture_paths):
    from searchapp.search.service import SearchService

    opened = SearchService.open(fixture_location, (str(fixture_paths[1]),))
    yield opened
    opened.close()


@pytest.fixture()
def fixture_client(fixture_location, fixture_paths):
    from searchapp.web.app import create_app

    app = create_app(
        {
            "TESTING": True,
            **location_config(fixture_location),
            "GAZETTEERS": (str(fixture_paths[1]),),
        }
    )
    yield app.test_client()
    service = app.extensions.get("khabar.service")
    if service is not None:
        service.close()


def location_config(location):
    """App settings for an index location: INDEX for a directory, BACKEND for a URL."""
    if str(location).startswith("opensearch+"):
        return {"BACKEND": str(location)}
    return {"INDEX": str(location)}


def ids(result):
    return [hit.id for hit in result.hits]
