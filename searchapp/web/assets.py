"""Static files under versioned URLs, cached for a year.

Pages link `/static/style.css?v=<hash of the file's bytes>`; a request whose `v` is the
file's current hash is answered with `Cache-Control: public, max-age=31536000, immutable`,
so a browser asks again only when the file changes (and with it the URL). The style
sheet's own `url(...)` references (the fonts) are versioned the same way as it is sent.
A request without `v`, or with an old one, keeps Flask's `no-cache` (revalidated by ETag).
"""

import hashlib
import posixpath
import re
import threading
from pathlib import Path

from flask import Response, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

LONG_CACHE = "public, max-age=31536000, immutable"
VERSION_CHARS = 12
CSS_URL_RE = re.compile(r"""url\((["']?)([^"')]+)\1\)""")


class Assets:
    """Content hashes of the files in one static folder, remembered per modification time."""

    def __init__(self, folder):
        self.folder = str(folder)
        self.lock = threading.Lock()
        self.known = {}  # filename -> (stamp of the files it depends on, value)

    def path(self, filename):
        """The file's path inside the folder, or None (outside it, or not a file)."""
        joined = safe_join(self.folder, filename)
        return Path(joined) if joined and Path(joined).is_file() else None

    def version(self, filename):
        """'khabar.js' -> the first hex digits of its SHA-256; a style sheet's is that of
        the text it is sent as (so it changes with the fonts it names). None: no such file."""
        path = self.path(filename)
        if path is None:
            return None
        if filename.endswith(".css"):
            return self.stylesheet(filename)[1]
        return self.remembered(filename, [path], lambda: digest(path.read_bytes()))

    def remembered(self, key, paths, compute):
        """compute(), remembered until one of `paths` changes (modification time or size)."""
        stamp = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
        with self.lock:
            known = self.known.get(key)
        if known and known[0] == stamp:
            return known[1]
        value = compute()
        with self.lock:
            self.known[key] = (stamp, value)
        return value

    def url(self, filename):
        """The versioned URL of a static file (unversioned when it does not exist)."""
        version = self.version(filename)
        if version is None:
            return url_for("static", filename=filename)
        return url_for("static", filename=filename, v=version)

    def stylesheet(self, filename):
        """(text, version) of a style sheet as sent: each relative url(...) versioned,
        url("fonts/a.woff2") -> url("fonts/a.woff2?v=0123abcd4567")."""
        path = self.path(filename)
        text, refs = self.remembered(("read", filename), [path], lambda: self.read(filename))
        paths = [path, *(self.path(name) for name in refs.values())]

        def versioned(match):
            quote, ref = match.groups()
            if ref not in refs:
                return match.group(0)
            return f"url({quote}{ref}?v={self.version(refs[ref])}{quote})"

        def send():
            sent = CSS_URL_RE.sub(versioned, text)
            return sent, digest(sent.encode("utf-8"))

        return self.remembered(("send", filename), paths, send)

    def read(self, filename):
        """(text, {reference: static filename}) of a style sheet's relative url(...)s."""
        text = self.path(filename).read_text("utf-8")
        base, refs = posixpath.dirname(filename), {}
        for _, ref in CSS_URL_RE.findall(text):
            if not (":" in ref or ref.startswith(("/", "#")) or "?" in ref):
                name = posixpath.normpath(posixpath.join(base, ref))
                if self.path(name) is not None:
                    refs[ref] = name
        return text, refs


def digest(data):
    return hashlib.sha256(data).hexdigest()[:VERSION_CHARS]


def css_response(assets, filename):
    """The style sheet, its references versioned, with an ETag for revalidation."""
    text, version = assets.stylesheet(filename)
    response = Response(text, mimetype="text/css")
    response.set_etag(version)
    response.cache_control.no_cache = True
    return response.make_conditional(request)


def register(app):
    """Serve the static folder through the versioning view and give templates `asset_url`."""
    assets = Assets(app.static_folder)
    app.extensions["khabar.assets"] = assets
    app.jinja_env.globals["asset_url"] = assets.url
    send_static = app.view_functions["static"]

    def static(filename):
        if assets.path(filename) is None:
            raise NotFound()
        if filename.endswith(".css"):
            response = css_response(assets, filename)
        else:
            response = send_static(filename=filename)
        if request.args.get("v") == assets.version(filename):
            response.headers["Cache-Control"] = LONG_CACHE
        return response

    app.view_functions["static"] = static
