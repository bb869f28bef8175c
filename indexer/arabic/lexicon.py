"""The Arabic lexicon the stemmer consults, loaded lazily from `indexer/arabic/data/lexicon/`.

Every word is normalized with `indexer.normalize.normalize` when loaded, so the lexicon
folds spellings exactly as the text does. See indexer/entities/data/README.md for the sources.
"""

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from indexer.arabic.normalize import normalize
from indexer.errors import DataFileError

ARTICLE = "ال"
PARTICLES = frozenset("وفبلك")
NAME_WORD_RE = re.compile(r"[^\W\d_]+")
KEEP = "="
NO_NISBA = "no-nisba"  # in names.txt: the name's adjective is another word (رياضي)


@dataclass(frozen=True)
class Lexicon:
    nouns: frozenset  # singular nouns and adjectives
    verbs: frozenset  # verb lemmas (past, 3rd person masculine singular)
    plurals: dict  # broken plural -> singular
    verb_forms: dict  # inflected verb form -> lemma
    names: frozenset  # protected names, article removed
    nisba_names: frozenset  # curated names whose adjectives fold to them: سوري -> سوريا

    # word -> lemma, by what a reading may use (built from the fields above):
    lemma_any: dict = field(init=False, repr=False, compare=False)  # all
    lemma_no_forms: dict = field(init=False, repr=False, compare=False)  # no verb forms
    lemma_nominal: dict = field(init=False, repr=False, compare=False)  # names, nouns

    def __post_init__(self):
        """Priority, lowest first: verb forms, verbs, nouns, plurals, names."""
        nominal = dict.fromkeys(self.nouns)
        nominal = {w: w for w in nominal}
        nominal.update(self.plurals)
        nominal.update((n, n) for n in self.names)
        no_forms = {v: v for v in self.verbs}
        no_forms.update(nominal)
        every = dict(self.verb_forms)
        every.update(no_forms)
        object.__setattr__(self, "lemma_nominal", nominal)
        object.__setattr__(self, "lemma_no_forms", no_forms)
        object.__setattr__(self, "lemma_any", every)

    def is_word(self, word):
        """A real word on its own: 'لبن' yes, 'لبنان' yes (name), 'وحلب' no."""
        return (
            word in self.names
            or word in self.nouns
            or word in self.plurals
            or word in self.verbs
            or word in self.verb_forms
        )


def read_lines(name):
    try:
        text = resources.files("indexer.arabic").joinpath("data/lexicon", name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"lexicon file missing: indexer/arabic/data/lexicon/{name}") from exc
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines:
        raise DataFileError(f"lexicon file is empty: indexer/arabic/data/lexicon/{name}")
    return lines


def read_words(name):
    return frozenset(normalize(line) for line in read_lines(name))


def read_news_words():
    """news_words.txt may be empty while tools/build_lexicon.py is rebuilding it."""
    try:
        return read_words("news_words.txt")
    except DataFileError as exc:
        if "empty" in str(exc):
            return frozenset()
        raise


def read_map(name):
    pairs = (line.split("\t") for line in read_lines(name))
    out = {}
    for pair in pairs:
        if len(pair) != 2:
            raise DataFileError(f"indexer/arabic/data/lexicon/{name}: bad line {pair!r}")
        out[normalize(pair[0])] = normalize(pair[1])
    return out


def strip_article(word):
    """'اليونان' -> 'يونان'; short words keep it: 'الله' -> 'الله'."""
    return word[2:] if word.startswith(ARTICLE) and len(word) >= 5 else word


def name_split(name):
    """Normalized words of a name without the article, taken off only where it is
    written as such: 'الأردن' -> ['اردن'], but 'ألمانيا' -> ['المانيا']."""
    return [
        strip_article(normalize(raw)) if raw.startswith(ARTICLE) else normalize(raw)
        for raw in NAME_WORD_RE.findall(name)
    ]


def name_words(names, is_common, curated=False):
    """Protected words from full names: the words that are not common words.

    'لبنان' -> {'لبنان'}; 'دير الزور' -> {'زور'} only if زور is not a common word;
    the curated list protects its one-word names even when they are words ('حلب').
    """
    out = set()
    for name in names:
        words = name_split(name)
        if len(words) == 1 and curated:
            out.update(words)
            continue
        out.update(w for w in words if not is_common(w, len(words) == 1))
    return {w for w in out if len(w) >= 3 and w.isalpha()}


def gazetteer_names():
    from indexer.entities.gazetteer import load_gazetteer

    return [n for e in load_gazetteer().entities() for n in e.names() if n]


def common_test(lex):
    """Is a word of a name a common word? One-word names: when the lexicon lists it as
    it stands; words of longer names ('مقاتلي' in 'مقاتلي العشائر'): when the stemmer
    reads it as clitics and suffixes around a known word."""
    from indexer.arabic.stemmer import analyses

    def is_common(word, alone):
        if lex.is_word(word) or word[:1] in PARTICLES and lex.is_word(strip_article(word[1:])):
            return True
        return not alone and next(analyses(word, lex), None) is not None

    return is_common


@lru_cache(maxsize=1)
def load_lexicon():
    """The shipped lexicon; raises DataFileError when a file is missing or broken."""
    nouns, verbs = read_words("nouns.txt") | read_news_words(), read_words("verbs.txt")
    plurals = read_map("plurals.tsv")
    for plural, single in read_map("plurals_news.tsv").items():
        if single == KEEP:
            plurals.pop(plural, None)
        elif plural != single:
            plurals[plural] = single
    keep = {w for w, s in read_map("plurals_news.tsv").items() if s == KEEP}
    lex = Lexicon(
        nouns=nouns | keep,
        verbs=verbs,
        plurals=plurals,
        verb_forms=read_map("verb_forms.tsv"),
        names=frozenset(),
        nisba_names=frozenset(),
    )
    lines = [line.split("\t") for line in read_lines("names.txt")]
    curated = name_words([line[0] for line in lines], common_test(lex), curated=True)
    no_nisba = {w for line in lines if NO_NISBA in line[1:] for w in name_split(line[0])}
    lex = replace(lex, names=frozenset(curated), nisba_names=frozenset(curated - no_nisba))
    names = curated | name_words(gazetteer_names(), common_test(lex))
    return replace(lex, names=frozenset(names))
