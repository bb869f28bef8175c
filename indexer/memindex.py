"""One field's postings held in memory as flat arrays, in the order documents arrive.

Each posting is a term id, a document number, a weight and (per the field's format) a
value: nothing (Existence), fixed-size bytes (Frequency: the frequency as "!I") or
variable bytes (Positions: Whoosh's pickled position deltas). Term ids come from two
tables, terms as str (our fast analysis) and terms as bytes (anything Whoosh analyzed),
drawing from one counter; postblocks.write_field sorts them into W3 posting lists.

A document's postings go in with a few numpy and C-level `extend` calls, no per-posting
Python but for the position lists of words seen more than once:

    fp.add_counts(7, Counter({'حلب': 2}))   # term 'حلب', doc 7, weight 2.0, b'\\0\\0\\0\\2'
    fp.add_term_counts(7, counts(kind, 'حلب وحلب')[0])   # the same, from fastterms' term ids
"""
import itertools
import struct
from array import array
from collections import defaultdict
from pickle import dumps

import numpy as np
from whoosh.system import pack_uint


# SINGLE[p] = formats.Positions.encode([p]): a word seen once (the common case) at
# position p < SINGLE_LIMIT, built as needed.
SINGLE, SINGLE_LIMIT = [], 1 << 16


def encode_positions(poses):
    """formats.Positions.encode(poses)."""
    if len(poses) == 1 and poses[0] < SINGLE_LIMIT:
        pos = poses[0]
        if pos >= len(SINGLE):
            SINGLE.extend(pack_uint(1) + dumps([p], 2) for p in range(len(SINGLE), min(SINGLE_LIMIT, 2 * pos + 64)))
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
        self.table, self.tid_of = None, None  # see _tids

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

    def _tids(self, table, term_ids):
        """This field's term ids (tids) of fastterms term ids of `table` (a TermKind's)."""
        if table is not self.table:  # another kind, or the same after a vocabulary reset
            self.table, self.tid_of = table, np.full(0, -1, np.int64)
        if len(self.tid_of) < len(table):
            grown = np.full(2 * len(table), -1, np.int64)
            grown[:len(self.tid_of)] = self.tid_of
            self.tid_of = grown
        tids = self.tid_of[term_ids]
        if len(tids) and tids.min() < 0:
            tid_of, str_ids = self.tid_of, self.str_ids
            for term_id in term_ids[tids < 0].tolist():
                tid_of[term_id] = str_ids[table[term_id]]
            tids = tid_of[term_ids]
        return tids

    def _append(self, docnum, tids, freqs):
        self.tids.frombytes(tids.astype(np.uint32).tobytes())
        self.docs.extend(array("I", [docnum]) * len(tids))
        self.weights.frombytes((freqs * self.boost).astype(np.float32).tobytes())

    def add_term_counts(self, docnum, terms):
        """A Frequency field's terms as fastterms.counts gives them (DROPPED left out)."""
        table, term_ids = terms
        unique, freqs = np.unique(term_ids, return_counts=True)
        self._append(docnum, self._tids(table, unique), freqs)
        if self.size:
            self.values.extend(freqs.astype(">u4").tobytes())

    def add_term_positions(self, docnum, terms):
        """A Positions field's terms as fastterms.positions gives them: one id per word,
        DROPPED included, grouped by term (stable sort: positions stay in order)."""
        table, term_ids = terms
        poses = np.flatnonzero(term_ids)  # DROPPED is 0
        kept = term_ids[poses]
        order = np.argsort(kept, kind="stable")
        kept, poses = kept[order], poses[order]
        n = len(kept)
        starts = np.flatnonzero(np.concatenate(([True], kept[1:] != kept[:-1]))) if n else poses
        freqs = np.diff(np.append(starts, n))
        self._append(docnum, self._tids(table, kept[starts]), freqs)
        firsts = poses[starts].tolist()
        if len(term_ids) > SINGLE_LIMIT:  # positions past SINGLE's: every list encoded
            values, multi = [None] * len(firsts), range(len(firsts))
        else:
            if len(term_ids) > len(SINGLE):
                encode_positions([len(term_ids) - 1])  # SINGLE covers every position of the value
            values, multi = list(map(SINGLE.__getitem__, firsts)), np.flatnonzero(freqs > 1).tolist()
        if len(multi):  # words seen more than once
            pos_list, start_list, freq_list = poses.tolist(), starts.tolist(), freqs.tolist()
            for i in multi:
                values[i] = encode_positions(pos_list[start_list[i]:start_list[i] + freq_list[i]])
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
        unsorted: for the slow path (segwriter.KhabarWriter.spill)."""
        text_of = {t: k.encode() for k, t in self.str_ids.items()}
        text_of.update((t, k) for k, t in self.bytes_ids.items())
        size, values = self.size, self.values
        for i, (tid, docnum, weight) in enumerate(zip(self.tids, self.docs, self.weights)):
            if size is None:
                value = values[i]
            else:
                value = bytes(values[i * size:(i + 1) * size])
            yield fieldname, text_of[tid], docnum, weight, value
