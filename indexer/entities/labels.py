"""Labels that tell places of one name apart: 'محافظة إدلب', 'منطقة إدلب', 'مدينة إدلب'.

A place whose display name no other place shares is labelled by its name. Where names are
shared, the label adds the kind for administrative units and cities ('منطقة عفرين' /
'Afrin District'), else the governorate ('المستريحة (حماة)' / 'Mustariha (Hama)'), and
the district too where the governorate is not enough. Names are compared by their
canonical key, so 'حماة' and 'حماه' are one name.
"""

from collections import defaultdict

from indexer.entities.matcher import name_key

KIND_AR = {
    "governorate": "محافظة",
    "district": "منطقة",
    "subdistrict": "ناحية",
    "city": "مدينة",
    "neighbourhood": "حي",
}
KIND_EN = {
    "governorate": "{} Governorate",
    "district": "{} District",
    "subdistrict": "{} Subdistrict",
    "city": "{} city",
    "neighbourhood": "{} neighbourhood",
}
QUALIFIED = frozenset(("governorate", "district", "subdistrict", "city"))


def place_labels(places, get):
    """{place id: (label_ar, label_en)} for Syrian places whose name another place shares.

    `get(id)` returns the place entity of an id (for governorate and district names)."""
    by_name = defaultdict(list)
    for place in places:
        if place.inside_syria and place.kind not in ("country", "capital"):
            by_name[name_key(place.ar)].append(place)
    labels = {}
    for group in by_name.values():
        if len(group) > 1:
            labels.update(group_labels(group, get))
    return labels


def group_labels(group, get):
    """Labels for places sharing one name: by kind, then governorate, then district."""
    out = {}
    kinds = defaultdict(list)
    for place in group:
        kinds[place.kind if place.kind in QUALIFIED else "place"].append(place)
    for kind, places in kinds.items():
        for place in places:
            ar, en = place.ar, place.en
            if place.kind in KIND_AR:
                ar, en = f"{KIND_AR[place.kind]} {ar}", KIND_EN[place.kind].format(en)
            if len(places) > 1 or kind not in QUALIFIED:
                ar, en = qualify(place, ar, en, places, get)
            out[place.id] = (ar, en)
    return out


def qualify(place, ar, en, places, get):
    """'دوما' -> 'دوما (حماة)'; with the district when the governorate does not tell apart."""
    if place.kind == "governorate":
        return ar, en
    parents = [get(place.governorate)]
    same_gov = [p for p in places if p.governorate == place.governorate]
    district = get(place.extra.get("district")) if place.extra.get("district") else None
    if len(same_gov) > 1 and district is not None and district.id != place.id:
        parents.insert(0, district)
    parents = [p for p in parents if p is not None and p.id != place.id]
    if not parents:
        return ar, en
    return (
        f"{ar} ({'، '.join(p.ar for p in parents)})",
        f"{en} ({', '.join(p.en for p in parents)})",
    )
