"""Reading inputs: every format and encoding, the id rules, and bad input reported with
file, line and reason."""

import codecs
import gzip
import json
from pathlib import Path

import pytest

from indexer.errors import InputError
from indexer.inputs.encodings import decode, sniff_encoding
from indexer.inputs.readers import make_title, read_articles, stable_id
from tests.paths import FIXTURES

INPUTS, BAD = FIXTURES / "inputs", FIXTURES / "bad"


def read(paths):
    errors = []
    articles = {a.id: a for a in read_articles(paths, errors.append)}
    return articles, errors


@pytest.fixture(scope="module")
def fixture_articles():
    return read([INPUTS])


def where(errors):
    return sorted((Path(e.path).name, e.line, e.reason) for e in errors)


def test_every_format_and_encoding_is_read(fixture_articles):
    articles, _ = fixture_articles
    no_id = stable_id("بلا معرف", "خبر لا معرف له عن القنيطرة.")
    assert sorted(articles) == sorted(
        [
            "arr-1",
            "arr-2",
            "bom",
            "feed-1",
            no_id,
            "gz-1",
            "note",
            "plain",
            "single",
            "csv-1",
            "utf16",
            "windows",
        ]
    )


@pytest.mark.parametrize(
    "article_id, title, date",
    [
        ("plain", "قصف على ريف إدلب الجنوبي", "2018-03-03"),  # UTF-8, date in the text
        ("bom", "اشتباكات في حلب", "2016-11-20"),  # UTF-8 with BOM, ISO date in text
        ("utf16", "مساعدات إلى درعا", "2017-10-12"),  # UTF-16 BOM, Arabic-Indic digits
        ("windows", "أرشيف قديم من حمص", "2012-05-05"),  # Windows-1256
        ("note", "مذكرة من دير الزور", "2019-03-23"),  # Markdown front matter
        ("single", "خبر من الرقة", "2017-10-15"),  # one JSON object, d/m/y date
        ("arr-1", "خبر أول", "2018-01-05"),  # JSON array
        ("gz-1", "خبر مضغوط", "2018-06-01"),  # gzipped JSON lines
        ("csv-1", "عنوان من الجدول", "2018-09-09"),  # CSV with aliased columns
    ],
)
def test_titles_and_dates(fixture_articles, article_id, title, date):
    article = fixture_articles[0][article_id]
    assert (article.title, article.date) == (title, date)


def test_metadata_fields(fixture_articles):
    articles, _ = fixture_articles
    assert (articles["note"].source, articles["note"].url) == (
        "عنب بلدي",
        "https://example.org/note",
    )
    assert "الباغوز" in articles["note"].text and "---" not in articles["note"].text
    assert (articles["csv-1"].source, articles["csv-1"].url) == ("BBC", "https://example.org/c")
    assert articles["csv-1"].text == "نص من جدول عن الحسكة، فيه فاصلة"
    assert (articles["feed-1"].path, articles["feed-1"].line) == (str(INPUTS / "feed.jsonl"), 1)


def test_bad_records_reported_with_line_and_the_rest_read(fixture_articles):
    _, errors = fixture_articles
    assert where(errors) == [
        ("array.json", 3, "missing or empty 'text'"),
        ("feed.jsonl", 2, "broken JSON (Invalid control character at)"),
        ("feed.jsonl", 3, "missing or empty 'text'"),
        ("table.csv", 4, "missing or empty 'text'"),
    ]


def test_bad_files_reported_and_skipped():
    articles, errors = read([BAD, BAD / "image.png", FIXTURES / "missing"])
    assert articles == {}
    assert where(errors) == [
        ("broken.json", None, "broken JSON (Expecting value)"),
        ("empty.txt", None, "empty text"),
        ("image.png", None, "unsupported file type"),
        ("latin1.txt", None, "unknown encoding (not UTF-8, UTF-16 with BOM or Windows-1256)"),
        ("missing", None, "no such file or directory"),
        (
            "notext.csv",
            1,
            "CSV header has no text column (one of text, body, content, article, النص, نص)",
        ),
    ]


def test_stable_id_is_stable_and_text_dependent():
    assert stable_id("t", "نص") == stable_id("t", "نص") != stable_id("t", "نص آخر")


def test_truncated_gzip_reported(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(
        "".join(json.dumps({"id": f"a{n}", "text": "نص " * 50}) + "\n" for n in range(200)).encode()
    )
    path.write_bytes(data[: len(data) // 2])
    articles, errors = read([path])
    assert 0 < len(articles) < 200
    assert [e.reason.split(":")[0] for e in errors] == ["cannot read"]


@pytest.mark.parametrize(
    "data, codec",
    [
        ("خبر".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "خبر".encode(), "utf-8-sig"),
        ("خبر".encode("utf-16"), "utf-16"),
        ("خبر عاجل من حلب".encode("cp1256"), "cp1256"),
        (b"plain ascii", "utf-8"),
    ],
)
def test_sniff_encoding(data, codec):
    assert sniff_encoding(data) == codec


@pytest.mark.parametrize(
    "data", ["Ça a été dur, à Alep".encode("latin-1"), b"\x00\x01binary", b"\x81\x8d\x8f"]
)
def test_unknown_encodings_refused(data):
    with pytest.raises(InputError, match="unknown encoding"):
        decode(data)


def test_utf8_cut_mid_character_at_the_sample_edge_is_still_utf8():
    data = ("ح" * 40000).encode()  # 80,000 bytes: the 64 KiB sample ends inside no character
    assert sniff_encoding(data[:65535]) == "utf-8"


def test_make_title_cuts_long_first_lines():
    assert make_title("عنوان قصير\nنص") == "عنوان قصير"
    assert len(make_title("كلمة " * 100)) <= 121
