"""Factions, places and sources: gazetteers, names found in text, context rules, extraction."""
