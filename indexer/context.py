"""Context rules that decide whether an ambiguous name is a mention, over canonical words.

A village called السلام or الباب counts only after a place word ('قرية السلام',
'بريف الباب', 'في التح'), before 'ريف', or as the next item of a list that began with
an accepted place ('بلدات عطشان والخوين'). A channel called العربية counts only after a
media word or reporting verb ('قناة العربية', 'بحسب العربية'). Words here are in the
canonical form of `indexer.matcher.canonical_words` (no article, ة -> ه, ى -> ي).
"""
from .matcher import strip_proclitic

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


def word_at(words, index):
    """The canonical word at `index` without its proclitic, '' outside the text."""
    return strip_proclitic(words[index]) if 0 <= index < len(words) else ""


def place_in_context(words, hit, previous_place_end):
    """Is an ambiguous place name `hit` a place mention here?"""
    before = words[hit.start - 1] if hit.start > 0 else ""
    if before in PLACE_BEFORE or word_at(words, hit.start - 1) in PLACE_BEFORE:
        return True
    if word_at(words, hit.end) in PLACE_AFTER:
        return True
    return hit.clitic.startswith("و") and previous_place_end == hit.start


def source_in_context(words, hit):
    """Is an ambiguous source name `hit` (العربية، الجزيرة) a source mention here?"""
    before = words[hit.start - 1] if hit.start > 0 else ""
    return before in SOURCE_BEFORE or word_at(words, hit.start - 1) in SOURCE_BEFORE
