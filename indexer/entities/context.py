"""Context rules that decide whether a name is a mention, over canonical words.

A village called السلام or الباب counts after a place word ('قرية السلام', 'بريف
الباب') or before 'ريف'; after 'في' and the like, or as the next item of a list that
began with a place ('محاور التح وأبو حريف والسمكة', 'قرى الشطيب، المعكرات'), only when one
of its homonyms lies in a governorate the article names otherwise. A place name after a
title or a first name is a person's ('مختار الرحبي'). A channel called العربية counts only
after a media word or reporting verb ('قناة العربية', 'بحسب العربية'). A faction name that
other countries' forces share is not this war's when a country word follows it ('الجيش
الوطني الليبي'). Words here are in the canonical form of `indexer.entities.matcher`
(no article, ة -> ه, ى -> ي).
"""

from indexer.entities.matcher import word_before

CONJUNCTIONS = ("وب", "فب", "و", "ب", "ف")


def one_of(word, words):
    """Is `word`, or `word` without its conjunction, in `words`? Both are tried: 'بلده' is
    the place word itself, not ب + 'لده'."""
    return word in words or word[:1] in "وفب" and strip_conjunction(word) in words


def strip_conjunction(word):
    """'وبريف' -> 'ريف', 'وفي' -> 'في'; only و/ف/ب, so 'كتلة' stays whole (but see one_of)."""
    for clitic in CONJUNCTIONS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic) :]
    return word


# A place word right before the name: strong evidence ('قرية السلام', 'بريف الباب').
PLACE_BEFORE = frozenset(
    """
قريه قري قرية قريتي قريتا بلده بلدات بلدتي بلدتا مدينه مدن مدينتي مدينتا حي احياء حيي
ريف ريفي ارياف مطار ناحيه مخيم سهل جبل تله تلال مزارع مزرعه معبر مشارف محور محاور ضواحي
مرتفع مرتفعات هضبه
""".split()
)
# Weak evidence ('في المشهد' is rarely a village): needs the article's governorates to agree.
PLACE_BEFORE_WEAK = frozenset("في قرب داخل مدخل محيط اطراف منطقه مناطق جنوب شمال شرق غرب".split())
# Plural place words open a list whose next items ('وX', or 'X' after a comma) count as
# weak evidence.
LIST_OPENERS = frozenset(
    "قري بلدات احياء محاور بلدتي قريتي بلدتا قريتا حيي مدن مدينتي مناطق مزارع تلال ريف".split()
)
DIRECTIONS = frozenset("شمالي جنوبي شرقي غربي شماليه جنوبيه شرقيه غربيه".split())
STRONG, WEAK = "strong", "weak"
# Prepositions and nouns after which a word that is also an adverb is the place's name.
NAME_AFTER = frozenset(
    "من الي علي عن حول نحو باتجاه تجاه عبر حتي بين هجوم مجزره كيماوي اهالي سكان مدنيي".split()
)
# 'دلامة في ريف حلب', 'التح جنوب محافظة إدلب': a word like these, then 'ريف' or 'محافظة'
# (not 'مدينة': 'كرة القدم في مدينة البصرة').
BETWEEN_PLACES = frozenset("في قرب شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الي".split())
PLACE_WORDS_AFTER = frozenset(("ريف", "ريفي", "ارياف", "محافظه"))
CITY_BEFORE = frozenset(("مدينه", "لمدينه"))
SOURCE_BEFORE = frozenset(
    """
قناه قنوات صحيفه جريده موقع وكاله شبكه تلفزيون اذاعه مراسل مراسله بحسب حسب وفق وفقا
حسبما قالت ذكرت نقلت افادت اوردت بثت نشرت اكدت اعلنت لقناه لصحيفه لوكاله لموقع لشبكه
مجله لمجله لجريده بوابه
""".split()
)


def place_in_context(joined, hit, list_end):
    """How well the context backs an ambiguous place name: STRONG, WEAK or None.

    STRONG after a place word or before 'ريف'; WEAK after 'في' and the like, or as the
    next item of an open list whose last place ends at `list_end`."""
    before = word_before(joined, hit)
    if one_of(before, PLACE_BEFORE):
        return STRONG
    if followed_by_place_word(joined, hit):
        return STRONG
    if one_of(before, PLACE_BEFORE_WEAK):
        return WEAK
    if continues_list(hit, list_end):
        return WEAK
    return None


def followed_by_place_word(joined, hit):
    """'دلامة بريف حلب', 'دلامة في ريف حلب', 'التح جنوب محافظة إدلب' right after the name (a
    bare 'ريف' is no evidence: 'حراك الريف' is Morocco's)."""
    stop = joined.find(" ", hit.end + 1)
    if stop < 0:
        return False
    after = joined[hit.end + 1 : stop]
    if after[:1] in ("ب", "و") and after[1:] in PLACE_WORDS_AFTER:
        return True
    if not one_of(after, BETWEEN_PLACES):
        return False
    stop2 = joined.find(" ", stop + 1)
    return stop2 > 0 and one_of(joined[stop + 1 : stop2], PLACE_WORDS_AFTER)


def adverb_in_context(joined, hit):
    """'دوما' is a city after a preposition or place word ('في دوما', 'مدينة دوما'), before
    a place word, or as the first word; otherwise it may be the adverb دوماً ('تحمل دوما')."""
    before = word_before(joined, hit)
    return (
        hit.start <= 1
        or one_of(before, PLACE_BEFORE)
        or one_of(before, PLACE_BEFORE_WEAK)
        or one_of(before, NAME_AFTER)
        or followed_by_place_word(joined, hit)
    )


def continues_list(hit, list_end):
    """The next item of a list: 'والسلومية' or, after a comma, 'المعكرات' right after its
    last place (commas are gone from canonical words, so adjacency stands for them); not
    a name behind another proclitic ('واللاذقية لكسب الحرب')."""
    return list_end + 1 == hit.start and hit.clitic in ("", "و")


def opens_list(joined, hit):
    """'قرى الزرزور': a plural place word before the name opens a list; so does the
    countryside of a place ('ريف حماة: الزيارة والحمراء', 'ريف دمشق')."""
    before = word_before(joined, hit)
    return one_of(before, LIST_OPENERS) or hit.key.startswith("ريف ")


def list_end_after(joined, hit):
    """Where a list opened or continued by `hit` goes on from: after the directions that
    follow the name ('ريف حماة الشمالي الغربي، الزيارة')."""
    end = hit.end
    while (stop := joined.find(" ", end + 1)) > 0 and joined[end + 1 : stop] in DIRECTIONS:
        end = stop
    return end


def after_city_word(joined, hit):
    """'مدينة إدلب', 'بمدينة دوما': the name is the city's, not its district's."""
    return one_of(word_before(joined, hit), CITY_BEFORE)


def after_person_word(joined, hit, person_words):
    """'مختار الرحبي', 'الدكتور حمص': a title or first name makes the name a person's."""
    return one_of(word_before(joined, hit), person_words)


def source_in_context(joined, hit):
    """Is the ambiguous source name `hit` (العربية، الجزيرة) a source mention here?"""
    before = word_before(joined, hit)
    return one_of(before, SOURCE_BEFORE)
