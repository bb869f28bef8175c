"""A cluster that does not answer, refuses the credentials, lacks the index or holds an
index of an older mapping: one clear line from the CLI (no traceback), and a 503 with the
error shape from the API."""

import http.server
import threading

import pytest

from indexer.indexing.build import build_index
from indexer.indexing.documents import FACET_FIELDS
from indexer.opensearch_index.mapping import MAPPING_VERSION, index_settings, mappings
from searchapp.cli import cli
from searchapp.web.app import create_app
from tests.opensearch_fixture import backend_url, call, write_documents
from tools.opensearch.cluster import free_ports

pytestmark = pytest.mark.slow


class Refusing(http.server.BaseHTTPRequestHandler):
    """A server that answers every request as a cluster with security on does without
    credentials: 401."""

    def do_GET(self):
        body = b'{"error": "Unauthorized", "status": 401}'
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="OpenSearch Security"')
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_PUT = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def refusing_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"opensearch+http://someone:wrong@127.0.0.1:{server.server_port}/khabar"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def older_mapping(opensearch_cluster):
    """An index behind the alias `older`, written by a Khabar of an earlier mapping."""
    url = write_documents(backend_url(opensearch_cluster, "older"), [])
    old_mapping = mappings(FACET_FIELDS)
    old_mapping["_meta"]["khabar"]["mapping_version"] = MAPPING_VERSION - 1
    node = opensearch_cluster.url
    call(node, "PUT", "/older-v0-test", {"settings": index_settings(1, 0), "mappings": old_mapping})
    behind = next(iter(call(node, "GET", "/_alias/older")))
    call(
        node,
        "POST",
        "/_aliases",
        {
            "actions": [
                {"remove": {"index": behind, "alias": "older"}},
                {"add": {"index": "older-v0-test", "alias": "older"}},
            ]
        },
    )
    return url


def unreachable_url():
    return f"opensearch+http://127.0.0.1:{free_ports(1)[0]}/khabar"


def cases(refusing_url, older_mapping, opensearch_cluster):
    """(backend URL, message the CLI prints, error code of the API). The API's message says
    what is wrong in general terms: node addresses and index names stay in the log."""
    return [
        (
            unreachable_url(),
            "does not answer ([Errno 111] Connection refused)",
            "backend_unreachable",
        ),
        (refusing_url, "refused the credentials (HTTP 401)", "backend_auth"),
        (
            backend_url(opensearch_cluster, "nothing-here"),
            "no index 'nothing-here' on the OpenSearch cluster",
            "no_index",
        ),
        (older_mapping, f"has mapping version {MAPPING_VERSION - 1}", "index_outdated"),
    ]


def test_search_says_what_is_wrong(runner, refusing_url, older_mapping, opensearch_cluster):
    for url, message, _ in cases(refusing_url, older_mapping, opensearch_cluster):
        result = runner.invoke(cli, ["search", "حلب", "--backend", url])
        assert result.exit_code == 1, (url, result.output)
        assert message in result.output and "Traceback" not in result.output, result.output
        assert "wrong" not in result.output  # never the password


def test_serve_stops_at_start_with_the_message(
    runner, refusing_url, older_mapping, opensearch_cluster
):
    for url, message, _ in cases(refusing_url, older_mapping, opensearch_cluster):
        result = runner.invoke(cli, ["serve", "--backend", url, "--port", "0"])
        assert result.exit_code == 1 and message in result.output, result.output


def test_the_api_answers_503_with_the_error_shape(
    refusing_url, older_mapping, opensearch_cluster, caplog
):
    for url, message, code in cases(refusing_url, older_mapping, opensearch_cluster):
        client = create_app({"TESTING": True, "BACKEND": url}).test_client()
        for path in ("/api/search?q=حلب", "/api/articles/x", "/api/facets/place"):
            response = client.get(path)
            assert response.status_code == 503, (url, path, response.data)
            error = response.get_json()["error"]
            assert set(error) == {"code", "message"} and error["code"] == code
            assert "127.0.0.1" not in error["message"]
        assert message in caplog.text  # the whole story is in the log
        page = client.get("/?q=حلب")
        assert page.status_code == 503 and b"Traceback" not in page.data


def test_indexing_says_what_is_wrong(runner, refusing_url, tmp_path):
    for url, message in (
        (unreachable_url(), "does not answer"),
        (refusing_url, "refused the credentials (HTTP 401)"),
        ("opensearch+http://127.0.0.1:9200/Not_An_Index", "cannot name an index"),
    ):
        result = runner.invoke(cli, ["index", str(tmp_path), "--backend", url])
        assert result.exit_code == 1 and message in result.output, result.output
        assert "Traceback" not in result.output


def test_an_older_mapping_is_rebuilt_by_the_next_index_run(older_mapping, opensearch_cluster):
    from tests.paths import SEEDS

    stats = build_index([SEEDS], older_mapping, report=lambda error: None)
    assert stats.added == 5  # a fresh index, swapped in for the old one
    assert "older-v0-test" not in call(opensearch_cluster.url, "GET", "/_alias/older")


def test_an_older_mapping_holding_articles_is_kept_until_a_rebuild(opensearch_cluster):
    """An incremental run would replace the archive with its own paths: it is refused, the
    alias still names the old index, and --rebuild brings it up to date."""
    from indexer.errors import MappingVersionError
    from tests.paths import SEEDS

    node = opensearch_cluster.url
    old_mapping = mappings(FACET_FIELDS)
    old_mapping["_meta"]["khabar"]["mapping_version"] = MAPPING_VERSION - 1
    call(node, "PUT", "/kept-v0-test", {"settings": index_settings(1, 0), "mappings": old_mapping})
    call(node, "PUT", "/kept-v0-test/_doc/a?refresh=true", {"id": "a", "title": "قديم"})
    call(
        node,
        "POST",
        "/_aliases",
        {"actions": [{"add": {"index": "kept-v0-test", "alias": "kept"}}]},
    )
    url = backend_url(opensearch_cluster, "kept")
    with pytest.raises(MappingVersionError, match=f"has mapping version {MAPPING_VERSION - 1}"):
        build_index([SEEDS], url, report=lambda error: None)
    assert list(call(node, "GET", "/_alias/kept")) == ["kept-v0-test"]
    assert build_index([SEEDS], url, rebuild=True, report=lambda error: None).added == 5
    assert "kept-v0-test" not in call(node, "GET", "/_alias/kept")
