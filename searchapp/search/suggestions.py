"""Did you mean: a misspelt word, a real word slipped for a likelier one, an English name.

Three checks on the plain words of a query, each a few table lookups (indexer/indexing/spelling.py):

- a word no article holds is replaced by the closest frequent word of the archive
  ('إدلبب' -> 'إدلب', 'مفاوضاتت' -> 'مفاوضات');
- a rare word one confusable letter away from a far more frequent one, in the articles
  that hold the query's other words, is a slip ('قوات النضام' -> 'قوات النظام');
- a Latin word (or two or three) close to a gazetteer's English name becomes that name
  ('Alepo' -> 'Aleppo', 'Idlb' -> 'Idlib').

The archive is reached through a `vocabulary` with three methods, so every backend can
answer: `spelling()` (its SpellingTable), `count(word)` (articles holding the exact
word) and `count_all(words)` (articles holding every one of them).
"""

import re
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from indexer.arabic.normalize import normalize
from indexer.arabic.terms import exact_terms
from indexer.arabic.words import WORD_RE
from indexer.indexing.spelling import SpellingTable, allowed_edits, is_word
from searchapp.search.query import LEXEME_RE, is_plain

SLIP_RATIO = 20  # a neighbour this many times more frequent with the other words is likelier
SLIP_LEAST = 3  # ... and found in at least this many articles with them
LONE_SLIP_RATIO = 100  # a one-word query has no context: the whole archive, a higher bar
RARE_SHARE = 0.001  # words in more than this share of the archive are never slips
MAX_NAME_WORDS = 3
LATIN_RE = re.compile(r"^[A-Za-z][A-Za-z'\-]*$")
PLACE_ORDER = {"governorate": 0, "capital": 0, "country": 0, "district": 1, "subdistrict": 2}


class Suggester:
    """Corrections for the words of a query, against one archive and one gazetteer."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer

    @cached_property
    def names(self):
        """(SpellingTable of lowercase English names, name -> its spelling, Arabic spellings)."""
        ranks, spelled = {}, {}
        for entity in self.gazetteer.entities():
            rank = 10 - PLACE_ORDER.get(entity.kind, 5) if entity.facet == "place" else 10
            for name in (entity.en, *entity.aliases_en):
                key = name.lower().strip()
                if len(key) >= 3 and ranks.get(key, -1) < rank:
                    ranks[key], spelled[key] = rank, name
        arabic = {}
        for entity in self.gazetteer.entities():
            for name in (entity.ar, *entity.aliases_ar):
                arabic.setdefault(normalize(name), name)
        words = sorted(ranks)
        return SpellingTable.build(words, [ranks[w] for w in words]), spelled, arabic

    def suggest(self, text, words, vocabulary, articles):
        """The query `text` with its corrected words, or None when nothing needs correcting.

        `words` are the query's plain words (lexemes with no syntax); `articles` is the
        size of the archive."""
        corrected = self.corrections(words, vocabulary, articles)
        if not corrected:
            return None

        def fix(match):
            lexeme = match.group()
            return corrected.get(lexeme, lexeme) if is_plain(lexeme) else lexeme

        return " ".join(LEXEME_RE.sub(fix, text).split())

    def corrections(self, words, vocabulary, articles):
        """{word: its correction} for the words that need one ('' drops a word)."""
        out, names = self.english(words)
        terms = [one_term(w) for w in words]
        table = None
        for word, term in zip(words, terms):
            if (
                word in out
                or word in names
                or not term
                or not is_word(term)
                or term in self.names[2]
            ):
                continue  # a gazetteer name is never a slip: الحولة is not الدولة
            count = vocabulary.count(term)
            if count > max(SLIP_LEAST, RARE_SHARE * articles):
                continue
            table = table or vocabulary.spelling()
            if table is None:
                break
            if count == 0:
                found = self.closest(term, table)
            else:
                context = [t for t in terms if t and t != term and is_word(t)]
                found = self.slip(term, count, context, table, vocabulary)
            if found:
                out[word] = self.spelled(found, word, term)
        return out

    def closest(self, word, table):
        """The most frequent of the closest words in the table."""
        found = table.lookup(word, allowed_edits(word))
        return found[0][0] if found else None

    def slip(self, word, count, context, table, vocabulary):
        """A neighbour far more frequent than `word` where the query's other words are.

        Only a confusable letter (ض for ظ) makes a real word a slip: one edit of any other
        kind turns many rare words into common ones (الحولة, a town, into الدولة)."""
        ratio = SLIP_RATIO if context else LONE_SLIP_RATIO
        for neighbour, total, gap in table.lookup(word, 1):
            if neighbour == word or gap >= 1 or total < ratio * count:
                continue
            if not context:
                return neighbour
            together = vocabulary.count_all([neighbour, *context])
            if together >= SLIP_LEAST and together >= ratio * vocabulary.count_all(
                [word, *context]
            ):
                return neighbour
        return None

    def english(self, words):
        """({word: the English name its Latin span misspells}, words of names spelt right)."""
        table, spelled, _ = self.names
        out, right, i = {}, set(), 0
        while i < len(words):
            size = latin_run(words, i)
            if not size:
                i += 1
                continue
            for n in range(min(size, MAX_NAME_WORDS), 0, -1):
                span = " ".join(words[i : i + n]).lower()
                if span in spelled:
                    right.update(words[i : i + n])
                    break
                found = table.lookup(span, allowed_edits(span)) if len(span) >= 3 else []
                if found:
                    out[words[i]] = spelled[found[0][0]]
                    out.update((extra, "") for extra in words[i + 1 : i + n])
                    break
            i += n
        return out, right

    def spelled(self, found, word, term):
        """How to write a correction: the gazetteer's spelling of a name (ادلب -> إدلب), else
        the user's own letters with the edits applied (اللاجئيين -> اللاجئين, not the
        index's folded اللاجءين), else the index's term."""
        if found in self.names[2]:
            return self.names[2][found]
        surface = strip_punctuation(word)
        if len(surface) != len(term):  # diacritics or tatweel: letters do not line up
            return found
        out = list(surface)
        for op in reversed(Levenshtein.editops(term, found)):
            if op.tag == "delete":
                del out[op.src_pos]
            elif op.tag == "insert":
                out.insert(op.src_pos, found[op.dest_pos])
            else:
                out[op.src_pos] = found[op.dest_pos]
        return "".join(out)


def one_term(word):
    """The exact-field term of a word, or None when it makes none or several ('صدقي..' -> 'صدقي')."""
    terms = exact_terms(word)
    return terms[0] if len(terms) == 1 else None


def strip_punctuation(word):
    """The word's letters without what the analyzer drops around it: 'مفاوضاتت،' -> 'مفاوضاتت'."""
    found = WORD_RE.search(word)
    return found.group() if found else word


def latin_run(words, start):
    """How many words from `start` on are Latin."""
    size = 0
    while start + size < len(words) and LATIN_RE.match(words[start + size]):
        size += 1
    return size
