"""Context rules that decide whether an ambiguous name is a mention, over canonical words.

A village called السلام or الباب counts after a place word ('قرية السلام', 'بريف
الباب') or before 'ريف'; after 'في' and the like, or as the next item of a list that
began with an accepted place ('محاور التح وأبو حريف والسمكة'), only when one of its
homonyms lies in a governorate the article names otherwise. A channel called العربية counts only after a
media word or reporting verb ('قناة العربية', 'بحسب العربية'). Words here are in the
canonical form of `indexer.matcher.canonical_words` (no article, ة -> ه, ى -> ي).
"""

from indexer.entities.matcher import word_after, word_before

CONJUNCTIONS = ("وب", "فب", "و", "ب", "ف")


def strip_conjunction(word):
    """'وبريف' -> 'ريف', 'وفي' -> 'في'; only و/ف/ب, so 'كتلة' stays whole."""
    for clitic in CONJUNCTIONS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic) :]
    return word


# A place word right before the name: strong evidence ('قرية السلام', 'بريف الباب').
PLACE_BEFORE = frozenset(
    """
قريه قري قرية قريتي قريتا بلده بلدات بلدتي بلدتا مدينه مدن مدينتي مدينتا حي احياء حيي
ريف ريفي ارياف مطار ناحيه مخيم سهل جبل تله تلال مزارع مزرعه معبر مشارف محور محاور ضواحي
""".split()
)
# Weak evidence ('في المشهد' is rarely a village): needs the article's governorates to agree.
PLACE_BEFORE_WEAK = frozenset("في قرب داخل مدخل محيط اطراف منطقه مناطق جنوب شمال شرق غرب".split())
# Plural place words open a list whose next items (وX) count as weak evidence.
LIST_OPENERS = frozenset(
    "قري بلدات احياء محاور بلدتي قريتي بلدتا قريتا حيي مدن مدينتي مناطق مزارع".split()
)
STRONG, WEAK = "strong", "weak"
PLACE_AFTER = frozenset(("ريف", "ريفي"))
SOURCE_BEFORE = frozenset(
    """
قناه قنوات صحيفه جريده موقع وكاله شبكه تلفزيون اذاعه مراسل مراسله بحسب حسب وفق وفقا
حسبما قالت ذكرت نقلت افادت اوردت بثت نشرت اكدت اعلنت لقناه لصحيفه لوكاله لموقع لشبكه
""".split()
)


def place_in_context(joined, hit, list_end):
    """How well the context backs an ambiguous place name: STRONG, WEAK or None.

    STRONG after a place word or before 'ريف'; WEAK after 'في' and the like, or as the
    next item (وX) of an open list whose last place ends at `list_end`."""
    before = word_before(joined, hit)
    bare = strip_conjunction(before)
    if before in PLACE_BEFORE or bare in PLACE_BEFORE:
        return STRONG
    if strip_conjunction(word_after(joined, hit)) in PLACE_AFTER:
        return STRONG
    if before in PLACE_BEFORE_WEAK or bare in PLACE_BEFORE_WEAK:
        return WEAK
    if continues_list(hit, list_end):
        return WEAK
    return None


def continues_list(hit, list_end):
    """'والسلومية' right after the last place of a list."""
    return hit.clitic.startswith("و") and list_end + 1 == hit.start


def opens_list(joined, hit):
    """'قرى الزرزور': a plural place word before the name opens a list."""
    before = word_before(joined, hit)
    return before in LIST_OPENERS or strip_conjunction(before) in LIST_OPENERS


def source_in_context(joined, hit):
    """Is the ambiguous source name `hit` (العربية، الجزيرة) a source mention here?"""
    before = word_before(joined, hit)
    return before in SOURCE_BEFORE or strip_conjunction(before) in SOURCE_BEFORE
