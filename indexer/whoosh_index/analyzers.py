"""The Whoosh analysis chain: thin filters around the pure rules of indexer.arabic.

`arabic_analyzer()` is used on the stemmed fields (text, title); `exact_analyzer()` on
the unstemmed copy that exact searches and quoted phrases use. They give the terms of
indexer.arabic.terms (stemmed_terms, exact_terms), with positions and offsets.
"""

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer

from indexer.arabic.terms import (
    NORMAL_CACHE,
    STEM_CACHE,
    SURFACE_STEMS,
    cached_normalize,
    cached_stem,
    stop_words,
    surface_stem,
)
from indexer.arabic.words import WORD_RE


class ArabicTokenizer(Tokenizer):
    """Split on anything that is not a letter, digit or Arabic mark.

    'وشنّت قَصَفَتْ' -> 'وشنّت' (0-5), 'قَصَفَتْ' (6-14): diacritics stay inside the token,
    and the offsets point into the original text.

    For speed the analyzers let the tokenizer do the two per-word lookups that need no
    state: `normalized=True` gives each token its normalized text ('قصفت') and drops
    tokens that normalize to nothing; `stops=True` then drops stop words, or marks them
    stopped when the caller keeps them. Positions count every word either way.
    """

    per_word = (
        "tokenize"  # each word's term depends on the word alone (indexer.w3writer reads this)
    )
    normalized = stops = False  # class defaults: analyzers pickled before these load

    def __init__(self, normalized=False, stops=False):
        self.normalized, self.stops = normalized, stops and normalized

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not tokenize:
            token.original = value
            token.text = cached_normalize(value) if self.normalized else value
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        known = NORMAL_CACHE.get if self.normalized else None
        stops = stop_words() if self.stops else ()
        for pos, match in enumerate(WORD_RE.finditer(value)):
            surface = text = match.group()
            if known:
                text = known(surface)
                if text is None:
                    text = cached_normalize(surface)
                if not text:
                    continue
            token.stopped = text in stops
            if token.stopped and removestops:
                continue
            token.text = text
            if keeporiginal:
                token.original = surface
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token

    def stemmed(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        start_pos=0,
        start_char=0,
        **kwargs,
    ):
        """The tokens of this tokenizer followed by ArabicStemFilter, stop words removed, in
        one loop: each surface word is looked up once in SURFACE_STEMS (surface word ->
        stemmed term), not passed through a chain of generators. ArabicAnalyzer calls it."""
        token = Token(positions, chars, removestops=True, **kwargs)
        token.boost, token.stopped = 1.0, False
        known = SURFACE_STEMS.get
        for pos, match in enumerate(WORD_RE.finditer(value)):
            surface = match.group()
            text = known(surface)
            if text is None:
                text = surface_stem(surface)
            if not text:
                continue
            token.text = text
            if keeporiginal:
                token.original = surface
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class ArabicStemFilter(Filter):
    """Light stem: 'والمعارضة' (normalized 'والمعارضه') -> 'معارضه', 'مدن' -> 'مدينه'.

    Marked as morphological, so Whoosh skips it when a caller asks for no morphology."""

    is_morph = True
    per_word = "stem"  # each word's stem depends on the word alone (indexer.w3writer reads this)

    def __call__(self, tokens):
        known = STEM_CACHE.get
        for t in tokens:
            if not t.stopped:
                text = known(t.text)
                t.text = cached_stem(t.text) if text is None else text
            yield t


class ArabicAnalyzer(CompositeAnalyzer):
    """ArabicTokenizer(normalized=True, stops=True) | ArabicStemFilter(), the two run as one
    loop (ArabicTokenizer.stemmed): the same tokens, one dict lookup and no generator
    chain per word (make bench-analysis: 18 -> 13 s CPU over the ANT corpus).
    Whoosh's `no_morph` (skip the stemmer), `removestops=False` (stop words kept, marked)
    and `tokenize=False` go through the chain of filters as usual."""

    def __call__(self, value, no_morph=False, removestops=True, tokenize=True, **kwargs):
        tokenizer = self.items[0]
        if no_morph or not removestops or not tokenize or not self.fused():
            kwargs.update(removestops=removestops, tokenize=tokenize)
            return super().__call__(value, no_morph=no_morph, **kwargs)
        return tokenizer.stemmed(value, **kwargs)

    def fused(self):
        """Is this still the chain ArabicTokenizer.stemmed reproduces?"""
        items = self.items
        return (
            len(items) == 2
            and type(items[0]) is ArabicTokenizer
            and items[0].normalized
            and items[0].stops
            and type(items[1]) is ArabicStemFilter
        )


def arabic_analyzer():
    """Tokenize and normalize, drop stop words (ArabicTokenizer does both), stem: 'وقصفت الطائرات في حلب' ->
    ['قصف', 'طاءره', 'حلب']. Index and query sides both use it."""
    return ArabicAnalyzer(ArabicTokenizer(normalized=True, stops=True), ArabicStemFilter())


def exact_analyzer():
    """Tokenize and normalize only, every word kept with its position: the copy used for
    =word and quoted phrases: 'وقصفت الطائرات في حلب' -> ['وقصفت', 'الطاءرات', 'في', 'حلب']."""
    return ArabicTokenizer(normalized=True)


def analyze(text, analyzer=None):
    """The terms a string becomes: analyze('والمعارضة') -> ['معارضه']."""
    analyzer = analyzer or arabic_analyzer()
    return [t.text for t in analyzer(text)]
