"""The shipped gazetteers: coverage, shape, relations, and a user's extension file."""

import json
import re
from collections import Counter

import pytest

from indexer.entities.extract import Extractor
from indexer.entities.gazetteer import load_gazetteer
from indexer.entities.matcher import name_key
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
    assert kinds["city"] >= 50  # the community that bears its district's name
    assert kinds["neighbourhood"] >= 300
    assert kinds["region"] >= 10  # الغوطة الشرقية، القلمون، سهل الغاب ...


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


BAD_EN_SHAPES = {
    "governorate prefix": re.compile(r"\s:\s"),
    "parenthesis": re.compile(r"[()]"),
    "unit word": re.compile(r"(?i)\b(nahiyah|mantiqah)\b"),
    "capitals": re.compile(r"\b[A-Z]{3,}\b"),
    "not ASCII": re.compile(r"[^\x00-\x7f]"),
    "lower-case start": re.compile(r"^[a-z]"),
}


def test_english_place_names_read_as_a_reader_expects(gaz):
    places = [e for e in gaz.entities("place") if e.inside_syria and e.kind != "country"]
    bad = {
        shape: [e.en for e in places if pattern.search(e.en)][:5]
        for shape, pattern in BAD_EN_SHAPES.items()
    }
    assert bad == {shape: [] for shape in BAD_EN_SHAPES}
    assert [e.en for e in places if not e.en] == []
    assert gaz.get("place", "kx-67").en == "Eastern Ghouta"
    assert gaz.get("place", "sa-4315").en == "Kafraya"
    assert gaz.get("place", "raqqa-governorate").en == "Raqqa"
    # a hand-written place merged with a source's record is named as the news names it
    tabqa = gaz.get("place", "sa-2271")
    assert (tabqa.ar, tabqa.en, "الثورة" in tabqa.aliases_ar) == ("الطبقة", "Al-Tabqa", True)


def test_arabic_place_names_are_arabic(gaz):
    """No Persian or Kurdish spelling as a name (GeoNames gave Yarmouk camp 'اردوگاه یرموک')."""
    foreign = re.compile("[\u0671-\u06ff]")
    assert [
        e.ar for e in gaz.entities("place") if foreign.search(" ".join((e.ar, *e.aliases_ar)))
    ] == []


def test_one_entity_per_place(gaz):
    """Sources repeat places under other shapes; each place is one entity."""
    named = Counter(
        (e.ar, e.governorate) for e in gaz.entities("place") if e.kind in ("region", "city")
    )
    assert [k for k, n in named.items() if n > 1] == []
    ghoutas = [e.id for e in gaz.entities("place") if "Ghouta" in e.en]
    assert sorted(ghoutas) == ["kx-67", "kx-68"]  # Eastern and Western
    camp = [e for e in gaz.entities("place") if e.en == "Yarmouk Camp"]
    assert [(e.ar, e.governorate) for e in camp] == [("مخيم اليرموك", "damascus-governorate")]
    units = {
        (name_key(e.ar), e.governorate)
        for e in gaz.entities("place")
        if e.kind in ("governorate", "district", "subdistrict", "city")
    }
    minor = [
        e.ar
        for e in gaz.entities("place")
        if e.kind in ("site", "neighbourhood", "town")
        and (name_key(re.sub("^(مدينة|ناحية) ", "", e.ar)), e.governorate) in units
    ]
    assert minor == []  # no 'مدينة حمص' site beside the city, no old 'الرقة' neighbourhood


def test_labels_tell_places_of_one_name_apart(gaz):
    labels = {
        e.id: (e.label_ar, e.label_en)
        for e in gaz.entities("place")
        if e.ar == "إدلب" or e.id in ("sa-2921", "sa-4268")
    }
    assert labels == {
        "idlib-governorate": ("محافظة إدلب", "Idlib Governorate"),
        "sy0700": ("منطقة إدلب", "Idlib District"),
        "sa-4295": ("مدينة إدلب", "Idlib city"),
        "sa-2921": ("المستريحة (حماة)", "Mustariha (Hama)"),
        "sa-4268": ("المستريحة (إدلب)", "Mustariha (Idlib)"),
    }
    syrian = [e for e in gaz.entities("place") if e.inside_syria and e.kind != "country"]
    shared = Counter(e.label_ar for e in syrian)
    assert [label for label, n in shared.items() if n > 1] == []
    assert gaz.get("place", "kx-67").to_json()["label_en"] == "Eastern Ghouta"  # unshared name
