"""Gazetteers of factions, places and sources, shipped in `indexer/data/`.

Each line of `factions.jsonl`, `places.jsonl` and `sources.jsonl` is one entity:
`{"id", "ar", "en", "kind", "aliases_ar": [...], "aliases_en": [...]}`, plus for places
`governorate` (an entity id), `district`, `lat`, `lon`, `inside_syria` (false for places
abroad, with `country` for a city abroad); factions may carry `relations`
({"renamed_to": [id], ...}); sources carry `domains` (web domains) and `sites` (labels a
record's metadata may give them). `ambiguous: true`
marks a name that is also a common word (accepted only in context); `ambiguous_names`
lists such names one by one. A user file in the same format (any facet, given by a
`facet` key per line) extends or overrides them. See indexer/entities/data/README.md.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from indexer.entities.labels import place_labels
from indexer.errors import DataFileError

FACETS = ("faction", "place", "source")
FILES = {"faction": "factions.jsonl", "place": "places.jsonl", "source": "sources.jsonl"}


@dataclass(frozen=True)
class Entity:
    facet: str
    id: str
    ar: str
    en: str
    kind: str
    aliases_ar: tuple = ()
    aliases_en: tuple = ()
    governorate: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def names(self):
        """Every name the entity goes by, Arabic first."""
        return (self.ar, *self.aliases_ar, self.en, *self.aliases_en)

    @property
    def inside_syria(self):
        return self.extra.get("inside_syria", True)

    def ambiguous_names(self):
        """Names that are also common words: 'السلام' of a village, 'العربية' of a channel."""
        names = set(self.extra.get("ambiguous_names", ()))
        if self.extra.get("ambiguous"):
            names.add(self.ar)
        return names

    @property
    def label_ar(self):
        """The name to show: the name, or where places share it, with kind or parent."""
        return self.extra.get("label_ar") or self.ar

    @property
    def label_en(self):
        return self.extra.get("label_en") or self.en

    def to_json(self):
        out = {
            "id": self.id,
            "ar": self.ar,
            "en": self.en,
            "label_ar": self.label_ar,
            "label_en": self.label_en,
            "kind": self.kind,
        }
        if self.governorate:
            out["governorate"] = self.governorate
        for key in ("district", "lat", "lon"):
            if self.extra.get(key) is not None:
                out[key] = self.extra[key]
        if not self.inside_syria:
            out["inside_syria"] = False
        aliases = [n for n in (*self.aliases_ar, *self.aliases_en) if n]
        if aliases:
            out["aliases"] = aliases
        return out


class Gazetteer:
    """All entities by facet and id; places that share a name get labels telling them apart."""

    def __init__(self, entities):
        self.by_facet = {f: {} for f in FACETS}
        for e in entities:
            self.by_facet[e.facet][e.id] = e
        places = self.by_facet["place"]
        for place_id, (ar, en) in place_labels(places.values(), places.get).items():
            places[place_id].extra.update(label_ar=ar, label_en=en)

    def get(self, facet, entity_id):
        if facet == "publisher":
            return self.publisher(entity_id)
        return self.by_facet.get(facet, {}).get(entity_id)

    def publisher(self, entity_id):
        """The outlet a `publisher` value names: a source of the gazetteer, or one it lacks,
        whose id is its web domain or a slug of its name (indexer.entities.publishers)."""
        known = self.by_facet["source"].get(entity_id)
        if known is not None or not entity_id:
            return known
        name = entity_id if "." in entity_id else entity_id.replace("-", " ")
        return Entity("source", entity_id, name, name if name.isascii() else "", "publisher")

    def entities(self, facet=None):
        """Every entity of a facet (a publisher is one of the sources), or of all."""
        facet = "source" if facet == "publisher" else facet
        facets = [facet] if facet else FACETS
        for f in facets:
            yield from self.by_facet[f].values()


def parse_entity(facet, record):
    """One JSON record -> Entity; raises KeyError/TypeError on a malformed record."""
    known = {"id", "ar", "en", "kind", "aliases_ar", "aliases_en", "governorate", "facet"}
    return Entity(
        facet=facet,
        id=str(record["id"]),
        ar=record["ar"],
        en=record.get("en", ""),
        kind=record.get("kind", ""),
        aliases_ar=tuple(record.get("aliases_ar", ())),
        aliases_en=tuple(record.get("aliases_en", ())),
        governorate=record.get("governorate"),
        extra={k: v for k, v in record.items() if k not in known},
    )


def read_entities(lines, name, facet=None):
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
            yield parse_entity(facet or record["facet"], record)
        except (ValueError, KeyError, TypeError) as exc:
            raise DataFileError(f"{name}:{number}: bad gazetteer entry ({exc})") from exc


@lru_cache(maxsize=8)
def load_gazetteer(extra_files=()):
    """The shipped gazetteers, extended by the user's files (later entries win)."""
    entities = []
    data = resources.files("indexer.entities").joinpath("data")
    for facet, filename in FILES.items():
        try:
            text = data.joinpath(filename).read_text("utf-8")
        except FileNotFoundError as exc:
            raise DataFileError(f"gazetteer missing: {filename}") from exc
        entities.extend(read_entities(text.splitlines(), filename, facet))
    for path in extra_files:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise DataFileError(f"cannot read gazetteer {path}: {exc.strerror}") from exc
        entities.extend(read_entities(text.splitlines(), str(path)))
    return Gazetteer(entities)
