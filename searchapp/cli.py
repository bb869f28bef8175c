"""The `khabar` command: index, search, extract, serve. Thin wrappers over library functions."""

import html
import json
import os
import sys

import click

from indexer.errors import KhabarError
from indexer.opensearch_index.connection import public
from searchapp.search.results import entity_label as label

DEFAULT_INDEX = "var/index"


def default_index():
    return os.environ.get("KHABAR_INDEX", DEFAULT_INDEX)


index_option = click.option(
    "--index",
    "index_dir",
    default=default_index,
    show_default="$KHABAR_INDEX or ./var/index",
    type=click.Path(file_okay=False),
    help="Index directory.",
)


backend_option = click.option(
    "--backend",
    default=lambda: os.environ.get("KHABAR_BACKEND") or None,
    show_default="$KHABAR_BACKEND, else the index directory",
    metavar="URL",
    help="An OpenSearch index instead of the directory: "
    "opensearch+http(s)://[user:password@]host:port[,host:port...]/alias.",
)
ca_certs_option = click.option(
    "--ca-certs",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="With --backend opensearch+https: the CA certificates to verify the cluster with "
    "[default: $KHABAR_OPENSEARCH_CA_CERTS, else the system's].",
)


def location_of(index_dir, backend, ca_certs=None):
    """Where the index is: the backend URL when given, else the directory."""
    if ca_certs:
        os.environ["KHABAR_OPENSEARCH_CA_CERTS"] = ca_certs  # read by the backend and workers
    return backend or index_dir


def fail(exc):
    raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """Khabar (خبر): full-text search over Arabic news archives."""


@cli.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@index_option
@backend_option
@ca_certs_option
@click.option(
    "--shards",
    type=click.IntRange(1, 1024),
    default=None,
    help="With --backend, for a new index: primary shards [default: the data nodes, up to 5].",
)
@click.option(
    "--replicas",
    type=click.IntRange(0, 16),
    default=None,
    help="With --backend, for a new index: copies of each shard [default: 1 on a cluster "
    "of several nodes, else 0].",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Build a fresh index beside the old one and swap it in when complete.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Remove articles whose source file is gone or no longer holds them.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Worker processes for large inputs [default: all cores].",
)
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Extra gazetteer file (JSON lines), may repeat.",
)
def index_command(
    paths, index_dir, backend, ca_certs, shards, replicas, rebuild, prune, jobs, gazetteers
):
    """Index articles from files or folders (.txt, .md, .json, .jsonl, .jsonl.gz, .csv).

    Re-running is incremental: unchanged articles are skipped, changed ones updated.
    Exits non-zero only when nothing could be indexed or the index cannot be written.
    """
    from indexer.indexing.build import build_index
    from indexer.indexing.progress import Progress

    progress = Progress()

    def report(error):
        progress.close()
        click.echo(f"skipped {error}", err=True)

    location = location_of(index_dir, backend, ca_certs)
    options = {"shards": shards, "replicas": replicas} if backend else {}
    if not backend and (shards or replicas is not None):
        fail("--shards and --replicas are for an OpenSearch index (--backend URL)")
    try:
        stats = build_index(
            paths,
            location,
            rebuild=rebuild,
            prune=prune,
            report=report,
            gazetteer_files=gazetteers,
            jobs=jobs,
            progress=progress,
            **options,
        )
    except KhabarError as exc:
        fail(exc)
    except OSError as exc:
        fail(f"cannot write the index at {public(location)}: {exc}")
    finally:
        progress.close()
    click.echo(stats.summary())
    if stats.indexed + stats.duplicates == 0:
        fail("nothing could be indexed")


@cli.command("search")
@click.argument("query", required=False, default="")
@index_option
@backend_option
@ca_certs_option
@click.option("--faction", multiple=True, help="Faction id (repeat for OR).")
@click.option("--place", multiple=True, help="Place id (repeat for OR).")
@click.option("--source", multiple=True, help="Id of a source the text cites (repeat for OR).")
@click.option(
    "--publisher", multiple=True, help="Id of the outlet that published it (repeat for OR)."
)
@click.option(
    "--governorate", multiple=True, help="Governorate id: every place inside it (repeat for OR)."
)
@click.option("--from", "date_from", help="First date, YYYY[-MM[-DD]].")
@click.option("--to", "date_to", help="Last date, YYYY[-MM[-DD]] (inclusive).")
@click.option(
    "--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True
)
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Result page.")
@click.option("--exact", is_flag=True, help="Match unstemmed words only.")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON body of /api/search.")
@click.option(
    "--limit", default=10, show_default=True, type=click.IntRange(1), help="Number of hits."
)
@click.option(
    "--topics",
    type=click.Path(exists=True, dir_okay=False),
    help="Batch mode: JSON lines {id, text} or TSV id<TAB>text.",
)
@click.option(
    "--output", type=click.Path(dir_okay=False), help="Batch mode: TREC run file to write."
)
def search_command(
    query,
    index_dir,
    backend,
    ca_certs,
    faction,
    place,
    source,
    publisher,
    governorate,
    date_from,
    date_to,
    sort,
    page,
    exact,
    as_json,
    limit,
    topics,
    output,
):
    """Search the index; or, with --topics and --output, write a TREC run."""
    from searchapp.search.request import SearchRequest
    from searchapp.search.service import SearchService

    try:
        service = SearchService.open(location_of(index_dir, backend, ca_certs))
        if topics:
            if not output:
                fail("--topics needs --output")
            try:
                write_run(service, topics, output, limit)
            finally:
                service.close()
            return
        request = SearchRequest(
            q=query,
            faction=faction,
            place=place,
            source=source,
            publisher=publisher,
            governorate=governorate,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            page=page,
            exact=exact,
            per_page=min(limit, 100),
        )
        result = service.search(request)
    except KhabarError as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print_result(result)


def print_result(result):
    click.echo(
        f"{result.total} results ({result.took_ms} ms)"
        + (" — relaxed: any of the words" if result.relaxed else "")
        + (f" (left out: {', '.join(result.dropped)})" if result.dropped else "")
    )
    if result.expansions:
        click.echo(
            "also matching: "
            + ", ".join(f"{e['facet']}:{e['id']} ({label(e)})" for e in result.expansions)
        )
    if result.suggestion:
        click.echo(f"did you mean: {result.suggestion}")
    for n, hit in enumerate(result.hits, 1):
        publisher = ", ".join(label(e) for e in hit.facets.get("publisher", ()))
        click.echo(
            f"\n{n}. {hit.title}  [{hit.id}]  {hit.date or ''} {publisher or hit.source or ''}"
        )
        click.echo("   " + terminal_snippet(hit.snippet))
        places = hit.facets.get("place", ())
        if places:
            click.echo("   places: " + "; ".join(label(e) for e in places))


def terminal_snippet(snippet):
    """A snippet (escaped HTML, matches in <mark>) as one line of plain text, matches in
    [brackets]: the line breaks of the article's text are spaces here, as on the page."""
    text = html.unescape(snippet.replace("<mark>", "[").replace("</mark>", "]"))
    return " ".join(text.split())


def read_topics(path):
    with open(path, encoding="utf-8-sig") as lines:
        for line in lines:
            if not line.strip():
                continue
            if line.lstrip().startswith("{"):
                record = json.loads(line)
                yield str(record["id"]), record["text"]
            else:
                qid, _, text = line.rstrip("\n").partition("\t")
                yield qid, text


def write_run(service, topics, output, limit):
    with open(output, "w", encoding="utf-8") as run:
        for qid, text in read_topics(topics):
            for rank, (docid, score) in enumerate(service.rank(text, limit), 1):
                run.write(f"{qid} Q0 {docid} {rank} {score:.4f} khabar\n")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--gazetteer",
    "gazetteers",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Extra gazetteer file (JSON lines), may repeat.",
)
@click.option(
    "--candidates",
    is_flag=True,
    help="Instead, list frequent names the gazetteers lack (count, facet, name as TSV).",
)
@click.option(
    "--min-count",
    default=2,
    show_default=True,
    type=click.IntRange(1),
    help="With --candidates: least number of mentions to list a name.",
)
def extract_command(paths, gazetteers, candidates, min_count):
    """Print the entities of each article as JSON lines, without indexing.

    Facets: faction, place and source (read from the text, "from": "text") and publisher
    (from the record's source/url fields, "from": "metadata")."""
    from indexer.entities.extract import extract_entities, facets_json
    from indexer.inputs.readers import read_articles

    def report(error):
        click.echo(f"skipped {error}", err=True)

    if candidates:
        from indexer.entities.candidates import candidate_names

        try:
            texts = (f"{a.title}\n{a.text}" for a in read_articles(paths, report))
            for count, facet, name in candidate_names(texts, tuple(gazetteers), min_count):
                click.echo(f"{count}\t{facet}\t{name}")
        except KhabarError as exc:
            fail(exc)
        return
    try:
        for article in read_articles(paths, report):
            facets = extract_entities(
                article.text, article.title, article.source, gazetteers, article.url
            )
            click.echo(
                json.dumps(
                    {
                        "id": article.id,
                        "title": article.title,
                        "date": article.date,
                        "facets": facets_json(facets),
                    },
                    ensure_ascii=False,
                )
            )
    except KhabarError as exc:
        fail(exc)


@cli.command("serve")
@click.option(
    "--index",
    "index_dir",
    default=None,
    type=click.Path(file_okay=False),
    help="Index directory.  [default: $KHABAR_INDEX, the config file's INDEX, or ./var/index]",
)
@click.option(
    "--backend",
    default=None,
    metavar="URL",
    help="An OpenSearch index instead of the directory (opensearch+http(s)://host:port/alias)."
    "  [default: $KHABAR_BACKEND, the config file's BACKEND]",
)
@ca_certs_option
@click.option("--host", default=None, help="Address to bind.  [default: 127.0.0.1; $KHABAR_HOST]")
@click.option(
    "--port",
    default=None,
    type=click.IntRange(0, 65535),
    help="Port.  [default: 5000; $KHABAR_PORT]",
)
@click.option(
    "--threads",
    default=None,
    type=click.IntRange(1, 256),
    help="Worker threads per process.  [default: 8; $KHABAR_THREADS]",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Processes sharing the port (Python runs one search at a time per process).  [default: 1; $KHABAR_WORKERS]",
)
@click.option(
    "--config",
    "config_file",
    default=None,
    type=click.Path(exists=True, dir_okay=False),
    help="Config file (.toml, .json or .py).  [default: $KHABAR_CONFIG]",
)
@click.option(
    "--trusted-proxy",
    default=None,
    help="Address of a reverse proxy whose X-Forwarded-* headers are believed.  [$KHABAR_TRUSTED_PROXY]",
)
def serve_command(
    index_dir, backend, ca_certs, host, port, threads, workers, config_file, trusted_proxy
):
    """Serve the search site and JSON API with waitress (a production WSGI server).

    Settings: flags, else KHABAR_* environment variables, else the config file, else defaults
    (see the README, "Serving"). The index is reopened by itself after `khabar index` commits.
    """
    from searchapp.web.serving import make_app, serve

    location_of(None, None, ca_certs)
    flags = {
        "INDEX": index_dir,
        "BACKEND": backend,
        "HOST": host,
        "PORT": port,
        "THREADS": threads,
        "WORKERS": workers,
        "CONFIG_FILE": config_file,
        "TRUSTED_PROXY": trusted_proxy,
    }
    try:
        app = make_app({k: v for k, v in flags.items() if v is not None})
    except KhabarError as exc:
        fail(exc)
    serve(app, echo=lambda line: click.echo(line, err=True))


def main():
    cli(prog_name="khabar")


if __name__ == "__main__":
    sys.exit(main())
