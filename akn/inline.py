"""Inline mark-up inside block elements: wrap spans of a block's text in new elements.

This is the only way the passes (references, references to other acts,
definitions, terms) change a block, and it can only *add* elements around
characters that are already there: the text of the block, read in document
order (``"".join(el.itertext())``), is the same before and after.

A span is ``(start, end, tag, attrs)``: character offsets into the block's
*full* text, the name of the new element (without namespace) and its
attributes. Spans are taken in order and must not overlap. A block may
already hold inline elements (from the builder, or a pass that ran
earlier); a span is wrapped only when it lies in one run of loose text (the
block's text or a child's tail). One that reaches into a child element, or
overlaps the span before it, or is empty or out of range, is left out, and
the reason is recorded when the caller passes a ``skipped`` list.

>>> from lxml import etree
>>> p = etree.fromstring("<p>see Article 5 and Article 6</p>")
>>> wrap_spans(p, [(4, 13, "ref", {"href": "#art_5"}), (18, 27, "ref", {"href": "#art_6"})])
2
>>> etree.tostring(p).decode()
'<p>see <ref href="#art_5">Article 5</ref> and <ref href="#art_6">Article 6</ref></p>'

A span that would cut an existing element is refused, and the text stays:

>>> skipped = []
>>> wrap_spans(p, [(8, 18, "term", {})], skipped=skipped)
0
>>> skipped
[((8, 18, 'term', {}), 'crosses <ref> at 4-13')]
>>> "".join(p.itertext())
'see Article 5 and Article 6'

Searching: :func:`find_in_slots` runs a finder over each run of loose text
and gives its spans in full-text offsets, ready for :func:`wrap_spans`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

#: a span: start, end (offsets into the block's full text), element name, attributes
Span = tuple[int, int, str, dict]
#: a span left out, and why
Skipped = tuple[Span, str]


def text_slots(el: etree._Element) -> list[tuple[int, etree._Element | None, str]]:
    """The runs of loose text of *el*: (offset in its full text, child before it or None, text).

    >>> from lxml import etree
    >>> [(at, text) for at, _c, text in text_slots(etree.fromstring("<p>a <b>bold</b> c</p>"))]
    [(0, 'a '), (6, ' c')]
    """
    text = el.text or ""
    slots: list[tuple[int, etree._Element | None, str]] = [(0, None, text)]
    at = len(text)
    for child in el:
        at += _inner_length(child)
        tail = child.tail or ""
        slots.append((at, child, tail))
        at += len(tail)
    return slots


def _inner_length(child: etree._Element) -> int:
    """Characters of *child*'s own text and descendants (not its tail)."""
    if not len(child):
        return len(child.text or "") if isinstance(child.tag, str) else 0
    tail = child.tail
    child.tail = None
    try:
        return sum(len(t) for t in child.itertext())
    finally:
        child.tail = tail


def find_in_slots(el: etree._Element, find: Callable[[str], Iterable[Span]]) -> list[Span]:
    """The spans *find* returns on each run of loose text of *el*, in full-text offsets."""
    if not len(el):
        return list(find(el.text or "")) if el.text else []
    out: list[Span] = []
    for at, _child, text in text_slots(el):
        if text:
            out.extend((at + s, at + e, tag, attrs) for s, e, tag, attrs in find(text))
    return out


def wrap_spans(el: etree._Element, spans: Iterable[Span], ns: str = "",
               skipped: list[Skipped] | None = None) -> int:
    """Wrap each span of *el*'s full text in a new element ``ns + tag``; returns how many were made.

    ``ns`` is the ``{namespace}`` prefix of the new elements. Spans that
    cannot be wrapped without changing the text are left out (see the
    module's docstring) and appended to *skipped* with the reason.
    """
    spans = list(spans)
    if not spans:
        return 0
    slots = text_slots(el) if len(el) else [(0, None, el.text or "")]
    total = slots[-1][0] + len(slots[-1][2])
    per_slot: dict[int, list[Span]] = {}
    k = 0
    last_end = 0
    for span in spans:
        start, end = span[0], span[1]
        reason = ""
        if not (0 <= start < end <= total):
            reason = f"empty or outside the text ({start}-{end} of {total})"
        elif start < last_end:
            reason = f"overlaps the span before it (which ends at {last_end})"
        else:
            while k + 1 < len(slots) and slots[k + 1][0] <= start:
                k += 1
            at, _child, text = slots[k]
            if start >= at + len(text) or end > at + len(text):
                nxt = slots[k + 1] if k + 1 < len(slots) else (total, None, "")
                reason = _crossing(nxt[1], at + len(text), nxt[0])
            else:
                per_slot.setdefault(k, []).append(span)
                last_end = end
        if reason and skipped is not None:
            skipped.append((span, reason))
    made = 0
    make = el.makeelement   # in el's document: no move between documents when inserted
    for k in sorted(per_slot, reverse=True):   # last first: inserting does not move the earlier slots
        at, child, text = slots[k]
        group = per_slot[k]
        new: list[etree._Element] = []
        for j, (start, end, tag, attrs) in enumerate(group):
            node = make(ns + tag, attrs)
            node.text = text[start - at:end - at]
            stop = group[j + 1][0] - at if j + 1 < len(group) else len(text)
            node.tail = text[end - at:stop] or None
            new.append(node)
        head = text[:group[0][0] - at] or None
        if child is None:
            el.text = head
            if len(el) == 0:
                el.extend(new)
            else:
                for j, node in enumerate(new):
                    el.insert(j, node)
        else:
            child.tail = head
            index = el.index(child)
            for j, node in enumerate(new, 1):
                el.insert(index + j, node)
        made += len(group)
    return made


def _crossing(child: etree._Element | None, start: int, end: int) -> str:
    name = etree.QName(child).localname if child is not None and isinstance(child.tag, str) else "element"
    return f"crosses <{name}> at {start}-{end}"
