"""What a graph is made from: Akoma Ntoso files in any encoding XML allows, plain-text acts, documents.

:func:`graphs_of` turns each source given to ``akn graph``, ``akn load`` or :meth:`akn.store.Store.load`
into its ELI graph; :func:`xml_encoding` tells an XML file from a plain-text act by its first bytes.
"""
from __future__ import annotations

from pathlib import Path

from akn.errors import Diagnostic, NotAknError


def graphs_of(sources, base, parse_text=True, concepts=True):
    """(source name, rdflib graph) for each source: AKN XML files/bytes, Documents, graphs, or plain text files.

    A file is XML when it starts (after a byte order mark and white space) with ``<``
    in any encoding XML allows (see :func:`xml_encoding`); other files are plain-text acts.
    """
    for src in sources:
        name = str(src) if isinstance(src, (str, Path)) and not str(src).lstrip().startswith("<") else "<xml>"
        try:
            yield _graph_of(src, base, parse_text, concepts)
        except NotAknError as exc:   # name the file: "act.xml: not an Akoma Ntoso document ..."
            message = str(exc)
            raise NotAknError(f"{name}: {message}", Diagnostic(message, source=name)) from None


def _graph_of(src, base, parse_text, concepts):
    import rdflib

    from akn import rdf
    if isinstance(src, rdflib.Graph):
        return str(src.identifier), src
    if hasattr(src, "root") and not isinstance(src, (str, bytes, Path)):
        return (getattr(src, "source", None) or getattr(src, "frbr_uri", "<document>"),
                rdf.graph(src, base, concepts=concepts))
    name = str(src) if isinstance(src, (str, Path)) and not str(src).lstrip().startswith("<") else "<xml>"
    if isinstance(src, (str, Path)) and name != "<xml>":
        with open(src, "rb") as f:
            head = f.read(1024)
        enc = xml_encoding(head)
        if enc is None and parse_text:
            import akn
            doc = akn.parse_file(src)
            return name, rdf.graph(doc, base, concepts=concepts)
        if enc is not None and enc.startswith("utf-16") and not _declared(head, enc):
            # UTF-16 without byte order mark or declaration: not enough for the XML parser on its own
            from akn.xmlio import read_xml
            raw = Path(src).read_bytes().decode(enc, "strict").encode("utf-8")
            return name, rdf.graph(read_xml(raw, name), base, concepts=concepts)
    return name, rdf.graph(src, base, concepts=concepts)


#: byte order marks, longest first (UTF-32 LE starts like UTF-16 LE)
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))


def xml_encoding(head: bytes) -> str | None:
    """The encoding in which *head* (a file's first bytes) starts an XML document, or None.

    XML is recognised by its byte order mark or, without one, by the first ``<`` (or
    the white space before it) in UTF-8, UTF-16 or UTF-32 of either byte order
    (the autodetection of the XML recommendation, appendix F).

    >>> xml_encoding('<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16"))[:6]
    'utf-16'
    >>> xml_encoding("<a/>".encode("utf-16-be")), xml_encoding(b"\\xef\\xbb\\xbf <a/>")
    ('utf-16-be', 'utf-8')
    >>> xml_encoding("Article 1".encode("utf-16")) is None
    True
    """
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc if _starts_with_tag(head[len(bom):], enc) else None
    for enc in ("utf-32-be", "utf-32-le", "utf-16-be", "utf-16-le", "utf-8"):
        if _starts_with_tag(head, enc):
            return enc
    return None


def _starts_with_tag(data: bytes, enc: str) -> bool:
    width = {"utf-8": 1, "utf-16-be": 2, "utf-16-le": 2}.get(enc, 4)
    data = data[:len(data) - len(data) % width]
    text = data.decode(enc, "replace")
    stripped = text.lstrip(" \t\r\n")
    if not stripped.startswith("<") or "\x00" in text[:len(text) - len(stripped) + 2]:
        return False
    return enc == "utf-8" or "\ufffd" not in stripped[:16]


def _declared(head: bytes, enc: str) -> bool:
    """Whether *head* begins with a byte order mark or an XML declaration (which the XML parser reads)."""
    return head.startswith((b"\xfe\xff", b"\xff\xfe")) or "<?xml".encode(enc) in head[:16]
