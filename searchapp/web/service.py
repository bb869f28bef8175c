"""The app's one SearchService, opened on first use and kept for the process."""

import threading

from flask import current_app

from searchapp.search.service import SearchService
from searchapp.search.whoosh_backend.searchers import DEFAULT_RELOAD_INTERVAL, share_index

_service_lock = threading.Lock()


def get_service():
    """Open the index on first use and keep the service on the app (one per process)."""
    extensions = current_app.extensions
    service = extensions.get("khabar.service")
    if service is None:
        with _service_lock:
            service = extensions.get("khabar.service")
            if service is None:
                service = SearchService(
                    current_app.config["INDEX"], current_app.config["GAZETTEERS"]
                )
                share_index(
                    service, current_app.config.get("RELOAD_INTERVAL", DEFAULT_RELOAD_INTERVAL)
                )
                extensions["khabar.service"] = service
    return service
