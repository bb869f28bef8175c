"""Morphological tables derived from arramooz and the ANT corpus, for tools/build_lexicon.py.

verb_stem_rows()  stems that verb inflections are built on, by regular rules:
                  imperfect 'جد' (يجد) -> وجد, 'قول' (يقول) -> قال, 'تيح' (تتيح) -> اتاح;
                  past 'قل' (قلت) -> قال, 'دعو' (دعوت) -> دعا, 'شدد' (شددت) -> شد
feminine_rows()   feminine adjectives -> masculine: 'جديده' -> 'جديد'
nisba_words()     nisba adjectives of common nouns attested in the news: 'تاريخي', 'امني'
Each is computed from arramooz's entries (word types, imperfect vowel) and regular
Arabic morphology; the corpus only decides between readings and attests words.
"""

import collections

from tools.lexicon_corpus import noun_use, verb_use

# arramooz word types ("<detail>:<type>") whose entries are adjectives: their feminine
# in ة is the same word (جديدة = جديد). Participles (اسم فاعل / مفعول) are left out:
# their feminines are often nouns of their own (قاعدة، مجموعة، المعارضة).
ADJECTIVE_TYPES = ("صفة مشبهة", "صيغة مبالغة", "صفة", "منسوب")
ALEF, WAW, YEH, TA_MARBUTA, HAMZA = "ا", "و", "ي", "ه", "ء"
PASSIVE = "*"  # marks a passive stem (يراد): used only where no active stem has its letters
MIN_NISBA_COUNT = 5  # article forms (التاريخي، التاريخية ...) that attest a nisba adjective
MAX_FEMININE_SHARE = 20.0  # a feminine used more than this times the masculine is a noun


def is_hollow(lemma):
    return len(lemma) == 3 and lemma[1] == ALEF


def imperfect_stems(lemma, vowel, triliteral):
    """Stems after the person prefix: 'اعلن' -> ['علن'], 'وجد' -> ['جد', 'وجد'],
    'قال' (u) -> ['قول', 'قال'], 'رمي' (i) -> ['رمي'], 'دعا' (u) -> ['دعو', 'دعا'],
    'اراد' -> ['ريد', 'راد']."""
    if lemma.startswith(ALEF) and len(lemma) >= 4:
        stem = lemma[1:]
        if len(lemma) in (4, 6) and lemma[-2] == ALEF:  # hollow IV / X: اراد، استفاد
            return [stem[:-2] + YEH + stem[-1], PASSIVE + stem]  # يريد, and the passive يراد
        return [stem]
    if lemma[0] == ALEF and len(lemma) == 3:  # ياخذ; يؤكد، يؤدي (ؤ folds to ء)
        return [lemma, HAMZA + lemma[1:]]
    if not triliteral or len(lemma) != 3:
        return [lemma]
    if lemma[0] == WAW:  # assimilated: وجد -> يجد (and يوجد, its passive)
        return [lemma[1:], lemma]
    if is_hollow(lemma):  # يقول، يعيش، ينام (arramooz's vowel is not always right: all
        # three), and the passive يقال
        return [lemma[0] + WAW + lemma[2], lemma[0] + YEH + lemma[2], lemma]
    if lemma[2] in (ALEF, YEH):  # defective: دعا -> يدعو, رمى -> يرمي, بقي -> يبقى
        stem = lemma[:2] + (WAW if vowel == "ضمة" else YEH)
        return [stem, lemma] if lemma[2] == ALEF else [stem]  # بدأ is بدا too: يبدأ
    return [lemma]


def passive_stems(lemma):
    """Past passive of hollow verbs, a word of its own: 'قال' -> ['قيل'], 'اعاد' ->
    ['اعيد'] (أُعيد), 'اختار' -> ['اختير']."""
    if is_hollow(lemma) or (len(lemma) in (4, 5, 6) and lemma[0] == ALEF and lemma[-2] == ALEF):
        return [lemma[:-2] + YEH + lemma[-1]]
    return []


def past_stems(lemma):
    """Past stems other than the lemma, before consonant suffixes (ت، نا، تم):
    'قال' -> ['قل'], 'اراد' -> ['ارد'], 'دعا' -> ['دعو'], 'رمي' -> ['رمي'], 'شد' -> ['شدد']."""
    if is_hollow(lemma) or (len(lemma) in (4, 5, 6) and lemma[0] == ALEF and lemma[-2] == ALEF):
        return [lemma[:-2] + lemma[-1]]
    if len(lemma) >= 3 and lemma[-1] == ALEF:
        return [lemma[:-1] + WAW, lemma[:-1] + YEH]
    if len(lemma) == 2 or (len(lemma) == 3 and lemma[0] == ALEF):  # شد، احب: شددت، احببت
        return [lemma + lemma[-1]]
    return []


def borrowed_stem(lemma, vowel, triliteral):
    """The ي stem imperfect_stems() gives a hollow verb whose vowel is not i ('قام' u ->
    'قيم'), None otherwise: it yields to a verb whose rule gives it (يقيم: أقام, not قام;
    يدير: أدار). The و stem stays: arramooz's vowel is often wrong there (يجول: جال)."""
    if triliteral and is_hollow(lemma) and vowel != "كسرة":
        return lemma[0] + YEH + lemma[2]
    return None


def imperfect_use(lemma, vowel, triliteral, counts):
    """Imperfects with ي / ت of a verb's stems but a borrowed one: 'جري' (يجري) ≠ 'جر'
    (يجر), where the past forms cannot tell the two apart (جرت)."""
    borrowed = borrowed_stem(lemma, vowel, triliteral)
    stems = [s.lstrip(PASSIVE) for s in imperfect_stems(lemma, vowel, triliteral)]
    return sum(counts[p + s] for p in ("ي", "ت") for s in stems if s != borrowed)


def verb_rank(counts):
    """Sort key of the lemmas that share a stem or a form, best last. `stem`: the
    imperfect stem shared, None for a past stem or form. An imperfect stem goes to a
    verb whose rule gives it before one that borrows it, then to the verb whose past
    forms the corpus uses most (يجد: وجد); a past form to the verb whose past and
    imperfect forms it uses most (جرت: the past forms of جرّ and جرى are the same
    letters, يجري decides)."""

    def rank(verb, stem=None):
        lemma, vowel, triliteral = verb
        use = verb_use(lemma, counts)
        if stem is None:
            return (True, use + imperfect_use(lemma, vowel, triliteral, counts))
        return (stem != borrowed_stem(lemma, vowel, triliteral), use)

    return rank


def verb_stem_rows(verbs, counts):
    """(stem, lemma, kind) with kind 'imperfect', 'past' or 'passive'; a stem that several lemmas
    share goes to the best of verb_rank (its rule, then corpus use)."""
    options, passives = collections.defaultdict(set), collections.defaultdict(set)
    for verb in verbs:
        lemma = verb[0]
        for stem in imperfect_stems(*verb):
            if stem.startswith(PASSIVE):
                passives[stem[1:], "imperfect"].add(verb)
            else:
                options[stem, "imperfect"].add(verb)
        for stem in past_stems(lemma):
            options[stem, "past"].add(verb)
        for stem in passive_stems(lemma):
            options[stem, "passive"].add(verb)
    for key, lemmas in passives.items():
        if key not in options:
            options[key] = lemmas
    rank = verb_rank(counts)
    rows = set()
    for (stem, kind), claimants in options.items():
        if len(stem) >= 2:
            shared = stem if kind == "imperfect" else None
            best = max(sorted(claimants), key=lambda v: rank(v, shared))
            rows.add((stem, best[0], kind))
    return sorted(rows)


def elative_feminines(elatives):
    """The feminine of an elative أفعل is فعلى: 'اكبر' -> 'كبري', 'اول' -> 'اولي';
    defective: 'اقصي' -> 'قصوي', 'اعلي' -> 'عليا'."""
    rows = {}
    for word in elatives:
        if word == "اول":
            rows["اولي"] = word
        elif len(word) == 4 and word[0] == ALEF and word[3] == YEH:
            rows[word[1:3] + WAW + YEH] = rows[word[1:3] + YEH + ALEF] = word
        elif len(word) == 4 and word[0] == ALEF:
            rows[word[1:] + YEH] = word
    return rows


def feminine_rows(adjectives, nisba, nouns, counts):
    """Feminine -> masculine for adjectives, unless the feminine is an entry of its own
    ('مباشره' the verbal noun, 'منظمه' organization). A nisba adjective's feminine folds
    even then ('عسكريه' is العسكرية, military, far more often than militarism), unless
    the news uses it far more than the masculine: a noun of its own ('عمليه' operation
    next to عملي practical, 'ثانويه' secondary school)."""
    alike = lambda a: feminine_share(a, counts) <= MAX_FEMININE_SHARE
    rows = {a + TA_MARBUTA: a for a in adjectives if a + TA_MARBUTA not in nouns and alike(a)}
    rows.update((n + TA_MARBUTA, n) for n in nisba if n.endswith(YEH) and alike(n))
    return rows


def feminine_share(word, counts):
    """How much more the news uses word+ة than word (bare and definite forms)."""
    use = lambda w: noun_use(w, counts) + counts[w]
    return use(word + TA_MARBUTA) / max(use(word), 1)


def feminine_nouns(nouns, counts, min_count=20):
    """Feminines the news uses far more than the masculine, which the lexicon lacks:
    words of their own ('مجموعه' group, not the feminine of مجموع total)."""
    return {
        w + TA_MARBUTA
        for w in nouns
        if w + TA_MARBUTA not in nouns
        and noun_use(w + TA_MARBUTA, counts) >= min_count
        and feminine_share(w, counts) > MAX_FEMININE_SHARE
    }


def nisba_words(nominals, counts):
    """Nisba adjectives X+ي of known nouns X that the news uses with the article
    ('التاريخي', 'التاريخية', 'التاريخيين'): a construct plural or 'my' (مقاتلي،
    كتابي) never takes the article, so these are adjectives of their own."""
    out = set()
    for word in counts:
        if not word.startswith("ال") or len(word) < 6:
            continue
        for ending in ("ي", "يه", "يين", "يون", "يات"):
            if word.endswith(ending):
                base = word[2 : -len(ending)]
                if base in nominals and len(base) >= 2:
                    out.add(base + YEH)
    attested = lambda w: sum(counts["ال" + w + e] for e in ("", "ه", "ين", "ون", "ات"))
    return {w for w in out if attested(w) >= MIN_NISBA_COUNT}


def pattern_plurals(singulars, known, counts, min_use=5):
    """Broken plurals arramooz does not list, made by the common templates and kept when
    the news uses them and their singular with the article, and they are no other
    lexicon word: فعل -> أفعال (فلم -> أفلام); فعيل -> فعلاء، فعائل (حليف -> حلفاء);
    مفعل(ة) -> مفاعل (مطلب -> مطالب); تفعيل -> تفاعيل (تفصيل -> تفاصيل); فاعلة -> فواعل
    (عاصفة -> عواصف); فعالة -> فعائل (بضاعة -> بضائع). A plural several singulars make
    goes to the one the news uses most."""
    options = collections.defaultdict(set)
    for single in singulars:
        if noun_use(single, counts) < min_use:
            continue
        for plural in plural_templates(single):
            if plural not in known and noun_use(plural, counts) >= min_use:
                options[plural].add(single)
    use = lambda w: noun_use(w, counts) + counts[w]
    return {p: max(sorted(s), key=use) for p, s in options.items()}


def plural_templates(word):
    """Candidate broken plurals of a singular, by its shape."""
    w = word[:-1] if word.endswith(TA_MARBUTA) else word
    out = []
    if len(w) == 3 and not word.endswith(TA_MARBUTA):  # فعل -> أفعال (فعول and فعال
        c1, c2, c3 = w  # are verbal nouns as often: حصول, صراع)
        out.append(ALEF + c1 + c2 + ALEF + c3)
    elif len(w) == 4 and w[2] == YEH:  # فعيل، فعيلة
        c1, c2, c3 = w[0], w[1], w[3]
        out += [c1 + c2 + c3 + ALEF + HAMZA, c1 + c2 + ALEF + HAMZA + c3]
    elif len(w) == 4 and w[0] == "م":  # مفعل، مفعلة
        out.append("م" + w[1] + ALEF + w[2] + w[3])
    elif len(w) == 4 and w[1] == ALEF and w[3] != YEH:  # فاعلة، فاعل (not حالي: حوالي)
        out.append(w[0] + WAW + ALEF + w[2] + w[3])
    elif len(w) == 4 and w[2] == ALEF:  # فعالة
        out.append(w[0] + w[1] + ALEF + HAMZA + w[3])
    elif len(w) == 5 and w[0] == "ت" and w[3] == YEH:  # تفعيل -> تفاعيل
        out.append("ت" + w[1] + ALEF + w[2] + YEH + w[4])
    return [p for p in out if p != word]
