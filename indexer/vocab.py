"""Surface words as small integers, with what indexing needs of each word in columns.

Indexing asks three things of every word of an article: its canonical form (entity
matching), its stemmed term (text, title) and its normalized term (exact). Each used to
be a lookup in its own large dict, per word and per field. Here a value's words become
ids once (a line's ids are remembered: `exact` repeats the lines of `title` and `text`),
and each question is a column indexed by id:

    VOCAB.take('قصف حلب', column)   # column[id('قصف')], column[id('حلب')]

A column (`VOCAB.column(func)`) holds func(word) for every word, computed once, when the
word is first seen; an int column is a numpy array, so that taking many ids is one
fancy-indexing call (fastterms.TermKind). The vocabulary starts afresh past LIMIT words,
only ever between two values, and tells each column (`on_reset`) so it can drop what
refers to the old ids. A lock makes `take` (ids and column read together) safe from
several threads (the web server matches entities in queries).
"""
import threading
from array import array

import numpy as np

from .analysis import WORD_OR_UNDERSCORE_RE, WORD_RE

LIMIT = 400_000  # distinct words before the vocabulary starts afresh
LINE_CHARS = 1 << 20  # characters of remembered lines (the last few documents')


class IntColumn:
    """A growing int32 array; `data[:len]` are the values."""

    def __init__(self):
        self.data = np.zeros(1024, np.int32)
        self.size = 0

    def append(self, value):
        if self.size == len(self.data):
            self.data = np.concatenate([self.data, np.zeros(len(self.data), np.int32)])
        self.data[self.size] = value
        self.size += 1

    def clear(self):
        self.size = 0

    def take(self, ids):
        # array("i", ids) converts a list of ints in C, many times faster than numpy's
        # element-by-element discovery of a list's type
        return self.data[np.frombuffer(array("i", ids), np.int32)]


class ListColumn(list):
    """Any values, by id."""

    def take(self, ids):
        return list(map(self.__getitem__, ids))


class Vocabulary:
    """word -> id, the columns, and the words of recently seen lines as ids."""

    def __init__(self, limit=LIMIT):
        self.limit = limit
        self.lock = threading.RLock()
        self.columns = []  # (func, column, on_reset)
        self.ids, self.words = {}, []
        self.lines, self.line_chars = {}, 0

    def __len__(self):
        return len(self.words)

    def column(self, func, numeric=False, on_reset=None):
        """A new column of func(word), filled for the words already known. `numeric`:
        int values in an IntColumn; `on_reset` is called when the vocabulary starts afresh."""
        with self.lock:
            column = IntColumn() if numeric else ListColumn()
            for word in self.words:
                column.append(func(word))
            self.columns.append((func, column, on_reset))
            return column

    def take(self, value, column):
        """column's values for the words of `value` (WORD_RE's words), in order."""
        with self.lock:
            return column.take(self.ids_of(value))

    def ids_of(self, value):
        """The ids of the words of `value`, line by line through the memo of lines."""
        if len(self.words) >= self.limit:
            self.reset()
        out = []
        for line in value.split("\n"):
            ids = self.lines.get(line)
            if ids is None:
                ids = self.line_ids(line)
            out += ids
        return out

    def line_ids(self, line):
        words = WORD_RE.findall(line) if "_" in line else WORD_OR_UNDERSCORE_RE.findall(line)
        ids = list(map(self.ids.get, words))
        if None in ids:
            ids = [self.add(word) if i is None else i for i, word in zip(ids, words)]
        if self.line_chars + len(line) > LINE_CHARS:
            self.lines.clear()
            self.line_chars = 0
        self.lines[line] = ids
        self.line_chars += len(line)
        return ids

    def add(self, word):
        known = self.ids.get(word)  # a word seen twice in one new line
        if known is not None:
            return known
        values = [func(word) for func, _, _ in self.columns]  # all or none, should one fail
        for (_, column, _), value in zip(self.columns, values):
            column.append(value)
        self.ids[word] = len(self.words)
        self.words.append(word)
        return self.ids[word]

    def reset(self):
        """Forget every word (ids are reused from 0): the columns are emptied and told."""
        with self.lock:
            self.ids, self.words = {}, []
            self.lines, self.line_chars = {}, 0
            for _, column, on_reset in self.columns:
                column.clear()
                if on_reset:
                    on_reset()


VOCAB = Vocabulary()
