"""The terms of a field value at C speed, for fields analyzed by Khabar's own analyzers.

Whoosh indexes a value through a chain of generators, one Token object per word and
several Python calls per token. For our analyzers the outcome depends on the surface
word alone (indexer/whoosh_index/analyzers.py: tokenize, normalize, drop stop words,
stem), so here each distinct surface word is analyzed once and remembered; a value becomes
`WORD_RE.findall` + one dict lookup per word (`map`, in C) + a Counter:

    counts(SurfaceTerms(stops=True, stem=True), 'وقصفت الطائرات في حلب')
    -> Counter({'قصف': 1, 'طاءره': 1, 'حلب': 1}), length 3
    position_lists(positions(SurfaceTerms(stops=False, stem=False), 'حلب في حلب')[0])
    -> {'حلب': [0, 2], 'في': [1]}

Positions count every word, dropped or not, as ArabicTokenizer does. `fast_terms(field)`
recognizes the analyzers this applies to by their `per_word` mark (an analyzer part that
maps each surface word alone says what it does: "tokenize" with `normalized` and `stops`,
or "stem"), and Whoosh's ID and KEYWORD(commas=True) fields (a value is one term, or
comma-separated terms); any other field goes through Whoosh.
tests/w3writer/test_segwriter.py checks the resulting index against Whoosh's SegmentWriter.
"""

from collections import Counter, defaultdict

from whoosh import formats
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.analysis.filters import StripFilter
from whoosh.analysis.tokenizers import IDTokenizer, RegexTokenizer

from indexer.arabic.terms import (
    CACHE_LIMIT,
    NORMAL_CACHE,
    STEM_CACHE,
    cached_normalize,
    cached_stem,
    stop_words,
)
from indexer.arabic.words import words_of

DROPPED = "\x00"  # a word the analyzer drops (never a term: WORD_RE matches no NUL)


class SurfaceTerms(dict):
    """surface word -> indexed term (DROPPED when the analyzer drops it); a miss is
    analyzed (`__missing__`) and remembered."""

    def __init__(self, stops, stem):
        super().__init__()
        self.stops, self.stem = stops, stem

    def terms(self, value):
        """One entry per word of `value` (so that an entry's index is its position)."""
        return list(map(self.__getitem__, words_of(value)))

    def __missing__(self, word):
        text = NORMAL_CACHE.get(word)
        if text is None:
            text = cached_normalize(word)
        if not text or (self.stops and text in stop_words()):
            text = DROPPED
        elif self.stem:
            stemmed = STEM_CACHE.get(text)
            text = cached_stem(text) if stemmed is None else stemmed
        if len(self) >= CACHE_LIMIT:
            self.clear()
        self[word] = text
        return text


def counts(surface, value):
    """(Counter term -> frequency, field length) for a Frequency field."""
    c = Counter(surface.terms(value))
    c.pop(DROPPED, None)
    return c, c.total()


def positions(surface, value):
    """(the list of terms, position by position, with DROPPED for dropped words; field
    length) for a Positions field: field_postings.FieldPostings.add_positions groups them."""
    tokens = surface.terms(value)
    return tokens, len(tokens) - tokens.count(DROPPED)


def position_lists(tokens):
    """dict term -> positions of a `positions` token list (appends mapped in C)."""
    poses = defaultdict(list)
    list(map(list.append, map(poses.__getitem__, tokens), range(len(tokens))))
    poses.pop(DROPPED, None)
    return poses


_SURFACES = {}  # (stops, stem) -> SurfaceTerms


def identifier(_surface, value):
    """An ID field (IDTokenizer, Existence): the whole value is the one term."""
    return {value: 1}, 1


def keywords(_surface, value):
    """A KEYWORD(commas=True) field: 'a, b,a' -> {'a': 2, 'b': 1}."""
    c = Counter(part.strip() for part in value.split(",") if part)
    return c, c.total()


def whoosh_fast_terms(field):
    """`identifier` or `keywords` when `field` is exactly Whoosh's ID or KEYWORD(commas=True)."""
    fmt, analyzer = field.format, field.analyzer
    if type(fmt) is formats.Existence and type(analyzer) is IDTokenizer:
        return identifier, None
    items = analyzer.items if isinstance(analyzer, CompositeAnalyzer) else ()
    if (
        type(fmt) is formats.Frequency
        and len(items) == 2
        and type(items[0]) is RegexTokenizer
        and items[0].expression.pattern == "[^,]+"
        and not items[0].gaps
        and type(items[1]) is StripFilter
    ):
        return keywords, None
    return None


def fast_terms(field):
    """(function, SurfaceTerms or None) giving `field`'s terms without Whoosh's analysis
    chain, or None when its format or analyzer is not one this module reproduces exactly."""
    fmt = field.format
    if type(fmt) is formats.Frequency:
        func = counts
    elif type(fmt) is formats.Positions:
        func = positions
    else:
        return whoosh_fast_terms(field)
    analyzer = field.analyzer
    items = list(analyzer.items) if isinstance(analyzer, CompositeAnalyzer) else [analyzer]
    tokenizer, rest = items[0], items[1:]
    if getattr(tokenizer, "per_word", None) != "tokenize" or not tokenizer.normalized:
        return whoosh_fast_terms(field)
    if rest and not (len(rest) == 1 and getattr(rest[0], "per_word", None) == "stem"):
        return None
    key = (bool(tokenizer.stops), bool(rest))
    surface = _SURFACES.get(key)
    if surface is None:
        surface = _SURFACES[key] = SurfaceTerms(*key)
    return func, surface
