"""Arabic text as pure str -> str rules: normalization, words, terms, stemming, with their data."""
