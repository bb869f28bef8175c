"""Building an index: incremental re-runs, updates, prune, rebuild, duplicates, worker
processes, interruption (Ctrl-C, kill -9) and concurrent runs."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from indexer.errors import IndexLockedError, IndexOutdatedError
from indexer.indexing import build
from indexer.indexing.aliases import read_aliases
from indexer.indexing.build import build_index
from indexer.whoosh_index.store import index_lock, open_index
from searchapp.cli import cli
from searchapp.search.service import SearchService
from tests import paths

pytestmark = pytest.mark.usefixtures("index_writer")  # each test under both writers
FIXTURES = paths.FIXTURES / "inputs"
PLACES = ["حلب", "إدلب", "حماة", "درعا", "حمص", "دير الزور", "الرقة", "اللاذقية"]


def record(n, text=None):
    place = PLACES[n % len(PLACES)]
    return {
        "id": f"a{n}",
        "title": f"خبر {n} من {place}",
        "text": text or f"قالت مصادر في {place} إن اشتباكات وقعت اليوم رقم {n} قرب المدينة.",
        "date": f"2018-0{1 + n % 9}-1{n % 10}",
        "source": "france24",
    }


def write_jsonl(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def stored(index_dir):
    with open_index(index_dir).searcher() as searcher:
        return {f["id"]: f for f in searcher.all_stored_fields()}


def generation(index_dir):
    return open_index(index_dir).latest_generation()


def quiet(error):
    pass


@pytest.fixture()
def feed(tmp_path):
    return write_jsonl(tmp_path / "feed.jsonl", [record(n) for n in range(10)])


def test_fixtures_index_with_fields_search_needs(tmp_path):
    errors = []
    stats = build_index([FIXTURES], tmp_path / "ix", report=errors.append)
    assert (stats.added, len(errors), len(stats.skipped)) == (12, 4, 4)
    assert stats.skipped_by_reason() == {"missing or empty 'text'": 3, "broken JSON": 1}
    docs = stored(tmp_path / "ix")
    windows = docs["windows"]
    assert (windows["title"], windows["date"], windows["month"]) == (
        "أرشيف قديم من حمص",
        "2012-05-05",
        "2012-05",
    )
    assert windows["path"].endswith("windows.txt") and len(windows["hash"]) == 40
    assert (docs["feed-1"]["origin"], docs["feed-1"]["url"]) == (
        "france24",
        "https://example.org/1",
    )
    assert {
        "id",
        "title",
        "text",
        "date",
        "origin",
        "url",
        "faction",
        "place",
        "source",
        "governorate",
    } <= set(windows)


def test_rerun_changes_nothing(tmp_path, feed):
    first = build_index([feed], tmp_path / "ix", report=quiet)
    before = generation(tmp_path / "ix")
    again = build_index([feed], tmp_path / "ix", report=quiet)
    assert (first.added, again.added, again.updated, again.unchanged, again.removed) == (
        10,
        0,
        0,
        10,
        0,
    )
    assert generation(tmp_path / "ix") == before  # no commit at all


def test_the_spelling_table_follows_each_commit(tmp_path, feed):
    from indexer.indexing.spelling import FILE, SpellingTable

    build_index([feed], tmp_path / "ix", report=quiet)
    table = tmp_path / "ix" / FILE
    assert SpellingTable.load(tmp_path / "ix").count("اشتباكات") == 10
    written = table.stat().st_mtime_ns
    build_index([feed], tmp_path / "ix", report=quiet)
    assert table.stat().st_mtime_ns == written  # nothing changed: not rewritten
    extra = write_jsonl(tmp_path / "more.jsonl", [record(99, text="قرنفلستان بلد بعيد جدا.")])
    build_index([feed, extra], tmp_path / "ix", report=quiet)
    assert SpellingTable.load(tmp_path / "ix").lookup("قرنفلستانن")[0][0] == "قرنفلستان"
    table.unlink()
    build_index([feed, extra], tmp_path / "ix", report=quiet)  # an index from before the table
    assert table.exists()


def test_changed_article_is_updated(tmp_path, feed):
    build_index([feed], tmp_path / "ix", report=quiet)
    records = [record(n) for n in range(10)]
    records[3] = record(3, text="نص جديد تماما عن قرنفلستان.")
    stats = build_index([write_jsonl(feed, records)], tmp_path / "ix", report=quiet)
    assert (stats.added, stats.updated, stats.unchanged) == (0, 1, 9)
    docs = stored(tmp_path / "ix")
    assert len(docs) == 10 and docs["a3"]["text"] == "نص جديد تماما عن قرنفلستان."


def test_prune_removes_gone_files_and_vanished_records(tmp_path, feed):
    other = write_jsonl(tmp_path / "other.jsonl", [record(n) for n in range(10, 13)])
    build_index([feed, other], tmp_path / "ix", report=quiet)
    other.unlink()
    write_jsonl(feed, [record(n) for n in range(9)])  # a9 dropped from the feed
    kept = build_index([feed], tmp_path / "ix", report=quiet)
    assert (kept.removed, len(stored(tmp_path / "ix"))) == (0, 13)  # without --prune nothing goes
    pruned = build_index([feed], tmp_path / "ix", report=quiet, prune=True)
    assert (pruned.removed, pruned.unchanged) == (4, 9)
    assert sorted(stored(tmp_path / "ix")) == sorted(f"a{n}" for n in range(9))


def test_rebuild_swaps_in_a_fresh_index_while_a_reader_keeps_answering(tmp_path, feed):
    build_index([feed], tmp_path / "ix", report=quiet)
    reader = open_index(tmp_path / "ix").searcher()
    new = write_jsonl(tmp_path / "new.jsonl", [record(n) for n in range(50, 53)])
    stats = build_index([new], tmp_path / "ix", report=quiet, rebuild=True)
    assert stats.added == 3
    assert sorted(stored(tmp_path / "ix")) == ["a50", "a51", "a52"]
    assert reader.doc_count() == 10 and reader.document(id="a4")["title"].startswith("خبر 4")
    reader.close()


def test_duplicates_collapsed_and_conflicting_ids_reported(tmp_path, feed):
    records = [record(n) for n in range(10)]
    copy = dict(records[2], id="copy-of-a2", text=records[2]["text"].replace(" ", "  "))
    conflict = dict(records[5], text="نص آخر تحت المعرف نفسه.")
    path = write_jsonl(tmp_path / "dups.jsonl", [*records, copy, records[7], conflict])
    errors = []
    stats = build_index([path], tmp_path / "ix", report=errors.append)
    assert (stats.added, stats.duplicates) == (10, 2)
    assert [(e.line, e.reason) for e in errors] == [
        (13, f"duplicate id with a different text ('a5' first at {path}:6)")
    ]
    assert stats.skipped_by_reason() == {"duplicate id with a different text": 1}
    assert "copy-of-a2" not in stored(tmp_path / "ix")
    assert read_aliases(tmp_path / "ix") == {"copy-of-a2": "a2"}


def test_a_duplicate_id_still_finds_its_article(tmp_path, feed):
    records = [record(n) for n in range(4)]
    path = write_jsonl(tmp_path / "dups.jsonl", [*records, dict(records[1], id="copy-of-a1")])
    build_index([path], tmp_path / "ix", report=quiet)
    assert build_index([path], tmp_path / "ix", report=quiet).duplicates == 1  # re-run: still known
    service = SearchService.open(tmp_path / "ix")
    assert service.article("copy-of-a1").id == "a1"
    ranked = [doc for doc, _ in service.rank(records[1]["text"], 10)]
    assert ranked[:2] == ["a1", "copy-of-a1"]
    build_index(
        [write_jsonl(tmp_path / "dups.jsonl", records[2:])],
        tmp_path / "ix",
        prune=True,
        report=quiet,
    )
    assert read_aliases(tmp_path / "ix") == {}  # its article is gone, so is the alias


def test_worker_processes_give_the_same_index(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "SMALL", 8)
    monkeypatch.setattr(build, "BATCH", 4)
    path = write_jsonl(tmp_path / "many.jsonl", [record(n) for n in range(30)])
    serial = build_index([path], tmp_path / "serial", report=quiet, jobs=1)
    parallel = build_index([path], tmp_path / "parallel", report=quiet, jobs=2)
    assert serial.added == parallel.added == 30
    assert stored(tmp_path / "serial") == stored(tmp_path / "parallel")
    records = [record(n) for n in range(30)]
    records[0] = record(0, text="تحديث عبر العمال.")
    again = build_index(
        [write_jsonl(path, [*records, *[record(n) for n in range(30, 40)]])],
        tmp_path / "parallel",
        report=quiet,
        jobs=2,
    )
    assert (again.added, again.updated, again.unchanged) == (10, 1, 29)
    docs = stored(tmp_path / "parallel")
    assert len(docs) == 40 and docs["a0"]["text"] == "تحديث عبر العمال."


def test_ctrl_c_leaves_the_index_as_it_was(tmp_path, feed):
    build_index([feed], tmp_path / "ix", report=quiet)
    more = write_jsonl(tmp_path / "more.jsonl", [record(n) for n in range(100, 400)])

    def interrupt(stats, done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index([more], tmp_path / "ix", report=quiet, progress=interrupt, jobs=2)
    assert len(stored(tmp_path / "ix")) == 10
    assert build_index([feed], tmp_path / "ix", report=quiet).unchanged == 10  # lock released


def test_outdated_schema_is_rebuilt(tmp_path, feed):
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    (tmp_path / "ix").mkdir()
    whoosh_index.create_in(tmp_path / "ix", Schema(id=ID(stored=True), text=TEXT(stored=True)))
    assert build_index([feed], tmp_path / "ix", report=quiet).added == 10
    assert "texthash" in open_index(tmp_path / "ix").schema.names()


def test_an_outdated_index_holding_articles_is_kept_until_a_rebuild(tmp_path, feed, runner):
    """Rebuilt from this run's paths alone, the index would lose every other article: the
    run stops with the way out, and the index still answers as it did."""
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    (tmp_path / "ix").mkdir()
    old = whoosh_index.create_in(
        tmp_path / "ix", Schema(id=ID(stored=True), text=TEXT(stored=True))
    )
    with old.writer() as writer:
        writer.add_document(id="kept", text="مقال قديم")
    with pytest.raises(IndexOutdatedError, match="lacks date, exact, faction, governorate"):
        build_index([feed], tmp_path / "ix", report=quiet)
    result = runner.invoke(cli, ["index", str(feed), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and "--rebuild" in result.output, result.output
    assert list(stored(tmp_path / "ix")) == ["kept"]
    assert build_index([feed], tmp_path / "ix", rebuild=True, report=quiet).added == 10


def test_second_writer_stops_with_a_clear_message(tmp_path, feed, runner):
    with index_lock(tmp_path / "ix"):
        with pytest.raises(IndexLockedError, match="being written by another khabar run"):
            build_index([feed], tmp_path / "ix", report=quiet)
        result = runner.invoke(cli, ["index", str(feed), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 1 and f"(pid {os.getpid()})" in result.output
    assert build_index([feed], tmp_path / "ix", report=quiet).added == 10


def test_cli_summary_and_exit_codes(tmp_path, runner):
    bad = paths.FIXTURES / "bad"
    result = runner.invoke(cli, ["index", str(FIXTURES), str(bad), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith(
        "added 12, updated 0, unchanged 0, removed 0, duplicates 0, skipped 8 ("
    )
    assert "missing or empty 'text': 3" in summary and "unknown encoding: 1" in summary
    assert "feed.jsonl:2: broken JSON" in result.output
    nothing = runner.invoke(cli, ["index", str(bad), "--index", str(tmp_path / "other")])
    assert nothing.exit_code == 1 and "nothing could be indexed" in nothing.output


KILL_SCRIPT = """
import sys
from indexer.indexing.build import build_index
def progress(stats, done, total):
    print("writing", flush=True)
build_index([sys.argv[1]], sys.argv[2], report=lambda e: None, jobs=2, progress=progress)
print("finished", flush=True)
"""


def start_slow_run(tmp_path):
    big = write_jsonl(
        tmp_path / "big.jsonl",
        [record(n, text=("نص طويل عن معارك حلب وإدلب. " * 40) + str(n)) for n in range(1000, 1600)],
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(big), str(tmp_path / "ix")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=paths.ROOT,
    )
    assert proc.stdout.readline().strip() == "writing"
    return proc, big


def wait_for_lock(index_dir, seconds=10):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with index_lock(index_dir):
                return
        except IndexLockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.slow
def test_kill_during_indexing_keeps_the_old_index(tmp_path, feed, runner):
    build_index([feed], tmp_path / "ix", report=quiet)
    proc, big = start_slow_run(tmp_path)
    busy = runner.invoke(cli, ["index", str(feed), "--index", str(tmp_path / "ix")])
    assert busy.exit_code == 1 and "being written by another khabar run" in busy.output
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    docs = stored(tmp_path / "ix")
    assert sorted(docs) == sorted(f"a{n}" for n in range(10))
    wait_for_lock(tmp_path / "ix")  # the orphaned workers let go of the index
    stats = build_index([feed, big], tmp_path / "ix", report=quiet, jobs=2)
    assert (stats.added, stats.unchanged) == (600, 10)
    assert len(stored(tmp_path / "ix")) == 610


ORPHAN_SCRIPT = """
import os, struct, sys
from whoosh import index
from indexer.whoosh_index.schema import make_schema
from indexer.indexing.workers import SegmentWorkers
index.create_in(sys.argv[1], make_schema())
workers = SegmentWorkers(sys.argv[1], 2, fresh=True)
# A batch cut short, as when the parent dies writing it: a length header, a few bytes.
os.write(workers.jobs._writer.fileno(), struct.pack("!i", 1 << 20) + b"x" * 16)
print(" ".join(str(p.pid) for p in workers.procs), flush=True)
os._exit(0)
"""


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


@pytest.mark.slow
def test_workers_exit_when_the_parent_dies_mid_batch(tmp_path):
    """A worker blocked on the rest of a batch its killed parent never finished still ends."""
    run = subprocess.run(
        [sys.executable, "-c", ORPHAN_SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        timeout=60,
        check=True,
    )
    pids = [int(p) for p in run.stdout.split()]
    assert len(pids) == 2
    deadline = time.monotonic() + 15
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if alive(p)]
