"""Output formats of a batch and the library calls that produce them.

=====  ==========================================  ==============
name   produced by                                 file suffix
=====  ==========================================  ==============
xml    :func:`akn.parse` (``doc.xml``)             ``.xml``
html   :func:`akn.render` ``(doc, to="html")``     ``.html``
md     :func:`akn.render` ``(doc, to="md")``       ``.md``
txt    :func:`akn.render` ``(doc, to="txt")``      ``.txt``
ttl    :func:`akn.graph` ``(doc)`` as Turtle       ``.ttl``
=====  ==========================================  ==============

The renderers and the RDF mapping are imported only when a batch asks for
their format; :func:`check_formats` says clearly when one is not available.
"""
from __future__ import annotations

FORMATS = ("xml", "html", "md", "txt", "ttl")

#: format -> (module, attribute) that must be importable to produce it
NEEDS = {
    "xml": ("akn.api", "parse"),
    "html": ("akn.render", "render"),
    "md": ("akn.render", "render"),
    "txt": ("akn.render", "render"),
    "ttl": ("akn.rdf", "graph"),
}


class FormatUnavailable(ValueError):
    """A requested format is unknown or its module is not installed."""


def parse_formats(spec: str | list[str] | tuple[str, ...]) -> list[str]:
    """``"xml,html"`` -> ``["xml", "html"]`` (order kept, duplicates dropped).

    >>> parse_formats("xml, ttl,xml")
    ['xml', 'ttl']
    """
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item not in FORMATS:
            raise FormatUnavailable(f"unknown format {item!r} (choose from {', '.join(FORMATS)})")
        if item not in out:
            out.append(item)
    if not out:
        raise FormatUnavailable("no output format given")
    return out


def check_formats(formats: list[str]) -> None:
    """Raise :class:`FormatUnavailable` naming the first format that cannot be produced."""
    import importlib.util
    for fmt in formats:
        module, attr = NEEDS[fmt]
        try:    # find the module without importing it: the batch process may never need it
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            spec = None
        if spec is None:
            raise FormatUnavailable(f"format {fmt!r} needs {module}.{attr}, which is not "
                                    f"available in this installation of akn")


def produce(doc, formats: list[str]) -> dict[str, bytes]:
    """The bytes of every requested format for a parsed :class:`akn.Document`."""
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "xml":
            out[fmt] = doc.xml
        elif fmt in ("html", "md", "txt"):
            from akn.render import render
            out[fmt] = _bytes(render(doc, to=fmt))
        elif fmt == "ttl":
            out[fmt] = turtle(doc)
    return out


def turtle(doc) -> bytes:
    """The document's RDF graph as Turtle bytes."""
    from akn import rdf
    g = rdf.graph(doc)
    if hasattr(rdf, "serialize"):
        return _bytes(rdf.serialize(g, "ttl"))
    return _bytes(g.serialize(format="turtle"))


def _bytes(value) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)
