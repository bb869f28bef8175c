"""The web side: the Flask application, HTML pages, the JSON API, exports, errors and serving."""
