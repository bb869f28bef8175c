"""The index schema: what Khabar stores and how each field is analyzed.

`id`, `hash`, `path` and `texthash` are sortable (column) fields so that an incremental
run can load what the index holds without reading every stored document.

`source` holds the outlets the text cites, `publisher` the outlet the record's metadata
names (ids of indexer/entities/data/sources.jsonl, or a domain for an outlet it lacks). An
index written before `publisher` existed has other fields: it still answers searches, and
`khabar index --rebuild` brings it up to date (an incremental run refuses it rather than
replace it with this run's articles alone: whoosh_index/store.py). `FACET_FIELDS` lists
the facets the search side shows.

`text` keeps no positions: quoted phrases and =words go to `exact` (searchapp/search/query.py),
and position lists are a large share of indexing time (Whoosh pickles one per posting).
"""

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from indexer.whoosh_index.analyzers import arabic_analyzer, exact_analyzer


def make_schema():
    return Schema(
        id=ID(stored=True, unique=True, sortable=True),
        title=TEXT(analyzer=arabic_analyzer(), stored=True, field_boost=2.0),
        text=TEXT(analyzer=arabic_analyzer(), stored=True, phrase=False),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        date=ID(stored=True, sortable=True),
        month=ID(stored=True),
        origin=STORED(),
        url=STORED(),
        faction=KEYWORD(stored=True, commas=True),
        place=KEYWORD(stored=True, commas=True),
        source=KEYWORD(stored=True, commas=True),
        publisher=KEYWORD(stored=True, commas=True),
        governorate=KEYWORD(stored=True, commas=True),
        path=ID(stored=True, sortable=True),
        hash=ID(stored=True, sortable=True),
        texthash=ID(sortable=True),
    )
