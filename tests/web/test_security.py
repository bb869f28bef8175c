"""Hostile input never becomes markup: payloads in articles, a user gazetteer, the query and
the parameters are escaped in every rendering; security headers; no path traversal; no debug."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from indexer.indexing.build import build_index
from searchapp.web.app import CONTENT_SECURITY_POLICY, create_app

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
SVG = "<svg/onload=alert(2)>"
PAYLOADS = (SCRIPT, IMG, SVG, "'><a href=javascript:alert(3)>y</a>")
FACTION_NAME = f"كتيبة {IMG}{SCRIPT}"
PLACE_NAME = f"قرية {SVG}{SCRIPT}"
ARTICLES = [
    {
        "id": "evil1",
        "title": f"قصف دمشق {SCRIPT}{IMG}",
        "source": f"وكالة {SVG}",
        "url": "javascript:alert(document.cookie)",
        "date": "2016-02-03",
        "text": f"قصف عنيف على دمشق {SCRIPT} ثم {IMG} وأيضا {SVG}. كتيبة الاختبار الخاصة قصفت المدينة."
        " وسقطت قذائف على بلدة الاختبار الخاصة في ريف دمشق.",
    },
    {
        "id": "evil2",
        "title": '=HYPERLINK("http://evil.example","click")',
        "source": "+cmd|' /C calc'!A0",
        "url": " JaVaScRiPt:alert(1)",
        "date": "2016-02-04",
        "text": "-2+3 @SUM(A1:A9) قصف دمشق مرة أخرى. كتيبة الاختبار الخاصة هنا.",
    },
    {
        "id": "ok1",
        "title": "خبر عادي عن حلب",
        "url": "https://example.org/a?x=1&y=<b>",
        "date": "2016-02-05",
        "text": "اشتباكات في حلب وقصف على دمشق.",
    },
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = root / "articles.jsonl"
    data.write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
    )
    gazetteer = root / "gazetteer.jsonl"
    entities = [
        {
            "facet": "faction",
            "id": "evil-brigade",
            "ar": FACTION_NAME,
            "en": f"Brigade {SVG}",
            "kind": f"armed {IMG}",
            "aliases_ar": ["كتيبة الاختبار الخاصة"],
            "aliases_en": [],
            "relations": {"allied_with": ["isis"]},
        },
        {
            "facet": "place",
            "id": "evil-village",
            "ar": PLACE_NAME,
            "en": f"Village {IMG}",
            "kind": "community",
            "aliases_ar": ["بلدة الاختبار الخاصة"],
            "governorate": "rif-dimashq-governorate",
            "lat": 33.6,
            "lon": 36.5,
        },
    ]
    gazetteer.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entities), encoding="utf-8"
    )
    index_dir = root / "index"
    build_index([data], index_dir, report=lambda e: None, gazetteer_files=(str(gazetteer),))
    app = create_app({"TESTING": True, "INDEX": str(index_dir), "GAZETTEERS": (str(gazetteer),)})
    return app


@pytest.fixture()
def hclient(hostile):
    return hostile.test_client()


class MarkupAudit(HTMLParser):
    """Records every element and attribute a browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "base"):
            src = dict(attrs).get("src") or ""
            if not (tag == "script" and src.startswith("/static/")):
                self.problems.append(f"<{tag}> element")
        if tag == "img" and (dict(attrs).get("src") or "") == "x":
            self.problems.append("injected <img>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                if (
                    "".join(value.split())
                    .lower()
                    .startswith(("javascript:", "data:text", "vbscript:"))
                ):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style":
                self.problems.append(f"inline style on <{tag}> (blocked by the CSP)")


def audit(html):
    parser = MarkupAudit()
    parser.feed(html)
    parser.close()
    return parser.problems


def page(client, url, **params):
    response = client.get(url, query_string=params)
    return response, response.get_data(as_text=True)


@pytest.mark.parametrize("q", ["قصف", "دمشق", "كتيبة", *PAYLOADS, f"دمشق {SCRIPT}", "قصفف " + IMG])
def test_search_page_has_no_injected_markup(hclient, q):
    response, html = page(hclient, "/", q=q)
    assert response.status_code in (200, 400)
    assert audit(html) == []


def test_payload_text_is_shown_escaped(hclient):
    response, html = page(hclient, "/", q="قصف")
    assert response.status_code == 200
    assert "evil1" in html and "&lt;script&gt;" in html
    assert "evil-brigade" in html  # the user gazetteer's facet value is listed, escaped
    assert FACTION_NAME not in html
    facets = hclient.get("/api/search", query_string={"q": "قصف"}).get_json()["facets"]["faction"]
    assert FACTION_NAME in [value["ar"] for value in facets]


def test_the_audit_catches_injections():
    assert audit(f"<p>{IMG}</p>") and audit(SCRIPT) and audit(SVG)
    assert audit('<a href=" JaVaScRiPt:alert(1)">x</a>')
    assert audit("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == []


@pytest.mark.parametrize("article_id", ["evil1", "evil2", "ok1"])
def test_article_page_has_no_injected_markup(hclient, article_id):
    response, html = page(hclient, f"/articles/{article_id}", q=f"قصف {SCRIPT}")
    assert response.status_code == 200
    assert audit(html) == []


def test_api_snippets_contain_only_mark(hclient):
    response = hclient.get("/api/search", query_string={"q": "قصف"})
    body = response.get_json()
    assert response.status_code == 200 and body["total"] >= 2
    for hit in body["hits"]:
        for fragment in (
            [hit["snippet"]] if isinstance(hit.get("snippet"), str) else hit.get("snippets", [])
        ):
            assert audit(fragment) == []
            stripped = fragment.replace("<mark>", "").replace("</mark>", "")
            assert "<" not in stripped and ">" not in stripped
    article = hclient.get("/api/articles/evil1").get_json()
    assert audit(article["html"]) == []


@pytest.mark.parametrize(
    "params",
    [
        {"page": SCRIPT},
        {"per_page": IMG},
        {"from": SCRIPT},
        {"sort": IMG},
        {"faction": SCRIPT},
        {"place": IMG},
        {"source": SVG},
        {"q": "(" + SCRIPT},
        {"q": 'title:"' + IMG},
    ],
)
def test_error_messages_are_escaped(hclient, params):
    response, html = page(hclient, "/", **params)
    assert response.status_code in (200, 400)
    assert audit(html) == []
    api = hclient.get("/api/search", query_string=params)
    assert api.status_code in (200, 400)
    assert api.mimetype == "application/json"
    if api.status_code == 400:
        assert set(api.get_json()["error"]) >= {"code", "message"}


@pytest.mark.parametrize(
    "path, params",
    [
        ("/entities/faction/evil-brigade", {}),
        ("/entities/faction/evil-brigade", {"lang": "en"}),
        ("/entities/place/evil-village", {}),
        ("/entities/place/rif-dimashq-governorate", {}),
        ("/entities/faction/isis", {}),  # its family names the hostile brigade
        ("/entities/source/evil-brigade", {}),
        (f"/entities/faction/{IMG}", {}),
        (f"/entities/{SCRIPT}/x", {}),
        ("/trends", {"q": ["faction:evil-brigade", "place:evil-village"]}),
        ("/trends", {"q": [SCRIPT, IMG, f"قصف {SVG}"]}),
        ("/", {"q": "قصف"}),  # the map's circles name the places
    ],
)
def test_entity_map_and_trend_pages_have_no_injected_markup(hclient, path, params):
    response, html = page(hclient, path, **params)
    assert response.status_code in (200, 400, 404)
    assert audit(html) == []
    assert FACTION_NAME not in html and PLACE_NAME not in html


def test_hostile_names_are_shown_escaped_on_the_new_pages(hclient):
    _, html = page(hclient, "/entities/faction/evil-brigade")
    assert "كتيبة &#34;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;" in html
    _, html = page(hclient, "/", q="قصف")
    assert 'data-id="evil-village"' in html  # on the map, its label escaped
    assert 'aria-label="قرية &lt;svg/onload=alert(2)&gt;&lt;script&gt;' in html
    body = hclient.get("/api/entities/place/evil-village").get_json()
    assert body["entity"]["ar"] == PLACE_NAME  # JSON keeps the text as it is
    trends = hclient.get("/api/trends", query_string={"q": "faction:evil-brigade"}).get_json()
    assert trends["trends"][0]["entity"]["ar"] == FACTION_NAME
    rows = hclient.get("/api/trends.csv", query_string={"q": ["=1+1", "@x"]}).get_data(as_text=True)
    assert rows.splitlines()[0] == "month,'=1+1,'@x"


def test_not_found_page_escapes_the_id(hclient):
    response, html = page(hclient, f"/articles/{IMG}")
    assert response.status_code == 404
    assert audit(html) == []


def route_exists(app, path):
    return any(rule.rule == path for rule in app.url_map.iter_rules())


def test_csv_export_guards_formulas(hostile, hclient):
    if not route_exists(hostile, "/api/search.csv"):
        pytest.skip("no CSV export route yet")
    response = hclient.get("/api/search.csv", query_string={"q": "قصف"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []


def test_atom_feed_parses_and_escapes(hostile, hclient):
    if not route_exists(hostile, "/search.atom"):
        pytest.skip("no Atom feed route yet")
    response = hclient.get("/search.atom", query_string={"q": f"قصف {SCRIPT}"})
    assert response.status_code == 200
    feed = ET.fromstring(response.get_data())
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.text or "" for e in feed.iter(atom + "title")]
    assert any(SCRIPT in t for t in titles)  # kept as text, escaped by XML
    for element in feed.iter():
        if element.get("type") == "html":
            assert audit(element.text or "") == []
        for name, value in element.attrib.items():
            assert not "".join(value.split()).lower().startswith("javascript:"), (name, value)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=قصف",
        "/api/search?q=x",
        "/entities/faction/evil-brigade",
        "/api/entities/faction/evil-brigade",
        "/trends?q=x",
        "/api/trends.csv?q=x",
        "/articles/nope",
        "/api/articles/nope",
        "/healthz",
        "/static/style.css",
        "/?page=0",
    ],
)
def test_security_headers_everywhere(hclient, url):
    with hclient.get(url) as response:
        headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/articles/%2e%2e",
        "/articles/..%2F..%2Fsetup.cfg",
        "/api/articles/..%252F..%252Fetc%252Fpasswd",
        "/static/../setup.cfg",
        "/static/%2e%2e/setup.cfg",
        "/articles/%00",
        "/api/articles/" + "a" * 5000,
    ],
)
def test_article_ids_never_reach_the_filesystem(hclient, url):
    response = hclient.get(url)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "root:" not in body and "[metadata]" not in body
    if url.startswith("/api/"):
        assert set(response.get_json()["error"]) == {"code", "message"}


def test_debug_is_never_on(monkeypatch, tmp_path):
    monkeypatch.setenv("KHABAR_DEBUG", "true")
    config = tmp_path / "khabar.toml"
    config.write_text('DEBUG = true\nINDEX = "/nowhere"\n', encoding="utf-8")
    monkeypatch.setenv("KHABAR_CONFIG", str(config))
    app = create_app()
    assert app.debug is False and app.config["DEBUG"] is False
    assert app.config["INDEX"] == "/nowhere"


def test_unexpected_error_is_a_logged_500_without_traceback(hostile, monkeypatch, caplog):
    from searchapp.search import service as service_module

    def explode(self, *args, **kwargs):
        raise RuntimeError("secret internals /etc/shadow")

    monkeypatch.setattr(service_module.SearchService, "search", explode)
    client = hostile.test_client()
    for url in ("/api/search?q=x", "/?q=x"):
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "secret internals" not in body and "Traceback" not in body
    assert client.get("/api/search?q=x").get_json()["error"]["code"] == "internal_error"
    assert "secret internals" in caplog.text  # logged for the operator
