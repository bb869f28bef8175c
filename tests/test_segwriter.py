"""KhabarWriter (indexer/segwriter.py) writes the same index as Whoosh's SegmentWriter."""
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from indexer.pipeline import article_doc
from indexer.readers import read_articles
from indexer.schema import make_schema
from indexer.segwriter import KhabarWriter

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def documents():
    docs = [article_doc(a) for a in read_articles([SEEDS], lambda e: None)]
    # 300 more: one term in every document spans several 128-posting blocks
    for i in range(300):
        text = f"قصفت الطائرات مدينة حلب اليوم {i} " + "والمعارضة " * (i % 7) + f"كلمة{i % 13}"
        docs.append({**docs[i % len(docs)], "id": f"x{i}", "text": text, "exact": text})
    return docs


def write(writer_class, index_dir):
    index_dir.mkdir()
    ix = whoosh_index.create_in(index_dir, make_schema())
    writer = writer_class(ix)
    writer.pool.limit = 20_000  # several sorted runs on disk, merged at the end
    for doc in documents():
        writer.add_document(**doc)
    writer.commit()
    return whoosh_index.open_dir(index_dir)


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
            postings[field, text] = (items, info.min_length(), info.max_length(), info.max_weight())
        lengths = {(n, f): reader.doc_field_length(n, f) for n in reader.all_doc_ids()
                   for f in ("title", "text", "exact")}
        return postings, lengths, list(reader.all_stored_fields())


def test_same_index_as_segment_writer(tmp_path):
    plain = contents(write(SegmentWriter, tmp_path / "plain"))
    lean = contents(write(KhabarWriter, tmp_path / "lean"))
    assert len(plain[0]) > 1000
    assert max(len(items) for items, *_ in plain[0].values()) > 2 * 128
    assert lean == plain


@pytest.mark.parametrize("field", ["text", "exact"])
def test_phrase_positions_only_on_exact(field):
    assert make_schema()[field].format.supports("positions") == (field == "exact")
