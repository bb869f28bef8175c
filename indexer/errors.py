"""Named errors, so that a missing resource or a bad input never fails silently."""


class KhabarError(Exception):
    """Base class for every error Khabar reports to a user."""


class DataFileError(KhabarError):
    """A data file the product ships (stop words, lexicon, gazetteer) is missing or broken."""


class IndexMissingError(KhabarError):
    """No index exists at the given directory."""

    def __init__(self, path):
        super().__init__(f"no index at {path}: run `khabar index PATH --index {path}` first")
        self.path = path


class InputError(KhabarError):
    """One input file or record could not be read; the run goes on without it."""

    def __init__(self, path, reason, line=None):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.reason, self.line = str(path), reason, line


class QueryError(KhabarError):
    """A search request the user sent cannot be answered as asked (HTTP 400)."""

    def __init__(self, message, code="bad_request"):
        super().__init__(message)
        self.code = code


class IndexLockedError(KhabarError):
    """Another `khabar index` run is writing this index."""

    def __init__(self, path, holder="?"):
        super().__init__(
            f"index {path} is being written by another khabar run (pid {holder}); "
            "wait for it to finish and run again"
        )
        self.path, self.holder = path, holder


class UnknownWriterError(KhabarError):
    """`KHABAR_WRITER` names no segment writer Khabar has."""

    def __init__(self, name, choices):
        super().__init__(
            f"KHABAR_WRITER={name!r} is not a segment writer: use "
            + " or ".join(repr(c) for c in choices)
        )
        self.name = name


class WhooshCompatibilityError(KhabarError):
    """The installed Whoosh is not the one Khabar's segment writer (indexer/w3writer) was
    written against: a version or a private name it relies on differs."""

    def __init__(self, version, problems):
        super().__init__(
            f"Khabar's segment writer does not fit the installed Whoosh {version}: "
            + "; ".join(problems)
            + ". Set KHABAR_WRITER=whoosh to index with Whoosh's own (slower) writer,"
            " or install whoosh3~=3.54.0"
        )
        self.version, self.problems = version, list(problems)
