"""Khabar's indexing side: reading articles, Arabic analysis, entity extraction, building."""
