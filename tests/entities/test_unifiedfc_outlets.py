"""No outlet under two ids: the publishers and cited sources of the UnifiedFC documents (issue 18).

The 2,871 documents of ../shared/eval/unifiedfc/docs.jsonl.gz come from 788 web domains
(`source` = domain, `url`). Every publisher and source value extracted from them is resolved
to its outlet: a gazetteer entity by id, a new one by the domain it stands for; two ids that
share a web domain (or a parent domain) or a name are one outlet listed twice.
"""

import gzip
import json
from collections import defaultdict

import pytest

from indexer.entities.extract import extractor
from indexer.entities.matcher import name_key
from indexer.entities.publishers import host_of, parents
from tests.paths import ROOT

DOCS = ROOT.parent / "shared" / "eval" / "unifiedfc" / "docs.jsonl.gz"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outlets():
    """{facet: {id: entity}} over all documents."""
    if not DOCS.is_file():
        pytest.skip(f"{DOCS} not found (the shared evaluation folder sits next to the project)")
    ex = extractor(())
    found = {"publisher": {}, "source": {}}
    with gzip.open(DOCS, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            facets = ex.extract(doc.get("text") or "", "", doc.get("source"), doc.get("url"))
            for facet in found:
                for entity in facets[facet]:
                    found[facet].setdefault(entity.id, entity)
    return found


def outlet_keys(entity):
    """What tells an outlet: its domains (the id of a new one is its domain) and names."""
    keys = set()
    for domain in (*entity.extra.get("domains", ()), entity.id):
        host = host_of(domain)
        if host:
            keys.add(("domain", parents(host)[-1]))
    for name in entity.names():
        if name and not host_of(name):
            keys.add(("name", name_key(name)))
    return keys


def test_every_publisher_resolves_and_no_hashed_ids(outlets):
    ids = [i for facet in outlets.values() for i in facet]
    assert [i for i in ids if i.startswith("src-")] == []
    assert len(outlets["publisher"]) > 300  # one per outlet, of 788 domains


def test_no_outlet_under_two_ids(outlets):
    entities = {**outlets["source"], **outlets["publisher"]}
    by_key = defaultdict(set)
    for entity_id, entity in entities.items():
        for key in outlet_keys(entity):
            by_key[key].add(entity_id)
    twice = {key: sorted(ids) for key, ids in by_key.items() if len(ids) > 1}
    assert twice == {}


def test_known_outlets_by_domain(outlets):
    publishers = outlets["publisher"]
    for entity_id in ("aljazeera", "alarabiya", "smart", "enab-baladi", "cnn", "rt", "bbc"):
        assert entity_id in publishers
    assert not any(i.startswith("www.") or "aljazeera" in i for i in publishers if "." in i)
