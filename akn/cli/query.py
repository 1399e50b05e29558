"""``akn query``: SPARQL over the embedded store or a SPARQL server."""
from __future__ import annotations

import sys

import click


@click.command("query")
@click.argument("query", required=False)
@click.option("--file", "qfile", type=click.File("r", encoding="utf-8"), help="Read the query from this file.")
@click.option("--name", metavar="CANNED", help="Run a query shipped with akn (see --list).")
@click.option("--list", "list_", is_flag=True, help="List the canned queries and exit.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Embedded store directory (made by akn load).")
@click.option("--endpoint", metavar="URL",
              help="SPARQL 1.1 query endpoint (Oxigraph: http://HOST:PORT or .../query; Fuseki: .../DATASET/query).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="Output: aligned table, SPARQL JSON results, CSV or TSV.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Stop the query after this many seconds.")
@click.option("--union/--no-union", default=True, show_default=True,
              help="With --endpoint: send Oxigraph's union-default-graph parameter so the query sees every named "
                   "graph; use --no-union for servers configured to do that themselves (Fuseki, Virtuoso).")
def query(query, qfile, name, list_, store_dir, endpoint, fmt, timeout, union):
    """Run a read-only SPARQL query over every act loaded.

    Give the query as an argument, with --file, or by --name for a canned
    query. Queries see the union of all named graphs. Updates, LOAD and SERVICE
    are refused; a malformed query is reported with its line and column.

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
        text, source = qfile.read(), qfile.name
    else:
        text = query
    from akn.store import Endpoint, Store, StoreError
    try:
        target = Store(store_dir) if store_dir else Endpoint(endpoint, union=union)
        res = target.query(text, timeout=timeout, source=source)
    except (sparql.QueryError, StoreError) as exc:
        click.echo(f"error: {exc}" if isinstance(exc, StoreError) else str(exc), err=True)
        sys.exit(1)
    click.echo(sparql.format_result(res, fmt), nl=False)


command = query
