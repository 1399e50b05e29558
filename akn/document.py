"""The result of a parse: the AKN tree, its bytes and the warnings."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

from akn.errors import Diagnostic
from akn.vocab import AKN_NS

if TYPE_CHECKING:
    from akn.profiles import Detection

__all__ = ["AKN_NS", "Document", "to_bytes"]


@dataclass
class Document:
    """An Akoma Ntoso document produced by :func:`akn.parse`.

    ``root`` is the lxml ``<akomaNtoso>`` element; ``xml`` the serialised
    bytes (UTF-8, with declaration, pretty-printed, byte-identical for the
    same input and options); ``warnings`` the diagnostics about the input.
    """

    root: etree._Element
    warnings: list[Diagnostic] = field(default_factory=list)
    frbr_uri: str = ""
    lang: str = ""          # ISO 639-2/T code of the expression: eng, rus, kaz
    tradition: str = ""     # eu | uk | us | kz | ru
    source: str = "<text>"
    #: eId -> 1-based line of the source text where that unit starts (for diagnostics)
    lines: dict[str, int] = field(default_factory=dict, repr=False)
    #: how consistent the numbering of the units is (see akn.structure_check): units, repeats, skips ...
    structure: dict = field(default_factory=dict)
    #: which profile the text was read with, the runner-up and how sure (an akn.profiles.Detection)
    detection: Detection | None = None
    #: metadata given from outside the text (sidecar, manifest, front matter, ``metadata=``): key -> value
    given: dict = field(default_factory=dict)
    _xml: bytes | None = field(default=None, repr=False)

    @property
    def xml(self) -> bytes:
        if self._xml is None:
            self._xml = to_bytes(self.root)
        return self._xml

    @property
    def tree(self) -> etree._ElementTree:
        return self.root.getroottree()

    def to_dict(self) -> dict:
        """Metadata and warnings as plain data (what ``akn parse --json`` prints)."""
        return {"source": self.source, "frbr_uri": self.frbr_uri, "lang": self.lang,
                "tradition": self.tradition, "structure": self.structure,
                **({"detection": self.detection.to_dict()} if self.detection is not None else {}),
                **({"metadata": self.given} if self.given else {}),
                "warnings": [w.to_dict() for w in self.warnings]}


def to_bytes(root: etree._Element) -> bytes:
    """Serialise an AKN element the one way the toolkit always does.

    A document's root is written through a ``BytesIO``, whose buffer becomes
    the result without a copy: ``etree.tostring`` would hold its own buffer
    and the copy at once, nearly twice the output's size at peak.
    """
    if root.getparent() is not None or root.getprevious() is not None or root.getnext() is not None:
        return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    out = io.BytesIO()
    root.getroottree().write(out, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return out.getvalue()
