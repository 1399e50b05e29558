"""akn-toolkit: plain-text legislation to Akoma Ntoso 3.0, RDF and readable renderings.

>>> import akn
>>> doc = akn.parse("Article 1\\nSubject-matter\\n1. This Regulation lays down rules.\\n")
>>> doc.root.tag.endswith("akomaNtoso")
True
>>> akn.validate(doc.xml)
[]

Heavy parts (RDF, rendering, batch) are imported on first use.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["parse", "validate", "Document", "Diagnostic", "AknError", "ParseError",
           "InputError", "ValidationError", "NotAknError", "render", "graph", "Store", "__version__"]

_LAZY = {
    "parse": ("akn.api", "parse"),
    "parse_file": ("akn.api", "parse_file"),
    "Document": ("akn.document", "Document"),
    "validate": ("akn.schema", "validate"),
    "Diagnostic": ("akn.errors", "Diagnostic"),
    "AknError": ("akn.errors", "AknError"),
    "ParseError": ("akn.errors", "ParseError"),
    "InputError": ("akn.errors", "InputError"),
    "ValidationError": ("akn.errors", "ValidationError"),
    "NotAknError": ("akn.errors", "NotAknError"),
    "render": ("akn.render", "render"),
    "graph": ("akn.rdf", "graph"),
    "Store": ("akn.store", "Store"),
}

if TYPE_CHECKING:  # pragma: no cover
    from akn.api import parse, parse_file  # noqa: F401
    from akn.document import Document  # noqa: F401
    from akn.errors import AknError, Diagnostic, InputError, NotAknError, ParseError, ValidationError  # noqa: F401
    from akn.schema import validate  # noqa: F401


def __getattr__(name: str):
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'akn' has no attribute {name!r}") from None
    value = getattr(import_module(module_name), attr)
    globals()[name] = value
    return value
