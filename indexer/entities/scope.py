"""Which country an article is about, as counts of the words that point to each.

Names two wars share are weighed with these counts: a country's name, capital and cities,
its adjectives and parties (`cues_ar` in places.jsonl: 'اليمني', 'الحوثيين', 'حفتر')
count for it; for Syria also every place of Syria the article names beyond doubt.
"""

from collections import Counter


class Scope:
    """Counts of cues per country id ('syria', 'yemen', 'libya' ...) in one article."""

    def __init__(self):
        self.counts = Counter()

    def add(self, countries):
        """Count one cue for each country id in `countries` (ids may repeat)."""
        if countries:
            self.counts.update(countries)

    def count(self, countries):
        """How many cues point to any of `countries`."""
        return sum(self.counts[c] for c in countries)

    def syrian(self):
        return self.counts["syria"]
