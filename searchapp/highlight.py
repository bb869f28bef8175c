"""Snippets and full-text highlighting that mark the original, vowelled surface words."""
import re
from html import escape

from indexer.analysis import ArabicTokenizer, arabic_analyzer

FRAGMENT_CHARS = 200
BOUNDARY_RE = re.compile(r"[.!؟?،؛\n]")


def matched_spans(text, terms):
    """(start, end) of every word in `text` whose analyzed form is one of `terms`."""
    if not terms:
        return []
    analyzer = arabic_analyzer()
    spans = []
    for token in ArabicTokenizer()(text, chars=True):
        start, end = token.startchar, token.endchar
        if any(t.text in terms for t in analyzer(text[start:end])):
            spans.append((start, end))
    return spans


def mark(text, spans, start=0, end=None):
    """HTML-escape text[start:end] and wrap the spans inside it in <mark>."""
    end = len(text) if end is None else end
    out, at = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[at:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        at = e
    out.append(escape(text[at:end]))
    return "".join(out)


def fragment_bounds(text, centre, size=FRAGMENT_CHARS):
    """A window of about `size` chars around `centre`, cut at clause boundaries where possible."""
    lo, hi = max(0, centre - size // 2), min(len(text), centre + size // 2)
    before = [m.end() for m in BOUNDARY_RE.finditer(text, lo, centre)]
    after = BOUNDARY_RE.search(text, centre, hi)
    start = before[0] if before else lo
    stop = after.end() if after else hi
    return start, stop


def snippet(text, terms, size=FRAGMENT_CHARS):
    """One fragment around the first match (or the opening), escaped, matches in <mark>."""
    spans = matched_spans(text, terms)
    centre = spans[0][0] if spans else 0
    start, stop = fragment_bounds(text, centre, size)
    body = mark(text, spans, start, stop).strip()
    return ("…" if start > 0 else "") + body + ("…" if stop < len(text) else "")


def highlight_all(text, terms):
    """The whole text, escaped, with every match in <mark>."""
    return mark(text, matched_spans(text, terms))
