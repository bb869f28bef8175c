"""The Jinja templates of the web pages, installed as the package searchapp.web.templates."""
