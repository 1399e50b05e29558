"""Small helpers shared by the tests."""
from __future__ import annotations

from lxml import etree

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def c14n(xml: bytes | etree._Element) -> bytes:
    """Canonical form of an XML document, for comparisons that ignore formatting."""
    root = etree.fromstring(xml) if isinstance(xml, bytes) else xml
    for el in root.iter():
        if el.text is not None and not el.text.strip():
            el.text = None
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    return etree.tostring(root, method="c14n2")


def find_all(root, path: str):
    return root.findall(path, NS)


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())
