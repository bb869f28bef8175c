"""One index run at a time per alias: a `lock` document in the meta index.

A run creates the document (op_type=create: a second run gets a conflict and stops with
IndexLockedError) and refreshes its heartbeat every HEARTBEAT seconds. A run killed with
SIGKILL cannot remove it, so a lock is taken over when it is stale: its process is gone
(same host), or its heartbeat is older than STALE seconds. The takeover is a write
conditioned on the document's sequence number, so two runs cannot both take it.
"""

import os
import socket
import threading
import time
from contextlib import contextmanager

from indexer.errors import IndexLockedError

HEARTBEAT = 5.0
STALE = 60.0


def holder():
    return {"kind": "lock", "host": socket.gethostname(), "pid": os.getpid()}


def is_stale(found):
    source = found["_source"]
    if source.get("host") == socket.gethostname() and not pid_alive(source.get("pid")):
        return True
    return time.time() - float(source.get("heartbeat", 0)) > STALE


def pid_alive(pid):
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, TypeError, ValueError):
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def run_lock(client, location):
    """Hold the alias's lock for the block; IndexLockedError when a live run holds it."""
    from opensearchpy.exceptions import ConflictError, NotFoundError

    mine = holder()
    body = {**mine, "heartbeat": time.time()}
    try:
        client.create(index=location.meta, id="lock", body=body, refresh="true")
    except ConflictError:
        found = client.get(index=location.meta, id="lock")
        if not is_stale(found):
            raise IndexLockedError(
                location.alias, f"{found['_source'].get('pid')} on {found['_source'].get('host')}"
            ) from None
        try:
            client.index(
                index=location.meta,
                id="lock",
                body=body,
                if_seq_no=found["_seq_no"],
                if_primary_term=found["_primary_term"],
                refresh="true",
            )
        except ConflictError:
            raise IndexLockedError(location.alias) from None
    stop = threading.Event()
    beat = threading.Thread(target=heartbeat, args=(client, location, body, stop), daemon=True)
    beat.start()
    try:
        yield
    finally:
        stop.set()
        beat.join()
        try:
            client.delete(index=location.meta, id="lock", refresh="true")
        except NotFoundError:
            pass


def heartbeat(client, location, body, stop):
    while not stop.wait(HEARTBEAT):
        try:
            client.index(index=location.meta, id="lock", body={**body, "heartbeat": time.time()})
        except Exception:  # a node lost for a moment: the next beat tries again
            continue
