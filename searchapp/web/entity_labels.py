"""What an entity page calls things, in Arabic and English: the facets (one entity), the
gazetteers' kinds and the relations between entities. A kind or relation not listed here
(a user gazetteer's own) is shown as written."""

FACET_ONE = {
    "faction": ("فصيل", "Faction"),
    "place": ("مكان", "Place"),
    "source": ("مصدر", "Source"),
    "publisher": ("ناشر", "Publisher"),
}

KINDS = {
    # places
    "governorate": ("محافظة", "Governorate"),
    "district": ("منطقة", "District"),
    "subdistrict": ("ناحية", "Subdistrict"),
    "city": ("مدينة", "City"),
    "town": ("مدينة", "Town"),
    "community": ("بلدة أو قرية", "Town or village"),
    "neighbourhood": ("حي", "Neighbourhood"),
    "site": ("موقع", "Site"),
    "country": ("دولة", "Country"),
    "capital": ("عاصمة", "Capital"),
    "place": ("مكان", "Place"),
    # factions
    "government": ("قوات حكومية", "Government forces"),
    "rebel": ("فصيل معارض", "Rebel group"),
    "islamist": ("فصيل إسلامي", "Islamist group"),
    "jihadist": ("تنظيم جهادي", "Jihadist group"),
    "kurdish": ("قوة كردية", "Kurdish force"),
    "militia": ("ميليشيا", "Militia"),
    "foreign": ("قوة أجنبية", "Foreign force"),
    # sources
    "agency": ("وكالة أنباء", "News agency"),
    "newspaper": ("صحيفة", "Newspaper"),
    "channel": ("قناة", "Channel"),
    "monitor": ("مرصد", "Monitor"),
    "armed-media": ("إعلام عسكري", "Armed group's media"),
    "platform": ("منصة", "Platform"),
}

# Explorer.family's relations; "X (of)" is X seen from the other side.
RELATIONS = {
    "governorate": ("المحافظة", "Governorate"),
    "district": ("المنطقة", "District"),
    "part_of": ("جزء من", "Part of"),
    "part_of (of)": ("من مكوّناته", "Its parts"),
    "allied_with": ("حليف لـ", "Allied with"),
    "allied_with (of)": ("حلفاء يذكرونه", "Allies naming it"),
    "merged_into": ("اندمج في", "Merged into"),
    "merged_into (of)": ("اندمج فيه", "Merged into it"),
    "renamed_to": ("صار اسمه", "Renamed to"),
    "renamed_to (of)": ("اسمه السابق", "Formerly"),
    "renamed_from": ("اسمه السابق", "Renamed from"),
    "renamed_from (of)": ("صار اسمه", "Later named"),
    "affiliate_of": ("فرع من", "Affiliate of"),
    "affiliate_of (of)": ("فروعه", "Its affiliates"),
    "formed_from": ("تشكّل من", "Formed from"),
    "formed_from (of)": ("شارك في تشكيل", "Helped form"),
}


def labeller(table, lang):
    """label(key) -> the key's name in `lang` from `table`, else the key itself."""
    index = 1 if lang == "en" else 0

    def label(key):
        names = table.get(key)
        return names[index] if names else key

    return label
