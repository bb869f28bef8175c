"""Forces named by their nationality: 'الطيران الروسي', 'القوات الحدودية التركية', 'غواصة روسية'.

A faction entity with `adjectives_ar` (الروسي، الروسية، الروس) is also named by a military
noun, an optional qualifier and one of its adjectives. Nouns that also name civilian things
(طائرة، سفن، عملية) count only with a military qualifier ('طائرة حربية روسية', 'سفن حربية
روسية', 'العملية العسكرية التركية'). `force_names` yields the names to add to the automaton;
the extractor also reads a coordinated adjective after such a name ('الطيران السوري والروسي').
"""

AIR = ("الحربية", "الحربي", "العسكرية")
DRONE = ("بدون طيار", "بلا طيار", "المسيرة")
# Military nouns, each with the qualifiers that may stand between it and the adjective.
NOUNS = {
    "قوات": ("الجوية", "البحرية", "البرية", "الخاصة", "الحدودية", "المسلحة"),
    "جيش": (),
    "طيران": ("الحربي",),
    "طائرات": (*AIR, *DRONE),
    "مقاتلات": ("الحربية",),
    "قاذفات": (),
    "مروحيات": AIR,
    "غواصة": (),
    "غواصات": (),
    "بوارج": ("الحربية",),
    "بارجة": ("الحربية",),
    "قاعدة": ("العسكرية", "الجوية", "البحرية"),
    "قواعد": ("العسكرية",),
    "جنود": (),
    "عسكريين": (),
    "ضباط": (),
    "مستشارين": ("العسكريين",),
    "دوريات": ("العسكرية",),
    "دورية": ("العسكرية",),
    "مدفعية": (),
    "غارات": ("الجوية",),
    "ضربات": ("الجوية",),
    "قصف": ("الجوي", "المدفعي"),
}
# Nouns that also name civilian things: only with a military qualifier.
NOUNS_WITH_QUALIFIER = {
    "طائرة": (*AIR, *DRONE),
    "سفن": ("الحربية",),
    "سفينة": ("الحربية",),
    "قطع": ("البحرية", "الحربية"),
    "عملية": ("العسكرية",),
}


# The nouns that take a masculine or a human plural adjective; the others take the feminine
# ('الطيران الروسي' but not 'الطيران الروسية': that is 'هيئة الطيران الروسية', an agency).
MASCULINE = frozenset(("جيش", "طيران", "قصف"))
HUMAN_PLURAL = frozenset(("جنود", "عسكريين", "ضباط", "مستشارين"))


def gender(adjective):
    """'الروسية' feminine, 'الروس'/'الأمريكيين' plural, 'الروسي' masculine."""
    if adjective.endswith(("ية", "يه")):
        return "f"
    if adjective.endswith(("ين", "ون")) or not adjective.endswith("ي"):
        return "p"
    return "m"


def agrees(noun, adjective):
    wanted = "m" if noun in MASCULINE else "p" if noun in HUMAN_PLURAL else "f"
    return gender(adjective) == wanted


def force_names(entity):
    """'الطيران الروسي', 'طائرات بدون طيار روسية', ... for an entity with adjectives."""
    for adjective in entity.extra.get("adjectives_ar", ()):
        for noun, qualifiers in NOUNS.items():
            if not agrees(noun, adjective):
                continue
            yield f"{noun} {adjective}"
            for qualifier in qualifiers:
                yield f"{noun} {qualifier} {adjective}"
        for noun, qualifiers in NOUNS_WITH_QUALIFIER.items():
            if agrees(noun, adjective):
                for qualifier in qualifiers:
                    yield f"{noun} {qualifier} {adjective}"
