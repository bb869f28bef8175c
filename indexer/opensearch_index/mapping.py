"""The OpenSearch index's settings and mapping, versioned, and the document of an article.

Khabar's own analysis makes the terms (indexer/arabic/terms.py) and they are indexed
pre-analyzed, joined by spaces, into whitespace-analyzed fields, so a word matches the
same articles as in the Whoosh index:

    title_terms   the title's stems, each written twice: Whoosh's title field_boost 2.0
                  doubles a title term's weight (its frequency in BM25) but not the field
                  length, and twice the terms with twice the mean length is exactly that
    text_terms    the text's stems                    (copied into text_free)
    exact_terms   every word of title + text, with positions for phrases (-> exact_free)
    words         the distinct exact words, doc values only: the did-you-mean and prefix
                  vocabulary is read from them (vocabulary.py)

`_source` keeps the original title and text and the stored fields, not the term copies.
Each text field scores with BM25 under the parameters of the Whoosh backend
(searchapp/search/whoosh_backend/scoring.py; tests/opensearch/test_mapping.py compares):
the interactive profile on title_terms, text_terms and exact_terms, free text on the
*_free copies. Facet fields are keywords holding entity ids. `seq` orders articles as
they were added (ties in a sort).

Bump MAPPING_VERSION whenever a field or its analysis changes: an index of another
version is then refused by searches and incremental runs (MappingVersionError) and rebuilt
by `khabar index --rebuild`.
"""

from indexer.arabic.terms import exact_terms, stemmed_terms

MAPPING_VERSION = 2
STORED = ("id", "title", "text", "date", "month", "origin", "url", "path", "hash", "texthash")
TERM_FIELDS = ("title_terms", "text_terms", "exact_terms", "words")
TITLE_REPEAT = 2  # Whoosh's field_boost of the title field (indexer/whoosh_index/schema.py)
# BM25 as the Whoosh backend scores (searchapp/search/whoosh_backend/scoring.py).
INTERACTIVE_K1, INTERACTIVE_B, TITLE_B = 1.2, 0.9, 0.5
FREE_TEXT_K1, FREE_TEXT_B = 0.9, 0.9
MAX_WORD_BYTES = 256  # longer "words" are left out of the vocabulary (they are not words)


def index_settings(shards, replicas):
    """Settings of a new index: shards, replicas, the whitespace analyzer, the similarities."""
    return {
        "index": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            "max_result_window": 10_000,  # searchapp settings.max_depth
        },
        "analysis": {
            "tokenizer": {"terms": {"type": "whitespace", "max_token_length": 1024}},
            "analyzer": {"terms": {"type": "custom", "tokenizer": "terms"}},
        },
        "similarity": {
            "interactive": {"type": "BM25", "k1": INTERACTIVE_K1, "b": INTERACTIVE_B},
            "interactive_title": {"type": "BM25", "k1": INTERACTIVE_K1, "b": TITLE_B},
            "free_text": {"type": "BM25", "k1": FREE_TEXT_K1, "b": FREE_TEXT_B},
        },
    }


def terms_field(similarity, positions=False, copy_to=None):
    field = {
        "type": "text",
        "analyzer": "terms",
        "similarity": similarity,
        "index_options": "positions" if positions else "freqs",
    }
    if copy_to:
        field["copy_to"] = copy_to
    return field


def keyword_lists(facets):
    """The fields holding entity ids (comma-joined in the document): the facets, and the
    governorates of the places."""
    return (*facets, "governorate")


def mappings(facets):
    """The mapping of an articles index with these facet fields (indexing.documents'
    FACET_FIELDS); strict: a field this code does not know is an error."""
    keyword = {"type": "keyword"}
    stored_only = {"type": "keyword", "index": False, "doc_values": False}
    properties = {
        "id": keyword,
        "title": {"type": "text", "index": False},
        "text": {"type": "text", "index": False},
        "date": keyword,
        "month": keyword,
        "origin": stored_only,
        "url": stored_only,
        "path": keyword,
        "hash": keyword,
        "texthash": keyword,
        "seq": {"type": "long"},
        **dict.fromkeys(keyword_lists(facets), keyword),
        "title_terms": terms_field("interactive_title"),
        "text_terms": terms_field("interactive", copy_to="text_free"),
        "exact_terms": terms_field("interactive", positions=True, copy_to="exact_free"),
        "text_free": terms_field("free_text"),
        "exact_free": terms_field("free_text"),
        "words": {
            "type": "keyword",
            "index": False,
            "doc_values": True,
            "ignore_above": MAX_WORD_BYTES,
        },
    }
    return {
        "dynamic": "strict",
        "_meta": {"khabar": {"mapping_version": MAPPING_VERSION}},
        "_source": {"excludes": list(TERM_FIELDS)},
        "properties": properties,
    }


def mapping_version(mapping):
    """The Khabar mapping version of an index's mapping (GET _mapping's `mappings`), or None."""
    return ((mapping or {}).get("_meta") or {}).get("khabar", {}).get("mapping_version")


def source_of(doc, seq, facets):
    """The OpenSearch document of an article document (documents.article_doc): the
    stored fields, entity id lists, and the pre-analyzed terms."""
    out = {name: doc.get(name, "") for name in STORED}
    for name in ("date", "month"):
        if not out[name]:
            del out[name]  # undated: no value, so that ranges skip it and sorts put it last
    for name in keyword_lists(facets):
        out[name] = [i for i in (doc.get(name) or "").split(",") if i]
    title_stems = stemmed_terms(doc.get("title", ""))
    exact = exact_terms(doc.get("exact", ""))
    out["title_terms"] = " ".join(t for t in title_stems for _ in range(TITLE_REPEAT))
    out["text_terms"] = " ".join(stemmed_terms(doc.get("text", "")))
    out["exact_terms"] = " ".join(exact)
    out["words"] = list(dict.fromkeys(exact))
    out["seq"] = seq
    return out
