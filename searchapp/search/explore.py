"""Exploring the entities: an entity's page, the places of a search on a map, trends.

Each is made of ordinary searches through the one service, so every backend serves them:

    explore = Explorer(service)
    explore.entity("faction", "isis")            # EntityPage, or None for an unknown id
    explore.places(SearchRequest(q="قصف"))       # [(place entity, count)] with coordinates
    explore.trends(["داعش", "faction:hts"])      # [Trend(query, total, histogram)]
"""

from dataclasses import dataclass, field, replace

from indexer.arabic.words import WORD_RE
from searchapp.search.request import SearchRequest

MAX_TRENDS = 4
NEIGHBOURS = 10  # companions shown per facet


@dataclass
class EntityPage:
    facet: str
    entity: dict  # the gazetteer's Entity.to_json()
    total: int  # articles tagged with it (for a governorate: with any place inside it)
    family: dict  # how it relates to others: {relation: [entity dict]}
    histogram: list  # [{month, count}]
    companions: dict  # {facet: [FacetValue]}: the values found most often beside it
    latest: list  # [Hit], newest first
    relevant: list  # [Hit], the articles that name it most

    def to_json(self):
        from searchapp.search.results import plain

        out = plain(self)
        out["latest"] = [h.to_json() for h in self.latest]
        out["relevant"] = [h.to_json() for h in self.relevant]
        return out


@dataclass
class Trend:
    query: str
    total: int
    histogram: list = field(default_factory=list)  # [{month, count}]


class Explorer:
    """Entity pages, map points and trends over a SearchService."""

    def __init__(self, service):
        self.service = service
        self.gazetteer = service.gazetteer

    def tag_query(self, facet, entity):
        """The query syntax for 'tagged with this entity' (a governorate: any place in it)."""
        if facet == "place" and entity.kind == "governorate":
            return f"governorate:{entity.id}"
        return f"{facet}:{entity.id}"

    def entity(self, facet, entity_id, limit=NEIGHBOURS):
        """The EntityPage of one entity, or None when the gazetteer has no such id."""
        entity = self.gazetteer.get(facet, entity_id)
        if entity is None or (facet == "publisher" and not self.service.knows_publisher(entity_id)):
            return None
        tagged = self.tag_query(facet, entity)
        latest = self.service.search(SearchRequest(q=tagged, sort="date", per_page=limit))
        name = " ".join(WORD_RE.findall(entity.ar))
        relevant = self.service.search(
            SearchRequest(q=f"{tagged} ANDMAYBE ({name})" if name else tagged, per_page=limit)
        )
        companions = {
            f: [v for v in values if not (f == facet and v.id == entity.id)]
            for f, values in latest.facets.items()
        }
        return EntityPage(
            facet=facet,
            entity=entity.to_json(),
            total=latest.total,
            family=self.family(facet, entity),
            histogram=latest.histogram,
            companions=companions,
            latest=latest.hits,
            relevant=relevant.hits,
        )

    def family(self, facet, entity):
        """{relation: [entity dict]}: a place's governorate and district; a faction's
        renamings, mergers and allies (the gazetteer's relations, both ways)."""
        out = {}
        if facet == "place":
            for relation, parent_id in (
                ("governorate", entity.governorate),
                ("district", entity.extra.get("district")),
            ):
                parent = self.gazetteer.get("place", parent_id) if parent_id else None
                if parent is not None and parent.id != entity.id:
                    out[relation] = [parent.to_json()]
        for relation, ids in (entity.extra.get("relations") or {}).items():
            found = [self.gazetteer.get(facet, i) for i in ids]
            out[relation] = [e.to_json() for e in found if e]
        for other in self.gazetteer.entities(facet):  # the relations that point here
            for relation, ids in (other.extra.get("relations") or {}).items():
                if entity.id in ids:
                    out.setdefault(f"{relation} (of)", []).append(other.to_json())
        return out

    def places(self, request):
        """[(place entity, count)] of every Syrian place with hits and coordinates, for a map."""
        counts = self.service.place_counts(replace(request, page=1))
        out = []
        for place_id, count in counts.items():
            entity = self.gazetteer.get("place", place_id)
            if entity is not None and entity.inside_syria and "lat" in entity.extra:
                out.append((entity, count))
        out.sort(key=lambda pair: -pair[1])
        return out

    def trends(self, queries):
        """Monthly counts of up to MAX_TRENDS queries (text, or an entity as `faction:id`)."""
        return [
            Trend(q, found.total, found.histogram)
            for q in [q for q in queries if q.strip()][:MAX_TRENDS]
            for found in [self.service.search(SearchRequest(q=q, per_page=1))]
        ]
