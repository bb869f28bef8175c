"""KhabarWriter (indexer/w3writer/writer.py) writes the same index as Whoosh's SegmentWriter:
every term's postings (ids, weights, values: frequencies and positions), term statistics,
per-block statistics, field lengths, stored fields and columns; on the fast path, after a
spill to the slow path, through merges, deletions and updates, and in worker segments."""

import hashlib
import re

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import IDTokenizer, LowercaseFilter
from whoosh.fields import ID, KEYWORD, TEXT
from whoosh.writing import SegmentWriter

from indexer.indexing import workers
from indexer.indexing.build import build_index
from indexer.indexing.documents import article_doc, text_hash
from indexer.inputs.readers import Article, read_articles
from indexer.w3writer.field_terms import fast_terms, position_lists
from indexer.w3writer.writer import KhabarWriter
from indexer.whoosh_index.schema import make_schema
from tests.paths import SEEDS

ODD = [
    "",
    "في",
    "\n\nقَصَفَتْ  الطائراتُ _ حلب٢٠١٨\r\nفي في",
    "word_two 123 ـــ",
    "\u200fحلب\u200f\ufeff",
]


def documents(n=300):
    docs = [article_doc(a) for a in read_articles([SEEDS], lambda e: None)]
    # n more: one term in every document spans several 128-posting blocks
    for i in range(n):
        text = (
            f"قصفت الطائرات مدينة حلب اليوم {i} "
            + "والمعارضة " * (i % 7)
            + f"كلمة{i % 13} "
            + ODD[i % 5]
        )
        docs.append(
            {
                **docs[i % len(docs)],
                "id": f"x{i}",
                "text": text,
                "exact": text,
                "title": ODD[(i + 1) % 5] + f" عنوان {i % 3}",
            }
        )
    return docs


def write(writer_class, index_dir, docs, tune=None, commits=1):
    index_dir.mkdir()
    ix = whoosh_index.create_in(index_dir, make_schema())
    per_commit = -(-len(docs) // commits)
    for c in range(commits):
        writer = writer_class(ix)
        if tune:
            tune(writer)
        for doc in docs[c * per_commit : (c + 1) * per_commit]:
            writer.add_document(**doc)
        if c:  # later runs replace some documents and delete others
            for doc in docs[:per_commit:7]:
                writer.update_document(**{**doc, "text": doc["text"] + " تحديث"})
            writer.delete_by_term("id", docs[3]["id"])
        writer.commit()
    return whoosh_index.open_dir(index_dir)


def blocks(reader, field, text):
    """Per-block statistics of each segment's W3LeafMatcher (what quality skipping reads)."""
    out = []
    for leaf, _ in reader.leaf_readers():
        if (field, text) not in leaf:
            continue
        m = leaf.postings(field, text)
        m = getattr(m, "child", m)  # past the deleted-documents filter
        while m.is_active():
            out.append(
                (m.block_max_id(), m.block_max_weight(), m.block_min_length(), m.block_max_length())
            )
            if m._lastblock:
                break
            m._next_block()
    return out


def contents(ix):
    with ix.searcher() as searcher:
        reader = searcher.reader()
        postings = {}
        for field, text in reader.all_terms():
            info = reader.term_info(field, text)
            m = reader.postings(field, text)
            items = []
            while m.is_active():
                items.append((m.id(), m.weight(), m.value()))
                m.next()
            stats = (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
            )
            postings[field, text] = (items, stats, blocks(reader, field, text))
        fields = [name for name, f in ix.schema.items() if f.scorable]
        lengths = {
            (n, f): reader.doc_field_length(n, f) for n in reader.all_doc_ids() for f in fields
        }
        columns = {
            f: list(reader.column_reader(f)) for f in ix.schema.names() if reader.has_column(f)
        }
        totals = {f: reader.field_length(f) for f in fields}
        return (
            postings,
            lengths,
            list(reader.all_stored_fields()),
            columns,
            totals,
            reader.doc_count(),
        )


def compare(tmp_path, docs, tune=None, commits=1):
    plain = contents(write(SegmentWriter, tmp_path / "plain", docs, commits=commits))
    lean = contents(write(KhabarWriter, tmp_path / "lean", docs, tune, commits))
    assert len(plain[0]) > 1000
    assert max(len(items) for items, *_ in plain[0].values()) > 2 * 128
    assert set(plain[3]) == {"id", "date", "path", "hash", "texthash"}
    for part, (a, b) in enumerate(zip(plain, lean)):
        assert a == b, f"part {part} differs"


def test_same_index_as_segment_writer(tmp_path):
    compare(tmp_path, documents())


def test_same_index_after_spilling_to_the_slow_path(tmp_path):
    def tune(writer):
        writer.memory_limit = 20_000  # spilled every CHECK_EVERY documents
        writer.pool.limit = 20_000  # several sorted runs on disk, merged at the end

    compare(tmp_path, documents(), tune)


def test_same_index_when_some_documents_take_whooshs_path(tmp_path):
    docs = documents()
    docs[5] = {**docs[5], "_boost": 2.0}  # boosts: Whoosh's add_document, then the slow flush
    compare(tmp_path, docs)


def test_same_index_through_merges_updates_and_deletions(tmp_path):
    compare(tmp_path, documents(), commits=3)


def test_a_failing_document_leaves_no_postings(tmp_path):
    docs = documents(0)[:2]
    ix = whoosh_index.create_in(tmp_path, make_schema())
    writer = KhabarWriter(ix)
    writer.add_document(**docs[0])
    with pytest.raises(ValueError):  # exact, faction, ... indexed, then text fails
        writer.add_document(**{**docs[1], "exact": "حلب وادلب", "text": 42})
    writer.add_document(**docs[1])
    writer.commit()
    (tmp_path / "plain").mkdir()
    plain = whoosh_index.create_in(tmp_path / "plain", make_schema())
    with plain.writer() as w:
        for doc in docs:
            w.add_document(**doc)
    assert contents(ix) == contents(plain)


@pytest.mark.parametrize(
    "value", ODD + ["قالت مصادر في حلب إن اشتباكات وقعت اليوم\nفي حلب", "a, b,,a , ,"]
)
@pytest.mark.parametrize("name", ["title", "text", "exact", "place", "id", "date"])
def test_fast_terms_match_the_analyzer(name, value):
    field = make_schema()[name]
    func, surface = fast_terms(field)
    terms, length = func(surface, value)
    positions = field.format.supports("positions")
    expected = {
        w: vbytes if positions else freq
        for w, freq, _, vbytes in field.format.word_values(value, field.analyzer)
    }
    if positions:
        terms = position_lists(terms)
    got = {w: field.format.encode(p) if positions else p for w, p in terms.items()}
    assert got == expected
    assert (
        length == sum(field.format.decode_frequency(v) for v in expected.values())
        if positions
        else length == sum(expected.values())
    )


def test_only_whoosh_fields_and_our_analyzers_take_the_fast_path():
    schema = make_schema()
    slow = {n for n in schema.names() if schema[n].format and not fast_terms(schema[n])}
    assert slow == set()
    assert (
        fast_terms(TEXT()) is None
        and fast_terms(ID(analyzer=IDTokenizer() | LowercaseFilter())) is None
    )
    assert (
        fast_terms(KEYWORD()) is None and fast_terms(KEYWORD(commas=True, lowercase=True)) is None
    )


def test_worker_segments_search_like_one_process(tmp_path, monkeypatch, index_writer):
    feed = tmp_path / "feed.txt"
    feed.mkdir()
    for i, doc in enumerate(documents(200)[:200]):
        (feed / f"{i:03d}.txt").write_text(
            f"{doc['title'] or 'عنوان'}\n\n{doc['text'] or 'نص'}", encoding="utf-8"
        )
    one = build_index([feed], tmp_path / "one", report=lambda e: None, jobs=1)
    monkeypatch.setattr(workers, "segment_full", lambda writer: True)  # a segment per batch
    two = build_index([feed], tmp_path / "two", report=lambda e: None, jobs=2)
    assert one.added == two.added == 200
    ix_one, ix_two = (
        whoosh_index.open_dir(tmp_path / "one"),
        whoosh_index.open_dir(tmp_path / "two"),
    )
    assert len(ix_two._segments()) > 3
    with ix_one.searcher() as a, ix_two.searcher() as b:
        for field, text in [
            ("text", "حلب"),
            ("exact", "الطاءرات"),
            ("title", "عنوان"),
            ("text", "معارضه"),
        ]:
            hits_a = {
                a.stored_fields(n)["id"]: w for n, w in a.postings(field, text).items_as("weight")
            }
            hits_b = {
                b.stored_fields(n)["id"]: w for n, w in b.postings(field, text).items_as("weight")
            }
            assert hits_a == hits_b and hits_a


@pytest.mark.parametrize("field", ["text", "exact"])
def test_phrase_positions_only_on_exact(field):
    assert make_schema()[field].format.supports("positions") == (field == "exact")


def test_text_hash_spacing_rule_unchanged():
    """text_hash splits on str.split() whitespace; indexes hashed with re's \\s+ stay valid."""
    spaces = "".join(
        chr(c) for c in range(0x3100) if chr(c).isspace() or re.fullmatch(r"\s", chr(c))
    )
    assert all(chr(c).isspace() == bool(re.fullmatch(r"\s", chr(c))) for c in range(0x110000))
    for text in ["", spaces, f"{spaces}حلب{spaces}و  ادلب\n", "a" + spaces[::-1] + "b c"]:
        old = hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()
        assert text_hash(Article(id="x", text=text, title="", path="p")) == old
