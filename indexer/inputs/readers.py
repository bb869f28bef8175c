"""Turn files and folders into articles, reporting what cannot be read and going on.

`read_articles(paths, report)` yields `Article`s; `report(InputError)` is called for every
file or record it has to skip. Files are streamed (one line or row at a time), except
`.json`, which is parsed one file at a time.

Accepted inputs: `.txt`, `.md` (optional `---` front matter), `.json` (one article or an
array), `.jsonl`, `.jsonl.gz`, `.csv` (header row; column names in CSV_COLUMNS).
Encodings: see indexer/inputs/encodings.py.
"""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from isal import igzip

from indexer.errors import InputError
from indexer.inputs.dates import date_from_text, parse_date
from indexer.inputs.encodings import SAMPLE_BYTES, decode, sniff_encoding

TITLE_MAX = 120
SENTENCE_END_RE = re.compile(r"[.!؟?\n]")
SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".jsonl.gz", ".csv")
KNOWN = ("id", "text", "title", "date", "source", "url")
# Accepted CSV header names (case-insensitive), per article field.
CSV_COLUMNS = {
    "id": ("id", "guid", "article_id", "doc_id", "المعرف"),
    "text": ("text", "body", "content", "article", "النص", "نص"),
    "title": ("title", "headline", "العنوان", "عنوان"),
    "date": ("date", "published", "published_at", "pubdate", "التاريخ", "تاريخ"),
    "source": ("source", "publisher", "site", "المصدر", "مصدر"),
    "url": ("url", "link", "الرابط", "رابط"),
}
FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class Article:
    id: str
    text: str
    title: str = ""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    path: str = ""
    line: int | None = None
    offset: int = 0  # bytes of the file read so far (approximate, for progress)
    extra: dict = field(default_factory=dict)
    hashes: tuple | None = None  # (content_hash, text_hash) once the indexer computed them

    @property
    def where(self):
        return f"{self.path}:{self.line}" if self.line is not None else self.path


def make_title(text):
    """The first line when short, else the first sentence cut at a word boundary."""
    first = text.strip().split("\n", 1)[0].strip()
    if len(first) <= TITLE_MAX:
        return first
    sentence = SENTENCE_END_RE.split(first, 1)[0]
    if len(sentence) <= TITLE_MAX:
        return sentence.strip()
    return sentence[:TITLE_MAX].rsplit(" ", 1)[0] + "…"


def stable_id(title, text):
    """An id for a record that has none: the same text always gets the same id."""
    return "h:" + hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()[:16]


def input_files(paths, report):
    """Files under the given paths (recursively), in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.name.endswith(SUFFIXES)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            yield path
        else:
            report(InputError(path, "no such file or directory"))


def make_article(record, path, line=None, default_id=None):
    """An Article from a mapping with the KNOWN keys; raises InputError for a bad record."""
    if not isinstance(record, dict):
        raise InputError(path, "not a JSON object", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, "missing or empty 'text'", line)
    title = str(record.get("title") or "").strip() or make_title(text)
    given = record.get("id")
    article_id = (
        str(given).strip() if given not in (None, "") else default_id or stable_id(title, text)
    )
    raw_date = record.get("date")
    date = parse_date(str(raw_date)) if raw_date not in (None, "") else None
    return Article(
        id=article_id,
        text=text,
        title=title,
        date=date or date_from_text(title, text),
        source=str(record.get("source") or "") or None,
        url=str(record.get("url") or "") or None,
        path=str(path),
        line=line,
        extra={k: v for k, v in record.items() if k not in KNOWN},
    )


def read_whole(path):
    """A small file's text, decoded; empty files are refused."""
    text = decode(path.read_bytes(), path)
    if not text.strip():
        raise InputError(path, "empty text")
    return text


def read_text_file(path):
    """A .txt file is one article: id from the file name, title from the first line."""
    return make_article({"text": read_whole(path)}, path, default_id=path.stem)


def read_markdown(path):
    """A .md file: optional front matter (key: value lines) for id, title, date, source, url."""
    text = read_whole(path)
    meta, match = {}, FRONT_MATTER_RE.match(text)
    if match:
        for row in match.group(1).splitlines():
            key, sep, value = row.partition(":")
            if sep:
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[match.end() :]
    heading = re.match(r"\s*#\s+(.+)\n", text)
    if heading and not meta.get("title"):
        meta["title"], text = heading.group(1).strip(), text[heading.end() :]
    return make_article({**meta, "text": text}, path, default_id=path.stem)


def read_json(path, report):
    """A .json file: one article (id defaults to the file name) or an array of articles."""
    try:
        data = json.loads(read_whole(path))
    except ValueError as exc:
        raise InputError(path, f"broken JSON ({getattr(exc, 'msg', exc)})") from None
    size = path.stat().st_size
    if isinstance(data, dict):
        article = make_article(data, path, default_id=path.stem)
        article.offset = size
        yield article
        return
    if not isinstance(data, list):
        raise InputError(path, "JSON is neither an object nor an array")
    for number, record in enumerate(data, 1):
        try:
            article = make_article(record, path, number)
        except InputError as exc:
            report(exc)
            continue
        article.offset = size * number // len(data)
        yield article


def open_stream(path):
    """A text stream over a (possibly gzipped) file in its sniffed encoding, and a function
    giving how many bytes of the file on disk have been read so far."""
    disk = open(path, "rb")
    # ISA-L's gzip reader: the gzip module's format, inflated faster (docs/performance.md)
    raw = igzip.IGzipFile(fileobj=disk, mode="rb") if path.name.endswith(".gz") else disk
    try:
        codec = sniff_encoding(raw.peek(SAMPLE_BYTES)[:SAMPLE_BYTES], path)
    except BaseException:
        disk.close()
        raise
    stream = io.TextIOWrapper(raw, encoding=codec, newline="")
    stream.disk = disk  # keeps the file open as long as the stream
    return stream, disk.tell


def read_jsonl(path, report):
    lines, position = open_stream(path)
    with lines, lines.disk:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                article = make_article(json.loads(line), path, number)
                article.offset = position()
                yield article
            except ValueError as exc:
                report(InputError(path, f"broken JSON ({getattr(exc, 'msg', exc)})", number))
            except InputError as exc:
                report(exc)


def csv_mapping(header, path):
    """Article field -> column position, from the header row."""
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    mapping = {}
    for key, aliases in CSV_COLUMNS.items():
        for alias in aliases:
            if alias in names:
                mapping[key] = names.index(alias)
                break
    if "text" not in mapping:
        raise InputError(
            path, f"CSV header has no text column (one of {', '.join(CSV_COLUMNS['text'])})", 1
        )
    return mapping


def read_csv(path, report):
    stream, position = open_stream(path)
    with stream, stream.disk:
        rows = csv.reader(stream)
        header = next(rows, None)
        if header is None:
            raise InputError(path, "empty file")
        mapping = csv_mapping(header, path)
        for row in rows:
            if not any(cell.strip() for cell in row):
                continue
            record = {k: row[i] for k, i in mapping.items() if i < len(row)}
            try:
                article = make_article(record, path, rows.line_num)
                article.offset = position()
                yield article
            except InputError as exc:
                report(exc)


READERS = {".txt": read_text_file, ".md": read_markdown}
STREAMS = {".json": read_json, ".jsonl": read_jsonl, ".jsonl.gz": read_jsonl, ".csv": read_csv}


def file_kind(path):
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)


def read_file(path, report):
    """Every article in one file; a file that cannot be read at all goes to `report`."""
    kind = file_kind(path)
    try:
        if kind in READERS:
            article = READERS[kind](path)
            article.offset = path.stat().st_size
            yield article
        elif kind in STREAMS:
            yield from STREAMS[kind](path, report)
        else:
            report(InputError(path, "unsupported file type"))
    except InputError as exc:
        report(exc)
    except (OSError, EOFError, csv.Error) as exc:
        report(InputError(path, f"cannot read: {getattr(exc, 'strerror', None) or exc}"))
    except UnicodeDecodeError as exc:
        report(InputError(path, f"invalid {exc.encoding} text"))


def read_articles(paths, report):
    """Every article under `paths`; unreadable files and records go to `report`."""
    for path in input_files(paths, report):
        yield from read_file(path, report)
