"""The Arabic lexicon the stemmer consults, loaded lazily from `indexer/data/lexicon/`.

Every word is normalized with `indexer.normalize.normalize` when loaded, so the lexicon
folds spellings exactly as the text does. See indexer/data/README.md for the sources.
"""
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DataFileError
from .normalize import normalize

ARTICLE = "ال"
KEEP = "="  # in plurals_news.tsv: the word is a singular of its own


@dataclass(frozen=True)
class Lexicon:
    nouns: frozenset        # singular nouns and adjectives
    verbs: frozenset        # verb lemmas (past, 3rd person masculine singular)
    plurals: dict           # broken plural -> singular
    verb_forms: dict        # inflected verb form -> lemma
    names: frozenset        # protected names, article removed

    def is_word(self, word):
        """A real word on its own: 'لبن' yes, 'لبنان' yes (name), 'وحلب' no."""
        return (word in self.names or word in self.nouns or word in self.plurals
                or word in self.verbs or word in self.verb_forms)


def read_lines(name):
    try:
        text = resources.files("indexer").joinpath("data/lexicon", name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"lexicon file missing: indexer/data/lexicon/{name}") from exc
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines:
        raise DataFileError(f"lexicon file is empty: indexer/data/lexicon/{name}")
    return lines


def read_words(name):
    return frozenset(normalize(line) for line in read_lines(name))


def read_map(name):
    pairs = (line.split("\t") for line in read_lines(name))
    out = {}
    for pair in pairs:
        if len(pair) != 2:
            raise DataFileError(f"indexer/data/lexicon/{name}: bad line {pair!r}")
        out[normalize(pair[0])] = normalize(pair[1])
    return out


def strip_article(word):
    """'اليونان' -> 'يونان'; short words keep it: 'الله' -> 'الله'."""
    return word[2:] if word.startswith(ARTICLE) and len(word) >= 5 else word


def name_words(names, common, curated=False):
    """Protected words from full names: the words that are not common words.

    'لبنان' -> {'لبنان'}; 'دير الزور' -> {'زور'} only if زور is not a common word;
    the curated list protects its one-word names even when they are words ('حلب').
    """
    out = set()
    for name in names:
        words = [strip_article(w) for w in normalize(name).split()]
        out.update(w for w in words if w not in common or (curated and len(words) == 1))
    return {w for w in out if len(w) >= 3 and w.isalpha()}


def gazetteer_names():
    from .gazetteer import load_gazetteer
    return [n for e in load_gazetteer().entities() for n in e.names() if n]


@lru_cache(maxsize=1)
def load_lexicon():
    """The shipped lexicon; raises DataFileError when a file is missing or broken."""
    nouns, verbs = read_words("nouns.txt"), read_words("verbs.txt")
    plurals = read_map("plurals.tsv")
    for plural, single in read_map("plurals_news.tsv").items():
        if single == KEEP:
            plurals.pop(plural, None)
        elif plural != single:
            plurals[plural] = single
    keep = {w for w, s in read_map("plurals_news.tsv").items() if s == KEEP}
    verb_forms = read_map("verb_forms.tsv")
    common = nouns | verbs | plurals.keys() | verb_forms.keys()
    names = name_words(read_lines("names.txt"), common, curated=True)
    names |= name_words(gazetteer_names(), common)
    return Lexicon(nouns=nouns | keep, verbs=verbs, plurals=plurals,
                   verb_forms=verb_forms, names=frozenset(names))
