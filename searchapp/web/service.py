"""The app's one SearchService, opened on first use and kept for the process, and the
Explorer over it."""

import threading

from flask import current_app

from searchapp.search.explore import Explorer
from searchapp.search.service import SearchService
from searchapp.search.settings import SearchSettings

_service_lock = threading.Lock()


def get_service():
    """Open the index on first use and keep the service on the app (one per process)."""
    extensions = current_app.extensions
    service = extensions.get("khabar.service")
    if service is None:
        with _service_lock:
            service = extensions.get("khabar.service")
            if service is None:
                config = current_app.config
                service = SearchService.open(
                    index_location(config),
                    config["GAZETTEERS"],
                    SearchSettings.from_config(config),
                    reload_interval=config.get("RELOAD_INTERVAL", 1.0),
                )
                extensions["khabar.service"] = service
    return service


def index_location(config):
    """The app's index: BACKEND (an OpenSearch URL) when set, else the INDEX directory."""
    return config.get("BACKEND") or config["INDEX"]


def get_explorer():
    """The Explorer (entity pages, map points, trends) over the app's one service."""
    extensions = current_app.extensions
    explorer = extensions.get("khabar.explorer")
    if explorer is None or explorer.service is not get_service():
        explorer = extensions["khabar.explorer"] = Explorer(get_service())
    return explorer
