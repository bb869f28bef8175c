"""One field's postings held in memory as flat arrays, in the order documents arrive.

Each posting is a term id, a document number, a weight and (per the field's format) a
value: nothing (Existence), fixed-size bytes (Frequency: the frequency as "!I") or
variable bytes (Positions: Whoosh's pickled position deltas). Term ids come from two
tables, terms as str (our fast analysis) and terms as bytes (anything Whoosh analyzed),
drawing from one counter; posting_blocks.write_field sorts them into W3 posting lists.

A document's postings go in with a few C-level `extend` calls, no per-posting Python:

    fp.add_counts(7, Counter({'حلب': 2}))   # term 'حلب', doc 7, weight 2.0, b'\\0\\0\\0\\2'
"""

import itertools
import struct
from array import array
from collections import defaultdict
from pickle import dumps

from whoosh.system import pack_uint

from indexer.w3writer.field_terms import position_lists

# SINGLE[p] = formats.Positions.encode([p]): a word seen once (the common case) at
# position p < SINGLE_LIMIT, built as needed.
SINGLE, SINGLE_LIMIT = [], 1 << 16


def encode_positions(poses):
    """formats.Positions.encode(poses)."""
    if len(poses) == 1 and poses[0] < SINGLE_LIMIT:
        pos = poses[0]
        if pos >= len(SINGLE):
            SINGLE.extend(
                pack_uint(1) + dumps([p], 2)
                for p in range(len(SINGLE), min(SINGLE_LIMIT, 2 * pos + 64))
            )
        return SINGLE[pos]
    deltas = [b - a for a, b in zip([0, *poses], poses)]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


class FieldPostings:
    """The postings of one field of one segment, not yet sorted."""

    def __init__(self, fieldobj):
        self.size = fieldobj.format.fixed_value_size()  # None: variable, 0: no value, k: k bytes
        self.boost = fieldobj.format.field_boost
        counter = itertools.count().__next__
        self.str_ids = defaultdict(counter)
        self.bytes_ids = defaultdict(counter)
        self.tids, self.docs, self.weights = array("I"), array("I"), array("f")
        self.values = [] if self.size is None else bytearray()
        self.varbytes = 0

    def __len__(self):
        return len(self.docs)

    def memory(self):
        """Rough bytes held (arrays, values, term tables)."""
        n = len(self.docs)
        terms = 100 * (len(self.str_ids) + len(self.bytes_ids))
        if self.size is None:
            return 12 * n + 8 * n + self.varbytes + terms
        return (12 + self.size) * n + terms

    def _weights(self, freqs):
        boost = self.boost
        self.weights.fromlist(freqs if boost == 1.0 else [f * boost for f in freqs])

    def add_counts(self, docnum, counter):
        """A Frequency field's Counter term -> frequency (terms as str)."""
        n = len(counter)
        if n == 1:  # ID fields, most KEYWORD values
            for term, freq in counter.items():
                self.tids.append(self.str_ids[term])
                self.docs.append(docnum)
                self.weights.append(freq * self.boost)
                if self.size:
                    self.values.extend(struct.pack("!I", freq))
            return
        self.tids.fromlist(list(map(self.str_ids.__getitem__, counter)))
        self.docs.extend(array("I", [docnum]) * n)
        freqs = list(counter.values())
        self._weights(freqs)
        if self.size:
            self.values.extend(struct.pack(f"!{n}I", *freqs))

    def add_positions(self, docnum, tokens):
        """A Positions field's terms, position by position (field_terms.positions)."""
        poses = position_lists(tokens)
        self.tids.fromlist(list(map(self.str_ids.__getitem__, poses)))
        self.docs.extend(array("I", [docnum]) * len(poses))
        lists = poses.values()
        self._weights(list(map(len, lists)))
        if len(tokens) > len(SINGLE):
            encode_positions([len(tokens) - 1])  # SINGLE covers every position of the value
        single = SINGLE
        values = [
            single[p[0]] if len(p) == 1 and p[0] < SINGLE_LIMIT else encode_positions(p)
            for p in lists
        ]
        self.varbytes += sum(map(len, values)) + 33 * len(values)
        self.values.extend(values)

    def add_items(self, docnum, items):
        """(term bytes, weight, value) items as Whoosh's `field.index` makes them."""
        for btext, weight, vbytes in items:
            self.add(btext, docnum, weight, vbytes)

    def add(self, btext, docnum, weight, vbytes):
        """One posting as Whoosh makes it (term bytes, weight already boosted, value)."""
        self.tids.append(self.bytes_ids[btext])
        self.docs.append(docnum)
        self.weights.append(weight)
        if self.size is None:
            self.values.append(vbytes)
            self.varbytes += len(vbytes) + 33
        elif self.size:
            if len(vbytes) != self.size:
                raise ValueError(f"posting value {vbytes!r} is not {self.size} bytes")
            self.values.extend(vbytes)

    def items(self, fieldname):
        """Every posting as a PostingPool item (fieldname, btext, docnum, weight, vbytes),
        unsorted: for the slow path (writer.KhabarWriter.spill)."""
        text_of = {t: k.encode() for k, t in self.str_ids.items()}
        text_of.update((t, k) for k, t in self.bytes_ids.items())
        size, values = self.size, self.values
        for i, (tid, docnum, weight) in enumerate(zip(self.tids, self.docs, self.weights)):
            if size is None:
                value = values[i]
            else:
                value = bytes(values[i * size : (i + 1) * size])
            yield fieldname, text_of[tid], docnum, weight, value
