"""Inline mark-up inside block elements: wrap spans of text in new elements.

The passes that find references and definitions work on the plain text of a
``<p>``; this module turns the spans they find back into mixed content,
keeping every character in place. A ``<p>`` may already hold inline
elements (a pass that ran earlier): only its text and the tails of its
children are searched, never the text inside those children.

>>> from lxml import etree
>>> p = etree.fromstring("<p>see Article 5 and Article 6</p>")
>>> def find(text):
...     return [(m.start(), m.end(), "ref", {"href": "#art_" + m.group(1)})
...             for m in __import__("re").finditer(r"Article (\\d+)", text)]
>>> wrap_spans(p, find, "")
2
>>> etree.tostring(p).decode()
'<p>see <ref href="#art_5">Article 5</ref> and <ref href="#art_6">Article 6</ref></p>'
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

#: a span: start, end, element name, attributes (children of the new element: its text)
Span = tuple[int, int, str, dict]


def text_slots(el: etree._Element) -> list[tuple[etree._Element | None, str]]:
    """The searchable strings of *el*: its text, then the tail of each child (child or None, text)."""
    slots = [(None, el.text or "")]
    for child in el:
        slots.append((child, child.tail or ""))
    return slots


def wrap_spans(el: etree._Element, find: Callable[[str], Iterable[Span]], ns: str) -> int:
    """Wrap the spans *find* returns in each text slot of *el*; returns how many were made.

    Spans must be sorted and must not overlap. ``ns`` is the ``{namespace}``
    prefix of the new elements.
    """
    made = 0
    for child, text in text_slots(el):
        if not text:
            continue
        spans = list(find(text))
        if not spans:
            continue
        made += len(spans)
        new: list[etree._Element] = []
        head = text[:spans[0][0]]
        make = el.makeelement   # in el's document: no move between documents when inserted
        for k, (start, end, tag, attrs) in enumerate(spans):
            node = make(ns + tag, attrs)
            node.text = text[start:end]
            stop = spans[k + 1][0] if k + 1 < len(spans) else len(text)
            node.tail = text[end:stop] or None
            new.append(node)
        if child is None:
            el.text = head or None
            if len(el) == 0:
                el.extend(new)
            else:
                for k, node in enumerate(new):
                    el.insert(k, node)
        else:
            child.tail = head or None
            parent_index = el.index(child)
            for k, node in enumerate(new, 1):
                el.insert(parent_index + k, node)
    return made
