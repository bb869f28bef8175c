"""The exploring pages: an entity's page (/entities/<facet>/<id>) and queries compared over
time (/trends). Their JSON twins are in api.py; both render the Explorer's objects.

Every link from an entity page to the search keeps the entity as the query
(`q=faction:isis`, or `governorate:<id>` for a governorate, as Explorer.tag_query says),
so a co-occurring value is ANDed with it even within one facet (`&faction=hts`), and a
timeline bar narrows it to a month.
"""

from flask import Blueprint, abort, render_template, request

from indexer.indexing.documents import FACET_FIELDS
from searchapp.search.request import SearchRequest
from searchapp.web import i18n
from searchapp.web.entity_labels import FACET_ONE, KINDS, RELATIONS, labeller
from searchapp.web.links import Links
from searchapp.web.service import get_explorer
from searchapp.web.syria_map import map_view
from searchapp.web.timeline import timeline
from searchapp.web.trends import queries_param, table, trend_chart
from searchapp.web.views import FACET_ORDER, current_lang

bp = Blueprint("explore", __name__)
TREND_FIELDS = 4  # query boxes on the trends page


def entity_page_or_404(facet, entity_id):
    """The Explorer's EntityPage, or a 404 in the error shape (unknown facet or id)."""
    if facet not in FACET_FIELDS:
        abort(404, description=f"no facet {facet!r}")
    page = get_explorer().entity(facet, entity_id)
    if page is None:
        abort(404, description=f"no {facet} with id {entity_id!r}")
    return page


def search_links(query):
    """Links to search states around `query` (the language kept when the URL sets it)."""
    pairs = [("q", query)]
    if request.args.get("lang") in i18n.LANGS:
        pairs.append(("lang", request.args["lang"]))
    return Links(pairs)


def family_groups(page):
    """[(relation, [entity dict])] in the order Explorer.family gives them."""
    return [(relation, entities) for relation, entities in page.family.items() if entities]


def place_map(explorer, entity, tag):
    """The map of a place's page: the places named with it, the place itself marked."""
    points = explorer.places(SearchRequest(q=tag))
    return map_view(points, explorer.gazetteer, current=entity.id) if points else None


@bp.get("/entities/<facet>/<path:entity_id>")
def entity_page(facet, entity_id):
    page = entity_page_or_404(facet, entity_id)
    explorer = get_explorer()
    entity = explorer.gazetteer.get(facet, entity_id)
    tag = explorer.tag_query(facet, entity)
    lang = current_lang()
    return render_template(
        "entity.html",
        page=page,
        facet=facet,
        entity=page.entity,
        tag=tag,
        state=search_links(tag),
        chart=timeline(page.histogram, rtl=lang == "ar"),
        family=family_groups(page),
        companions=[(f, page.companions.get(f, [])) for f in FACET_ORDER],
        syria=place_map(explorer, entity, tag) if facet == "place" else None,
        kind_label=labeller(KINDS, lang),
        relation_label=labeller(RELATIONS, lang),
        facet_label=labeller(FACET_ONE, lang),
    )


@bp.get("/trends")
def trends_page():
    queries = queries_param(request.args)
    explorer = get_explorer()
    found = explorer.trends(queries)
    months, rows = table(found)
    chart = trend_chart(found, explorer.gazetteer, rtl=current_lang() == "ar")
    return render_template(
        "trends.html",
        queries=queries,
        fields=[*queries, *[""] * (TREND_FIELDS - len(queries))],
        chart=chart,
        months=months,
        rows=rows,
        state=Links(request.args.items(multi=True)),
    )
