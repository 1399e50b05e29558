"""The text blocks a pass searches, and the units around each of them."""
from __future__ import annotations

from lxml import etree

from akn.references.model import NS, UNITS

def _blocks(root: etree._Element, may_hold=None, known: dict | None = None):
    """Each searchable ``<p>`` with a function giving the eIds of the units around it (outermost first).

    With *may_hold*, a block of plain text (no inline elements yet) is
    yielded only when ``may_hold(text)`` (a cheap test that it may hold a
    reference). The context is computed on first use, and shared: most
    texts hold no reference, and the blocks of one unit have the same.
    *known* gives the contexts of the elements holding blocks where the
    builder recorded them (see :attr:`akn.build.Builder.contexts`).
    """
    doc = root[0] if len(root) else root
    for part in doc:
        if not isinstance(part.tag, str) or part.tag[len(NS):] in ("meta", "preface"):
            continue
        cache: dict[etree._Element, tuple[str, ...] | None] = {part: ()}
        for p in part.iter(NS + "p"):
            if not len(p):
                text = p.text
                if not text or (may_hold is not None and not may_hold(text)):
                    continue
            yield p, _lazy_context(p.getparent(), cache, known)


def _lazy_context(parent, cache, known=None):
    """A function returning the context of *parent*: recorded in *known*, else computed on first use."""
    def get() -> list[str]:
        ctx = known.get(parent) if known else None
        return list(ctx if ctx is not None else _context(parent, cache) or ())
    return get


def _context(el: etree._Element, cache: dict) -> tuple[str, ...] | None:
    """eIds of the units holding *el*, outermost first; None inside a ``<num>`` or heading.

    *cache* maps elements to their context and holds the part searched
    (whose context is empty), so each element is looked at once. Loose text
    after a list continues the unit before it (it has that unit's context).
    """
    if el in cache:
        return cache[el]
    tag = el.tag
    name = tag[len(NS):] if isinstance(tag, str) and tag.startswith(NS) else ""
    parent = el.getparent()
    ctx: tuple[str, ...] | None
    if name in ("num", "heading", "subheading"):
        ctx = None
    elif parent is None:   # not inside the part searched
        ctx = ()
    else:
        ctx = _context(parent, cache)
        if ctx is not None:
            eid = el.get("eId")
            if eid and name in UNITS:
                ctx = ctx + (eid,)
            elif name == "hcontainer" and el.get("name") == "text":
                # text after a list ("Обязательства, указанные в подпунктах 1) ... настоящего пункта")
                prev = el.getprevious()
                prev_id = prev.get("eId") if prev is not None else None
                if prev_id and isinstance(prev.tag, str) and prev.tag[len(NS):] in UNITS:
                    ctx = ctx + (prev_id,)
    cache[el] = ctx
    return ctx
