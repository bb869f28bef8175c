"""The on-disk cache of compiled tables: reused, rebuilt when its key changes, optional."""

import pytest

from indexer.arabic import cache, lexicon


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_second_load_reads_the_file_instead_of_building(folder):
    build, calls = counting({"مدن": "مدينه", "names": frozenset({"لبنان"})})
    first = cache.load_cached("table", "k1", build)
    second = cache.load_cached("table", "k1", build)
    assert first == second == {"مدن": "مدينه", "names": frozenset({"لبنان"})}
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == ["table-k1.marshal"]


def test_a_new_key_rebuilds_and_removes_the_stale_file(folder):
    cache.load_cached("table", "k1", lambda: {"a": "1"})
    assert cache.load_cached("table", "k2", lambda: {"a": "2"}) == {"a": "2"}
    assert [p.name for p in folder.iterdir()] == ["table-k2.marshal"]


def test_a_corrupt_file_is_rebuilt(folder):
    folder.mkdir()
    (folder / "table-k1.marshal").write_bytes(b"\x00not marshal")
    assert cache.load_cached("table", "k1", lambda: ("ok",)) == ("ok",)
    assert cache.load_cached("table", "k1", lambda: ("built again",)) == ("ok",)


def test_an_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path / "a-file" / "cache"))
    build, calls = counting(("x",))
    assert cache.load_cached("table", "k1", build) == ("x",)
    assert cache.load_cached("table", "k1", build) == ("x",)
    assert len(calls) == 2


def test_the_key_follows_every_byte():
    assert cache.source_key(b"ab", b"c") != cache.source_key(b"a", b"bc")
    assert cache.source_key(b"x") == cache.source_key(b"x")


def test_the_cached_lexicon_is_the_compiled_one(folder):
    key = lexicon.lexicon_key()
    build = lambda: lexicon.lexicon_fields(lexicon.compile_lexicon())
    built = lexicon.Lexicon(*cache.load_cached("lexicon", key, build))
    read = lexicon.Lexicon(*cache.load_cached("lexicon", key, pytest.fail))
    assert read == built == lexicon.compile_lexicon()
    assert read.lemma_any == built.lemma_any
