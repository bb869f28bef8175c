"""The style sheet, script, fonts and icon of the web pages, installed as searchapp.web.static."""
