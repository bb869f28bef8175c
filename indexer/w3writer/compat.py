"""The Whoosh internals KhabarWriter relies on, checked when indexer.w3writer is imported.

The writer subclasses Whoosh classes, reads and sets their private attributes, overrides
private methods and writes Whoosh's posting blocks and term rows itself (README.md says
why, name by name). A Whoosh release may change any of these without notice: some
changes would make the writer fail, others would make it slower without a word, and an
override Whoosh no longer calls (`_flush_segment`) would write no postings at all. So
importing the package compares the installed Whoosh with WHOOSH_SERIES and REQUIRED and
raises WhooshCompatibilityError naming what differs; `KHABAR_WRITER=whoosh` then indexes
with Whoosh's own writer (indexer/whoosh_index/store.py).

    problems((3, 54, 0))  -> []
    problems((3, 55, 0))  -> ['whoosh3 3.55.0 is not 3.54.x (the version the writer was ...']
"""

import importlib
import inspect
import struct
from typing import NamedTuple

from indexer.errors import WhooshCompatibilityError

WHOOSH_SERIES = (3, 54)  # setup.cfg pins whoosh3~=3.54.0
MISSING = object()


class Name(NamedTuple):
    """One Whoosh name the writer needs: `path` in `module`, of `kind`:

    - "class": a class;
    - "method": a function on a class; `expect`: names its code must still use (a
      method our override relies on being called, a parameter);
    - "attribute": an instance attribute the class's own code sets or reads (found in
      its methods' bytecode: no instance is built);
    - "struct": a struct.Struct whose format is `expect`.
    """

    module: str
    path: str
    kind: str
    used_in: str  # our files that rely on it
    expect: str = ""


WRITING, W3, TABLES, COLUMNS = (
    "whoosh.writing",
    "whoosh.codec.whoosh3",
    "whoosh.filedb.filetables",
    "whoosh.columns",
)
REQUIRED = (
    # KhabarWriter (writer.py), and the commit of worker segments (store.py, workers.py)
    Name(WRITING, "SegmentWriter.__init__", "method", "workers.py", "_lk"),
    Name(WRITING, "SegmentWriter._tempstorage", "attribute", "writer.py"),
    Name(WRITING, "SegmentWriter._check_state", "method", "writer.py"),
    Name(WRITING, "SegmentWriter._check_fields", "method", "writer.py"),
    Name(WRITING, "SegmentWriter._added", "attribute", "writer.py, store.py"),
    Name(WRITING, "SegmentWriter._flush_segment", "method", "writer.py"),
    Name(
        WRITING,
        "SegmentWriter._finalize_segment",
        "method",
        "store.py, workers.py",
        "_flush_segment",
    ),
    Name(WRITING, "SegmentWriter.commit", "method", "writer.py", "_finalize_segment"),
    Name(WRITING, "SegmentWriter._merge_segments", "method", "store.py"),
    Name(WRITING, "SegmentWriter._close_segment", "method", "store.py, workers.py"),
    Name(WRITING, "SegmentWriter._commit_toc", "method", "store.py"),
    Name(WRITING, "SegmentWriter._finish", "method", "store.py"),
    # the codec's settings (writer.py, posting_pool.py, posting_blocks.py)
    Name(W3, "W3Codec._blocklimit", "attribute", "posting_pool.py, posting_blocks.py"),
    Name(W3, "W3Codec._compression", "attribute", "posting_pool.py, posting_blocks.py"),
    Name(W3, "W3Codec._inlinelimit", "attribute", "writer.py, posting_pool.py"),
    # the field writer (posting_pool.py, posting_blocks.py)
    Name(W3, "W3FieldWriter.__init__", "method", "posting_pool.py", "OrderedHashWriter,_tindex"),
    Name(W3, "W3FieldWriter._tindex", "attribute", "posting_pool.py, posting_blocks.py"),
    Name(W3, "W3FieldWriter._codec", "attribute", "posting_pool.py"),
    Name(W3, "W3FieldWriter._postwriter", "attribute", "posting_pool.py"),
    Name(W3, "W3FieldWriter._postfile", "attribute", "posting_pool.py, posting_blocks.py"),
    Name(W3, "W3FieldWriter._fieldid", "attribute", "posting_blocks.py"),
    # the postings writer (posting_pool.py; posting_blocks.py writes its blocks itself)
    Name(W3, "W3PostingsWriter._write_block", "method", "posting_pool.py, posting_blocks.py"),
    Name(W3, "W3PostingsWriter._ids", "attribute", "posting_pool.py"),
    Name(W3, "W3PostingsWriter._weights", "attribute", "posting_pool.py"),
    Name(W3, "W3PostingsWriter._values", "attribute", "posting_pool.py"),
    Name(W3, "W3PostingsWriter._maxweight", "attribute", "posting_pool.py"),
    Name(W3, "W3PostingsWriter._minlength", "attribute", "posting_pool.py"),
    Name(W3, "W3PostingsWriter._maxlength", "attribute", "posting_pool.py"),
    Name(W3, "W3PostingsWriter._blocklimit", "attribute", "posting_pool.py"),
    Name(W3, "W3TermInfo._struct", "struct", "posting_blocks.py", "!BfIBBfII"),
    # the term index (term_index.py)
    Name(TABLES, "HashWriter._write_hashes", "method", "term_index.py"),
    Name(TABLES, "HashWriter.close", "method", "term_index.py", "_write_hashes"),
    Name(TABLES, "_lengths", "struct", "term_index.py", "!ii"),
    Name(TABLES, "_pointer", "struct", "term_index.py", "!Iq"),
    # stored fields (compression.py)
    Name(W3, "W3PerDocWriter._colwriters", "attribute", "compression.py"),
    Name(COLUMNS, "WrappedColumnWriter._child", "attribute", "compression.py"),
    Name(COLUMNS, "CompressedBytesColumn.Writer._compress", "attribute", "compression.py"),
)


def check_whoosh():
    """Raise WhooshCompatibilityError if the installed Whoosh does not fit the writer."""
    import whoosh

    version = getattr(whoosh, "__version__", None)
    found = problems(version)
    if found:
        shown = ".".join(map(str, version)) if version else "(no __version__)"
        raise WhooshCompatibilityError(f"whoosh3 {shown}", found)


def problems(version, required=REQUIRED, load=importlib.import_module):
    """What differs from what the writer expects, one line each ([] when nothing does).

    `version`: whoosh.__version__; `load(module name)`: the module (a stand-in in tests)."""
    found = []
    if tuple(version or ())[:2] != WHOOSH_SERIES:
        shown = ".".join(map(str, version or ())) or "?"
        series = ".".join(map(str, WHOOSH_SERIES))
        found.append(f"whoosh3 {shown} is not {series}.x (the version the writer was written for)")
    for name in required:
        problem = check_name(name, load)
        if problem:
            found.append(problem)
    return found


def check_name(name, load):
    """None if `name` is as the writer expects, else what is wrong."""
    where = f"{name.module}.{name.path}"
    try:
        obj = load(name.module)
    except ImportError:
        return f"{name.module} cannot be imported"
    *owners, last = name.path.split(".")
    for part in owners:
        obj = getattr(obj, part, None)
        if not isinstance(obj, type):
            return f"{where}: {part} is not a class"
    if name.kind == "attribute":
        return None if last in class_code_names(obj) else f"{where}: no such attribute"
    value = inspect.getattr_static(obj, last, MISSING)
    if value is MISSING:
        return f"{where} is missing"
    if name.kind == "class" and not isinstance(value, type):
        return f"{where} is not a class"
    if name.kind == "method":
        if not inspect.isfunction(value):
            return f"{where} is not a function"
        lacking = [n for n in name.expect.split(",") if n and n not in code_names(value.__code__)]
        if lacking:
            return f"{where} no longer uses {', '.join(lacking)}"
    if name.kind == "struct" and not (
        isinstance(value, struct.Struct) and value.format == name.expect
    ):
        return f"{where} is not struct {name.expect!r}"
    return None


def class_code_names(cls):
    """Every name the code of `cls` and its bases uses (attributes among them)."""
    names = set()
    for klass in cls.__mro__[:-1]:  # not object
        for value in vars(klass).values():
            func = getattr(value, "__func__", value)  # classmethod, staticmethod
            if inspect.isfunction(func):
                names |= code_names(func.__code__)
    return names


def code_names(code):
    """Names a code object and the functions nested in it use: attributes, globals,
    parameters and locals."""
    names = set(code.co_names) | set(code.co_varnames)
    for const in code.co_consts:
        if inspect.iscode(const):
            names |= code_names(const)
    return names
