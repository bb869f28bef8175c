"""From an Article to the document an index stores: hashes, facets, date fields.

The document is backend-neutral: plain strings per field, analyzed by the index backend
with indexer.arabic's terms. Facet fields hold entity ids joined by commas.
"""

import hashlib

from indexer.arabic.terms import exact_terms, stemmed_terms
from indexer.entities.extract import extract_entities

# The entity facets every article is tagged with: factions, places and sources the text names,
# and the outlet that published it (from the record's metadata).
FACET_FIELDS = ("faction", "place", "source", "publisher")


def content_hash(article):
    """Changes when anything the index stores about the article changes."""
    parts = (
        article.title,
        article.text,
        article.date or "",
        article.source or "",
        article.url or "",
    )
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def text_hash(article):
    """Equal for the same text whatever its spacing: finds one article filed under two ids."""
    # " ".join(text.split()) == re.sub(r"\s+", " ", text).strip(): the same whitespace set
    # (tests/w3writer/test_segwriter.py), without a regex
    return hashlib.sha1(" ".join(article.text.split()).encode()).hexdigest()


def article_doc(article, gazetteer_files=()):
    """The document an index stores for one article (strings, not yet analyzed)."""
    facets = extract_entities(
        article.text, article.title, article.source, gazetteer_files, article.url
    )
    governorates = {e.governorate for e in facets["place"] if e.governorate}
    hash_, texthash = article.hashes or (content_hash(article), text_hash(article))
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "exact": f"{article.title}\n{article.text}",
        "date": article.date or "",
        "month": (article.date or "")[:7],
        "origin": article.source or "",
        "url": article.url or "",
        "faction": ",".join(e.id for e in facets["faction"]),
        "place": ",".join(e.id for e in facets["place"]),
        "source": ",".join(e.id for e in facets["source"]),
        "publisher": ",".join(e.id for e in facets["publisher"]),
        "governorate": ",".join(sorted(governorates)),
        "path": article.path,
        "hash": hash_,
        "texthash": texthash,
    }


def warm_up(gazetteer_files=()):
    """Load the gazetteer automaton, lexicon and stop words now: worker processes forked
    afterwards share them (copy-on-write) instead of each loading its own."""
    extract_entities("قصفت الطائرات مدينة حلب", "", None, gazetteer_files)
    stemmed_terms("والمعارضة في حلب")
    exact_terms("والمعارضة")
