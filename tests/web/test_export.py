"""Export writers, parsed back with the standard library."""

import csv
import io
import json
from xml.etree import ElementTree as ET

from searchapp.search.results import Hit
from searchapp.web.exports import atom_date, atom_feed, csv_lines, jsonl_lines, safe_cell


def entities(*ids):
    return [{"id": i, "ar": i, "en": i, "kind": ""} for i in ids]


ROWS = [
    Hit(
        id="a1",
        title='=HYPERLINK("http://evil")',
        date="2018-02-09",
        source="+cmd",
        url="javascript:alert(1)",
        score=1.5,
        snippet="",
        facets={"faction": entities("isis"), "place": [], "source": entities("-x")},
        text="نص <b>غامق</b>",
    ),
    Hit(
        id="a2",
        title="@SUM(A1)",
        date=None,
        source=None,
        url=None,
        score=0.0,
        snippet="",
        facets={"faction": [], "place": entities("idlib"), "source": []},
        text="",
    ),
]


def test_safe_cell_prefixes_formula_starts():
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@x", "\tx", "ok", None, ["a", "b"])] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "ok",
        "",
        "a;b",
    ]


def test_csv_round_trip_is_inert():
    rows = list(csv.DictReader(io.StringIO("".join(csv_lines(iter(ROWS))))))
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("http://evil")', "'@SUM(A1)"]
    assert (
        rows[0]["source"] == "'+cmd"
        and rows[0]["sources"] == "'-x"
        and rows[1]["places"] == "idlib"
    )


def test_jsonl_one_object_per_line_without_text():
    lines = "".join(jsonl_lines(iter(ROWS))).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a1", "a2"]
    first = json.loads(lines[0])
    assert "text" not in first and "snippets" not in first
    assert first["facets"]["faction"] == [{"id": "isis", "ar": "isis", "en": "isis", "kind": ""}]


def test_atom_is_well_formed_and_escaped():
    xml = atom_feed(
        ROWS, "<q>", "http://h/search.atom?q=%3Cq%3E", lambda i: f"http://h/articles/{i}"
    )
    feed = ET.fromstring(xml)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.find("a:title", ns).text == "Khabar: <q>"
    entry = feed.find("a:entry", ns)
    assert entry.find("a:link", ns).get("href") == "http://h/articles/a1"
    assert entry.find("a:summary", ns).text == "نص <b>غامق</b>"
    assert "<b>" not in xml and "javascript:" not in xml
    assert atom_date("2018-02") == "2018-02-01T00:00:00Z"
