"""Facet value lists as the sidebar draws them: the top values or a page of all of them,
and places grouped under their governorate.

Pure functions over the service's values (dataclasses or dicts), no Flask.
"""

from dataclasses import dataclass

from searchapp.web.links import field


@dataclass
class FacetList:
    """The values of one facet the sidebar lists: the service's top values for the
    search, or one page of all of them when the user asked for `more` of this facet."""

    facet: str
    values: list
    more: bool = False  # further values exist: beyond the top ones, or on a next page
    page: int = 0  # the page of all values shown; 0 for the top values
    pages: int = 0
    total: int = 0  # values on all pages
    per_page: int = 50

    @property
    def shown(self):
        """(first, last): the positions of the page's values among all of them, 1-based."""
        first = (self.page - 1) * self.per_page + 1
        return first, min(self.page * self.per_page, self.total)


def expanded_pages(more):
    """{facet: page} from the `more` parameters: ['place', 'source:3'] -> {'place': 1, 'source': 3}."""
    out = {}
    for value in more:
        facet, _, page = value.partition(":")
        out[facet] = int(page) if page.isdigit() and int(page) > 0 else 1
    return out


def facet_page(facet, top, page_values, total, page, per_page):
    """The FacetList of page `page` of a facet's values, every selected top value kept."""
    ids = {field(v, "id") for v in page_values}
    kept = [v for v in top if field(v, "selected") and field(v, "id") not in ids]
    pages = max(1, -(-total // per_page))
    return FacetList(facet, kept + list(page_values), page < pages, page, pages, total, per_page)


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
