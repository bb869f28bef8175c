"""Names outside the project relies on: the evaluation scripts in ../shared/eval and
indexes written before the analyzers moved (their schema pickles the old module path)."""

import pickle

import indexer.analysis
import searchapp
from indexer.whoosh_index.schema import make_schema


def test_the_eval_scripts_names_still_import():
    assert indexer.analysis.analyze("والمعارضة", indexer.analysis.arabic_analyzer()) == ["معارضه"]
    assert indexer.analysis.analyze("والمعارضة", indexer.analysis.exact_analyzer()) == ["والمعارضه"]
    assert callable(searchapp.create_app)


def test_a_schema_pickled_under_the_old_module_path_loads():
    old = pickle.dumps(make_schema(), protocol=0).replace(  # text opcodes: names by line
        b"indexer.whoosh_index.analyzers", b"indexer.analysis"
    )
    schema = pickle.loads(old)
    assert [t.text for t in schema["text"].analyzer("وقصفت الطائرات")] == ["قصف", "طاءره"]
