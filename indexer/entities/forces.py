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


def force_names(entity):
    """'الطيران الروسي', 'طائرات بدون طيار روسية', ... for an entity with adjectives."""
    for adjective in entity.extra.get("adjectives_ar", ()):
        for noun, qualifiers in NOUNS.items():
            yield f"{noun} {adjective}"
            for qualifier in qualifiers:
                yield f"{noun} {qualifier} {adjective}"
        for noun, qualifiers in NOUNS_WITH_QUALIFIER.items():
            for qualifier in qualifiers:
                yield f"{noun} {qualifier} {adjective}"
