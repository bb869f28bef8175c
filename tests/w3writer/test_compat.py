"""compat.py: the check of the installed Whoosh at import, and the fallback its error names
(KHABAR_WRITER=whoosh, indexer/whoosh_index/store.py)."""

import ast
import importlib
import json
import re
import struct
import sys
import types

import pytest
import whoosh
from whoosh.codec.whoosh3 import W3PostingsWriter
from whoosh.filedb.filetables import OrderedHashWriter
from whoosh.writing import PostingPool, SegmentWriter

from indexer.errors import UnknownWriterError, WhooshCompatibilityError
from indexer.indexing import build
from indexer.indexing.build import build_index
from indexer.w3writer import compat
from indexer.w3writer.compat import REQUIRED, Name, check_whoosh, problems
from indexer.w3writer.posting_pool import LeanFieldWriter, LeanPool, LeanPostingsWriter
from indexer.w3writer.term_index import TermIndexWriter
from indexer.w3writer.writer import KhabarWriter
from indexer.whoosh_index.store import open_index, writer_class
from searchapp.cli import cli
from tests import paths

W3WRITER = paths.ROOT / "indexer" / "w3writer"
SOURCES = [
    *sorted(W3WRITER.glob("*.py")),
    paths.ROOT / "indexer" / "whoosh_index" / "store.py",
    paths.ROOT / "indexer" / "indexing" / "whoosh_store.py",
    paths.ROOT / "indexer" / "indexing" / "workers.py",
]
# Private names our own code defines; every other one it reaches is Whoosh's and must be
# in compat.REQUIRED.
OWN = {
    "writer.py": {
        "_plans",
        "_schema_ok",
        "_fast_schema",
        "_plan",
        "_analyze",
        "_set_length",
        "_fast_flush",
    },
    "field_postings.py": {"_weights"},
    "workers.py": {"_exit"},  # os._exit
}


def test_the_installed_whoosh_fits():
    assert problems(whoosh.__version__) == []
    check_whoosh()


def test_another_whoosh_version_is_named():
    assert problems((3, 55, 0)) == [
        "whoosh3 3.55.0 is not 3.54.x (the version the writer was written for)"
    ]
    assert problems((3, 54, 2)) == []


def without(cls, *names, **replace):
    """A stand-in for `cls` as a Whoosh release might have it: `names` gone, others replaced."""
    gone = {*names, "__dict__", "__weakref__"}
    body = {k: v for k, v in vars(cls).items() if k not in gone}
    return type(cls.__name__, cls.__bases__, {**body, **replace})


def loader(**fakes):
    """import_module, except for the modules in `fakes` (None: cannot be imported)."""

    def load(module):
        key = module.replace(".", "_")
        if key in fakes:
            if fakes[key] is None:
                raise ModuleNotFoundError(module)
            return fakes[key]
        return importlib.import_module(module)

    return load


def module(name, **attrs):
    fake = types.ModuleType(name)
    fake.__dict__.update(attrs)
    return fake


def test_a_renamed_override_is_named():
    """Were _flush_segment renamed, KhabarWriter's override would never run: no postings."""

    def _finalize_segment(self):
        self._write_segment()
        self._close_segment()

    fake = without(SegmentWriter, "_flush_segment", _finalize_segment=_finalize_segment)
    found = problems(
        whoosh.__version__, load=loader(whoosh_writing=module("w", SegmentWriter=fake))
    )
    assert found == [
        "whoosh.writing.SegmentWriter._flush_segment is missing",
        "whoosh.writing.SegmentWriter._finalize_segment no longer uses _flush_segment",
    ]


def test_a_method_become_something_else_and_a_missing_parameter_are_named():
    def __init__(self, ix, lock=True, limitmb=128):
        pass

    fake = without(SegmentWriter, _check_state=property(lambda self: None), __init__=__init__)
    found = problems(
        whoosh.__version__, load=loader(whoosh_writing=module("w", SegmentWriter=fake))
    )
    assert found == [
        "whoosh.writing.SegmentWriter.__init__ no longer uses _lk",
        "whoosh.writing.SegmentWriter._check_state is not a function",
    ]


def test_an_attribute_the_class_no_longer_sets_is_named():
    class W3PostingsWriterLater(W3PostingsWriter.__bases__[0]):
        def __init__(self, postfile, blocklimit=128):
            self._postfile, self._limit = postfile, blocklimit
            self._docids, self._weights, self._values = [], [], []
            self._maxweight, self._minlength, self._maxlength = 0, None, 0

        def _write_block(self, last=False):
            pass

    codec = importlib.import_module("whoosh.codec.whoosh3")
    fake = module("w3", **{**vars(codec), "W3PostingsWriter": W3PostingsWriterLater})
    found = problems(whoosh.__version__, load=loader(whoosh_codec_whoosh3=fake))
    assert found == [
        "whoosh.codec.whoosh3.W3PostingsWriter._ids: no such attribute",
        "whoosh.codec.whoosh3.W3PostingsWriter._blocklimit: no such attribute",
    ]


def test_a_changed_file_format_a_missing_class_and_a_missing_module_are_named():
    tables = importlib.import_module("whoosh.filedb.filetables")
    fake_tables = module("t", **{**vars(tables), "_lengths": struct.Struct("!iq")})
    columns = importlib.import_module("whoosh.columns")
    fake_columns = module(
        "c", **{k: v for k, v in vars(columns).items() if k != "WrappedColumnWriter"}
    )
    found = problems(
        whoosh.__version__,
        load=loader(
            whoosh_filedb_filetables=fake_tables,
            whoosh_columns=fake_columns,
            whoosh_codec_whoosh3=None,
        ),
    )
    w3 = [n for n in REQUIRED if n.module == "whoosh.codec.whoosh3"]
    assert found.count("whoosh.codec.whoosh3 cannot be imported") == len(w3) > 10
    assert [f for f in found if "cannot be imported" not in f] == [
        "whoosh.filedb.filetables._lengths is not struct '!ii'",
        "whoosh.columns.WrappedColumnWriter._child: WrappedColumnWriter is not a class",
    ]


def test_a_class_kind_is_checked():
    name = Name("whoosh.writing", "PostingPool", "class", "posting_pool.py")
    assert problems(whoosh.__version__, [name]) == []
    fake = module("w", PostingPool=lambda *a: None)
    assert problems(whoosh.__version__, [name], loader(whoosh_writing=fake)) == [
        "whoosh.writing.PostingPool is not a class"
    ]


def test_the_error_says_what_differs_and_how_to_index_anyway(monkeypatch):
    monkeypatch.setattr(whoosh, "__version__", (3, 60, 1))
    with pytest.raises(WhooshCompatibilityError) as caught:
        check_whoosh()
    message = str(caught.value)
    assert "whoosh3 3.60.1 is not 3.54.x" in message
    assert "KHABAR_WRITER=whoosh" in message and "whoosh3~=3.54.0" in message


def private_names(path):
    """Private names (not dunders) a source file reaches: attributes, getattr/hasattr
    strings, methods and parameters it defines or passes, names it imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.keyword) and node.arg:
            names.add(node.arg)
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.name for alias in node.names}
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in ("getattr", "hasattr")
            and isinstance(node.args[1], ast.Constant)
        ):
            names.add(node.args[1].value)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def test_every_private_whoosh_name_the_writer_reaches_is_checked():
    declared = set()
    for name in REQUIRED:
        declared.add(name.path.rsplit(".", 1)[-1])
        declared |= {e for e in name.expect.split(",") if e.startswith("_")}
    for path in SOURCES:
        unchecked = private_names(path) - OWN.get(path.name, set()) - declared
        assert unchecked == set(), f"{path.name}: add these to compat.REQUIRED and README.md"


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (KhabarWriter, SegmentWriter),
        (LeanPool, PostingPool),
        (LeanPostingsWriter, W3PostingsWriter),
        (LeanFieldWriter, LeanFieldWriter.__bases__[0]),
        (TermIndexWriter, OrderedHashWriter),
    ],
)
def test_our_own_private_names_do_not_override_whoosh_by_accident(ours, theirs):
    """A private name we add to a Whoosh subclass must not be one Whoosh uses itself."""
    own = {n for n in vars(ours) if n.startswith("_") and not n.startswith("__")}
    own |= OWN.get("writer.py", set()) if ours is KhabarWriter else set()
    overrides = {n.path.rsplit(".", 1)[-1] for n in REQUIRED if n.kind == "method"}
    assert (own - overrides) & compat.class_code_names(theirs) == set()


def readme_names():
    """The names in README.md's table of what compat.py checks."""
    text = (W3WRITER / "README.md").read_text(encoding="utf-8")
    section = text.split("### Checked at import", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| `([^`]+)`", section, re.M)


def test_the_readme_lists_exactly_what_is_checked():
    listed = readme_names()
    assert sorted(listed) == sorted({n.path for n in REQUIRED})


# The switch: KHABAR_WRITER


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, KhabarWriter),
        ("", KhabarWriter),
        ("khabar", KhabarWriter),
        (" Whoosh ", SegmentWriter),
    ],
)
def test_khabar_writer_chooses_the_class(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("KHABAR_WRITER", raising=False)
    else:
        monkeypatch.setenv("KHABAR_WRITER", value)
    assert writer_class() is expected


def test_an_unknown_writer_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("KHABAR_WRITER", "lucene")
    with pytest.raises(UnknownWriterError, match="'khabar' or 'whoosh'"):
        writer_class()
    with pytest.raises(UnknownWriterError):
        build_index([paths.SEEDS], tmp_path / "ix", report=lambda e: None)
    assert not (tmp_path / "ix").exists()  # stopped before the index was touched


@pytest.fixture()
def other_whoosh(monkeypatch):
    """As if another Whoosh were installed: indexer.w3writer is forgotten (imported again
    on next use, where its check fails); restored afterwards."""
    monkeypatch.setattr(whoosh, "__version__", (3, 55, 0))
    for name in [m for m in sys.modules if m.startswith("indexer.w3writer")]:
        monkeypatch.delitem(sys.modules, name)


def feed(tmp_path, n=40):
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": f"a{i}", "title": f"خبر {i}", "text": f"قصفت الطائرات مدينة حلب اليوم {i}"}
        for i in range(n)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def test_with_another_whoosh_the_default_writer_stops_and_says_why(
    tmp_path, monkeypatch, runner, other_whoosh
):
    monkeypatch.delenv("KHABAR_WRITER", raising=False)
    with pytest.raises(WhooshCompatibilityError, match="KHABAR_WRITER=whoosh"):
        build_index([feed(tmp_path)], tmp_path / "ix", report=lambda e: None)
    failed = runner.invoke(cli, ["index", str(feed(tmp_path)), "--index", str(tmp_path / "ix")])
    assert failed.exit_code == 1 and "Set KHABAR_WRITER=whoosh" in failed.output
    assert "3.55.0 is not 3.54.x" in failed.output
    assert not (tmp_path / "ix").exists()  # stopped before the index was touched


def test_with_another_whoosh_the_fallback_indexes_without_importing_the_writer(
    tmp_path, monkeypatch, other_whoosh
):
    monkeypatch.setattr(build, "SMALL", 8)  # through worker processes too
    monkeypatch.setattr(build, "BATCH", 4)
    monkeypatch.setenv("KHABAR_WRITER", "whoosh")
    stats = build_index([feed(tmp_path)], tmp_path / "ix", report=lambda e: None, jobs=2)
    assert stats.added == 40
    assert not [m for m in sys.modules if m.startswith("indexer.w3writer")]  # never imported
    with open_index(tmp_path / "ix").searcher() as searcher:
        assert searcher.doc_count() == 40
        assert len(list(searcher.postings("text", "حلب").all_ids())) == 40
