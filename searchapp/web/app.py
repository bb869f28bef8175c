"""Khabar's web side: the Flask application factory.

Settings, later ones winning: the defaults below; a config file named by `KHABAR_CONFIG`
(`.toml`, `.json`, or a Python file of UPPERCASE assignments); `KHABAR_*` environment
variables (`KHABAR_INDEX=/srv/khabar/index`, `KHABAR_THREADS=16`; values are read as JSON
when they parse, so `KHABAR_GAZETTEERS='["extra.jsonl"]'`); then `test_config` (tests and
`khabar serve`'s flags). Debug mode is never on: the factory refuses it.

The pages' templates and static files are the packages searchapp.web.templates and
searchapp.web.static (the top-level templates/ and static/ folders of the project, mapped
by setup.py), found through the import system: in site-packages once installed, in the
checkout when installed editable.
"""

import json
import os
import tomllib
from importlib.util import find_spec

from flask import Flask

DEFAULTS = {
    "INDEX": "var/index",
    "BACKEND": None,  # an OpenSearch URL (opensearch+http://host:port/alias) instead of INDEX
    "GAZETTEERS": (),
    "HOST": "127.0.0.1",
    "PORT": 5000,
    "THREADS": 8,
    "WORKERS": 1,
    "RELOAD_INTERVAL": 1.0,
    "TRUSTED_PROXY": None,
    "TRUSTED_PROXY_COUNT": 1,
    "TRUSTED_PROXY_HEADERS": "x-forwarded-for x-forwarded-proto x-forwarded-host x-forwarded-port",
    "URL_PREFIX": "",
    "MAX_CONTENT_LENGTH": 64 * 1024,
}

# Only the app's own files: no inline script or style, no framing, no plugins.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def load_config_file(app, path):
    """Read a config file by its extension into app.config (UPPERCASE keys only)."""
    path = str(path)
    if path.endswith(".toml"):
        app.config.from_file(path, load=tomllib.load, text=False)
    elif path.endswith(".json"):
        app.config.from_file(path, load=json.load)
    else:
        app.config.from_pyfile(path)


def package_folder(package):
    """The folder of a package of files: 'searchapp.web.static' -> '.../searchapp/web/static'.

    Its spec is enough: importing it would only run an __init__.py that marks the folder a
    package (setuptools' editable installs find a mapped folder only then)."""
    return find_spec(package).submodule_search_locations[0]


def add_security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def create_app(test_config=None):
    """Defaults, then the KHABAR_CONFIG file, then KHABAR_* env, then `test_config`."""
    app = Flask(
        __name__,
        template_folder=package_folder("searchapp.web.templates"),
        static_folder=package_folder("searchapp.web.static"),
    )
    app.config.from_mapping(DEFAULTS)
    config_file = (test_config or {}).get("CONFIG_FILE") or os.environ.get("KHABAR_CONFIG")
    if config_file:
        load_config_file(app, config_file)
    app.config.from_prefixed_env("KHABAR")
    if test_config:
        app.config.from_mapping(test_config)
    app.config["DEBUG"] = False  # never the Werkzeug debugger, whatever the settings say
    app.debug = False
    app.json.ensure_ascii = False
    app.after_request(add_security_headers)

    from searchapp.web import api, assets, errors, explore, views

    errors.register(app)
    assets.register(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(explore.bp)
    app.register_blueprint(api.bp)
    return app
