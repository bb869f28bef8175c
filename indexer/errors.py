"""Named errors, so that a missing resource or a bad input never fails silently."""


class KhabarError(Exception):
    """Base class for every error Khabar reports to a user."""


class DataFileError(KhabarError):
    """A data file the product ships (stop words, lexicon, gazetteer) is missing or broken."""


class IndexMissingError(KhabarError):
    """No index exists at the given directory (or, on a cluster, under the given alias)."""

    def __init__(self, path, message=None):
        super().__init__(
            message or f"no index at {path}: run `khabar index PATH --index {path}` first"
        )
        self.path = path


class BackendError(KhabarError):
    """The search backend cannot be used as configured: a cluster that does not answer,
    refuses the credentials, or holds an index this version cannot read (HTTP 503)."""

    code = "backend_unavailable"


class ClusterBusyError(BackendError):
    """The cluster answers but cannot search now (HTTP 502-504, or a node lost a moment ago
    while its shards move); the same search asked again a moment later may succeed."""


class BackendURLError(KhabarError):
    """A `--backend` / KHABAR_BACKEND value Khabar cannot read."""

    def __init__(self, url, reason):
        super().__init__(f"bad backend {url!r}: {reason}")
        self.url, self.reason = url, reason


class ClusterUnreachableError(BackendError):
    """No node of the OpenSearch cluster answers."""

    code = "backend_unreachable"

    def __init__(self, where, detail=""):
        super().__init__(
            f"the OpenSearch cluster at {where} does not answer"
            + (f" ({detail})" if detail else "")
            + ": is it running, and is the address right?"
        )
        self.where = where


class ClusterAuthError(BackendError):
    """The cluster refuses Khabar's credentials (HTTP 401/403)."""

    code = "backend_auth"

    def __init__(self, where, status):
        super().__init__(
            f"the OpenSearch cluster at {where} refused the credentials (HTTP {status}): "
            "check the user and password (in the URL, or KHABAR_OPENSEARCH_USER and "
            "KHABAR_OPENSEARCH_PASSWORD)"
        )
        self.where, self.status = where, status


class MappingVersionError(BackendError):
    """The index was written by a Khabar whose OpenSearch mapping differs from this one's."""

    code = "index_outdated"

    def __init__(self, index, found, expected):
        super().__init__(
            f"the OpenSearch index {index} has mapping version {found}, this Khabar reads "
            f"version {expected}: run `khabar index PATH... --backend URL --rebuild`"
        )
        self.index, self.found, self.expected = index, found, expected


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


class IndexOutdatedError(KhabarError):
    """The index was written by a Khabar with other fields; only a rebuild from all of the
    archive's sources can bring it up to date (an incremental run would drop the rest)."""

    code = "index_outdated"

    def __init__(self, path, missing):
        super().__init__(
            f"the index {path} was written by an older Khabar (it lacks {', '.join(missing)}); "
            f"nothing was changed: run `khabar index PATH... --index {path} --rebuild` with "
            "every source of the archive"
        )
        self.path, self.missing = path, missing


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
