"""Choosing and ordering facet values: the few shown with a result, a page of the rest.

Counts come from the backend ({value id: count}, disjunctive); names from the gazetteer.
"""

from indexer.arabic.normalize import normalize


def top_values(ranked, selected, limit):
    """The first `limit` of `ranked` [(id, count)] plus every selected id (count 0 when not
    found), and whether more exist."""
    top = ranked[:limit]
    shown = {v for v, _ in top}
    found = dict(ranked)
    top += [(v, found.get(v, 0)) for v in selected if v not in shown]
    return top, len(ranked) > limit


def facet_page(counts, selected, gazetteer, facet, prefix=""):
    """[(id, count)] of the values found (or selected) whose names match `prefix`, in the
    one order every list of values uses: most frequent first, then by English name, whatever
    its case ('al-Qaeda' among the A's)."""
    ids = set(counts) | set(selected)
    entities = [e for e in (gazetteer.get(facet, i) for i in ids) if e and name_matches(e, prefix)]
    entities.sort(key=lambda e: (-counts.get(e.id, 0), (e.en or e.ar).casefold(), e.id))
    return [(e.id, counts.get(e.id, 0)) for e in entities]


def name_matches(entity, prefix):
    """Does a word of any name of `entity` start with `prefix` (both normalized)?
    'خان' finds خان شيخون; 'town t' finds 'Town Two'."""
    if not prefix:
        return True
    wanted = normalize(prefix.lower())
    for name in entity.names():
        folded = normalize(name.lower())
        if folded.startswith(wanted) or any(w.startswith(wanted) for w in folded.split()):
            return True
    return False
