"""Reading XML safely.

Every XML document the toolkit reads goes through :func:`read_xml`: entity
resolution, DTD loading and network access are off, so a hostile file can
neither read local files (XXE) nor make the process fetch URLs, and
"billion laughs" entity expansion is refused.

Since entities are never expanded, a document that *uses* one (``before
&ent; after``, with ``ent`` declared in its DTD) is refused with the line of
the first use: read any other way its text would silently lose the words the
entity stands for, and the schema validator cannot check it. The DTD itself
(a ``<!DOCTYPE>`` whose entities go unused) is harmless and allowed.

>>> read_xml(b"<a>x</a>").tag
'a'
>>> read_xml(b'<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>')
Traceback (most recent call last):
akn.errors.XmlInputError: <xml>:1:1: the document uses the entity &e;, ...
>>> read_xml(b'<!DOCTYPE a [<!ENTITY e "unused">]><a>x</a>').text
'x'
"""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from akn.errors import Diagnostic, XmlInputError

_XML_STARTS = ("<?xml", "<!doctype", "<akomantoso", "<akn:akomantoso")


def looks_like_xml(data: bytes) -> bool:
    """Does *data* start like an XML document (a declaration, a DOCTYPE or ``<akomaNtoso``), in UTF-8,
    UTF-16 or UTF-32, with or without a BOM?

    >>> looks_like_xml(b"<?xml version='1.0'?><a/>"), looks_like_xml('<?xml version="1.0"?>'.encode("utf-16"))
    (True, True)
    >>> looks_like_xml(b"Article 1 <b>"), looks_like_xml(b"<!-- a comment --> Article 1")
    (False, False)
    """
    head = data[:400]
    for codec in ("utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        # (without a BOM "utf-16" reads little-endian; a wrong guess only yields other characters)
        text = head[: len(head) // 4 * 4].decode(codec, "ignore") if codec != "utf-8-sig" else \
            head.decode(codec, "ignore")
        if text.lstrip()[:20].lower().startswith(_XML_STARTS):
            return True
    return False


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False)


def read_xml(data: bytes | str | Path | etree._Element, name: str | None = None) -> etree._Element:
    """Parse XML from bytes, a path or an element; returns the root element.

    Raises :class:`~akn.errors.XmlInputError` with ``file:line:col`` when the
    document is not well-formed.
    """
    if isinstance(data, etree._Element):
        return data
    if isinstance(data, etree._ElementTree):
        return data.getroot()
    if isinstance(data, (str, Path)) and not (isinstance(data, str) and data.lstrip().startswith("<")):
        path = Path(data)
        name = name or str(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise XmlInputError(f"{name}: cannot read: {exc.strerror}",
                                Diagnostic(f"cannot read: {exc.strerror}", source=name)) from None
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        name = name or "<xml>"
    try:
        root = etree.fromstring(raw, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (0, 0)
        msg = exc.msg or "not well-formed XML"
        context = ""
        if line:
            try:
                context = raw.decode("utf-8", "replace").splitlines()[line - 1]
            except IndexError:
                context = ""
        raise XmlInputError(f"{name}:{line}:{col}: {msg}",
                            Diagnostic(f"not well-formed XML: {msg}", line=line, col=col + 1 if col else 1,
                                       source=name, context=context)) from None
    _refuse_entities(root, name)
    return root


def _refuse_entities(root: etree._Element, name: str) -> None:
    """Raise :class:`XmlInputError` at the first entity reference left unexpanded in the tree."""
    info = root.getroottree().docinfo
    if not info.doctype and info.internalDTD is None:   # (no DTD: no entity can be declared)
        return
    for entity in root.iter(etree.Entity):
        parent = entity.getparent()
        line = entity.sourceline or (parent.sourceline if parent is not None else 0) or 0
        msg = (f"the document uses the entity {entity.text}, whose text would be lost: entities are "
               f"not expanded (a DTD could read files or grow without bound); write the text itself there")
        raise XmlInputError(f"{name}:{line}:1: {msg}",
                            Diagnostic(msg, line=line, col=1, source=name))
