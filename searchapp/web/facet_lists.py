"""Facet value lists as the sidebar draws them: the values shown first, and places grouped
under their governorate.

Pure functions over the service's values (dataclasses or dicts), no Flask.
"""

from dataclasses import dataclass

from searchapp.web.links import field

VISIBLE_VALUES = 10


def split_values(values, visible=VISIBLE_VALUES):
    """(shown, more): the first `visible` values, and selected ones always shown."""
    values = list(values or ())
    shown = values[:visible]
    more = [v for v in values[visible:] if not field(v, "selected")]
    shown += [v for v in values[visible:] if field(v, "selected")]
    return shown, more


@dataclass
class PlaceGroup:
    governorate: str | None
    ar: str
    en: str
    head: object | None
    values: list


def group_places(values, entity_of):
    """Place facet values grouped under their governorate, groups in first-seen (count) order.

    `entity_of(id)` gives the gazetteer entity of a place (for its governorate and names)
    when the value itself does not carry `governorate`. A governorate that is itself a
    value heads its group.
    """
    groups = {}
    for value in values:
        entity = entity_of(field(value, "id"))
        gov_id = field(value, "governorate") or field(entity, "governorate")
        group = groups.get(gov_id)
        if group is None:
            gov = entity_of(gov_id) if gov_id else None
            group = groups[gov_id] = PlaceGroup(
                gov_id, field(gov, "ar", ""), field(gov, "en", ""), None, []
            )
        if gov_id and field(value, "id") == gov_id:
            group.head = value
        else:
            group.values.append(value)
    return list(groups.values())
