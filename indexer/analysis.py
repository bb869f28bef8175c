"""The analyzers' old home, kept for scripts that import them from here (../shared/eval)
and for indexes whose pickled schema names these classes here."""

from indexer.whoosh_index.analyzers import (
    ArabicStemFilter,
    ArabicTokenizer,
    analyze,
    arabic_analyzer,
    exact_analyzer,
)

__all__ = ["ArabicStemFilter", "ArabicTokenizer", "analyze", "arabic_analyzer", "exact_analyzer"]
