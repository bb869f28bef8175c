"""Context rules that decide whether an ambiguous name is a mention, over canonical words.

A village called السلام or الباب counts only after a place word ('قرية السلام',
'بريف الباب', 'في التح'), before 'ريف', or as the next item of a list that began with
an accepted place ('بلدات عطشان والخوين'). A channel called العربية counts only after a
media word or reporting verb ('قناة العربية', 'بحسب العربية'). Words here are in the
canonical form of `indexer.matcher.canonical_words` (no article, ة -> ه, ى -> ي).
"""
from .matcher import word_after, word_before

CONJUNCTIONS = ("وب", "فب", "و", "ب", "ف")


def strip_conjunction(word):
    """'وبريف' -> 'ريف', 'وفي' -> 'في'; only و/ف/ب, so 'كتلة' stays whole."""
    for clitic in CONJUNCTIONS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic):]
    return word

PLACE_BEFORE = frozenset("""
قريه قري قرية قريتي قريتا بلده بلدات بلدتي بلدتا مدينه مدن مدينتي مدينتا حي احياء حيي
ريف ريفي ارياف مطار منطقه مناطق محافظه محافظتي ناحيه مخيم سهل جبل تله تلال مزارع مزرعه
معبر محيط اطراف مشارف محور محاور ضواحي قرب داخل مدخل جنوب شمال شرق غرب في
""".split())
PLACE_AFTER = frozenset(("ريف", "ريفي"))
SOURCE_BEFORE = frozenset("""
قناه قنوات صحيفه جريده موقع وكاله شبكه تلفزيون اذاعه مراسل مراسله بحسب حسب وفق وفقا
حسبما قالت ذكرت نقلت افادت اوردت بثت نشرت اكدت اعلنت لقناه لصحيفه لوكاله لموقع لشبكه
""".split())


def place_in_context(joined, hit, previous_place_end):
    """Is the ambiguous place name `hit` in `joined` (canonical text) a place mention?"""
    before = word_before(joined, hit)
    if before in PLACE_BEFORE or strip_conjunction(before) in PLACE_BEFORE:
        return True
    if strip_conjunction(word_after(joined, hit)) in PLACE_AFTER:
        return True
    return hit.clitic.startswith("و") and previous_place_end + 1 == hit.start


def source_in_context(joined, hit):
    """Is the ambiguous source name `hit` (العربية، الجزيرة) a source mention here?"""
    before = word_before(joined, hit)
    return before in SOURCE_BEFORE or strip_conjunction(before) in SOURCE_BEFORE
