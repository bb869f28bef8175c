"""The spelling table: an archive's words, found again from a misspelling in a millisecond.

SymSpell's idea (Wolf Garbe): each word is filed under every string its first PREFIX
letters become when up to two of them are deleted; a misspelt word's own deletes meet
the deletes of the words one or two edits away, so a lookup is a few dozen exact
searches instead of a scan of the vocabulary:

    table = SpellingTable.build(["ادلب", "حلب"], [332, 187])
    table.lookup("ادلبب")  ->  [("ادلب", 332, 1.0)]

Here the deletes are hashed and kept as two sorted numpy arrays (hash, word number),
built with whole-array operations and written beside the index at each commit
(`spelling.npz`), so a server loads a table in milliseconds. symspellpy, the reference
Python port, keeps them in a dict, which takes seconds to build and to load in every
server process (docs/performance.md).

Edits between two Arabic letters that writers confuse (ض/ظ، ذ/ز، ث/س، ق/ك; ة/ه، ى/ي and
أ/ا are already one letter after normalization) cost half an edit (`distance`).
"""

import os
from pathlib import Path

import numpy as np
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist

PREFIX = 7  # letters of a word that its deletes are taken from
MAX_EDITS = 2
MIN_LETTERS = 3  # shorter words are neither filed nor corrected
MAX_WORDS = 200_000  # the most frequent words kept
HAPAX_ARCHIVE = 1_000  # from this many articles on, words seen in one article are left out
FILE = "spelling.npz"
HASH_BASE = 1_000_003
CONFUSABLE = (
    "ظض",
    "ذز",
    "ثس",
    "قك",
    "ةه",
    "ىي",
    "أا",
)  # the first letter of each is read as the second
CONFUSABLE_FOLD = str.maketrans(dict(CONFUSABLE))
CONFUSION_COST = 0.5


def allowed_edits(word):
    """Edits a correction of `word` may make: one for 3-4 letters, two from 5 on."""
    return 1 if len(word) < 5 else MAX_EDITS


def delete_patterns():
    """The sets of prefix positions deleted: (), (0,), ..., (0, 1), ..., (5, 6)."""
    singles = [(i,) for i in range(PREFIX)]
    pairs = [(i, j) for i in range(PREFIX) for j in range(i + 1, PREFIX)]
    return [(), *singles, *pairs]


PATTERNS = delete_patterns()
POWERS = [pow(HASH_BASE, k, 1 << 32) for k in range(PREFIX)]


def string_hash(text):
    """The 32-bit hash the table files `text` under (a polynomial in its code points)."""
    return sum(ord(c) * p for c, p in zip(text, POWERS)) & 0xFFFFFFFF


def word_deletes(word, edits):
    """Every string `word`'s prefix becomes with up to `edits` letters deleted."""
    found, frontier = {word[:PREFIX]}, {word[:PREFIX]}
    for _ in range(edits):
        frontier = {s[:i] + s[i + 1 :] for s in frontier for i in range(len(s))}
        found |= frontier
    return found


def fold_confusables(word):
    """One letter for each confusable pair: 'النظام' -> 'النضام'."""
    return word.translate(CONFUSABLE_FOLD)


def distances(word, candidates):
    """Edit distance (insert, delete, substitute, swap two neighbours) of `word` to each
    candidate, a confusable substitution costing CONFUSION_COST.

    The edits an alignment spends on confusable letters are the difference between the
    distance of the words and that of their folded forms, so the weighted distance is
    their mean (rapidfuzz computes both in C)."""
    plain = cdist([word], candidates, scorer=OSA.distance, dtype=np.int32)[0]
    folded = cdist(
        [fold_confusables(word)],
        [fold_confusables(c) for c in candidates],
        scorer=OSA.distance,
        dtype=np.int32,
    )[0]
    return folded + (plain - folded) * CONFUSION_COST


class SpellingTable:
    """Words with their article counts, and their deletes for lookups."""

    def __init__(self, words, counts, keys, owners):
        self.words, self.counts, self.keys, self.owners = words, counts, keys, owners
        self.number = {w: n for n, w in enumerate(words)}

    @classmethod
    def build(cls, words, counts):
        """A table of `words` (each once) and how many articles hold each."""
        words = list(words)
        counts = np.asarray(counts, dtype=np.int64)
        padded = "".join(w[:PREFIX].ljust(PREFIX, "\0") for w in words).encode("utf-32-le")
        codes = np.frombuffer(padded, dtype=np.uint32).reshape(-1, PREFIX).astype(np.uint64)
        lengths = np.array([min(len(w), PREFIX) for w in words], dtype=np.int64)
        keys, owners = [], []
        for pattern in PATTERNS:
            rows = np.flatnonzero(lengths > (pattern[-1] if pattern else -1))
            kept = [k for k in range(PREFIX) if k not in pattern]
            hashes = np.zeros(len(rows), dtype=np.uint64)
            for place, column in enumerate(kept):
                hashes += codes[rows, column] * np.uint64(POWERS[place])
            keys.append((hashes & np.uint64(0xFFFFFFFF)).astype(np.uint32))
            owners.append(rows.astype(np.int32))
        keys, owners = np.concatenate(keys), np.concatenate(owners)
        order = np.lexsort((owners, keys))
        keys, owners = keys[order], owners[order]
        repeated = np.zeros(len(keys), dtype=bool)
        repeated[1:] = (keys[1:] == keys[:-1]) & (owners[1:] == owners[:-1])
        return cls(words, counts, keys[~repeated], owners[~repeated])

    def count(self, word):
        """Articles holding `word` (0 when it is not in the table)."""
        n = self.number.get(word)
        return int(self.counts[n]) if n is not None else 0

    def lookup(self, word, edits=None):
        """[(word, count, distance)] within `edits` of `word`, closest then most frequent."""
        edits = allowed_edits(word) if edits is None else edits
        hashes = np.array(
            sorted({string_hash(d) for d in word_deletes(word, edits)}), dtype=np.uint32
        )
        starts = np.searchsorted(self.keys, hashes, side="left")
        ends = np.searchsorted(self.keys, hashes, side="right")
        found = set()
        for start, end in zip(starts.tolist(), ends.tolist()):
            found.update(self.owners[start:end].tolist())
        if not found:
            return []
        numbers = list(found)
        candidates = [self.words[n] for n in numbers]
        gaps = distances(word, candidates)
        out = [
            (candidates[i], int(self.counts[numbers[i]]), float(gaps[i]))
            for i in np.flatnonzero(gaps <= edits)
        ]
        out.sort(key=lambda row: (row[2], -row[1], row[0]))
        return out

    def save(self, index_dir):
        """Write the table as INDEX/spelling.npz (replaced atomically)."""
        path = Path(index_dir) / FILE
        temporary = path.with_suffix(".tmp.npz")
        with open(temporary, "wb") as out:
            np.savez(
                out,
                words=np.array("\n".join(self.words)),
                counts=self.counts,
                keys=self.keys,
                owners=self.owners,
            )
        os.replace(temporary, path)

    @classmethod
    def load(cls, index_dir):
        """The table written beside an index, or None when there is none."""
        path = Path(index_dir) / FILE
        if not path.exists():
            return None
        with np.load(path) as arrays:
            text = str(arrays["words"])
            words = text.split("\n") if text else []
            return cls(words, arrays["counts"], arrays["keys"], arrays["owners"])


def is_word(term):
    """A term worth correcting to: MIN_LETTERS or more, with a letter in it."""
    return len(term) >= MIN_LETTERS and not term.isdigit() and any(c.isalpha() for c in term)


def choose_words(counts, articles):
    """(words, counts) to file: the MAX_WORDS most frequent, hapaxes left out of large archives."""
    least = 2 if articles >= HAPAX_ARCHIVE else 1
    kept = [(w, c) for w, c in counts.items() if c >= least and is_word(w)]
    kept.sort(key=lambda pair: (-pair[1], pair[0]))
    kept = kept[:MAX_WORDS]
    return [w for w, _ in kept], [c for _, c in kept]


def table_from_counts(counts, articles):
    return SpellingTable.build(*choose_words(counts, articles))


def word_counts(reader, field="exact"):
    """{term: articles holding it} of one field of an index reader, segment by segment
    (a reader over several segments merges their terms one at a time, much slower)."""
    counts = {}
    for leaf, _ in reader.leaf_readers():
        for term, info in leaf.iter_field(field):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            counts[word] = counts.get(word, 0) + info.doc_frequency()
    return counts


def table_of_index(reader, field="exact"):
    """The spelling table of an open index reader."""
    return table_from_counts(word_counts(reader, field), reader.doc_count())
