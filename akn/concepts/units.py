"""The units of an Akoma Ntoso document whose text concept tagging reads, and their text blocks."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from akn.errors import NotAknError
from akn.vocab import AKN_NS, HIERARCHY, OTHER_HIERARCHY

_A = f"{{{AKN_NS}}}"

#: elements that are units of the hierarchy when they carry an eId
UNIT_NAMES = HIERARCHY | OTHER_HIERARCHY | frozenset(["hcontainer", "recital", "citation"])
#: containers whose units are listed (the document's main text)
BODY_NAMES = frozenset(["body", "mainBody", "judgmentBody", "debateBody", "amendmentBody", "collectionBody", "portionBody", "preamble"])
#: in the preamble only these are units
PREAMBLE_UNITS = frozenset({"recital", "citation"})
#: never descend into these when looking for units or text
SKIP_NAMES = frozenset(["meta", "attachments", "components", "authorialNote", "noteRef", "documentRef", "subFlow", "interstitial"])
#: content that belongs to another act: its units are text of the unit quoting them
QUOTED_NAMES = frozenset({"quotedStructure", "embeddedStructure"})
#: elements whose text is matched (a block of inline text)
BLOCK_NAMES = frozenset(["p", "heading", "subheading", "crossHeading", "listIntroduction", "listWrapUp", "li", "td", "th", "caption", "block", "tocItem"])
#: inline <concept> may be inserted in text directly inside these
INLINE_OK = frozenset(["p", "heading", "subheading", "span", "i", "b", "u", "sup", "sub", "inline", "ins", "del", "listIntroduction", "listWrapUp", "li", "quotedText", "crossHeading", "block"])
#: basic units, in order of preference: the first present in a document is its "provision"
PROVISION_ORDER = ("article", "section", "rule", "regulation")



def local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

@dataclass
class Unit:
    """A hierarchical unit of the document."""
    el: etree._Element
    eid: str
    name: str
    parent: Unit | None
    position: int                       # 1-based among the sibling units
    children: list[Unit] = field(default_factory=list)
    provision: bool = False
    blocks: list[tuple[etree._Element, str, list]] = field(default_factory=list)

    @property
    def number(self) -> str | None:
        num = self.el.find(_A + "num")
        return _clean(_text(num)) if num is not None else None

    @property
    def heading(self) -> str | None:
        h = self.el.find(_A + "heading")
        return _clean(_text(h)) if h is not None else None

    @property
    def text(self) -> str:
        """The unit's own text (not its heading, number or child units)."""
        return "\n".join(t for b, t, _ in self.blocks if local(b) not in ("heading", "subheading") and t.strip())


def _text(el) -> str:
    parts = []
    for node in el.iter():
        if node is not el and local(node) in SKIP_NAMES:
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def doc_element(root):
    """The document element (act, bill, judgment, ...) inside <akomaNtoso>."""
    if local(root) != "akomaNtoso":
        return root
    for child in root:
        if isinstance(child.tag, str):
            return child
    raise NotAknError("not an Akoma Ntoso document: <akomaNtoso> holds no document element")


def units(root) -> list[Unit]:
    """The hierarchical units of the document in document order.

    Units are elements named in :data:`UNIT_NAMES` with an ``eId`` inside the
    body (``body``, ``mainBody``, ``judgmentBody``, ...), plus recitals and
    citations of the preamble. Containers without meaning of their own
    (``list``, ``blockList``, ``intro``, ``content``) are transparent; units
    quoted from other acts (inside ``quotedStructure``) are text, not units.
    """
    doc = doc_element(root)
    out: list[Unit] = []

    def walk(el, parent: Unit | None, in_preamble: bool, siblings: list):
        for child in el:
            name = local(child)
            if not name or name in SKIP_NAMES or name in QUOTED_NAMES:
                continue
            if name in UNIT_NAMES and child.get("eId") and (not in_preamble or name in PREAMBLE_UNITS):
                u = Unit(child, child.get("eId"), name, parent, len(siblings) + 1)
                siblings.append(u)
                out.append(u)
                walk(child, u, in_preamble, u.children)
            else:
                walk(child, parent, in_preamble, siblings)

    top: list[Unit] = []
    for part in doc:
        if local(part) in BODY_NAMES:
            walk(part, None, local(part) == "preamble", top)
    names = {u.name for u in out if u.name not in PREAMBLE_UNITS}
    kind = next((n for n in PROVISION_ORDER if n in names), None)
    for u in out:
        u.provision = u.name == kind
        u.blocks = _blocks(u.el)
    return out


def _blocks(unit_el):
    """Text blocks of a unit: (element, text, segments) where segments map text
    offsets to the text/tail of the lxml nodes holding them."""
    blocks = []

    def walk(el, quoted=False):
        for child in el:
            name = local(child)
            if not name or name in SKIP_NAMES:
                continue
            if name in UNIT_NAMES and child.get("eId") and not quoted:
                continue                       # a child unit holds its own text
            if name in BLOCK_NAMES:
                collect(child)
            elif name == "num" and not quoted:
                continue
            else:
                walk(child, quoted or name in QUOTED_NAMES)

    def collect(block):
        segs: list[tuple[int, int, etree._Element, str]] = []
        buf: list[str] = []
        pos = 0
        nested = []

        def add(s, node, kind):
            nonlocal pos
            if s:
                segs.append((pos, pos + len(s), node, kind))
                buf.append(s)
                pos += len(s)

        def rec(el):
            add(el.text, el, "text")
            for c in el:
                name = local(c)
                if not name or name in SKIP_NAMES:          # comment / PI
                    pass
                elif name in BLOCK_NAMES or name in QUOTED_NAMES:
                    nested.append(c)
                else:
                    rec(c)
                add(c.tail, c, "tail")
        rec(block)
        blocks.append((block, "".join(buf), segs))
        for n in nested:
            if local(n) in BLOCK_NAMES:
                collect(n)
            else:
                walk(n, True)

    walk(unit_el)
    return blocks
