"""The analyzers' old home, kept for scripts that import them from here (../shared/eval)
and for indexes whose pickled schema names these classes here."""
