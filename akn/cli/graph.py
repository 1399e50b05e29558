"""``akn graph``: the ELI/SKOS RDF graph of Akoma Ntoso documents."""
from __future__ import annotations

import sys

import click

FORMAT_CHOICES = ["ttl", "nt", "jsonld", "xml", "trig", "nq"]


@click.command("graph")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              show_default=True, help="Write the graph to this file ('-' = standard output).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="ttl", show_default=True,
              help="RDF syntax: Turtle, N-Triples, JSON-LD, RDF/XML; trig and nq keep one named graph per "
                   "expression.")
@click.option("--base", default="https://example.org/", show_default=True, metavar="URL",
              help="Base URL under which the documents' /akn/... FRBR URIs are placed.")
@click.option("--no-concepts", is_flag=True, help="Leave out the eli:is_about links and their evidence.")
def graph(files, output, fmt, base, no_concepts):
    """Build the RDF graph (ELI + SKOS) of one or more documents.

    FILES are Akoma Ntoso 3.0 XML files (ours or from anywhere else); plain-text
    acts are parsed first. The graph holds the work, its expression in the
    document's language, every hierarchical unit as an eli:LegalResourceSubdivision
    (number, heading, text, position, parent and children) and eli:is_about links to
    the concepts the text mentions, with the words that were found.

    Example:

    \b
      akn graph act.xml -f ttl -o act.ttl --base https://example.gov/
    """
    from akn import rdf, turtle
    from akn.graph_inputs import graphs_of
    try:
        import rdflib
        graphs = []
        for _name, g in graphs_of(files, base, parse_text=True, concepts=not no_concepts):
            graphs.append(g)
        if fmt == "trig":
            namespaces = {}
            for g in graphs:
                for p, n in g.namespaces():
                    namespaces.setdefault(p, n)
            data = turtle.trig(graphs, namespaces.items())
        elif fmt == "nq":
            ds = rdflib.Dataset()
            for g in graphs:
                ng = ds.graph(g.identifier)
                for t in g:
                    ng.add(t)
                for p, n in g.namespaces():
                    ds.bind(p, n, override=False)
            data = ds.serialize(format=rdf.FORMATS[fmt], encoding="utf-8")
        else:
            merged = graphs[0] if len(graphs) == 1 else rdflib.Graph()
            if len(graphs) > 1:
                for g in graphs:
                    merged += g
                    for p, n in g.namespaces():
                        merged.bind(p, n, override=False)
            data = rdf.serialize(merged, fmt)
    except Exception as exc:  # noqa: BLE001 - bad data: one message, exit 1
        _fail(exc)
    from akn.cli.common import write_output
    write_output(data, output)   # atomic: a complete file or none, and one clear line when it fails


def _fail(exc):
    from lxml import etree
    fmt = getattr(exc, "format", None)
    if callable(fmt) and hasattr(exc, "diagnostic"):
        click.echo(exc.format(), err=True)
    elif isinstance(exc, etree.XMLSyntaxError):
        click.echo(f"error: not well-formed XML: {exc}", err=True)
    else:
        click.echo(f"error: {exc}", err=True)
    sys.exit(1)


command = graph
