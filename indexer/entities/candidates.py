"""Frequent names the gazetteers lack, for a curator to add (`khabar extract --candidates`).

A candidate is the word or two after a trigger word ('جيش الأحرار', 'قرية عطشان',
'وكالة قاسيون') whose name no gazetteer entity carries. Counted over normalized text.
"""

from collections import Counter

from indexer.arabic.normalize import normalize
from indexer.entities.context import strip_conjunction
from indexer.entities.extract import extractor, place_words
from indexer.entities.matcher import WORD_RE, canonical_joined, name_key

# trigger word (normalized) -> (facet, does the trigger belong to the name?)
TRIGGERS = {
    **dict.fromkeys(
        "جيش لواء الويه فرقه حركه كتاءب كتيبه فيلق تجمع جبهه ميليشيا سرايا".split(),
        ("faction", True),
    ),
    **dict.fromkeys("قريه بلده حي مدينه بلدات قري مخيم مطار تله ناحيه".split(), ("place", False)),
    **dict.fromkeys("وكاله صحيفه قناه شبكه موقع".split(), ("source", True)),
}
SKIP = frozenset("في من علي الي عن مع هذه هذا التي الذي ان او ثم قد اخري جديده بين".split())


def candidate_names(texts, gazetteer_files=(), min_count=2):
    """[(count, facet, name)] most frequent first, for names after a trigger word."""
    ex = extractor(tuple(gazetteer_files))
    never = place_words()["never"]
    prefixes = {
        " ".join(k.split()[:n]) for k in ex.automaton.table for n in range(1, k.count(" ") + 1)
    }
    counts = Counter()
    for text in texts:
        words = WORD_RE.findall(normalize(text))
        for i, word in enumerate(words[:-1]):
            trigger = TRIGGERS.get(strip_conjunction(word))
            if trigger is None:
                continue
            for phrase in phrases(words, i, trigger[1]):
                key = name_key(phrase)
                if (
                    key
                    and key not in never | prefixes
                    and not ex.automaton.find(canonical_joined(phrase))
                ):
                    counts[(trigger[0], phrase)] += 1
    return [(n, facet, phrase) for (facet, phrase), n in counts.most_common() if n >= min_count]


def phrases(words, i, with_trigger):
    """The one- and two-word names after the trigger at `i`, with the trigger when it belongs."""
    following = list(words[i + 1 : i + 3])
    if (
        not following
        or following[0] in SKIP
        or following[0].isdigit()
        or strip_conjunction(following[0]) in TRIGGERS
    ):
        return []
    head = [strip_conjunction(words[i])] if with_trigger else []
    out = [" ".join(head + following[:1])]
    if len(following) > 1 and following[1] not in SKIP and not following[1].isdigit():
        out.append(" ".join(head + following[:2]))
    return out
