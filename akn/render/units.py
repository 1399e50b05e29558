"""Units as templates see them: pure functions of the AKN tree.

A unit splits into its title line (num, heading, subheading) and the rest,
consecutive list members grouped (:func:`parts`, :func:`groups`); a few
tests of layout (:func:`is_block`, :func:`has_block`) and a table as a grid
(:func:`table_rows`). Both the engine and the template filters use them;
this module depends on neither.

>>> from lxml import etree
>>> art = etree.fromstring('<article xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
...                        '<num>1</num><heading>Scope</heading><point/><point/><content/></article>')
>>> p = parts(art)
>>> p.num.text, p.heading.text, [(len(g.items), g.is_list) for g in p.groups]
('1', 'Scope', [(2, True), (1, False)])
"""
from __future__ import annotations

from akn.render import families
from akn.render.model import LEAF_UNITS, local


class Parts:
    """A unit split for its template: the title line, then the rest in groups.

    ``name`` (article, point …); ``major`` (opens an outline level: heading and
    TOC entry); ``anchor`` (its page id); ``num``, ``heading``, ``subheading``
    (elements or None) and ``heading_anchor``; ``rest`` (the other children)
    and ``groups`` (the rest, consecutive list members grouped); ``refers``
    (has @refersTo, so concept badges may follow the title).
    """

    __slots__ = ("node", "name", "major", "anchor", "num", "heading", "heading_anchor",
                 "subheading", "rest", "groups", "refers")

    def __init__(self, node, name):
        self.node = node
        self.name = name
        self.major = False
        self.anchor = self.num = self.heading = self.heading_anchor = self.subheading = None
        self.rest = []
        self.groups = []
        self.refers = False


class Group:
    """Consecutive list members (points, items, indents) or one other element."""

    __slots__ = ("items", "is_list")

    def __init__(self, items: list, is_list: bool):
        self.items = items
        self.is_list = is_list

    def __iter__(self):
        return iter(self.items)


_TITLE_PARTS = {"num": "num", "heading": "heading", "subheading": "subheading"}


def parts(node, renderer=None) -> Parts:
    """Split a unit into num / heading / subheading and the remaining children.

    With the :class:`~akn.render.engine.Renderer` at work, the unit's page
    anchors are filled in from the renderer's facts.
    """
    p = Parts(node, local(node))
    p.refers = node.get("refersTo") is not None
    rest = p.rest
    for c in node:
        name = local(c)
        if not name:
            continue
        if not rest and name in _TITLE_PARTS and getattr(p, name) is None:
            setattr(p, name, c)
            continue
        rest.append(c)
    p.groups = groups(rest)
    p.major = p.name in families.UNITS and p.name not in LEAF_UNITS and (
        p.heading is not None or (p.name in families.MAJOR_UNITS and p.num is not None))
    if renderer is not None:
        anchors = renderer.info.anchors
        p.anchor = anchors.get(node)
        if p.heading is not None:
            p.heading_anchor = anchors.get(p.heading)
    return p


def groups(elements) -> list[Group]:
    """Group consecutive points/items/indents so templates can wrap them in a list."""
    out: list[Group] = []
    items = families.LIST_ITEMS
    last = None
    for el in elements:
        name = local(el)
        if not name:
            continue
        if name in items:
            if last is not None and last.is_list:
                last.items.append(el)
                continue
            last = Group([el], True)
        else:
            last = Group([el], False)
        out.append(last)
    return out


def is_block(node) -> bool:
    """Is this element laid out as a block?"""
    return local(node) in families.BLOCK_LEVEL


def has_block(node) -> bool:
    """Does *node* contain a block-level element (a table, a quoted structure …)?"""
    if not len(node):
        return False
    for el in node.iterdescendants():
        if isinstance(el.tag, str) and local(el) in families.BLOCK_LEVEL:
            if not _in_note(el, node):
                return True
    return False


def _in_note(el, stop) -> bool:
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if local(anc) == "authorialNote":
            return True
    return False


def table_rows(table) -> list[list]:
    """The rows of an AKN/HTML table as lists of cells, padded to equal width.

    A cell spanning *n* columns is followed by *n - 1* ``None`` entries, so a
    grid format (a Markdown pipe table) keeps its columns aligned.
    """
    rows: list[list] = []
    for el in table.iter("{*}tr"):
        row: list = []
        for cell in el:
            if local(cell) in ("th", "td"):
                row.append(cell)
                try:
                    span = max(1, min(int(cell.get("colspan", "1")), 100))
                except ValueError:
                    span = 1
                row.extend([None] * (span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return rows
