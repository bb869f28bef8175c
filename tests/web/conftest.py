"""The site the browser tests drive: the app over the seed index, served on a loopback port,
with axe-core added from the site's own origin so the Content-Security-Policy stays on.

axe-core comes from npm (tests/web/package.json, installed by `make test` as
`npm ci --prefix tests/web`); it is served at /_test/axe.min.js by this test app only.
"""

import threading
from pathlib import Path

import pytest
from flask import send_file

from searchapp.web.app import create_app

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/_test/axe.min.js"
# The seed articles have 31 places, 21 factions, 13 sources: 10 are listed, and pages of
# 15 let "more" add a few values at a time.
SETTINGS = {"SEARCH_FACET_PAGE": 15}


def add_axe(app):
    """A test-only route serving the installed axe-core (a missing install fails loudly)."""

    def axe():
        if not AXE.exists():
            raise RuntimeError(f"{AXE} is missing: run `make test` or `npm ci --prefix tests/web`")
        return send_file(AXE, mimetype="text/javascript")

    app.add_url_rule(AXE_URL, "test_axe", axe)
    return app


@pytest.fixture(scope="session")
def site(seed_index):
    """The base URL of the app over the seed index, served by werkzeug in a thread."""
    url, stop = serve(add_axe(create_app({"INDEX": str(seed_index), **SETTINGS})))
    yield url
    stop()


@pytest.fixture(scope="session")
def browser():
    from tests.web.browsing import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    from tests.web.browsing import DESKTOP, close, open_page

    page = open_page(browser, **DESKTOP)
    yield page
    close(page, page.allowed if hasattr(page, "allowed") else ())


def serve(app):
    """Serve `app` on a free loopback port in a thread: (base URL, stop())."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join(5)

    return f"http://127.0.0.1:{server.server_port}", stop


ARCHIVE_TOWNS = ("t-p1", "t-p2", "t-p3")


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """A site over 102 dated articles: 100 from 2017 (some each month) and two outliers from
    2012, so the timeline has a dozen bars and an "earlier" bucket."""
    from tests.search.search_fixture import build_fixture_index, write_gazetteer

    root = tmp_path_factory.mktemp("archive")
    docs = [
        (
            f"a{i}",
            f"قصف {i}",
            "قصف الطيران الأحياء.",
            f"2017-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
            "t-fa",
            ARCHIVE_TOWNS[i % 3],
            "t-s1",
        )
        for i in range(100)
    ] + [
        ("old1", "قصف قديم", "قصف قديم.", "2012-05-01", "t-fb", "t-p1", "t-s2"),
        ("old2", "قصف أقدم", "قصف أقدم.", "2012-03-09", "t-fb", "t-p2", "t-s2"),
    ]
    index = build_fixture_index(root / "index", docs)
    gazetteer = write_gazetteer(root / "gazetteer.jsonl")
    app = add_axe(create_app({"INDEX": str(index), "GAZETTEERS": (str(gazetteer),)}))
    url, stop = serve(app)
    yield url
    stop()
