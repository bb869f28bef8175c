"""deflate.py: ISA-L's zlib streams, read back by the zlib module and by Whoosh."""

import pickle
import zlib

from whoosh import index as whoosh_index

from indexer.w3writer.compression import compress
from indexer.w3writer.writer import KhabarWriter
from indexer.whoosh_index.schema import make_schema


def test_any_zlib_inflates_it_and_it_compresses():
    data = pickle.dumps({"text": "قصفت الطائرات مدينة حلب " * 200}, 2)
    out = compress(data, 3)
    assert zlib.decompress(out) == data
    assert len(out) < len(data) / 10


def test_stored_fields_are_deflated_by_isal_and_read_by_whoosh(tmp_path):
    ix = whoosh_index.create_in(tmp_path, make_schema())
    writer = KhabarWriter(ix)
    stored = writer.perdocwriter._colwriters["_stored"]._child
    assert stored._compress is compress
    text = "قصفت الطائرات مدينة حلب اليوم " * 100
    writer.add_document(
        id="a1", title="عنوان", text=text, exact=text, hash="h", texthash="t", path="p"
    )
    writer.commit()
    with ix.searcher() as searcher:
        assert searcher.stored_fields(0)["text"] == text
