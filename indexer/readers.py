"""Turn files and folders into articles, reporting what cannot be read and going on.

`read_articles(paths, report)` yields `Article`s; `report(InputError)` is called for
every file or record it has to skip.
"""
import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

TITLE_MAX = 120
SENTENCE_END_RE = re.compile(r"[.!؟?\n]")
SUFFIXES = (".txt", ".jsonl", ".jsonl.gz")


@dataclass
class Article:
    id: str
    text: str
    title: str = ""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    path: str = ""
    extra: dict = field(default_factory=dict)


def make_title(text):
    """The first line when short, else the first sentence cut at a word boundary."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= TITLE_MAX:
        return first
    sentence = SENTENCE_END_RE.split(first, 1)[0]
    if len(sentence) <= TITLE_MAX:
        return sentence.strip()
    return sentence[:TITLE_MAX].rsplit(" ", 1)[0] + "…"


def input_files(paths, report):
    """Files under the given paths (recursively), in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
        elif path.is_file():
            yield path
        else:
            report(InputError(path, "no such file or directory"))


def read_text_file(path):
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
    if not text.strip():
        raise InputError(path, "empty text")
    return Article(id=path.stem, text=text, title=make_title(text), path=str(path))


def record_to_article(record, path, line):
    if not isinstance(record, dict):
        raise InputError(path, "not a JSON object", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, "missing or empty 'text'", line)
    if record.get("id") in (None, ""):
        raise InputError(path, "missing 'id'", line)
    known = {"id", "text", "title", "date", "source", "url"}
    return Article(
        id=str(record["id"]), text=text, title=str(record.get("title") or "") or make_title(text),
        date=record.get("date") or None, source=record.get("source") or None,
        url=record.get("url") or None, path=str(path),
        extra={k: v for k, v in record.items() if k not in known},
    )


def read_jsonl(path, report):
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    yield record_to_article(json.loads(line), path, number)
                except ValueError as exc:
                    report(InputError(path, f"broken JSON ({exc.msg})", number))
                except InputError as exc:
                    report(exc)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        report(InputError(path, f"cannot read: {exc}"))


def read_articles(paths, report):
    """Every article under `paths`; unreadable files and records go to `report`."""
    for path in input_files(paths, report):
        if path.name.endswith((".jsonl", ".jsonl.gz")):
            yield from read_jsonl(path, report)
        elif path.suffix == ".txt":
            try:
                yield read_text_file(path)
            except InputError as exc:
                report(exc)
            except OSError as exc:
                report(InputError(path, f"cannot read: {exc.strerror}"))
        else:
            report(InputError(path, "unsupported file type"))
