"""Factions, places and sources: the gazetteers, finding their names in text, the context rules, extraction."""
