"""Words of a text: what a word is (letters, digits and the marks inside Arabic words).

    WORD_RE.findall('وشنّت قَصَفَتْ #عاصي_الحلاني') -> ['وشنّت', 'قَصَفَتْ', 'عاصي', 'الحلاني']

Diacritics and tatweel stay inside a word (`normalize` removes them later); '_' splits.
"""

import re

# Marks that belong inside a word: tashkeel, Quranic marks, tatweel, zero-width
# (non-)joiners and bidi marks (normalize() removes them all from a word).
ARABIC_MARKS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2066-\u2069\u061c\ufeff"
)
# Letters and digits (not '_': #عاصي_الحلاني is two words) and the marks above.
WORD_RE = re.compile(rf"(?:[^\W_]|[{ARABIC_MARKS}])+")
# The same characters plus '_' as one class: twice as fast as WORD_RE's alternation.
# WORD_RE's words are its words split at '_' (words_of checks for '_' first).
WORD_OR_UNDERSCORE_RE = re.compile(rf"[\w{ARABIC_MARKS}]+")

# Lines already split into words: a document's `exact` value is its title and text
# joined by a newline, and a newline is never inside a word, so splitting values at
# newlines lets `exact` reuse the words of `text` and `title` (and entity extraction's
# words, see entities/matcher.canonical_joined). Only the last few documents matter: the
# memo is emptied past WORDS_CHARS characters of lines.
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
