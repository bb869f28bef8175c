"""Shared fixtures: a seed index built once per session, the app, its client and a CLI runner."""

import pytest
from click.testing import CliRunner

from indexer.indexing.build import build_index
from indexer.whoosh_index.store import WRITERS
from searchapp.web.app import create_app
from tests.opensearch_fixture import (  # noqa: F401  (fixtures)
    fixture_opensearch,
    opensearch_cluster,
    seed_opensearch,
)
from tests.paths import SEEDS
from tests.search.search_fixture import (  # noqa: F401  (fixtures)
    fixture_client,
    fixture_location,
    fixture_paths,
    location_config,
    service,
)

# The contract suite: every test of the search service, the API and the pages (through
# `service`, `app`, `client`, `fixture_client`) runs against both backends. A test that
# asserts Whoosh internals is marked `whoosh_only` and runs once.
BACKENDS = ["whoosh", pytest.param("opensearch", marks=pytest.mark.slow)]


def pytest_addoption(parser):
    parser.addoption(
        "--writer",
        action="append",
        choices=WRITERS,
        help="run the index tests under this segment writer only (repeatable; default: both)",
    )


def pytest_collection_modifyitems(config, items):
    """A `whoosh_only` test keeps its Whoosh run only."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_opensearch = callspec is not None and callspec.params.get("backend") == "opensearch"
        (dropped if on_opensearch and item.get_closest_marker("whoosh_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request):
    """The index backend of the contract suite's fixtures: 'whoosh' or 'opensearch'."""
    return request.param


def pytest_generate_tests(metafunc):
    """Every test using `index_writer` runs once per segment writer (KHABAR_WRITER): the
    index-building tests of tests/indexing, test_segwriter's worker test, test_cli's."""
    if "index_writer" in metafunc.fixturenames:
        writers = metafunc.config.getoption("writer") or WRITERS
        metafunc.parametrize("index_writer", writers, indirect=True)


@pytest.fixture()
def index_writer(request, monkeypatch):
    """Index building (build_index, `khabar index`, their workers and child processes)
    uses this writer: KHABAR_WRITER is set for the test."""
    monkeypatch.setenv("KHABAR_WRITER", request.param)
    return request.param


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("seed-index") / "index"
    stats = build_index([SEEDS], index_dir, report=lambda error: None)
    assert stats.added == 5
    return index_dir


@pytest.fixture(scope="session")
def seed_location(backend, seed_index, request):
    """The seeds' index for this backend: the Whoosh directory or an OpenSearch URL."""
    return seed_index if backend == "whoosh" else request.getfixturevalue("seed_opensearch")


@pytest.fixture()
def app(seed_location):
    app = create_app({"TESTING": True, **location_config(seed_location)})
    yield app
    close_service(app)


def close_service(app):
    """Close the service an app opened (an OpenSearch client's sockets, a Whoosh pool)."""
    opened = app.extensions.get("khabar.service")
    if opened is not None:
        opened.close()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture(scope="session")
def live_server(seed_index):
    """The app over the seed index, served by werkzeug on a free loopback port in a thread."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, create_app({"INDEX": str(seed_index)}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
