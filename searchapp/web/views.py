"""HTML pages: the search page and the article page, Arabic by default with an English toggle."""

from functools import partial

from flask import Blueprint, abort, after_this_request, g, render_template, request
from markupsafe import Markup

from searchapp.search.request import ENTITY_KIND
from searchapp.web import i18n
from searchapp.web.facet_lists import FacetList, expanded_pages, facet_page, group_places
from searchapp.web.links import Links, field, pages
from searchapp.web.params import request_from_params
from searchapp.web.service import get_explorer, get_service
from searchapp.web.syria_map import map_view
from searchapp.web.timeline import timeline

bp = Blueprint("views", __name__)
FIRST_MATCH = '<span id="first-match" class="anchor"></span><mark>'
FACET_ORDER = ("faction", "place", "source", "publisher")


def current_lang():
    """The interface language of this request; an explicit ?lang= is remembered in a cookie."""
    if "lang" in g:
        return g.lang
    arg = request.args.get("lang")
    lang = g.lang = i18n.choose_lang(arg, request.cookies.get(i18n.COOKIE))
    if arg == lang:

        @after_this_request
        def remember(response):
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="Lax")
            return response

    return lang


@bp.app_context_processor
def page_context():
    """Labels and formatters for every page, the error pages included."""
    lang = current_lang()
    return {
        "lang": lang,
        "dir": "rtl" if lang == "ar" else "ltr",
        "t": i18n.translator(lang),
        "links": Links(request.args.items(multi=True)),
        "both": lambda key, **values: (
            i18n.translator("ar")(key, **values),
            i18n.translator("en")(key, **values),
        ),
        "help_rows": i18n.HELP,
        "num": i18n.format_number,
        "took": lambda ms: i18n.format_took(ms, lang),
        "fdate": lambda d: i18n.format_date(d, lang),
        "fmonth": lambda m: i18n.format_month(m, lang),
        "published_by": lambda item: published_by(item, lang),
    }


def published_by(item, lang):
    """Who published an article or hit, for its meta line: the publisher's name, else the
    record's own `source` value, else the outlets its text cites."""
    facets = field(item, "facets") or {}
    for e in facets.get("publisher") or ():
        return (e.get("label_en") if lang == "en" else None) or e.get("label_ar") or e["id"]
    cited = [e.get("label_ar") or e["id"] for e in facets.get("source") or ()]
    return field(item, "source") or "، ".join(cited)


def facet_entity(facet, entity_id):
    """The gazetteer's entity behind a filter value (a governorate is a place)."""
    gazetteer = getattr(get_service(), "gazetteer", None)
    kind = ENTITY_KIND.get(facet, facet)
    return gazetteer.get(kind, entity_id) if gazetteer and entity_id else None


def facet_lists(service, search_request, result):
    """{facet: FacetList}: each facet's top values, or the page of all its values the
    user asked for with `more=<facet>[:<page>]` (the values /api/facets/<facet> gives)."""
    expanded = expanded_pages(request.args.getlist("more"))
    per_page = service.settings.facet_page
    out = {}
    for facet in FACET_ORDER:
        top = result.facets.get(facet, [])
        more = bool(field(result, "more", {}).get(facet))
        page = expanded.get(facet)
        if page and more:
            values, total = service.facet_values(search_request, facet, "", page)
            out[facet] = facet_page(facet, top, values, total, page, per_page)
        else:
            out[facet] = FacetList(facet, top, more, per_page=per_page)
    return out


def unique_expansions(expansions):
    """[{ar, en}] of the entities a query was widened to, each name pair once (places that
    share a name by their labels: 'محافظة إدلب', 'منطقة إدلب')."""
    seen, out = set(), []
    for e in expansions or ():
        ar = field(e, "label_ar") or field(e, "ar") or field(e, "text") or str(e)
        names = (ar, field(e, "label_en") or field(e, "en") or "")
        if (names[1] or names[0]) not in seen:
            seen.add(names[1] or names[0])
            out.append({"ar": names[0], "en": names[1]})
    return out


def active_filters(req, result, links):
    """(facet, Arabic name, English name, remove link, entity id or None) for each filter
    in force."""
    names = {(f, field(v, "id")): v for f, values in result.facets.items() for v in values}
    out = []
    for facet in (*FACET_ORDER, "governorate"):
        for value_id in getattr(req, facet, ()):
            entity = names.get((facet, value_id)) or facet_entity(facet, value_id)
            out.append(
                (
                    facet,
                    field(entity, "label_ar") or field(entity, "ar", value_id),
                    field(entity, "label_en") or field(entity, "en", ""),
                    links.remove(facet, value_id),
                    value_id if entity is not None else None,
                )
            )
    for key, label in (("from", "date_from"), ("to", "date_to")):
        date = links.get(key)
        if date:
            out.append(
                (
                    key,
                    f"{i18n.translator('ar')(label)} {i18n.format_date(date, 'ar')}",
                    f"{i18n.translator('en')(label)} {i18n.format_date(date, 'en')}",
                    links.remove(key),
                    None,
                )
            )
    return out


def results_map(search_request, service):
    """The map of a search: its places with hits, the chosen ones marked (None: no place)."""
    points = get_explorer().places(search_request)
    chosen = (*search_request.place, *search_request.governorate)
    return map_view(points, service.gazetteer, selected=chosen) if points else None


@bp.get("/")
def search_page():
    search_request = request_from_params(request.args)
    service = get_service()
    result = service.search(search_request)
    facets = facet_lists(service, search_request, result)
    pager, last_page = pages(result.page, result.total, result.per_page)
    return render_template(
        "search.html",
        result=result,
        req=search_request,
        facets=facets,
        place_groups=group_places(facets["place"].values, partial(facet_entity, "place")),
        chart=timeline(getattr(result, "histogram", None), rtl=current_lang() == "ar"),
        expansions=unique_expansions(field(result, "expansions", ())),
        pager=pager,
        last_page=last_page,
        active=active_filters(search_request, result, Links(request.args.items(multi=True))),
        places_map=results_map(search_request, service),
    )


@bp.get("/articles/<path:article_id>", merge_slashes=False)
def article_page(article_id):
    q = request.args.get("q", "")
    article = get_service().article(article_id, q)
    if article is None:
        abort(404, description=f"no article with id {article_id!r}")
    html = Markup(str(article.html).replace("<mark>", FIRST_MATCH, 1))
    return render_template("article.html", article=article, q=q, text_html=html)
