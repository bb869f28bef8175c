"""The OpenAPI document is the API: its rules checked here one by one, then schemathesis
with every check on against the seed index served by waitress (the production server) on
a free loopback port.

The schemathesis run is bounded, SCHEMATHESIS_EXAMPLES (30) cases per operation and phase,
about a minute here; raise it to search longer. The formats the document names but JSON
Schema cannot check (the query language, gazetteer ids) come from tests/web/openapi_formats.py.
"""

import ast
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import waitress

from searchapp.web.openapi import ERROR_CODES, spec
from searchapp.web.serving import make_app
from tests.paths import ROOT, TESTS

HOOKS = TESTS / "web" / "openapi_formats.py"
EXAMPLES = os.environ.get("SCHEMATHESIS_EXAMPLES", "30")


def query_error_codes():
    """Every code a QueryError is raised with in the code (its second argument)."""
    codes = set()
    for path in [*ROOT.glob("searchapp/**/*.py"), *ROOT.glob("indexer/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "QueryError"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                codes.add(node.args[1].value)
    return codes


def test_every_route_is_described(client):
    routes = {
        rule.rule.replace("<path:", "{").replace("<", "{").replace(">", "}")
        for rule in client.application.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    assert routes == set(client.get("/api/openapi.json").get_json()["paths"])


def test_every_400_code_is_listed_in_the_spec_and_the_docs():
    assert query_error_codes() == set(ERROR_CODES["400"])
    docs = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert [code for code in ERROR_CODES["400"] if f"`{code}`" not in docs] == []


def test_405_keeps_its_allow_header(client):
    for path in ("/api/search", "/healthz", "/"):
        response = client.post(path)
        assert response.status_code == 405
        assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert client.post("/healthz").get_json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "path, query, code",
    [
        ("/api/search", "page=1&page=2", "repeated_value"),
        ("/api/search", "q=a&q=b", "repeated_value"),
        ("/api/search.csv", "sort=date&sort=date", "repeated_value"),
        ("/api/facets/place", "prefix=a&prefix=b", "repeated_value"),
        ("/api/articles/003_3aa9d2893f9c7816", "q=a&q=b", "repeated_value"),
        ("/api/search", "place=", "unknown_value"),
        ("/api/search", "from=%D9%A2%D9%A0%D9%A1%D9%A7", "bad_date"),  # Arabic-Indic 2017
        ("/api/search", "to=2017%0A", "bad_date"),
        ("/api/search", "page=", "bad_number"),
        ("/api/search", "page=%2B2", "bad_number"),
        ("/api/search", "per_page=%D9%A2", "bad_number"),  # an Arabic-Indic two
        (
            "/api/search",
            "faction=" + "&faction=".join(["isis"] * 30 + [""] * 21),
            "too_many_values",
        ),
    ],
)
def test_parameter_rules_of_the_spec(client, path, query, code):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == code


def test_empty_one_value_parameters_are_left_out(client):
    response = client.get("/api/search?q=&from=&to=&sort=&exact=")
    assert response.status_code == 200 and response.get_json()["total"] == 5


def formats_in(value):
    if isinstance(value, dict):
        found = {value["format"]} if isinstance(value.get("format"), str) else set()
        return found.union(*map(formats_in, value.values()))
    if isinstance(value, list):
        return set().union(*map(formats_in, value))
    return set()


def test_request_formats_are_the_ones_the_hooks_generate():
    """Schemathesis draws a format it is not taught as any string: openapi_formats.py
    must know every format a parameter names."""
    document = spec()
    used = formats_in(document["components"]["parameters"]) | formats_in(document["paths"])
    responses_only = formats_in(document["components"]["schemas"])
    assert used - responses_only == {
        "khabar-query",
        "khabar-date",
        "faction-id",
        "place-id",
        "source-id",
        "publisher-id",
    }


@pytest.fixture(scope="module")
def waitress_server(seed_index):
    """The app over the seed index under waitress on 127.0.0.1 and a free port, in a thread."""
    server = waitress.create_server(
        make_app({"INDEX": str(seed_index)}), host="127.0.0.1", port=0, threads=4
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


@pytest.mark.slow
def test_schemathesis_finds_nothing(waitress_server, tmp_path):
    command = [
        Path(sys.executable).parent / "schemathesis",
        "run",
        f"{waitress_server}/api/openapi.json",
        "--checks=all",
        f"--max-examples={EXAMPLES}",
        "--workers=1",
        "--generation-database=none",
        "--no-color",
        "--output-truncate=false",
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-20000:] + done.stderr[-5000:]
