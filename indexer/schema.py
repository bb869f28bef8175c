"""The index schema: what Khabar stores and how each field is analyzed.

Text fields are `PreAnalyzedText`: they accept either a string (analyzed as usual) or
an `Analyzed` value, the postings a worker process already computed, so the analysis
can run on every core while one process writes the index.
"""
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import arabic_analyzer, exact_analyzer

FACET_FIELDS = ("faction", "place", "source")
ANALYZED_FIELDS = ("title", "text", "exact")


class Analyzed:
    """A field value already turned into (term bytes, freq, weight, value bytes) postings."""

    __slots__ = ("postings",)

    def __init__(self, postings):
        self.postings = postings


class PreAnalyzedText(TEXT):
    """TEXT that also takes an `Analyzed` value and then indexes its postings as given."""

    def index(self, value, **kwargs):
        if isinstance(value, Analyzed):
            return iter(value.postings)
        return super().index(value, **kwargs)


def analyze_fields(schema, doc):
    """Replace each analyzed string field of `doc` by its postings (and keep the string stored)."""
    for name in ANALYZED_FIELDS:
        value = doc.get(name)
        if isinstance(value, str):
            field = schema[name]
            if field.stored:
                doc["_stored_" + name] = value
            doc[name] = Analyzed(list(field.index(value)))
    return doc


def make_schema():
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        title=PreAnalyzedText(analyzer=arabic_analyzer(), stored=True, field_boost=2.0),
        text=PreAnalyzedText(analyzer=arabic_analyzer(), stored=True),
        exact=PreAnalyzedText(analyzer=exact_analyzer(), phrase=True),
        date=ID(stored=True, sortable=True),
        month=ID(stored=True),
        origin=STORED(),
        url=STORED(),
        faction=KEYWORD(stored=True, commas=True),
        place=KEYWORD(stored=True, commas=True),
        source=KEYWORD(stored=True, commas=True),
        governorate=KEYWORD(stored=True, commas=True),
        path=ID(stored=True, sortable=True),
        hash=ID(stored=True, sortable=True),
        texthash=ID(sortable=True),
    )
