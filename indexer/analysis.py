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
# The same characters plus '_' as one class: twice as fast as WORD_RE's alternation.
# WORD_RE's words are its words split at '_' (words_of checks for '_' first).
WORD_OR_UNDERSCORE_RE = re.compile(rf"[\w{ARABIC_MARKS}]+")


class ArabicTokenizer(Tokenizer):
    """Split on anything that is not a letter, digit or Arabic mark.

    'وشنّت قَصَفَتْ' -> 'وشنّت' (0-5), 'قَصَفَتْ' (6-14): diacritics stay inside the token,
    and the offsets point into the original text.

    For speed the analyzers let the tokenizer do the two per-word lookups that need no
    state: `normalized=True` gives each token its normalized text ('قصفت') and drops
    tokens that normalize to nothing (as NormalizeFilter does); `stops=True` then drops
    stop words, or marks them stopped when the caller keeps them (as ArabicStopFilter
    does). Positions count every word either way.
    """

    normalized = stops = False   # class defaults: analyzers pickled before these load

    def __init__(self, normalized=False, stops=False):
        self.normalized, self.stops = normalized, stops and normalized

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
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


class NormalizeFilter(Filter):
    """Fold spelling: 'إِدْلِبُ' -> 'ادلب'. Drops tokens that normalize to nothing."""

    def __call__(self, tokens):
        known = NORMAL_CACHE.get
        for t in tokens:
            text = known(t.text)
            if text is None:
                text = cached_normalize(t.text)
            if text:
                t.text = text
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
    """Light stem: 'والمعارضة' (normalized 'والمعارضه') -> 'معارضه', 'مدن' -> 'مدينه'.

    Marked as morphological, so Whoosh skips it when a caller asks for no morphology."""

    is_morph = True

    def __call__(self, tokens):
        known = STEM_CACHE.get
        for t in tokens:
            if not t.stopped:
                text = known(t.text)
                t.text = cached_stem(t.text) if text is None else text
            yield t


# Per-word caches: news vocabulary is Zipfian, so nearly every token is a dictionary hit.
# Plain dicts (faster than lru_cache), emptied when they outgrow CACHE_LIMIT words.
CACHE_LIMIT = 400_000
NORMAL_CACHE, STEM_CACHE = {}, {}


def cached_normalize(word):
    """normalize() through NORMAL_CACHE."""
    return remember(NORMAL_CACHE, word, normalize(word))


def cached_stem(word):
    """stem() through STEM_CACHE."""
    return remember(STEM_CACHE, word, stem(word))


def remember(cache, word, value):
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[word] = value
    return value


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


# Lines already split into words: a document's `exact` value is its title and text
# joined by a newline, and a newline is never inside a word, so splitting values at
# newlines lets `exact` reuse the words of `text` and `title` (and entity extraction's
# words, see matcher.canonical_joined). Only the last few documents matter: the memo is
# emptied past WORDS_CHARS characters of lines.
WORDS_CHARS = 1 << 20
_WORDS = {}
_words_chars = [0]


def words_of(value):
    """WORD_RE.findall(value), line by line through _WORDS: 'حلب_اليوم ٢٠١٨' ->
    ['حلب', 'اليوم', '٢٠١٨']."""
    out = []
    for line in value.split("\n"):
        words = _WORDS.get(line)
        if words is None:
            words = WORD_RE.findall(line) if "_" in line else WORD_OR_UNDERSCORE_RE.findall(line)
            if _words_chars[0] + len(line) > WORDS_CHARS:
                _WORDS.clear()
                _words_chars[0] = 0
            _WORDS[line] = words
            _words_chars[0] += len(line)
        out += words
    return out


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
