"""The analyzers' old home, kept for scripts that import them from here (../shared/eval)
and for indexes whose pickled schema names these classes here."""

from indexer.whoosh_index.analyzers import (
    ArabicAnalyzer,
    ArabicStemFilter,
    ArabicTokenizer,
    analyze,
    arabic_analyzer,
    exact_analyzer,
)

__all__ = [
    "ArabicAnalyzer",
    "ArabicStemFilter",
    "ArabicTokenizer",
    "analyze",
    "arabic_analyzer",
    "exact_analyzer",
]
