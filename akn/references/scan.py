"""Find and resolve the references of a whole document, without changing it."""
from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable

from lxml import etree

from akn.inline import text_slots
from akn.references.blocks import _blocks
from akn.references.index import Index, _descend, resolve


@dataclass
class Link:
    """A resolved (or unresolved) reference found by :func:`scan`; *start*, *end*: in the block's full text."""

    element: etree._Element     # the <p>
    start: int
    end: int
    text: str
    href: str | None            # None: does not resolve
    upto: str | None = None
    context: str = ""           # eId of the unit that holds the text
    kinds: frozenset[str] = frozenset()   # the kinds of unit the reference names ("?": it does not say)


def scan(root: etree._Element, rules, tradition: str = "eu", letters: str = "",
         eids: Iterable[str] | None = None, contexts: dict | None = None) -> tuple[Index, list[Link]]:
    """Find and resolve the references in every block of *root* (without changing it).

    *rules* are the citation rules of the document's language
    (:class:`akn.lang.ReferenceRules`: ``akn.lang.get("en").references``).
    *eids* and *contexts* are what the builder knows of the tree (its eIds, the
    units around each block); without them they are read from *root*.
    """
    index = Index(root, eids)
    may_hold = rules.may_hold
    survey = rules.survey((p.text or "" for p, _ctx in _blocks(root)), tradition) if rules.survey else None
    letters = letters or "abcdefghijklmnopqrstuvwxyz"

    def find(text):
        return rules.find(text, tradition, letters, survey)
    links: list[Link] = []
    for p, ctx in _blocks(root, may_hold, contexts):
        last_article: str | None = None
        for at, _child, text in text_slots(p):
            if not text or not may_hold(text):
                continue
            for found in find(text):
                if found.external:
                    continue
                for t in found.targets:
                    rel = t.relative_to
                    if rel.startswith("that:"):
                        if last_article is None:
                            href = None
                        else:
                            href = _descend(index, last_article, t.path) if t.path else last_article
                        upto = None
                    else:
                        href = resolve(index, t.path, ctx(), rel)
                        upto = resolve(index, t.upto, ctx(), rel) if t.upto else None
                    if href and index.kind(href) == "article":
                        last_article = href
                    elif href and "__art_" in "__" + href:
                        last_article = _article_of(href) or last_article
                    context = ctx()
                    links.append(Link(p, at + t.start, at + t.end, text[t.start:t.end], href, upto,
                                      context[-1] if context else "", _kinds(t)))
    return index, links


def _kinds(target) -> frozenset[str]:
    if target.relative_to.startswith("that:"):   # "of that section": whose, the text does not say
        return frozenset({"?"})
    kinds: set[str] = set()
    for step in target.path:
        if step.kinds:
            kinds |= step.kinds
    return frozenset(kinds)


def _article_of(eid: str) -> str | None:
    parts = eid.split("__")
    for k, part in enumerate(parts):
        if part.startswith("art_"):
            return "__".join(parts[:k + 1])
    return None


