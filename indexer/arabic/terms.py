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
    known = NORMAL_CACHE.get
    out = []
    for word in WORD_RE.findall(text):
        term = known(word)
        if term is None:
            term = cached_normalize(word)
        if term:
            out.append(term)
    return out


def stemmed_terms(text):
    """The stems of the words of `text` that are not stop words: 'والمعارضة في حلب' ->
    ['معارضه', 'حلب']."""
    stops, known = stop_words(), STEM_CACHE.get
    out = []
    for term in exact_terms(text):
        if term not in stops:
            stemmed = known(term)
            out.append(cached_stem(term) if stemmed is None else stemmed)
    return out
