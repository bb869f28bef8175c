"""Arabic light stemming, checked against a lexicon: pure `str -> str` over normalized words.

A word is split into proclitics + base + enclitic pronoun in every way the affix lists
allow; each base is mapped to a lemma (singular noun, verb lemma or protected name)
through the lexicon, sound suffixes, broken plurals and verb forms. The analysis that
strips least and ends in a real word wins:

    'والمعارضه' -> 'معارضه'   'بلد' -> 'بلد' (a word: ب is not stripped)
    'للبنان' -> 'لبنان'        'لبنان' -> 'لبنان' (protected: not لبن + ان)
    'اللبنانيه' -> 'لبنان'     'مدن' -> 'مدينه'   'وسيطرت' -> 'سيطر'

Unknown words lose only the article (with its proclitics) and a plural 'ات'.
"""

from indexer.arabic.lexicon import load_lexicon
from indexer.arabic.verbs import MIN_VERB_COST, verb_readings

ARABIC_LETTERS = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")
MIN_BASE = 2

# (proclitic, cost, carries the article). A one-letter proclitic costs more than the
# article: it comes off only when what remains is a real word and the whole is not.
ARTICLES = ("ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال", "فكال", "لل", "ولل", "فلل")
PARTICLES = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
PROCLITICS = (
    ("", 0.0, False),
    *((a, 0.5 + 1.0 * (len(a) - 2), True) for a in ARTICLES),
    *((p, 1.0 * len(p), False) for p in PARTICLES),
)
VERB_PROCLITICS = frozenset(("", "و", "ف"))
PROCLITIC_LETTERS = frozenset("وبل")  # the common ones: ف and ك begin too many names
UNKNOWN_MIN_REST = 4  # an unknown word keeps four letters: وسام stays, ووسام -> وسام
# Proclitics before an inflected verb read by rule; after ل only an imperfect (ليقصف).
RULE_VERB_PROCLITICS = frozenset(("", "و", "ف", "ل", "ول", "فل"))
# An unlisted verb form starting with و / ف read with that letter as its first root
# letter costs more than و / ف + a listed word: وبات is و + بات, not وبأ + ت; ونمو is
# و + نمو, not ونم + و. (Listed forms, وصلت, keep their cost.)
CONJUNCTION_LOOKALIKE = 0.5
ARTICLE_LOOKALIKE = 0.6  # cost of reading a word that starts with ال without the article
NAME_BONUS = -0.6  # a protected name is the likeliest reading: ل + لبنان, not لل + بنان
# A lemma the news barely uses is an unlikely reading: لقوات is ل + قوات (قوة), not the
# plural of لقوة; لجهة is ل + جهة. Its own forms still reach it when nothing else does.
RARE_COST = 0.7
PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "نا", "ك", "كم", "كما", "كن", "ي")
TA_MARBUTA, TA = "ه", "ت"

# Sound suffixes of the base: (suffix, endings to put back to find the singular).
# A suffix costs its length, but 'ات' is cheap (almost always a plural), so is the
# tanween alef (تماما، جنوبا; a little dearer than و + a word: ودعا is و + دعا), and the
# other one-letter suffixes dear (often accidental).
NUMBER_SUFFIXES = (
    ("يات", ("يه", "ي", "اه")),
    ("ات", ("ه", "")),
    ("تين", ("ه",)),
    ("تان", ("ه",)),
    ("تا", ("ه",)),  # dual in construct: منطقتا -> منطقة
    ("تي", ("ه",)),  # لمقاطعتي، الحالتي
    ("ين", ("",)),
    ("ون", ("",)),
    ("و", ("",)),
    ("ي", ("",)),
    ("ان", ("",)),
    ("يين", ("ي", "")),
    ("يون", ("ي", "")),
    ("يه", ("ي", "")),
    ("ا", ("",)),
    ("ت", ("ه",)),
    ("ه", ("",)),
)
SUFFIX_COST = {"ات": 1.0, "يات": 1.0, "ا": 1.1, "ه": 1.5, "و": 1.5, "ي": 1.5, "ت": 1.5}
# Nisba endings that turn a protected name into an adjective: لبناني، سوريه، تركيين.
NISBA = ("ي", "يه", "يين", "يون", "يات", "يتين", "يتان", "يان")
# Affix lists by the letter they start or end with, so a word only tries its own.
PROCLITICS_BY_FIRST = {
    c: tuple(p for p in PROCLITICS if not p[0] or p[0][0] == c)
    for c in {p[0][0] for p in PROCLITICS if p[0]}
}
PRONOUNS_BY_LAST = {c: tuple(p for p in PRONOUNS if p[-1] == c) for c in {p[-1] for p in PRONOUNS}}
NISBA_BY_LAST = {c: tuple(n for n in NISBA if n[-1] == c) for c in {n[-1] for n in NISBA}}
NUMBER_BY_LAST = {
    c: tuple(n for n in NUMBER_SUFFIXES if n[0][-1] == c)
    for c in {n[0][-1] for n in NUMBER_SUFFIXES}
}
NAME_ENDINGS = ("يا", "ا", "")  # سوري -> سوريا, امريكي -> امريكا, لبناني -> لبنان


def stem(word):
    """The lemma a normalized word is indexed under: 'المسلحون' -> 'مسلح'."""
    if len(word) <= MIN_BASE or word[0] not in ARABIC_LETTERS:
        return word
    lex = load_lexicon()
    if word in lex.names:  # 'المانيا' is a name, not ال + مانيا; 'سوريه' folds to سوريا
        return lemma_of(word, lex)[1]
    bound = [float("inf")]  # the best cost so far: dearer readings need not be tried
    best = best_reading(clitic_readings(word, lex, bound), lex, bound)
    if bound[0] > MIN_VERB_COST:  # a verb must cost less to win
        best = best_reading(rule_verb_readings(word, lex, bound[0]), lex, bound, best)
    return best[1] if best else fallback(word)


def best_reading(readings, lex, bound, best=None):
    """((cost, not a name), lemma) of the cheapest reading; on a tie, a protected name
    wins, then the first found. `bound[0]` follows the best cost."""
    for cost, lemma in readings:
        named = lemma in lex.names
        if lemma in lex.rare and not named:
            cost += RARE_COST
        key = (cost, not named)
        if best is None or key < best[0]:
            best = (key, lemma)
            bound[0] = cost
    return best


def analyses(word, lex):
    """(cost, lemma) for each way of reading `word`: clitics around a known base, then
    an inflected verb read by rule."""
    yield from clitic_readings(word, lex)
    yield from rule_verb_readings(word, lex)


def rule_verb_readings(word, lex, bound=float("inf")):
    """Inflected verbs read by rule (verbs.py), after a proclitic they may take; those
    that cannot cost less than `bound` are not tried."""
    for proclitic, cost, _ in PROCLITICS_BY_FIRST.get(word[0], PROCLITICS[:1]):
        if cost + MIN_VERB_COST >= bound:
            continue
        if proclitic in RULE_VERB_PROCLITICS and word.startswith(proclitic):
            rest = word[len(proclitic) :]
            if len(rest) >= MIN_BASE:
                subjunctive = proclitic[-1:] == "ل"
                extra = CONJUNCTION_LOOKALIKE if not proclitic and word[0] in "وف" else 0.0
                for verb_cost, lemma in verb_readings(rest, lex, subjunctive, bound - cost):
                    yield cost + extra + verb_cost, lemma


def clitic_readings(word, lex, bound=(float("inf"),)):
    """(cost, lemma) for each way of reading `word` as clitics around a known base;
    readings that cannot cost `bound[0]` or less (the caller's best so far, which may
    change while this runs) are not tried."""
    # A word that starts like the article is read with it when it can be: السنه is
    # ال + سنه (the year), not the plural السنه (tongues).
    for proclitic, cost, article in PROCLITICS_BY_FIRST.get(word[0], PROCLITICS[:1]):
        if not word.startswith(proclitic):
            continue
        rest = word[len(proclitic) :]
        if len(rest) < MIN_BASE:
            continue
        if not article and rest.startswith(ARTICLES[0]) and len(rest) >= 5:
            cost += ARTICLE_LOOKALIKE  # والامن is و + ال + امن, not و + الام
        if cost + NAME_BONUS > bound[0]:  # no reading here can cost less
            continue
        forms_ok = proclitic in VERB_PROCLITICS
        # no verb after the article: الالعاب، للقاء are ال + ألعاب، لقاء, not ال + عاب، قاء
        found = lemma_of(rest, lex, forms_ok, verbs_ok=not article)
        if found:
            yield cost + found[0], found[1]
        if article or cost + 1.0 + NAME_BONUS > bound[0]:
            continue
        for pronoun in PRONOUNS_BY_LAST.get(rest[-1], ()):
            if rest.endswith(pronoun) and len(rest) - len(pronoun) >= MIN_BASE:
                for base in with_ta_marbuta(rest[: -len(pronoun)]):
                    # 'ي' (my) goes on nouns; verbs take 'ني': الامني is not الامن + ي
                    found = lemma_of(base, lex, forms_ok and pronoun != "ي")
                    if found:
                        yield cost + 1.0 + found[0], found[1]


def with_ta_marbuta(base):
    """A base before a pronoun: 'معركت' (from معركتها) may be 'معركه', read first: a noun
    in ة + a pronoun (رغبتها) is likelier than a verb + ت + an object (رغبت + ها)."""
    return (base[:-1] + TA_MARBUTA, base) if base.endswith(TA) else (base,)


def lemma_of(base, lex, forms_ok=True, verbs_ok=True):
    """(cost, lemma) when `base` is a known word or a regular form of one, else None.

    `forms_ok` allows inflected verb forms (after و / ف only, never after the article),
    `verbs_ok` verb lemmas (not after the article).
    """
    for suffix in NISBA_BY_LAST.get(base[-1], ()):
        if base.endswith(suffix):
            root = base[: -len(suffix)]
            for ending in NAME_ENDINGS:
                if root + ending in lex.nisba_names:
                    return len(suffix), root + ending
            if root in lex.names and root + "ي" not in lex.nouns:
                return len(suffix), root
    direct = known_lemma(base, lex, forms_ok and verbs_ok, verbs_ok)
    if direct:
        return (NAME_BONUS if direct in lex.names else 0.0), direct
    for suffix, endings in NUMBER_BY_LAST.get(base[-1], ()):
        if base.endswith(suffix) and len(base) - len(suffix) >= MIN_BASE:
            root, found = base[: -len(suffix)], None
            for ending in endings:
                if ending == "ي" and root + ending not in lex.nouns:
                    continue  # مباري is a plural (of مبراه), not the singular of مباريات
                lemma = lex.lemma_nominal.get(root + ending)
                # خلافات: خلاف, the singular the news uses more, not خلافة; but عملات:
                # عملة, not عمل, which has a plural of its own (أعمال)
                if lemma and (
                    found is None or singular_rank(lemma, lex) < singular_rank(found, lex)
                ):
                    found = lemma
            if found:
                return SUFFIX_COST.get(suffix, len(suffix)), found
    return None


def singular_rank(word, lex):
    """Sort key among the singulars a sound plural may have: a word the news uses, that
    takes no broken plural, that the news uses most."""
    return (word in lex.rare, word in lex.broken_singulars, -lex.frequency.get(word, 0))


def known_lemma(base, lex, forms_ok=True, verbs_ok=True):
    """The lemma of a base that is a word as it stands: 'مدن' -> 'مدينه', 'قصفت' -> 'قصف'.

    Names first, then broken plurals, nouns, verb lemmas (unless not `verbs_ok`) and verb
    forms (unless not `forms_ok`): one dict lookup, see Lexicon.__post_init__."""
    if forms_ok and verbs_ok:
        return lex.lemma_any.get(base)
    return (lex.lemma_no_forms if verbs_ok else lex.lemma_nominal).get(base)


def fallback(word):
    """An unknown word: strip the article with its proclitics and a plural 'ات', else
    every و, ب or ل in front while four letters remain: 'وبرونو' and 'برونو' -> 'رونو'
    alike (a name the lexicon does not know meets its clitic forms)."""
    for article in sorted(ARTICLES, key=len, reverse=True):
        if word.startswith(article) and len(word) - len(article) >= 3:
            word = word[len(article) :]
            break
    else:
        article = None
    if word.endswith("ات") and len(word) >= 5:
        word = word[:-2]
    if article is None:
        while word[0] in PROCLITIC_LETTERS and len(word) > UNKNOWN_MIN_REST:
            word = word[1:]
    return word
