"""Where an OpenSearch index lives, and a client that survives the loss of a node.

A backend URL names the nodes and the index alias:

    opensearch+http://127.0.0.1:9250/khabar
    opensearch+https://user:secret@node1:9200,node2:9200/news

Every node listed is given to the client, which sends each request to the next live one
and retries a request on another node when one does not answer (no sniffing: a cluster
behind a proxy or in containers publishes addresses a client often cannot reach). The
user and password come from the URL or KHABAR_OPENSEARCH_USER / _PASSWORD; certificates
are verified, against KHABAR_OPENSEARCH_CA_CERTS (or `ca_certs`) when given.

`translated()` turns the client's exceptions into Khabar's named errors (indexer.errors),
so the CLI prints one clear line and the API answers 503.
"""

import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote

from indexer.errors import (
    BackendURLError,
    ClusterAuthError,
    ClusterBusyError,
    ClusterUnreachableError,
    IndexMissingError,
)

SCHEMES = {"opensearch+http": "http", "opensearch+https": "https"}
DEFAULT_ALIAS = "khabar"
DEFAULT_PORT = 9200
ALIAS_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")  # OpenSearch index names: lowercase, no / * ?
TIMEOUT = 30.0  # seconds per request before the client tries another node
MAX_RETRIES = 3
POOL_SIZE = 32  # connections per node: a server's threads each hold one while they search


def is_cluster_url(location):
    return str(location).split("://", 1)[0] in SCHEMES


@dataclass(frozen=True)
class ClusterLocation:
    """The parts of a backend URL: the nodes, the alias and how to authenticate."""

    scheme: str
    hosts: tuple  # ((host, port), ...)
    alias: str
    user: str | None = None
    password: str | None = None
    ca_certs: str | None = None

    @classmethod
    def parse(cls, url, ca_certs=None):
        """A ClusterLocation from `opensearch+http(s)://[user:password@]host[:port][,host...]/alias`."""
        scheme, _, rest = str(url).partition("://")
        if scheme not in SCHEMES or not rest:
            raise BackendURLError(
                url, "use opensearch+http://host:port/alias or opensearch+https://..."
            )
        netloc, _, path = rest.partition("/")
        credentials, _, hostlist = netloc.rpartition("@")
        user, _, password = credentials.partition(":")
        hosts = tuple(parse_host(url, h) for h in hostlist.split(",") if h)
        if not hosts:
            raise BackendURLError(url, "no host")
        alias = unquote(path.strip("/").split("?")[0]) or DEFAULT_ALIAS
        if not ALIAS_RE.match(alias) or alias.endswith("-meta"):
            raise BackendURLError(
                url, f"{alias!r} cannot name an index (lowercase letters, digits, - _ .)"
            )
        return cls(
            scheme=SCHEMES[scheme],
            hosts=hosts,
            alias=alias,
            user=unquote(user) or os.environ.get("KHABAR_OPENSEARCH_USER") or None,
            password=unquote(password) or os.environ.get("KHABAR_OPENSEARCH_PASSWORD") or None,
            ca_certs=ca_certs or os.environ.get("KHABAR_OPENSEARCH_CA_CERTS") or None,
        )

    @property
    def where(self):
        """The nodes, for messages (never the password)."""
        return ", ".join(f"{self.scheme}://{h}:{p}" for h, p in self.hosts)

    @property
    def meta(self):
        """The index that keeps the run lock, the index generation, the vocabulary and the
        aliases of duplicates beside the articles' index."""
        return f"{self.alias}-meta"

    def client(self, timeout=TIMEOUT):
        """An opensearch-py client over every node of the URL."""
        from opensearchpy import OpenSearch

        quiet_client_log()
        options = {
            "hosts": [{"host": h, "port": p} for h, p in self.hosts],
            "use_ssl": self.scheme == "https",
            "verify_certs": True,
            "ssl_show_warn": True,
            "timeout": timeout,
            "max_retries": MAX_RETRIES,
            "retry_on_timeout": True,
            "retry_on_status": (502, 503, 504),
            "sniff_on_start": False,
            "sniff_on_connection_fail": False,
            "pool_maxsize": POOL_SIZE,
            "http_compress": False,
        }
        if self.user:
            options["http_auth"] = (self.user, self.password or "")
        if self.ca_certs:
            options["ca_certs"] = self.ca_certs
        return OpenSearch(**options)


def quiet_client_log():
    """opensearch-py logs every failed request (a 404 Khabar expects, a retry on another
    node) as a WARNING, which Python prints when nothing configured logging: keep its
    errors only, unless the application set a level itself."""
    logger = logging.getLogger("opensearch")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)


def public(location):
    """A location fit for messages and logs: a URL's password replaced by ***."""
    text = str(location)
    if not is_cluster_url(text):
        return text
    scheme, _, rest = text.partition("://")
    netloc, slash, path = rest.partition("/")
    credentials, at, hosts = netloc.rpartition("@")
    if credentials and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}://{credentials}{at}{hosts}{slash}{path}"


def parse_host(url, text):
    host, _, port = text.rpartition(":") if ":" in text else (text, "", "")
    try:
        number = int(port) if port else DEFAULT_PORT
    except ValueError:
        raise BackendURLError(url, f"bad port in {text!r}") from None
    if not host or not 0 < number < 65536:
        raise BackendURLError(url, f"bad host {text!r}")
    return host, number


# Errors a cluster answers while it loses a node and moves its shards (HTTP 500 or 503):
# the same search asked again a moment later is answered by the copies that remain.
NODE_LOSS = frozenset(
    {
        "search_phase_execution_exception",
        "node_disconnected_exception",
        "node_not_connected_exception",
        "node_closed_exception",
        "no_shard_available_action_exception",
        "connect_transport_exception",
    }
)


@contextmanager
def translated(location, index=None):
    """Run a block of client calls; the client's errors come out as Khabar's named errors."""
    from opensearchpy import exceptions as os_errors

    try:
        yield
    except os_errors.AuthenticationException:
        raise ClusterAuthError(location.where, 401) from None
    except os_errors.AuthorizationException:
        raise ClusterAuthError(location.where, 403) from None
    except os_errors.NotFoundError as exc:
        if error_type(exc) == "index_not_found_exception":
            raise missing_index(location, index or location.alias) from None
        raise
    except (os_errors.ConnectionError, os_errors.ConnectionTimeout) as exc:
        raise ClusterUnreachableError(location.where, short_reason(exc)) from None
    except os_errors.TransportError as exc:
        if exc.status_code in (502, 503, 504, "N/A") or error_type(exc) in NODE_LOSS:
            raise ClusterBusyError(
                f"the OpenSearch cluster at {location.where} cannot answer now "
                f"(HTTP {exc.status_code}: {error_type(exc) or exc.error})"
            ) from None
        raise


def short_reason(exc):
    """'[Errno 111] Connection refused' rather than the client's nested reprs."""
    text = str(exc)
    found = re.search(r"\[Errno -?\d+\] [^)'\"]+", text) or re.search(r"timed out", text)
    return found.group(0).strip() if found else type(exc).__name__


def missing_index(location, index):
    return IndexMissingError(
        index,
        f"no index {index!r} on the OpenSearch cluster at {location.where}: run "
        f"`khabar index PATH... --backend opensearch+{location.scheme}://HOST:PORT/"
        f"{location.alias}` first",
    )


def error_type(exc):
    """The OpenSearch error type of a TransportError ('index_not_found_exception', ...)."""
    info = getattr(exc, "info", None)
    if isinstance(info, dict):
        error = info.get("error")
        if isinstance(error, dict):
            return error.get("type")
    return None


def wait_for_status(client, index, status, seconds):
    """Wait up to `seconds` for `index` to be `status`; the health (its `timed_out` says).

    opensearch-py reads a `timeout` argument as the client's own request timeout unless a
    `request_timeout` is also given: both are, so the cluster gets the wait. A wait that
    timed out answers HTTP 408 with the health as its body."""
    return client.cluster.health(
        index=index,
        wait_for_status=status,
        timeout=f"{seconds}s",
        request_timeout=seconds + 30,
        ignore=408,
    )
