"""Arabic text as pure str -> str rules: normalization, words, stop words, stemming and its lexicon, with their data (no index library)."""
