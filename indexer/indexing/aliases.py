"""Ids of duplicate articles, kept beside the index so that no id a user gave is lost.

The same text filed under a second id is indexed once (under the first id); the second
id is recorded here, `{"alias id": "indexed id"}`, in INDEX/aliases.json. The file is
replaced atomically after each run's commit; a run killed between the commit and this
write finds the duplicates again on its next run, so the file is rebuilt, not lost.
"""

import json
import os
from pathlib import Path

FILE = "aliases.json"


def read_aliases(index_dir):
    """alias id -> indexed id ({} when the index has none)."""
    try:
        return json.loads((Path(index_dir) / FILE).read_text("utf-8"))
    except FileNotFoundError:
        return {}


def write_aliases(index_dir, aliases):
    """Replace the alias file atomically (write beside it, then rename)."""
    path = Path(index_dir) / FILE
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(aliases, ensure_ascii=False, sort_keys=True), "utf-8")
    os.replace(tmp, path)


def aliases_by_target(aliases):
    """indexed id -> [alias ids], for listing every id of an article."""
    out = {}
    for alias, target in sorted(aliases.items()):
        out.setdefault(target, []).append(alias)
    return out
