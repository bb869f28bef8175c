"""Read factions, places and sources from an article's text.

`extract_entities(text, title, source)` returns `{"faction": [Entity...], "place": [...],
"source": [...]}` in order of first mention, each entity once.
"""
import re
from functools import lru_cache

from .gazetteer import FACETS, load_gazetteer
from .normalize import normalize

WORD_RE = re.compile(r"\w+")
CLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ب", "ل", "ف", "ك")


def name_key(name):
    """A name as a tuple of normalized words without the article: 'جبهة النصرة' -> ('جبهه', 'نصره')."""
    return tuple(strip_article(w) for w in WORD_RE.findall(normalize(name)))


def strip_article(word):
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def word_forms(word):
    """The word and the forms left after removing one clitic group: 'وبحماه' -> {'وبحماه', 'حماه'}."""
    forms = {strip_article(word)}
    for c in CLITICS:
        if word.startswith(c) and len(word) - len(c) >= 2:
            forms.add(strip_article(word[len(c):]))
    return forms


class EntityMatcher:
    """Longest-match lookup of gazetteer names over normalized words."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.names = {}
        for entity in gazetteer.entities():
            for name in entity.names():
                key = name_key(name)
                if key:
                    self.names.setdefault(key, entity)
        self.longest = max((len(k) for k in self.names), default=1)

    def find(self, text):
        words = [word_forms(w) for w in WORD_RE.findall(normalize(text))]
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                entity = self.match(words[i:i + n])
                if entity:
                    yield entity
                    i += n
                    break
            else:
                i += 1

    def match(self, window):
        keys = [()]
        for forms in window:
            keys = [k + (f,) for k in keys for f in forms]
        for key in keys:
            if key in self.names:
                return self.names[key]
        return None


@lru_cache(maxsize=8)
def matcher(extra_files=()):
    return EntityMatcher(load_gazetteer(extra_files))


def extract_entities(text, title="", source=None, gazetteer_files=()):
    """Entities per facet, in order of first mention, each once."""
    found = {f: {} for f in FACETS}
    m = matcher(tuple(gazetteer_files))
    for entity in m.find(f"{title}\n{text}"):
        found[entity.facet].setdefault(entity.id, entity)
    if source:
        for entity in m.find(source):
            if entity.facet == "source":
                found["source"].setdefault(entity.id, entity)
    return {f: list(found[f].values()) for f in FACETS}
