"""From an Article to the fields Whoosh stores, in this process or in a pool of workers.

`article_doc` runs entity extraction; `prepare_batch` also analyzes the text fields into
postings (see schema.Analyzed), so that the slow, pure-Python work of a large run spreads
over every core while the parent process only reads inputs and writes the index.
"""
import hashlib
import multiprocessing
import re
from collections import deque
from functools import lru_cache

from .extract import extract_entities
from .schema import analyze_fields, make_schema

SPACE_RE = re.compile(r"\s+")
BATCH = 64
AHEAD = 4  # batches in flight per worker: bounds memory


def content_hash(article):
    """Changes when anything the index stores about the article changes."""
    parts = (article.title, article.text, article.date or "", article.source or "", article.url or "")
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def text_hash(article):
    """Equal for the same text whatever its spacing: finds one article filed under two ids."""
    return hashlib.sha1(SPACE_RE.sub(" ", article.text).strip().encode()).hexdigest()


def article_doc(article, gazetteer_files=()):
    """The document Whoosh stores for one article (strings, not yet analyzed)."""
    facets = extract_entities(article.text, article.title, article.source, gazetteer_files)
    governorates = {e.governorate for e in facets["place"] if e.governorate}
    return {
        "id": article.id, "title": article.title, "text": article.text,
        "exact": f"{article.title}\n{article.text}",
        "date": article.date or "", "month": (article.date or "")[:7],
        "origin": article.source or "", "url": article.url or "",
        "faction": ",".join(e.id for e in facets["faction"]),
        "place": ",".join(e.id for e in facets["place"]),
        "source": ",".join(e.id for e in facets["source"]),
        "governorate": ",".join(sorted(governorates)),
        "path": article.path, "hash": content_hash(article), "texthash": text_hash(article),
    }


@lru_cache(maxsize=1)
def worker_schema():
    return make_schema()


_gazetteer_files = ()


def init_worker(gazetteer_files):
    global _gazetteer_files
    _gazetteer_files = tuple(gazetteer_files)


def prepare_batch(articles, gazetteer_files=None):
    """Documents with extracted facets and pre-analyzed text fields, in input order."""
    files = _gazetteer_files if gazetteer_files is None else tuple(gazetteer_files)
    schema = worker_schema()
    return [analyze_fields(schema, article_doc(a, files)) for a in articles]


def batches(items, size=BATCH):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def prepare_all(work, gazetteer_files=(), jobs=1):
    """Yield (tag, doc) for each (tag, article) of `work`; a pool when jobs > 1 and the
    input is larger than a couple of batches (small runs stay in this process)."""
    work = iter(batches(work))
    head = [b for _, b in zip(range(2), work)]
    if jobs <= 1 or len(head) < 2:
        for batch in [*head, *work]:
            yield from zip((t for t, _ in batch), prepare_batch([a for _, a in batch], gazetteer_files))
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs, initializer=init_worker, initargs=(tuple(gazetteer_files),)) as pool:
        pending = deque()
        for batch in [*head, *work]:
            pending.append(([t for t, _ in batch], pool.apply_async(prepare_batch, ([a for _, a in batch],))))
            while len(pending) >= AHEAD * jobs:
                tags, result = pending.popleft()
                yield from zip(tags, result.get())
        while pending:
            tags, result = pending.popleft()
            yield from zip(tags, result.get())
