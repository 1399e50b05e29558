"""``akn query``: SPARQL over the embedded store or a SPARQL server."""
from __future__ import annotations

import sys

import click


@click.command("query")
@click.argument("query", required=False)
@click.option("--file", "qfile", type=click.File("rb"), help="Read the query from this file (UTF-8).")
@click.option("--name", metavar="CANNED", help="Run a query shipped with akn (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the canned queries and exit.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Embedded store directory (made by akn load).")
@click.option("--endpoint", metavar="URL",
              help="SPARQL 1.1 query endpoint (Oxigraph: http://HOST:PORT or .../query; Fuseki: .../DATASET/query).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="Output: aligned table, SPARQL JSON results, CSV or TSV.")
@click.option("--timeout", default="30", show_default=True, callback=lambda ctx, param, v: _timeout(v),
              help="Stop the query after this many seconds (more than 0, at most 86400).")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Return at most this many rows (CONSTRUCT: triples); a note on stderr says when more existed.")
@click.option("--memory", "memory_mb", type=click.IntRange(min=16), default=2048, show_default=True, metavar="MB",
              help="The query process may use at most this many megabytes more (--endpoint: the answer read).")
@click.option("--union/--no-union", default=True, show_default=True,
              help="With --endpoint: send Oxigraph's union-default-graph parameter so the query sees every named "
                   "graph; use --no-union for servers configured to do that themselves (Fuseki, Virtuoso).")
def query(query, qfile, name, list_, store_dir, endpoint, fmt, timeout, limit, memory_mb, union):
    """Run a read-only SPARQL query over every act loaded.

    Give the query as an argument, with --file, or by --name for a canned
    query. Queries see the union of all named graphs. Updates, LOAD and SERVICE
    are refused; a malformed query is reported with its line and column. A query
    runs with no network access, within --timeout seconds and --memory megabytes,
    and returns at most --limit rows.

    Examples:

    \b
      akn query --name biometric-data --store graph.db
      akn query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --store graph.db -f csv
    """
    from akn import sparql
    if list_:
        for n, text in sparql.canned().items():
            click.echo(f"{n:26} {sparql.describe(text)}")
        return
    given = [x for x in (query, qfile, name) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of QUERY, --file Q.rq or --name CANNED")
    if bool(store_dir) == bool(endpoint):
        raise click.UsageError("give exactly one of --store DIR or --endpoint URL")
    source = "query"
    if name:
        queries = sparql.canned()
        if name not in queries:
            raise click.UsageError(f"no canned query {name!r}; known: {', '.join(queries)}")
        text, source = queries[name], f"{name}.rq"
    elif qfile:
        text, source = _read_query(qfile)
    else:
        text = query
    from akn.endpoint import Endpoint
    from akn.store import Store, StoreError
    try:
        target = Store(store_dir) if store_dir else Endpoint(endpoint, union=union)
        res = target.query(text, timeout=timeout, source=source, limit=limit, memory_mb=memory_mb)
    except (sparql.QueryError, StoreError) as exc:
        click.echo(f"error: {exc}" if isinstance(exc, StoreError) else str(exc), err=True)
        sys.exit(1)
    click.echo(sparql.format_result(res, fmt), nl=False)
    if res.truncated:
        what = "triples" if res.triples is not None else "rows"
        click.echo(f"note: the answer was cut at {limit:,} {what} (--limit); more exist", err=True)


def _read_query(handle) -> tuple[str, str]:
    """The text of a query file (UTF-8, a byte order mark dropped, any line ends) and its name."""
    name = "<stdin>" if handle.name in ("-", "<stdin>") else handle.name
    data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        click.echo(f"{name}:{line}:{col}: error: byte 0x{data[exc.start]:02x} is not UTF-8; "
                   "expected a query in UTF-8", err=True)
        sys.exit(1)
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), name


def _timeout(value):
    from akn.sparql import check_timeout
    try:
        return check_timeout(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--timeout'") from None


command = query
