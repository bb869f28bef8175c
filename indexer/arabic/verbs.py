"""Verb inflections read by rule around the lexicon's verb stems: pure functions.

    verb_readings('يجدون', lex)    -> (1.0, 'وجد'):  ي + جد + ون
    verb_readings('سنقيم', lex)    -> (0.8, 'اقام'): س + ن + قيم
    verb_readings('اسقطتموها', lex) -> (2.0, 'اسقط'): اسقط + تمو + ها
    verb_readings('قلت', lex)      -> (0.5, 'قال'):  قل + ت
    verb_readings('اعيدت', lex)    -> (0.6, 'اعاد'): اعيد (passive) + ت

A word is read as [future س] person prefix + imperfect stem + subject suffix, or past
stem + subject suffix, each optionally followed by an object pronoun. The stems come
from lexicon/verb_stems.tsv (regular rules over arramooz's verbs, tools/build_lexicon.py),
so forms the corpus never showed are read too. Each affix costs (the stemmer's scale:
a known word as it stands costs 0), so a noun reading of the same letters wins.
"""

PERSON_PREFIXES = {"ي": 0.5, "ت": 0.5, "ن": 0.5, "ا": 1.0}  # ا (I) collides with the article
FUTURE, FUTURE_COST = "س", 0.3
# (suffix, cost, stem ending it may have dropped): يدعون = يدع + ون (stem دعو).
IMPERFECT_SUFFIXES = (
    ("", 0.0, ""),
    ("ون", 0.5, "وي"),
    ("ان", 0.5, ""),
    ("ين", 0.5, "وي"),
    ("وا", 0.5, "وي"),
    ("و", 0.5, "وي"),  # وا before a pronoun: يقولوه
    ("ا", 0.5, ""),
    ("ن", 0.5, ""),
)
PAST_SUFFIXES = (
    ("", 0.0, ""),
    ("ت", 0.5, "اي"),  # رمت = رم + ت (رمي)
    ("تا", 0.5, "اي"),
    ("تم", 0.5, ""),
    ("تمو", 0.5, ""),  # تم before a pronoun: اسقطتموها
    ("تما", 0.5, ""),
    ("تن", 0.5, ""),
    ("نا", 0.5, ""),
    ("وا", 0.5, "اي"),  # رموا = رم + وا
    ("و", 0.5, "اي"),
    ("ا", 1.5, ""),  # the dual; as dear as a noun's tanween alef (وبدا: و + بدا)
    ("ن", 0.5, ""),
)
OBJECT_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ني", "نا")
PRONOUN_COST = 1.0
RULE_COST = 0.1  # on a tie a listed word wins: رغبتها is رغبة + ها, not رغب + ت + ها
# Stems of two letters (جد in يجد, شن in يشن) are read only where the corpus attests the
# form (lexicon/verb_forms.tsv): by rule, any ي / ت word of three letters would be a verb.
MIN_STEM = 3
PASSIVE_COST = 0.5  # أعيد as it stands: dearer than a listed word (عيد, a feast)
# The least a reading costs (a prefix, a suffix or a passive stem, and RULE_COST): the
# stemmer need not try verbs when it has a reading this cheap.
MIN_VERB_COST = RULE_COST + 0.5


def by_last(affixes, key=lambda a: a):
    """Affixes by their last letter, the empty one under every letter: a word only tries
    those it can end with."""
    empty = tuple(a for a in affixes if not key(a))
    last = {key(a)[-1] for a in affixes if key(a)}
    return {c: empty + tuple(a for a in affixes if key(a)[-1:] == c) for c in last}, empty


PRONOUNS_BY_LAST = by_last(OBJECT_PRONOUNS)
IMPERFECT_BY_LAST = by_last(IMPERFECT_SUFFIXES, key=lambda a: a[0])
PAST_BY_LAST = by_last(PAST_SUFFIXES, key=lambda a: a[0])


def ending_with(table, word):
    by_letter, empty = table
    return by_letter.get(word[-1:], empty)


def verb_readings(word, lex, subjunctive=False, bound=float("inf")):
    """[(cost, lemma)] for the readings of `word` as an inflected verb. `subjunctive`:
    the word followed ل (ليقصف), which takes imperfects only; readings that cannot cost
    less than `bound` are not tried. (Loops written out, not nested generators: this
    runs for every word the lexicon cannot read.)"""
    out = []
    for pronoun in ending_with(PRONOUNS_BY_LAST, word):
        if pronoun and not word.endswith(pronoun):
            continue
        body = word[: len(word) - len(pronoun)]
        cost = RULE_COST + (PRONOUN_COST if pronoun else 0.0)
        # past + pronoun adds nothing (قصفه); any other reading an affix of 0.5 or more
        least = cost if pronoun else cost + MIN_VERB_COST - RULE_COST
        if len(body) < MIN_STEM + 1 or least >= bound:
            continue
        imperfect_readings(body, lex, cost, out)
        if not subjunctive:
            past_readings(body, lex, cost, bool(pronoun), out)
    return out


def imperfect_readings(body, lex, cost, out):
    """Add [س] + person prefix + stem + suffix readings: 'سنقيم' -> (0.8, 'اقام')."""
    if body[0] == FUTURE and body[1:2] in PERSON_PREFIXES:
        cost, body = cost + FUTURE_COST, body[1:]
    prefix_cost = PERSON_PREFIXES.get(body[0])
    if prefix_cost is None:
        return
    rest, stems = body[1:], lex.imperfect_stems
    for suffix, suffix_cost, dropped in ending_with(IMPERFECT_BY_LAST, rest):
        if suffix and not rest.endswith(suffix):
            continue
        stem = rest[: len(rest) - len(suffix)]
        if len(stem) < MIN_STEM - (1 if dropped and suffix else 0):
            continue
        total = cost + prefix_cost + suffix_cost
        lemma = stems.get(stem)
        if lemma:
            out.append((total, lemma))
        for letter in dropped:
            lemma = stems.get(stem + letter)
            if lemma:
                out.append((total, lemma))


def past_readings(body, lex, cost, has_pronoun, out):
    """Add stem + suffix readings: 'قلت' -> (0.5, 'قال'), 'رموا' -> (0.5, 'رمي')."""
    verbs, past, passive = lex.verbs, lex.past_stems, lex.passive_stems
    for suffix, suffix_cost, dropped in ending_with(PAST_BY_LAST, body):
        if not suffix and not has_pronoun:
            lemma = passive.get(body)  # أعيد, قيل: a bare lemma is the lexicon's
            if lemma:
                out.append((cost + PASSIVE_COST, lemma))
            continue
        if suffix and not body.endswith(suffix):
            continue
        stem = body[: len(body) - len(suffix)]
        if len(stem) < MIN_STEM - (1 if dropped else 0):
            continue
        total = cost + suffix_cost
        if len(stem) >= MIN_STEM:
            if stem in verbs:
                out.append((total, stem))
            lemma = past.get(stem)
            if lemma:
                out.append((total, lemma))
            lemma = passive.get(stem)
            if lemma:
                out.append((total, lemma))
        for letter in dropped:
            if stem + letter in verbs:
                out.append((total, stem + letter))
