"""The search service shared by every request of one application."""
from flask import current_app

from .service import SearchService


def get_service():
    """Open the index on first use and keep the service on the app."""
    service = current_app.extensions.get("khabar.service")
    if service is None:
        service = SearchService(current_app.config["INDEX"], current_app.config["GAZETTEERS"])
        current_app.extensions["khabar.service"] = service
    return service
