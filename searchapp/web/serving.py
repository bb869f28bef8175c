"""`khabar serve`: the app under waitress, with the settings create_app gathered.

waitress runs one process with a pool of threads; Python's GIL lets only one of them
search at a time. With WORKERS > 1 the parent opens the listening socket, forks that many
processes each serving it with their own threads and searchers (each follows the index on
disk by itself), restarts any that dies, and stops them all on SIGTERM or SIGINT.
"""

import os
import signal
import socket
import time

from flask import Flask

from indexer.opensearch_index.connection import public
from searchapp.web.app import create_app
from searchapp.web.service import get_service, index_location


def make_app(overrides=None):
    """The application, with its index opened now so a missing index fails at start-up."""
    app = create_app(overrides)
    app.config["TESTING"] = False
    with app.app_context():
        get_service()
    return app


def waitress_options(config):
    """waitress.serve keyword arguments from the app's config."""
    options = {
        "host": config["HOST"],
        "port": int(config["PORT"]),
        "threads": int(config["THREADS"]),
        "ident": "khabar",
        "expose_tracebacks": False,
        "url_prefix": config.get("URL_PREFIX") or "",
        "max_request_body_size": int(config.get("MAX_CONTENT_LENGTH") or 64 * 1024),
    }
    if config.get("TRUSTED_PROXY"):
        options.update(
            trusted_proxy=config["TRUSTED_PROXY"],
            trusted_proxy_count=int(config.get("TRUSTED_PROXY_COUNT") or 1),
            trusted_proxy_headers=config["TRUSTED_PROXY_HEADERS"],
            clear_untrusted_proxy_headers=True,
        )
    return options


WARM_QUERIES = ("سوريا", "سورياا Alepo")  # a word, then misspellings: the spelling tables


def warm(app):
    """Load what the first requests would need (analysis lexicons, facet columns, parsers,
    spelling tables)
    once, before any request: otherwise the first few requests each load them at once and
    stall for seconds. The searchers used are closed so that forked workers open their own
    index files (file positions are shared across a fork); the loaded data is inherited."""
    from indexer.errors import KhabarError
    from searchapp.search.request import SearchRequest

    with app.app_context():
        service = get_service()
        try:
            for query in WARM_QUERIES:
                service.search(SearchRequest(q=query))
        except KhabarError:
            pass
        finally:
            service.close()  # files and connections reopen on first use, in each worker


def serve(app: Flask, echo=print):
    import waitress

    options = waitress_options(app.config)
    warm(app)
    workers = int(app.config.get("WORKERS") or 1)
    echo(
        f"Khabar serving {public(index_location(app.config))} at http://{options['host']}:{options['port']}/"
        f" with {workers} process(es) x {options['threads']} threads"
    )
    if workers <= 1:
        waitress.serve(app, **options)
        return
    host, port = options.pop("host"), options.pop("port")
    with socket.create_server((host, port), backlog=1024) as listener:
        supervise(lambda: waitress.serve(app, sockets=[listener], **options), workers, echo)


def supervise(run, workers, echo):
    """Fork `workers` children running `run`; respawn the dead; stop them all on a signal."""
    children, stopping = set(), []

    def spawn():
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                run()
            finally:
                os._exit(0)
        children.add(pid)

    def stop(signum, frame):
        stopping.append(signum)
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        children.discard(pid)
        if not stopping:
            echo(f"worker {pid} exited ({status}); starting another")
            time.sleep(0.5)
            spawn()
