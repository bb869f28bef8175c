"""A fault on a live system: `khabar index` is killed with SIGKILL mid-run while `khabar serve`
answers searches; after a restart of the indexer every article is there exactly once, and the
server answered 200 throughout."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from indexer.whoosh_index.store import open_index

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("index_writer")]  # under both writers

KHABAR = [sys.executable, "-c", "from searchapp.cli import main; main()"]
TOKEN = "زنبقستان"
COUNT = 300
WORDS = "قصف اشتباكات مدينة قوات المعارضة ريف حمص درعا حلب دمشق إدلب الرقة دير الزور".split()


def articles(prefix, count):
    for n in range(count):
        words = " ".join(WORDS[(n * 7 + k) % len(WORDS)] for k in range(40))
        yield {
            "id": f"{prefix}{n}",
            "title": f"خبر {prefix} {n} عن {WORDS[n % len(WORDS)]}",
            "text": f"{TOKEN} {prefix}{n}. {words}. الرقم {n} في السلسلة {prefix}. " * 2,
            "date": f"2016-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "source": "fixture",
        }


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, json.loads(response.read())


class Poller(threading.Thread):
    """Searches the live server continuously and records every status (or failure)."""

    def __init__(self, base):
        super().__init__(daemon=True)
        self.url = base + "/api/search?" + urllib.parse.urlencode({"q": TOKEN, "per_page": 5})
        self.statuses, self.failures = Counter(), []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                status, _ = get(self.url)
                self.statuses[status] += 1
            except (urllib.error.URLError, OSError, ValueError) as exc:
                self.failures.append(repr(exc))
            time.sleep(0.01)


def start_server(index_dir, port, tmp_path):
    env = dict(os.environ, KHABAR_RELOAD_INTERVAL="0.2")
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen(
        [*KHABAR, "serve", "--index", str(index_dir), "--port", str(port), "--threads", "4"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if get(base + "/healthz", timeout=1)[0] == 200:
                return server, base, log
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    server.kill()
    raise AssertionError("server did not start: " + (tmp_path / "serve.log").read_text())


def run_index(jsonl, index_dir, tmp_path, name):
    out = open(tmp_path / f"{name}.log", "w")
    return subprocess.Popen(
        [*KHABAR, "index", str(jsonl), "--index", str(index_dir)],
        stdout=out,
        stderr=subprocess.STDOUT,
    ), out


def restart_until_done(jsonl, index_dir, tmp_path, patience=15.0):
    """Run the indexer to completion. Worker processes of the killed run may hold the index
    lock for a moment while they notice their parent is gone; then the restart is told so
    clearly and retried, within `patience` seconds."""
    deadline = time.monotonic() + patience
    while True:
        indexer, out = run_index(jsonl, index_dir, tmp_path, "restarted")
        code = indexer.wait(timeout=300)
        out.close()
        text = (tmp_path / "restarted.log").read_text(encoding="utf-8")
        if code == 0:
            return
        assert "being written by another khabar run" in text and time.monotonic() < deadline, text
        time.sleep(0.5)


def wait_until_writing(index_dir, before, process, patience=30.0):
    """Until the indexer has started writing segment files (new files beside the committed
    ones, before its single commit), or `patience` seconds pass."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline and process.poll() is None:
        if {p.name for p in index_dir.iterdir()} - before - {".khabar.lock"}:
            return
        time.sleep(0.02)


def test_sigkill_mid_index_loses_and_duplicates_nothing(tmp_path):
    index_dir = tmp_path / "index"
    base_file = write_jsonl(tmp_path / "base.jsonl", articles("base", 10))
    big = write_jsonl(tmp_path / "big.jsonl", articles("new", COUNT))
    assert (
        subprocess.run(
            [*KHABAR, "index", str(base_file), "--index", str(index_dir)], capture_output=True
        ).returncode
        == 0
    )
    server, base, log = start_server(index_dir, free_port(), tmp_path)
    poller = Poller(base)
    poller.start()
    try:
        before = {p.name for p in index_dir.iterdir()}
        indexer, out = run_index(big, index_dir, tmp_path, "killed")
        wait_until_writing(index_dir, before, indexer)
        assert indexer.poll() is None, "the indexer finished before it could be killed"
        os.kill(indexer.pid, signal.SIGKILL)
        indexer.wait()
        out.close()
        status, body = get(base + "/api/search?q=" + urllib.parse.quote(TOKEN))
        assert status == 200 and body["total"] >= 10  # the committed index still answers

        restart_until_done(big, index_dir, tmp_path)
        time.sleep(0.5)  # one reload interval
        status, body = get(base + "/api/search?per_page=1&q=" + urllib.parse.quote(TOKEN))
        assert status == 200 and body["total"] == COUNT + 10
    finally:
        poller.stop.set()
        poller.join()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        log.close()

    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        ids = Counter(fields["id"] for fields in searcher.all_stored_fields())
    expected = {f"base{n}" for n in range(10)} | {f"new{n}" for n in range(COUNT)}
    assert set(ids) == expected
    assert [i for i, n in ids.items() if n > 1] == []
    assert poller.failures == []
    assert set(poller.statuses) == {200} and poller.statuses[200] > 20
