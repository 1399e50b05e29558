"""The ``references`` pass: mark each resolved reference ``<ref>`` / ``<rref>``."""
from __future__ import annotations

from lxml import etree

from akn.errors import Diagnostic
from akn.inline import wrap_spans
from akn.references.model import NS
from akn.references.scan import Link, scan

def link(root: etree._Element, context) -> list[Diagnostic]:
    """The post-parse pass: mark every resolved internal reference.

    Registered in :data:`akn.postprocess.PASSES` as ``references``.
    """
    profile = context.profile
    _index, links = scan(root, profile.lang, profile.tradition, profile.letters, getattr(context, "lines", None),
                         getattr(context, "contexts", None))
    by_p: dict[int, tuple[etree._Element, dict[int, list[Link]]]] = {}
    for ln in links:
        if ln.href is None:
            continue
        entry = by_p.get(id(ln.element))
        if entry is None:
            entry = by_p[id(ln.element)] = (ln.element, {})
        entry[1].setdefault(id(ln.slot), []).append(ln)  # type: ignore[attr-defined]
    for p, per_slot in by_p.values():
        _apply(p, per_slot)
    return []


def _spans(group: list[Link]):
    spans = []
    last = -1
    for ln in sorted(group, key=lambda x: x.start):
        if ln.start < last:
            continue
        if ln.upto:
            spans.append((ln.start, ln.end, "rref", {"from": "#" + ln.href, "upTo": "#" + ln.upto}))
        else:
            spans.append((ln.start, ln.end, "ref", {"href": "#" + ln.href}))
        last = ln.end
    return spans


def _apply(p: etree._Element, per_slot: dict[int, list[Link]]) -> None:
    """Wrap the links of each text slot of *p* (its text, the tails of its children)."""
    if not len(p):   # the usual case: plain text, one slot
        spans = _spans(per_slot.get(id(None), []))
        if spans:
            wrap_spans(p, lambda _t: spans, NS)
        return
    slots = [(None, p.text or "")] + [(c, c.tail or "") for c in p]
    for owner, text in reversed(slots):   # last first: inserting does not move the earlier slots
        group = per_slot.get(id(owner))
        if not group:
            continue
        tmp = etree.Element("tmp")
        tmp.text = text
        spans = _spans(group)
        wrap_spans(tmp, lambda _t: spans, NS)
        if owner is None:
            p.text = tmp.text
            for k, node in enumerate(list(tmp)):
                p.insert(k, node)
        else:
            owner.tail = tmp.text
            at = p.index(owner)
            for k, node in enumerate(list(tmp), 1):
                p.insert(at + k, node)


