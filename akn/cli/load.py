"""``akn load``: put documents' graphs into the embedded store or a SPARQL server."""
from __future__ import annotations

import click


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--store", "store_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Embedded store directory (created when missing).")
@click.option("--endpoint", metavar="URL",
              help="SPARQL server: its Graph Store Protocol URL (Oxigraph: http://HOST:PORT or .../store; "
                   "Fuseki: http://HOST:3030/DATASET/data).")
@click.option("--base", default="https://example.org/", show_default=True, metavar="URL",
              help="Base URL under which the documents' /akn/... FRBR URIs are placed.")
@click.option("--wait", type=float, default=10.0, show_default=True,
              help="Seconds to wait for another process that is writing the store.")
@click.option("--optimize", is_flag=True, help="Compact the embedded store after loading (faster queries).")
@click.option("--replace", is_flag=True,
              help="Replace an expression the store holds already though another file loaded it "
                   "(without it, that is refused: two acts with one identity).")
def load(files, store_dir, endpoint, base, wait, optimize, replace):
    """Load documents into a store, one named graph per expression.

    FILES are Akoma Ntoso XML files or plain-text acts (parsed first). Loading
    the same file again replaces its graph instead of adding a copy. An
    expression that another file loaded into the store, with other content,
    is not replaced: the load is refused (exit status 1, nothing changed)
    unless --replace is given. The concept scheme is loaded alongside, so
    canned queries can follow skos:broader.

    Examples:

    \b
      akn load act.xml --store graph.db
      akn load act.xml --endpoint http://127.0.0.1:7878
    """
    from akn.cli.common import DataError
    from akn.endpoint import Endpoint
    from akn.store import Store, StoreCollision, StoreError
    if bool(store_dir) == bool(endpoint):
        raise click.UsageError("give exactly one of --store DIR or --endpoint URL")
    try:
        target = Store(store_dir, wait=wait) if store_dir else Endpoint(endpoint)
        kwargs = {"optimize": optimize, "replace": replace} if store_dir else {}
        done = target.load(*files, base=base, **kwargs)
    except StoreCollision as exc:
        raise DataError(f"error: {exc}") from None
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - bad input file: one line, exit 1
        from akn.cli.graph import _fail
        _fail(exc)
    for d in done:
        click.echo(f"{d.source}: {d.triples} triples -> <{d.graph}>")
        if d.note:
            click.echo(f"{d.source}: note: {d.note}", err=True)


command = load
