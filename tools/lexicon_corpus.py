"""Corpus evidence for tools/build_lexicon.py: how the ANT news corpus uses a word.

A definite form (الشهد) can only be a noun; a past form with a subject suffix (شهدت،
شهدوا) only a verb. These counts decide between the readings that arramooz allows,
and attest nouns that arramooz lacks (فنان, مكسيكي). No word list comes from anywhere
but arramooz and the corpus.
"""

ARTICLES = ("ال", "وال", "بال", "لل", "فال", "كال", "وبال", "ولل")


def noun_use(word, counts):
    """Definite forms: 'الطرق', 'بالطرق', 'للطرق'."""
    return sum(counts[a + word] for a in ARTICLES)


def verb_use(lemma, counts):
    """Past forms with a subject suffix, bare or after و / ف: 'شهدت', 'وشهدوا';
    a defective verb drops its last letter there (رمت، دعوا)."""
    bases = {lemma, lemma[:-1]} if lemma[-1] in "اي" and len(lemma) >= 3 else {lemma}
    return sum(counts[p + b + s] for p in ("", "و", "ف") for b in bases for s in ("ت", "وا"))


def verb_plurals(plurals, verbs, counts):
    """Plurals that are also verbs and that the news uses as verbs: 'شهد' (witnessed,
    not the plural of شاهد), 'امكن' (يمكن: it is possible, not أماكن)."""
    return {p for p in plurals if p in verbs and verb_use(p, counts) > noun_use(p, counts)}


def imperfect_lookalikes(words, stems, counts, nouns=True):
    """Lexicon words that the news uses as an imperfect verb: 'يتم' (it is done, not
    يُتم orphanhood), 'تنشر' (she publishes, not تنشّر): ي/ت/ن + an imperfect stem, and
    rarely definite (nouns) or rarely inflected as a verb of its own (form V verbs)."""
    out = set()
    for word in words:
        if len(word) < 3 or word[0] not in "يتن" or word[1:] not in stems:
            continue
        imperfect = counts[word] + counts["و" + word]
        own = noun_use(word, counts) if nouns else verb_use(word, counts) + counts["ي" + word]
        # a form V verb's past (تمثلت) shares letters with other readings: a looser bar;
        # three letters (تقع، تمر) need the imperfect to dominate outright
        share = 0.05 if nouns or len(word) == 3 else 0.2
        if imperfect >= 10 and own < share * imperfect:
            out.add(word)
    return out


def common_feminines(participles, nouns, counts, ratio=3.0, entry_ratio=1.5):
    """Feminine participles that are the same word as the masculine: the news uses them
    about as often ('المجاورة' / 'المجاور'); a feminine far more frequent is a noun of
    its own ('قاعدة' base, not the feminine of قاعد sitting; 'مجموعة' group). Where the
    feminine is also a lexicon noun (a form III verbal noun has its letters: مناهضة) the
    bar is stricter ('المعارضة', 'المقاومة' stay nouns)."""
    fem = lambda w: noun_use(w + "ه", counts) + counts[w + "ه"]
    masc = lambda w: noun_use(w, counts) + counts[w]
    bar = lambda w: entry_ratio if w + "ه" in nouns else ratio
    # a feminine with a plural of its own is a noun: المفاوضات, المناسبات, المقابلات
    plural = lambda w: noun_use(w + "ات", counts) >= 0.2 * noun_use(w + "ه", counts)
    return {
        p + "ه": p
        for p in participles
        if 0 < fem(p) <= bar(p) * max(masc(p), 1) and not (p + "ه" in nouns and plural(p))
    }


def attested_nouns(counts, is_known, min_count=5, min_share=0.05):
    """Stems the news uses after the article that the lexicon cannot read: 'فنان'
    (الفنان، الفنانين), 'مكسيكي'. The definite form must be a fair share of the bare
    one: 'الواكد' (6) next to 'واكد' (2,716, و + أكد) is a slip. Shortest first, so
    that once 'مهاجر' is known 'مهاجرين' reads as its plural and is not added."""
    candidates = sorted(
        (
            w[2:]
            for w, n in counts.items()
            if w.startswith("ال") and n >= max(min_count, min_share * counts[w[2:]])
        ),
        key=lambda w: (len(w), w),
    )
    out = set()
    for word in candidates:
        if len(word) < 3 or word.startswith("ال") or not word.isalpha():
            continue
        if is_known(word, out):
            continue
        out.add(word)
    return out


def frequency_classes(words, verbs, nouns, counts, min_use=3):
    """word -> floor(log2(use)), 0 when used under `min_use` times: how much the news
    uses a lexicon word as itself. The bare count of a word that reads as a proclitic +
    a lexicon word is not its own ('لقوة' is mostly ل + قوة), nor that of a verb that
    is no noun ('حدا' is mostly حدًّا, 'ماما' mama): only their definite or past forms
    count."""
    out = {}
    for word in words:
        use = noun_use(word, counts) + (verb_use(word, counts) if word in verbs else 0)
        if (word[0] not in "وفبلك" or word[1:] not in words) and (
            word not in verbs or word in nouns
        ):
            use += counts[word]
        out[word] = 0 if use < min_use else max(1, use.bit_length() - 1)
    return out
