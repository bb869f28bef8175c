"""A versioned on-disk cache of compiled tables, so that a process starts in milliseconds.

    load_cached("lexicon", key, build) -> build() the first time, then the same value
    read back from ~/.cache/khabar/lexicon-<key>.marshal by every later process.

The key is a hash of the data files and of the code that compiles them
(`source_key`): editing either makes a new key, so the cache is rebuilt on the next
load and the stale file removed. The folder is `$KHABAR_CACHE_DIR`, else
`$XDG_CACHE_HOME/khabar`, else `~/.cache/khabar`, never the installed package (which may
be read-only). When it cannot be written the value is built in memory every time: the
cache only saves time, so a failure to use it is never an error.
"""

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
SUFFIX = ".marshal"  # marshal: the fastest loader of dicts, sets and strings


def cache_dir():
    """Where the cache files live (not created here)."""
    if os.environ.get("KHABAR_CACHE_DIR"):
        return Path(os.environ["KHABAR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "khabar"


def source_key(*blobs):
    """A short hex digest of `blobs` (bytes) and of this Python's marshal format."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{sys.version_info[:2]} marshal {marshal.version}".encode())
    for blob in blobs:
        digest.update(len(blob).to_bytes(8, "little"))
        digest.update(blob)
    return digest.hexdigest()


def load_cached(name, key, build):
    """The value cached under `name` and `key`, else `build()`, saved for next time.

    `build()` must return what marshal can store (dicts, sets, tuples, strings)."""
    path = cache_dir() / f"{name}-{key}{SUFFIX}"
    try:
        return marshal.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.warning("ignoring unreadable cache %s (%s)", path, exc)
    value = build()
    save(path, name, value)
    return value


def save(path, name, value):
    """Write atomically (another process may be reading or writing the same key), then
    remove the files this name left under older keys."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as f:
            f.write(marshal.dumps(value))
        os.replace(temporary, path)
    except OSError as exc:
        log.debug("no cache written at %s (%s)", path, exc)
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        return
    for stale in path.parent.glob(f"{name}-*{SUFFIX}"):
        if stale != path:
            stale.unlink(missing_ok=True)
