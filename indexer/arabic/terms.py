"""The terms a text is indexed and searched under, with no index library involved.

    exact_terms('وقصفت الطائرات في حلب')   -> ['وقصفت', 'الطاءرات', 'في', 'حلب']
    stemmed_terms('وقصفت الطائرات في حلب') -> ['قصف', 'طاءره', 'حلب']

Exact terms are normalized words (every word kept); stemmed terms drop the stop words
and stem the rest. Both index backends take their terms from here, so a word matches
the same articles on either.
"""

from functools import lru_cache
from importlib import resources

from indexer.arabic.normalize import normalize
from indexer.arabic.stemmer import stem
from indexer.arabic.words import WORD_RE
from indexer.errors import DataFileError

# Per-word caches: news vocabulary is Zipfian, so nearly every token is a dictionary hit.
# Plain dicts (faster than lru_cache), emptied when they outgrow CACHE_LIMIT words.
# NORMAL_CACHE: surface word -> normalized; STEM_CACHE: normalized -> stem;
# SURFACE_STEMS: surface word -> its stemmed term, '' when it is dropped (one lookup a token).
CACHE_LIMIT = 400_000
NORMAL_CACHE, STEM_CACHE, SURFACE_STEMS = {}, {}, {}


def cached_normalize(word):
    """normalize() through NORMAL_CACHE."""
    return remember(NORMAL_CACHE, word, normalize(word))


def cached_stem(word):
    """stem() through STEM_CACHE."""
    return remember(STEM_CACHE, word, stem(word))


def surface_stem(word):
    """The stemmed term of a surface word, through SURFACE_STEMS; '' when the word is
    dropped (a stop word, or nothing left once normalized): 'والمعارضة' -> 'معارضه',
    'في' -> '', 'ـ' -> ''."""
    text = NORMAL_CACHE.get(word)
    if text is None:
        text = cached_normalize(word)
    if text and text not in stop_words():
        stemmed = STEM_CACHE.get(text)
        text = cached_stem(text) if stemmed is None else stemmed
    else:
        text = ""
    return remember(SURFACE_STEMS, word, text)


def remember(cache, word, value):
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[word] = value
    return value


@lru_cache(maxsize=1)
def stop_words():
    """The shipped stop-word list, normalized like the text it filters."""
    try:
        raw = resources.files("indexer.arabic").joinpath("data/stopwords.txt").read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"stop-word list missing: {exc}") from exc
    words = {normalize(w.split("#")[0].strip()) for w in raw.splitlines()}
    words.discard("")
    if not words:
        raise DataFileError("stop-word list is empty")
    return frozenset(words)


def exact_terms(text):
    """Every word of `text`, normalized: 'إِدْلِبُ الخضراء' -> ['ادلب', 'الخضراء']."""
    return cached_terms(text, NORMAL_CACHE, cached_normalize)


def stemmed_terms(text):
    """The stems of the words of `text` that are not stop words: 'والمعارضة في حلب' ->
    ['معارضه', 'حلب']."""
    return cached_terms(text, SURFACE_STEMS, surface_stem)


def cached_terms(text, cache, compute):
    """The non-empty terms of the words of `text`, each from `cache` or `compute(word)`."""
    known = cache.get
    out = []
    for word in WORD_RE.findall(text):
        term = known(word)
        if term is None:
            term = compute(word)
        if term:
            out.append(term)
    return out
