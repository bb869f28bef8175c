"""The Whoosh analysis chain: thin filters around the pure rules of indexer.arabic.

`arabic_analyzer()` is used on the stemmed fields (text, title); `exact_analyzer()` on
the unstemmed copy that exact searches and quoted phrases use. They give the terms of
indexer.arabic.terms (stemmed_terms, exact_terms), with positions and offsets.
"""

from whoosh.analysis import Filter, Token, Tokenizer

from indexer.arabic.terms import NORMAL_CACHE, STEM_CACHE, cached_normalize, cached_stem, stop_words
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


def arabic_analyzer():
    """Tokenize and normalize, drop stop words (ArabicTokenizer does both), stem: 'وقصفت الطائرات في حلب' ->
    ['قصف', 'طاءره', 'حلب']. Index and query sides both use it."""
    return ArabicTokenizer(normalized=True, stops=True) | ArabicStemFilter()


def exact_analyzer():
    """Tokenize and normalize only, every word kept with its position: the copy used for
    =word and quoted phrases: 'وقصفت الطائرات في حلب' -> ['وقصفت', 'الطاءرات', 'في', 'حلب']."""
    return ArabicTokenizer(normalized=True)


def analyze(text, analyzer=None):
    """The terms a string becomes: analyze('والمعارضة') -> ['معارضه']."""
    analyzer = analyzer or arabic_analyzer()
    return [t.text for t in analyzer(text)]
