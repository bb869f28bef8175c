"""Result exports: CSV and JSON lines (streamed) and an Atom feed of the newest hits.

Each takes the service's Hit objects: JSON lines carry the API's hit shape (without
snippets), CSV flattens each facet's entities to their ids joined by ';', and gives the
publisher's name and the places' labels (kind or parent where places share a name).
"""

import csv
import io
import json
from xml.etree import ElementTree as ET

from indexer.indexing.documents import FACET_FIELDS
from searchapp.search.results import entity_label as label

CSV_COLUMNS = (
    "id",
    "title",
    "date",
    "source",
    "url",
    "score",
    *(f + "s" for f in FACET_FIELDS),
    "publisher_name",
    "place_labels",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ATOM = "http://www.w3.org/2005/Atom"


def safe_cell(value):
    """A CSV cell a spreadsheet will not run: '=HYPERLINK(…)' -> "'=HYPERLINK(…)"."""
    if isinstance(value, list):
        value = ";".join(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(hit):
    row = {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date,
        "source": hit.source,
        "url": hit.url,
        "score": hit.score,
    }
    row.update((f + "s", hit.entity_ids(f)) for f in FACET_FIELDS)
    row["publisher_name"] = [label(e) for e in hit.facets.get("publisher", ())]
    row["place_labels"] = [label(e) for e in hit.facets.get("place", ())]
    return [safe_cell(row[c]) for c in CSV_COLUMNS]


def table_lines(header, rows):
    """The CSV text of a header and rows, every cell guarded like a hit's."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(c) for c in header])
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return buffer.getvalue()


def csv_lines(hits):
    """Yield the CSV text (header first) one row at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        writer.writerow(csv_row(hit))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(hits):
    """One JSON object per hit: the API's hit without snippets or text."""
    for hit in hits:
        row = {k: v for k, v in hit.to_json().items() if k not in ("snippet", "snippets", "text")}
        yield json.dumps(row, ensure_ascii=False) + "\n"


def atom_feed(hits, query, self_url, article_url):
    """An Atom document (str) for the newest hits; `article_url(id)` gives each entry's link."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Khabar: {query}" if query else "Khabar"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    updated = ET.SubElement(feed, f"{{{ATOM}}}updated")
    newest = "1970-01-01"
    for hit in hits:
        newest = max(newest, hit.date or newest)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        link = article_url(hit.id)
        ET.SubElement(entry, f"{{{ATOM}}}title").text = hit.title or hit.id
        ET.SubElement(entry, f"{{{ATOM}}}id").text = link
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = atom_date(hit.date)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = (hit.text or "")[:400]
    updated.text = atom_date(newest)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def atom_date(date):
    """RFC 3339 from an ISO date or prefix: '2018-02' -> '2018-02-01T00:00:00Z'."""
    date = date or "1970-01-01"
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
