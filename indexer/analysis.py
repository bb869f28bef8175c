"""The Whoosh analysis chain: thin filters around the pure rules in normalize/stemmer.

`arabic_analyzer()` is used on the stemmed fields (text, title); `exact_analyzer()` on
the unstemmed copy that exact searches and quoted phrases use.
"""
import re
from functools import lru_cache
from importlib import resources

from whoosh.analysis import Filter, Token, Tokenizer

from .errors import DataFileError
from .normalize import normalize
from .stemmer import stem

# Marks that belong inside a word: tashkeel, Quranic marks, tatweel, zero-width
# (non-)joiners and bidi marks (normalize() removes them all from the token's text).
ARABIC_MARKS = ("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
                "\u200b-\u200f\u2066-\u2069\u061c\ufeff")
# Letters and digits (not '_': #عاصي_الحلاني is two words) and the marks above.
WORD_RE = re.compile(rf"(?:[^\W_]|[{ARABIC_MARKS}])+")


class ArabicTokenizer(Tokenizer):
    """Split on anything that is not a letter, digit or Arabic mark.

    'وشنّت قَصَفَتْ' -> 'وشنّت' (0-5), 'قَصَفَتْ' (6-14): diacritics stay inside the token.
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost, token.stopped = 1.0, False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for pos, match in enumerate(WORD_RE.finditer(value)):
            token.text = match.group()
            token.boost, token.stopped = 1.0, False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class NormalizeFilter(Filter):
    """Fold spelling: 'إِدْلِبُ' -> 'ادلب'. Drops tokens that normalize to nothing."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = cached_normalize(t.text)
            if t.text:
                yield t


class ArabicStopFilter(Filter):
    """Drop (or mark as stopped) the shipped Arabic stop words: 'في' -> nothing."""

    def __init__(self, renumber=False):
        self.renumber = renumber

    def __call__(self, tokens):
        stops = stop_words()
        for t in tokens:
            if t.text not in stops:
                yield t
            elif t.removestops is False:
                t.stopped = True
                yield t


class ArabicStemFilter(Filter):
    """Light stem: 'والمعارضة' -> 'معارض'. Skipped when the caller asks for no morphology."""

    is_morph = True

    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = cached_stem(t.text)
            yield t


@lru_cache(maxsize=200_000)
def cached_normalize(word):
    return normalize(word)


@lru_cache(maxsize=200_000)
def cached_stem(word):
    return stem(word)


@lru_cache(maxsize=1)
def stop_words():
    """The shipped stop-word list, normalized like the text it filters."""
    try:
        raw = resources.files("indexer").joinpath("data/stopwords.txt").read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"stop-word list missing: {exc}") from exc
    words = {normalize(w.split("#")[0].strip()) for w in raw.splitlines()}
    words.discard("")
    if not words:
        raise DataFileError("stop-word list is empty")
    return frozenset(words)


def arabic_analyzer():
    """Tokenize, normalize, drop stop words, stem."""
    return ArabicTokenizer() | NormalizeFilter() | ArabicStopFilter() | ArabicStemFilter()


def exact_analyzer():
    """Tokenize and normalize only: the copy used for exact words and quoted phrases."""
    return ArabicTokenizer() | NormalizeFilter()


def analyze(text, analyzer=None):
    """The terms a string becomes: analyze('والمعارضة') -> ['معارض']."""
    analyzer = analyzer or arabic_analyzer()
    return [t.text for t in analyzer(text)]
