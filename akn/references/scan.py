"""Find and resolve the references of a whole document, without changing it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable

from lxml import etree

from akn.profiles import refs_en, refs_kk, refs_ru
from akn.inline import text_slots
from akn.references.blocks import _blocks
from akn.references.english import find_english
from akn.references.index import Index, _descend, resolve
from akn.references.kazakh import find_kazakh
from akn.references.russian import find_russian


def finder_for(lang: str, tradition: str, letters: str, chast_used: bool = False):
    if lang == "rus":
        return lambda text: find_russian(text, tradition, letters, chast_used)
    if lang == "kaz":
        return lambda text: find_kazakh(text, letters)
    return find_english


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


def scan(root: etree._Element, lang: str, tradition: str = "eu", letters: str = "",
         eids: Iterable[str] | None = None, contexts: dict | None = None) -> tuple[Index, list[Link]]:
    """Find and resolve the references in every block of *root* (without changing it).

    *eids* and *contexts* are what the builder knows of the tree (its eIds, the
    units around each block); without them they are read from *root*.
    """
    index = Index(root, eids)
    may_hold = _MAY_HOLD.get(lang, _MAY_HOLD["eng"])
    chast_used = False
    if lang == "rus" and tradition == "ru":
        chast_used = any(re.search(r"(?i)\bчаст(?:ью|и|ь|ям|ями|ях)\s+\d", p.text or "")
                         for p, _ctx in _blocks(root))
    find = finder_for(lang, tradition, letters or "abcdefghijklmnopqrstuvwxyz", chast_used)
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


_MAY_HOLD = {"eng": refs_en.may_hold, "rus": refs_ru.may_hold, "kaz": refs_kk.may_hold}


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


