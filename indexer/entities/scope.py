"""Which country a passage is about, from the words that point to each country around it.

Names two wars share are weighed with these cues: a country's name, capital and cities,
its adjectives and parties (`cues_ar` in places.jsonl: 'اليمني', 'الحوثيين', 'حفتر')
count for it; for Syria also every place of Syria the article names beyond doubt. A shared
name is judged by the cues within `WIDTH` characters of it ('الجيش الوطني' beside عفرين is
Syrian, beside مأرب Yemeni), a place abroad's homonym by the whole article.
"""

import bisect
from collections import Counter

WIDTH = 400  # characters of canonical text on each side: a paragraph or so
ANY = "*"  # in a list of countries: every country but Syria


class Scope:
    """The cues of one article: (position, country id) in text order."""

    def __init__(self):
        self.positions, self.countries = [], []
        self.totals = Counter()

    def add(self, countries, position):
        """A cue for each country id in `countries` at `position`."""
        for country in countries:
            i = bisect.bisect(self.positions, position)
            self.positions.insert(i, position)
            self.countries.insert(i, country)
            self.totals[country] += 1

    def count(self, countries, around=None):
        """Cues pointing to any of `countries` (ANY: any but Syria), in the whole article or
        within WIDTH characters of the position `around`."""
        if around is None:
            counts = self.totals
        else:
            lo = bisect.bisect_left(self.positions, around - WIDTH)
            hi = bisect.bisect_right(self.positions, around + WIDTH)
            counts = Counter(self.countries[lo:hi])
        if ANY in countries:
            return sum(n for c, n in counts.items() if c != "syria")
        return sum(counts[c] for c in countries)

    def syrian(self, around=None):
        return self.count(("syria",), around)
