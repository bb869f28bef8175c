"""`khabar serve`: the app under waitress, with the settings create_app gathered."""
from flask import Flask

from . import create_app
from .state import get_service


def make_app(overrides=None):
    """The application, with its index opened now so a missing index fails at start-up."""
    app = create_app(overrides)
    app.config["TESTING"] = False
    with app.app_context():
        get_service()
    return app


def waitress_options(config):
    """waitress.serve keyword arguments from the app's config."""
    options = {
        "host": config["HOST"], "port": int(config["PORT"]), "threads": int(config["THREADS"]),
        "ident": "khabar", "expose_tracebacks": False, "url_prefix": config.get("URL_PREFIX") or "",
        "max_request_body_size": int(config.get("MAX_CONTENT_LENGTH") or 64 * 1024),
    }
    if config.get("TRUSTED_PROXY"):
        options.update(
            trusted_proxy=config["TRUSTED_PROXY"],
            trusted_proxy_count=int(config.get("TRUSTED_PROXY_COUNT") or 1),
            trusted_proxy_headers=config["TRUSTED_PROXY_HEADERS"],
            clear_untrusted_proxy_headers=True,
        )
    return options


def serve(app: Flask, echo=print):
    import waitress
    options = waitress_options(app.config)
    echo(f"Khabar serving {app.config['INDEX']} at http://{options['host']}:{options['port']}/"
         f" with {options['threads']} threads")
    waitress.serve(app, **options)
