"""Finishing the highlighted text of a results page: titles marked as the snippets are,
and snippets that end with their sentence rather than with '.…'.

The service marks snippets only; titles are marked here with the service's own marks for
the query (one more parse of it per page).
"""

import re

from markupsafe import Markup, escape

from searchapp.search.highlight import highlight_all
from searchapp.search.query import highlight_terms

SENTENCE_END_RE = re.compile(r"([.!?؟])\s*…$")
CLAUSE_END_RE = re.compile(r"\s*[،,؛;:]\s*…$")


def tidy_snippet(html):
    """A snippet's end: a whole sentence needs no '…', a clause cut at its comma shows
    '…' in place of the comma. '…قتلى.…' -> '…قتلى.'; '…السوق،…' -> '…السوق…'."""
    html = SENTENCE_END_RE.sub(r"\1", html)
    return CLAUSE_END_RE.sub("…", html)


def query_marks(service, q, exact=False):
    """What the service marks for query `q` (None for no query)."""
    if not q.strip():
        return None
    with service.backend.snapshot() as snapshot:
        parsed = service.parse(q, snapshot, exact=exact)
    return None if parsed.empty else highlight_terms(parsed, service.gazetteer)


def marked(text, marks):
    """`text` escaped, with the words `marks` matches in <mark>."""
    if not marks or not text:
        return escape(text or "")
    return Markup(highlight_all(text, marks))
