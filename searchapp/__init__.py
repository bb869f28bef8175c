"""Khabar's web side: the Flask application factory."""
import os
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Defaults, then an optional config file (KHABAR_CONFIG), then KHABAR_* env, then tests."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                static_folder=str(ROOT / "static"))
    app.config.from_mapping(
        INDEX=os.environ.get("KHABAR_INDEX", "var/index"),
        GAZETTEERS=(),
    )
    if os.environ.get("KHABAR_CONFIG"):
        app.config.from_pyfile(os.environ["KHABAR_CONFIG"])
    app.config.from_prefixed_env("KHABAR")
    if test_config:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False

    from . import api, errors, views
    errors.register(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    return app
