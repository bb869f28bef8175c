"""Protected names: which words of place and faction names the stemmer must never cut.

    protected_names(['لبنان', 'الأردن\tno-nisba'], ['دير الزور', 'حلب'], lex)
    -> [('اردن', 'curated', False), ('زور', 'gazetteer', False), ('لبنان', 'curated', True)]

The product does not run this: `tools/build_names.py` does, from `data/lexicon/names.txt`
and the gazetteers, and writes `data/lexicon/protected_names.tsv`, which the lexicon reads.
So editing a gazetteer never changes stems behind an index's back: regenerating the
file is an explicit step (tests/arabic/test_protected_names.py says when it is due).
"""

import re

from indexer.arabic.lexicon import ARTICLE, strip_article
from indexer.arabic.normalize import normalize
from indexer.arabic.stemmer import analyses, lemma_of

PARTICLES = frozenset("وفبلك")
NAME_WORD_RE = re.compile(r"[^\W\d_]+")
NO_NISBA = "no-nisba"  # in names.txt: the name's adjective is another word (رياضي)
CURATED, GAZETTEER = "curated", "gazetteer"


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
    Latin names stay: 'بcnn' -> ب + cnn.
    """
    out = set()
    for name in names:
        words = name_split(name)
        if len(words) == 1 and curated:
            out.update(words)
            continue
        out.update(w for w in words if not is_common(w, len(words) == 1))
    return {w for w in out if len(w) >= 3 and w.isalpha()}


def common_test(lex):
    """Is a word of a name a common word? One-word names: when the lexicon lists it as
    it stands; words of longer names ('مقاتلي' in 'مقاتلي العشائر'): when the stemmer
    reads it as clitics and suffixes around a known word."""

    def is_common(word, alone):
        if lex.is_word(word) or word[:1] in PARTICLES and lex.is_word(strip_article(word[1:])):
            return True
        if alone:
            return is_sound_plural(word, lex)
        return next(analyses(word, lex), None) is not None

    return is_common


# Sound plural and dual endings: a one-word name that is one of them on a common word
# (حالات: حالة, مرتين: مرة) is that word's plural, not a name to protect.
PLURAL_ENDINGS = ("ات", "تين", "تان", "ين", "ون")
COMMON_USE = 9  # frequency class (log2 of its uses in the ANT corpus) of a common word


def is_sound_plural(word, lex):
    """'حالات' -> True (حالة + ات), 'مرتين' -> True (مرة), 'قابون' -> False (قاب is rare),
    'حلب' -> False."""
    if len(word) < 5 or not word.endswith(PLURAL_ENDINGS):
        return False
    found = lemma_of(word, lex)
    # read through a suffix, not as it stands, on a word the news uses (not قاب: القابون)
    return found is not None and found[0] > 0 and lex.frequency.get(found[1], 0) >= COMMON_USE


def protected_names(curated_lines, gazetteer_names, lex):
    """(word, origin, nisba) rows, sorted: `curated_lines` are names.txt's lines (a name,
    optionally `<TAB>no-nisba`), `gazetteer_names` every name of the gazetteers, `lex`
    the lexicon without names (`lexicon.compile_lexicon(names=())`).

    Curated names are protected first; gazetteer words are then tested against the
    lexicon with the curated names in it, so 'مقاتلي' reads as مقاتل + ي either way."""
    lines = [line.split("\t") for line in curated_lines]
    curated = name_words([line[0] for line in lines], common_test(lex), curated=True)
    no_nisba = {w for line in lines if NO_NISBA in line[1:] for w in name_split(line[0])}
    with_curated = lex.with_names([(w, CURATED, w not in no_nisba) for w in curated])
    found = name_words(gazetteer_names, common_test(with_curated)) - curated
    rows = [(w, CURATED, w not in no_nisba) for w in curated]
    rows += [(w, GAZETTEER, False) for w in found]
    return sorted(rows)
