"""term-unused and term-undefined: defined terms that are never used, quoted terms never defined."""
from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from akn.errors import Diagnostic
from akn.lint.linter import NS, Linter
from akn.lint.registry import register


def _offset_of(p: etree._Element, child: etree._Element) -> int:
    """Where *child* starts in the text of *p*."""
    offset = len(p.text or "")
    for c in p:
        if c is child:
            return offset
        offset += len("".join(c.itertext())) + len(c.tail or "")
    return offset


_QUOTED_START = re.compile(r"^\s*[‘“\"«](?P<term>[^’”\"»]{2,80})[’”\"»]")


def check_terms(linter: Linter) -> Iterable[Diagnostic]:
    root = linter.root
    defined = {t.get("eId"): t.get("showAs") for t in root.iter(NS + "TLCTerm")}
    used = {t.get("refersTo", "")[1:] for t in root.iter(NS + "term")}
    for d in root.iter(NS + "def"):
        eid = d.get("refersTo", "")[1:]
        if eid in defined and eid not in used:
            used.add(eid)   # report once
            p = d.getparent()
            yield linter.at_text("term-unused", f"the term {d.text!r} is defined but never used", p,
                                 _offset_of(p, d))
    names = {(v or "").lower() for v in defined.values()}
    # a point of a definitions article that quotes a term but defines nothing ("(4) ‘watermark’;")
    from akn import lang
    from akn.definitions import definition_articles
    pack = lang.get(linter.doc.lang)
    if linter.body is not None and pack is not None and pack.definitions is not None:
        for article in definition_articles(linter.body, pack.definitions):
            for unit in article.iter(NS + "point", NS + "paragraph", NS + "subsection"):
                content = unit.find(NS + "content")
                p = content.find(NS + "p") if content is not None else None
                if p is None or p.find(NS + "def") is not None or unit.get("status") == "removed":
                    continue
                m = _QUOTED_START.match("".join(p.itertext()))
                if m:
                    yield linter.at_text("term-undefined", f"{m.group('term')!r} is quoted as a defined term "
                                         f"but has no definition", p, m.start("term"))
    pattern = pack.quoted_as_defined if pack is not None else None
    if pattern is None or linter.body is None:
        return
    for p in linter.body.iter(NS + "p"):
        text = "".join(p.itertext())
        for m in pattern.finditer(text):
            term = m.group("term").strip()
            if term.lower() not in names:
                yield linter.at_text("term-undefined", f"{term!r} is quoted as a defined term but has no definition",
                                     p, m.start())


register("term-unused", "warning", "a defined term never used", check_terms)
register("term-undefined", "warning", "a term quoted as defined that has no definition", check_terms)
