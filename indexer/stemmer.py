"""Arabic light stemming as a pure `str -> str` function over normalized words."""

PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال")
SUFFIXES = ("ات", "ون", "ين", "ان", "ه")


def stem(word):
    """Strip the article with its proclitics and a plural suffix: 'والمعارضه' -> 'معارض'."""
    for p in PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    for s in SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word
