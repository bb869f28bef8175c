"""The running app follows the index on disk: new commits are seen without a restart,
requests in flight never fail, and file handles do not pile up across reloads."""

import json
import os
import threading

import pytest

from indexer.indexing.build import build_index
from searchapp.search.whoosh_backend.searchers import SearcherPool
from searchapp.web.app import create_app
from searchapp.web.service import get_service

WORDS = ["دمشق", "حلب", "قصف", "اشتباكات", "مدينة", "قوات", "المعارضة", "ريف", "حمص", "درعا"]
NEW_WORD = "قرنفلستان"


def article(n, text=None):
    words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(6))
    return {
        "id": f"a{n}",
        "title": f"خبر رقم {n} {WORDS[n % len(WORDS)]}",
        "text": text or f"{words}. نص الخبر رقم {n} عن {WORDS[n % 3]} و{WORDS[n % 7]}.",
        "date": "2016-03-01",
        "source": "seed",
    }


def write_jsonl(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def index_records(tmp_path, index_dir, records, name):
    return build_index(
        [write_jsonl(tmp_path / f"{name}.jsonl", records)], index_dir, report=lambda e: None
    )


@pytest.fixture()
def live(tmp_path):
    index_dir = tmp_path / "index"
    index_records(tmp_path, index_dir, [article(n) for n in range(20)], "first")
    app = create_app({"TESTING": True, "INDEX": str(index_dir), "RELOAD_INTERVAL": 0})
    return app, index_dir


def total(client, q):
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["total"], [h["id"] for h in response.get_json()["hits"]]


def test_new_article_is_found_without_restart(live, tmp_path):
    app, index_dir = live
    client = app.test_client()
    assert total(client, NEW_WORD) == (0, [])
    assert client.get("/api/articles/new1").status_code == 404
    index_records(tmp_path, index_dir, [article(1000, f"خبر عن {NEW_WORD} في الشمال")], "second")
    assert total(client, NEW_WORD) == (1, ["a1000"])
    assert client.get("/api/articles/a1000").status_code == 200


def test_updated_article_is_found_once(live, tmp_path):
    """Whoosh's Searcher.refresh() would keep the old copy visible; the pool must not."""
    app, index_dir = live
    client = app.test_client()
    assert total(client, "رقم")[0] == 20
    index_records(tmp_path, index_dir, [article(3, f"نص جديد عن {NEW_WORD} رقم")], "update")
    found, ids = total(client, NEW_WORD)
    assert (found, ids) == (1, ["a3"])
    assert total(client, "رقم")[0] == 20


def test_lent_searcher_survives_a_reload(live, tmp_path):
    app, index_dir = live
    with app.app_context():
        service = get_service()
    pool = service.backend.pool
    with service.backend.snapshot() as old:
        before = old.searcher.doc_count()
        index_records(tmp_path, index_dir, [article(n) for n in range(100, 105)], "more")
        with service.backend.snapshot() as new:
            assert new.searcher.doc_count() == new.doc_count == before + 5
        assert old.searcher.doc_count() == old.doc_count == before  # no ReaderClosed
        assert len(list(old.searcher.documents())) == before
    assert pool.open_count() == 1  # the old one was closed on return, the new one is idle
    assert pool.reloads == 1


def test_concurrent_requests_during_reloads(live, tmp_path):
    app, index_dir = live
    failures, answered = [], []
    stop = threading.Event()

    def hammer():
        client = app.test_client()
        while not stop.is_set():
            for url in (
                "/api/search?q=قصف",
                "/?q=حلب",
                "/api/articles/a1",
                "/api/search?q=رقم&page=2",
            ):
                response = client.get(url)
                answered.append(url)
                if response.status_code != 200:
                    failures.append(
                        (url, response.status_code, response.get_data(as_text=True)[:300])
                    )

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for batch in range(6):
            records = [article(200 + batch * 10 + k) for k in range(10)] + [
                article(batch, f"تحديث {batch} رقم")
            ]
            index_records(tmp_path, index_dir, records, f"batch{batch}")
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert failures == []
    assert len(answered) > 20
    assert total(app.test_client(), "رقم")[0] == 20 + 60


def open_fds():
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd")
def test_file_handles_do_not_grow_across_reloads(live, tmp_path):
    app, index_dir = live
    client = app.test_client()
    for n in range(3):  # warm up: imports, caches, the first searchers
        index_records(tmp_path, index_dir, [article(500 + n)], f"warm{n}")
        total(client, "قصف")
    baseline = open_fds()
    for n in range(30):
        index_records(tmp_path, index_dir, [article(600 + n)], f"round{n}")
        total(client, "قصف")
        client.get(f"/api/articles/a{600 + n}")
    assert open_fds() <= baseline + 4
    with app.app_context():
        assert get_service().backend.pool.open_count() <= 2


def test_pool_rechecks_at_most_once_per_interval(live, tmp_path):
    _, index_dir = live
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(index_dir)
    pool = SearcherPool(ix, interval=3600)
    searcher, _ = pool.acquire()
    before = searcher.doc_count()
    pool.release(searcher)
    index_records(tmp_path, index_dir, [article(900)], "late")
    again, _ = pool.acquire()
    assert again is searcher  # within the interval: no directory listing, same searcher
    pool.release(again)
    pool.interval = 0
    fresh, _ = pool.acquire()
    assert fresh is not searcher and fresh.doc_count() == before + 1
    assert searcher.is_closed  # the idle old-generation searcher was closed, not leaked
    pool.release(fresh)
    pool.close()


def test_old_searcher_survives_its_files_being_merged_away(tmp_path):
    """Non-compound segments open column files lazily; the pool opens them up front."""
    from whoosh import fields
    from whoosh import index as whoosh_index
    from whoosh.query import Every, Term

    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        body=fields.TEXT(stored=True),
        day=fields.ID(stored=True, sortable=True),
    )
    ix = whoosh_index.create_in(tmp_path, schema)
    for batch in range(3):
        writer = ix.writer(compound=False)
        for n in range(5):
            writer.add_document(id=f"d{batch}-{n}", body=f"word{n} common", day=f"2016-0{n + 1}")
        writer.commit(merge=False)
    pool = SearcherPool(ix, interval=0)
    old, _ = pool.acquire()
    writer = ix.writer(compound=False)
    writer.add_document(id="late", body="common", day="2017-01")
    writer.commit(optimize=True)  # merges every segment and deletes their files
    assert not [
        f
        for f in os.listdir(tmp_path)
        if old.reader().leaf_readers()[0][0].segment().segment_id() in f
    ]
    assert old.stored_fields(0)["id"] == "d0-0"
    assert len(old.search(Term("body", "common"), limit=None)) == 15
    assert old.stored_fields(14)["day"] == "2016-05"
    assert len(old.search(Every(), sortedby="day", limit=5)) == 15
    pool.release(old)
    fresh, _ = pool.acquire()
    assert fresh.doc_count() == 16
    pool.release(fresh)
    pool.close()
