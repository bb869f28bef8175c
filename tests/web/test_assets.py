"""Static files under versioned URLs: a year in the cache, revalidated when unversioned."""

import re

from searchapp.web.assets import LONG_CACHE, Assets


def linked(client, kind):
    html = client.get("/").get_data(as_text=True)
    return re.search(rf'(?:href|src)="(/static/[^"?]+\.{kind}\?v=[0-9a-f]{{12}})"', html).group(1)


def test_pages_link_versioned_css_js_and_icon(client):
    html = client.get("/").get_data(as_text=True)
    assert set(re.findall(r'"/static/([^"?]+)\?v=[0-9a-f]{12}"', html)) == {
        "style.css",
        "khabar.js",
        "favicon.svg",
    }
    assert not re.search(r'"/static/[^"?]+"', html)  # no unversioned link left


def test_versioned_files_are_cached_for_a_year(client):
    for kind in ("css", "js"):
        with client.get(linked(client, kind)) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == LONG_CACHE


def test_fonts_are_versioned_inside_the_style_sheet(client):
    css = client.get(linked(client, "css")).get_data(as_text=True)
    fonts = re.findall(r'url\("(fonts/[^"]+\.woff2\?v=[0-9a-f]{12})"\)', css)
    assert len(fonts) == 2
    for font in fonts:
        with client.get("/static/" + font) as response:
            assert response.status_code == 200 and response.mimetype == "font/woff2"
            assert response.headers["Cache-Control"] == LONG_CACHE


def test_unversioned_or_stale_urls_are_revalidated(client):
    for url in ("/static/style.css", "/static/khabar.js", "/static/style.css?v=000000000000"):
        with client.get(url) as response:
            assert response.status_code == 200
            assert "no-cache" in response.headers["Cache-Control"]
            etag = response.headers["ETag"]
        with client.get(url, headers={"If-None-Match": etag}) as again:
            assert again.status_code == 304


def test_missing_static_file_is_404(client):
    assert client.get("/static/nope.css").status_code == 404
    assert client.get("/static/../setup.cfg").status_code == 404


def test_version_follows_the_content(tmp_path):
    (tmp_path / "fonts").mkdir()
    font = tmp_path / "fonts" / "a.woff2"
    font.write_bytes(b"one")
    sheet = tmp_path / "site.css"
    sheet.write_text('@font-face { src: url("fonts/a.woff2"); } a { background: url(data:x) }')
    assets = Assets(tmp_path)
    css_before, font_version = assets.version("site.css"), assets.version("fonts/a.woff2")
    text, _ = assets.stylesheet("site.css")
    assert f'url("fonts/a.woff2?v={font_version}")' in text and "url(data:x)" in text
    font.write_bytes(b"two, longer")  # a new font: a new font URL, so a new style sheet too
    assert assets.version("fonts/a.woff2") != font_version
    assert assets.version("site.css") != css_before
    assert assets.version("missing.js") is None
