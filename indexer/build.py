"""Build or update an index from input paths."""
import hashlib
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from .extract import extract_entities
from .readers import read_articles
from .schema import make_schema


@dataclass
class BuildStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def indexed(self):
        return self.added + self.updated + self.unchanged


def content_hash(article):
    return hashlib.sha1(f"{article.title}\n{article.text}".encode()).hexdigest()


def article_fields(article, gazetteer_files=()):
    """The document Whoosh stores for one article."""
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
        "path": article.path, "hash": content_hash(article),
    }


def open_or_create(index_dir):
    index_dir = Path(index_dir)
    if whoosh_index.exists_in(index_dir):
        return whoosh_index.open_dir(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(index_dir, make_schema())


def build_index(paths, index_dir, rebuild=False, report=print, gazetteer_files=()):
    """Index every article under `paths`; a rebuild is built beside the old index and swapped in."""
    started = time.monotonic()
    target = Path(index_dir)
    work = target.with_name(target.name + ".new") if rebuild else target
    if rebuild and work.exists():
        shutil.rmtree(work)
    stats = BuildStats()

    def skip(error):
        stats.skipped.append(error)
        report(error)

    ix = open_or_create(work)
    with ix.searcher() as searcher:
        known = {f["id"]: f["hash"] for f in searcher.all_stored_fields()}
    writer = ix.writer()
    try:
        for article in read_articles(paths, skip):
            doc = article_fields(article, gazetteer_files)
            old = known.get(article.id)
            if old == doc["hash"]:
                stats.unchanged += 1
                continue
            writer.update_document(**doc)
            known[article.id] = doc["hash"]
            stats.updated += old is not None
            stats.added += old is None
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if rebuild:
        swap_in(work, target)
    stats.seconds = time.monotonic() - started
    return stats


def swap_in(new, target):
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
