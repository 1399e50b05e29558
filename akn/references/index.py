"""The document's numbered units, and resolving a reference's path to one of them."""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from akn.eid import PREFIX
from akn.references.model import ANCHORS, TOP, UNITS, Step

class Index:
    """The numbered units of a document, looked up by the eIds they must have.

    A child's eId is its parent's eId, ``__``, the element's prefix and its
    number (:mod:`akn.eid`), so a step down a path is a set lookup; only the
    units a path may start from (articles, sections, chapters ...) are
    indexed by number.
    """

    def __init__(self, root: etree._Element, eids: Iterable[str] | None = None):
        """*eids*: the eIds of the document's units when known (the builder records them), else read from *root*."""
        self.ids: set[str] = set(eids) if eids else set(root.xpath("//@eId"))
        self.top: dict[tuple[str, str], list[str]] = {}
        top_prefixes = {PREFIX.get(t, t): t for t in TOP}
        for eid in self.ids:
            own = eid.rpartition("__")[2]
            prefix, _, num = own.partition("_")
            tag = top_prefixes.get(prefix)
            if tag is not None:
                self.top.setdefault((tag, num.lower()), []).append(eid)
        for found in self.top.values():
            found.sort()

    def kind(self, eid: str) -> str:
        """The element of a unit, from the prefix of the last step of its eId."""
        own = eid.rpartition("__")[2]
        return _ELEMENT_OF.get(own.split("_", 1)[0], "")

    def child(self, parent: str, num: str, kinds: frozenset[str] | None) -> str | None:
        lead = parent + "__" if parent else ""
        for tag in (_CHILD_ORDER if kinds is None else kinds):
            prefix = PREFIX.get(tag, tag)
            for n in (num, num.lower()) if num.lower() != num else (num,):
                eid = f"{lead}{prefix}_{n}"
                if eid in self.ids:
                    return eid
        return None

    def find_top(self, kind: frozenset[str], num: str, context: list[str]) -> str | None:
        found: list[str] = []
        for k in kind:
            found.extend(self.top.get((k, num.lower()), ()))
        if len(found) == 1:
            return found[0]
        if not found:
            return None
        # several (sections numbered per chapter): the one nearest to the text
        best, score, tie = None, -1, False
        for eid in found:
            s = max((len(c) for c in context if eid.startswith(c + "__")), default=0)
            if s > score:
                best, score, tie = eid, s, False
            elif s == score:
                tie = True
        return None if tie else best


#: eId prefix -> element, for the numbered units
_ELEMENT_OF = {PREFIX.get(u, u): u for u in UNITS}
#: the elements a step without a named kind ("(1)" in "Article 5(1)") may be, most likely first
_CHILD_ORDER = ("paragraph", "point", "subsection", "subparagraph", "clause", "subclause", "item", "indent",
                "article", "section", "list_item", "rule", "subrule")



def resolve(index: Index, path: list[Step], context: list[str], relative_to: str = "") -> str | None:
    """The eId *path* points at from a text inside *context* (eIds, outermost first), or None.

    >>> from lxml import etree
    >>> from akn.document import AKN_NS
    >>> xml = ('<act xmlns="%s"><body><article eId="art_5"><paragraph eId="art_5__para_1">'
    ...        '<point eId="art_5__para_1__point_h"/></paragraph></article>'
    ...        '<article eId="art_6"><paragraph eId="art_6__para_1"/></article></body></act>' % AKN_NS)
    >>> ix = Index(etree.fromstring(xml))
    >>> resolve(ix, [Step(frozenset({"article"}), "5"), Step(None, "1"), Step(None, "h")], [])
    'art_5__para_1__point_h'
    >>> resolve(ix, [Step(frozenset({"paragraph"}), "1")], ["art_6"])
    'art_6__para_1'
    """
    if not path:
        if relative_to:
            for eid in reversed(context):
                if index.kind(eid) in _RELATIVE_KINDS.get(relative_to, {relative_to}):
                    return eid
        return None
    first = path[0]
    if relative_to:
        base = None
        for eid in reversed(context):
            if index.kind(eid) in _RELATIVE_KINDS.get(relative_to, {relative_to}):
                base = eid
                break
        if base is None:
            return None
        return _descend(index, base, path)
    if first.kinds is not None and first.kinds & TOP:
        top = index.find_top(frozenset(first.kinds & TOP), first.num, context)
        if top is not None:
            return _descend(index, top, path[1:])
        if not (first.kinds - TOP):
            return None
    # relative: the innermost enclosing unit that has such a child, up to the article
    for eid in reversed(context):
        hit = index.child(eid, first.num, first.kinds)
        if hit is not None:
            return _descend(index, hit, path[1:])
        if index.kind(eid) in ANCHORS:
            break
    return None


_RELATIVE_KINDS = {"article": {"article"}, "section": {"section"}, "chapter": {"chapter"},
                   "paragraph": {"paragraph"}, "point": {"point"}, "part": {"part"},
                   "subsection": {"subsection"}, "subchapter": {"subchapter"}}


def _descend(index: Index, eid: str, steps: list[Step]) -> str | None:
    for step in steps:
        hit = index.child(eid, step.num, step.kinds)
        if hit is None:
            return None
        eid = hit
    return eid

