"""Which units are about which concepts: the algorithm of :mod:`akn.concepts`."""
from __future__ import annotations

from dataclasses import dataclass

from akn import languages
from akn.akn_meta import read_identity
from akn.concepts.lexicon import Lexicon, Mention
from akn.concepts.units import Unit, doc_element, units

@dataclass
class Analysis:
    """Result of :func:`analyse`: units, mentions per unit, concepts per unit."""
    lang: str | None
    units: list[Unit]
    mentions: dict[str, list[Mention]]      # eId -> accepted mentions in the unit's own text
    about: dict[str, set[str]]              # eId -> concepts the unit is about


def document_language(root) -> str | None:
    """The language code (eng, rus, kaz) of the document *root* holds, None when it does not say."""
    return read_identity(doc_element(root)).language or None


def analyse(root, lang: str | None = None, *, lexicon: Lexicon | None = None) -> Analysis:
    """Find the concepts of every unit of the AKN tree *root* (not modified)."""
    lex = lexicon or Lexicon.load()
    code = languages.tag(lang or document_language(root)) or None
    us = units(root)
    raw: dict[str, list[Mention]] = {}
    for u in us:
        found = []
        for i, (_b, text, _s) in enumerate(u.blocks):
            for m in lex.find(text, code) if code else ():
                found.append(Mention(m.concept, m.text, m.strong, m.start, m.end, i))
        raw[u.eid] = found

    contains_prov: dict[str, bool] = {}
    for u in reversed(us):
        contains_prov[u.eid] = any(c.provision or contains_prov[c.eid] for c in u.children)

    def scope(u: Unit) -> Unit:
        p: Unit | None = u
        while p is not None:
            if p.provision:
                return p
            p = p.parent
        if contains_prov[u.eid]:
            return u
        top = u
        while top.parent is not None and not contains_prov[top.parent.eid]:
            top = top.parent
        return top

    scopes: dict[str, list[Unit]] = {}
    for u in us:
        scopes.setdefault(scope(u).eid, []).append(u)
    accepted: dict[str, set[str]] = {}
    for members in scopes.values():
        acc = lex.accept(m for u in members for m in raw[u.eid])
        for u in members:
            accepted[u.eid] = acc
    mentions = {u.eid: [m for m in raw[u.eid] if m.concept in accepted[u.eid]] for u in us}
    about: dict[str, set[str]] = {u.eid: {m.concept for m in mentions[u.eid]} for u in us}
    for u in reversed(us):                   # children before parents
        if u.parent is not None and scope(u).eid == scope(u.parent).eid:
            about[u.parent.eid] |= about[u.eid]
    return Analysis(code, us, mentions, about)
