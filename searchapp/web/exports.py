"""Result exports: CSV and JSON lines (streamed) and an Atom feed of the newest hits."""

import csv
import io
import json
from xml.etree import ElementTree as ET

from indexer.whoosh_index.schema import FACET_FIELDS

CSV_COLUMNS = ("id", "title", "date", "source", "url", "score", *(f + "s" for f in FACET_FIELDS))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ATOM = "http://www.w3.org/2005/Atom"


def safe_cell(value):
    """A CSV cell a spreadsheet will not run: '=HYPERLINK(…)' -> "'=HYPERLINK(…)"."""
    if isinstance(value, list):
        value = ";".join(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(rows):
    """Yield the CSV text (header first) one row at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(rows):
    for row in rows:
        row = {k: v for k, v in row.items() if k != "text"}
        yield json.dumps(row, ensure_ascii=False) + "\n"


def atom_feed(rows, query, self_url, article_url):
    """An Atom document (str) for the newest hits; `article_url(id)` gives each entry's link."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Khabar: {query}" if query else "Khabar"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    updated = ET.SubElement(feed, f"{{{ATOM}}}updated")
    newest = "1970-01-01"
    for row in rows:
        newest = max(newest, row.get("date") or newest)
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        link = article_url(row["id"])
        ET.SubElement(entry, f"{{{ATOM}}}title").text = row.get("title") or row["id"]
        ET.SubElement(entry, f"{{{ATOM}}}id").text = link
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = atom_date(row.get("date"))
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = (row.get("text") or "")[:400]
    updated.text = atom_date(newest)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def atom_date(date):
    """RFC 3339 from an ISO date or prefix: '2018-02' -> '2018-02-01T00:00:00Z'."""
    date = date or "1970-01-01"
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
