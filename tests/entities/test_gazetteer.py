"""The shipped gazetteers: coverage, shape, relations, and a user's extension file."""

import json
import re
from collections import Counter

import pytest

from indexer.entities.extract import Extractor
from indexer.entities.gazetteer import load_gazetteer
from indexer.errors import DataFileError

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(())


def test_faction_and_source_counts(gaz):
    assert len(list(gaz.entities("faction"))) >= 150
    assert len(list(gaz.entities("source"))) >= 80


def test_faction_kinds_cover_the_war(gaz):
    kinds = Counter(e.kind for e in gaz.entities("faction"))
    assert set(kinds) == {
        "rebel",
        "islamist",
        "jihadist",
        "government",
        "foreign",
        "kurdish",
        "militia",
    }


def test_place_levels_of_the_administrative_tree(gaz):
    kinds = Counter(e.kind for e in gaz.entities("place"))
    assert kinds["governorate"] == 14
    assert kinds["district"] >= 60
    assert kinds["subdistrict"] >= 265
    assert kinds["community"] >= 5000
    assert kinds["neighbourhood"] >= 400


def test_every_syrian_place_knows_its_governorate_and_coordinates(gaz):
    governorates = {e.id for e in gaz.entities("place") if e.kind == "governorate"}
    inside = [e for e in gaz.entities("place") if e.inside_syria and e.kind != "country"]
    assert all(e.governorate in governorates for e in inside)
    located = [e for e in inside if e.extra.get("lat") is not None]
    assert len(located) / len(inside) > 0.98


def test_places_abroad_are_marked(gaz):
    assert gaz.get("place", "ankara").inside_syria is False
    assert gaz.get("place", "ankara").to_json()["inside_syria"] is False
    assert gaz.get("place", "idlib-governorate").inside_syria is True


def test_ids_are_ascii_slugs_and_unique(gaz):
    for facet in ("faction", "source"):
        entity_ids = [e.id for e in gaz.entities(facet)]
        assert all(SLUG_RE.match(i) for i in entity_ids), facet
    assert all(SLUG_RE.match(e.id) for e in gaz.entities("place"))


def test_renamings_are_relations_between_entities(gaz):
    nusra = gaz.get("faction", "nusra-front")
    jfs = gaz.get("faction", "jabhat-fatah-al-sham")
    assert nusra.extra["relations"]["renamed_to"] == ["jabhat-fatah-al-sham"]
    assert jfs.extra["relations"]["merged_into"] == ["hts"]
    assert "jabhat-fatah-al-sham" in gaz.get("faction", "hts").extra["relations"]["formed_from"]


def test_every_relation_points_to_a_faction(gaz):
    for entity in gaz.entities("faction"):
        for targets in entity.extra.get("relations", {}).values():
            assert all(gaz.get("faction", t) for t in targets), entity.id


def test_to_json_contract(gaz):
    place = gaz.get("place", "idlib-governorate").to_json()
    assert {k: place[k] for k in ("id", "ar", "en", "kind", "governorate")} == {
        "id": "idlib-governorate",
        "ar": "إدلب",
        "en": "Idlib",
        "kind": "governorate",
        "governorate": "idlib-governorate",
    }
    isis = gaz.get("faction", "isis").to_json()
    assert {"داعش", "تنظيم الدولة", "ISIS"} <= set(isis["aliases"])


def test_user_gazetteer_extends_the_shipped_one(tmp_path):
    user = tmp_path / "mine.jsonl"
    user.write_text(
        json.dumps(
            {
                "facet": "faction",
                "id": "liwa-test",
                "ar": "لواء الاختبار",
                "en": "Test Brigade",
                "kind": "rebel",
            },
            ensure_ascii=False,
        )
        + "\n",
        "utf-8",
    )
    extractor = Extractor(load_gazetteer((str(user),)))
    found = extractor.extract("أعلن لواء الاختبار وجبهة النصرة")["faction"]
    assert [e.id for e in found] == ["liwa-test", "nusra-front"]


def test_bad_user_gazetteer_is_a_named_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"facet": "faction", "ar": "no id"}\n', "utf-8")
    with pytest.raises(DataFileError, match="bad.jsonl:1"):
        load_gazetteer((str(bad),))
