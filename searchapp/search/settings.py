"""The search service's settings, one object passed in from the app's configuration.

    SearchSettings()                                  # the defaults below
    SearchSettings.from_config({"SEARCH_TIME_LIMIT": 1.5})

Each field can be set in the app config (or a `KHABAR_SEARCH_*` environment variable)
under its name in capitals with the prefix `SEARCH_`.
"""

from dataclasses import dataclass, fields, replace

PREFIX = "SEARCH_"


@dataclass(frozen=True)
class SearchSettings:
    time_limit: float = 2.0  # seconds per request's matching; partial results after that
    max_per_page: int = 100
    max_depth: int = 10_000  # page * per_page
    export_limit: int = 10_000  # hits in a CSV / JSON-lines export
    facet_values: int = 10  # values of each facet shown with a result
    facet_page: int = 50  # values per page of /api/facets/<facet> and the "more" list
    prefix_terms: int = 100  # the most frequent completions a prefix (word*) expands to
    free_text_words: int = 6  # from this many words on, plain text ranks as free text
    stemmed_weight: float = 0.3  # free text: the stems' share beside the unstemmed words
    title_weight: float = 0.5  # times the title field's boost (2.0): a title word counts once

    @classmethod
    def from_config(cls, config):
        """The settings a mapping names (`SEARCH_TIME_LIMIT`, ...), defaults for the rest."""
        found = {}
        for f in fields(cls):
            key = PREFIX + f.name.upper()
            if key in config and config[key] is not None:
                found[f.name] = type(f.default)(config[key])
        return replace(cls(), **found)
