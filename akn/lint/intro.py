"""intro-punctuation: the words before a list end as the tradition requires."""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from akn.errors import Diagnostic
from akn.lint.linter import NS, UNITS, Linter
from akn.lint.numbers import continues_parent, num_text, number_value
from akn.lint.registry import register


_INTRO_END = {"eu": (":", "—", "–"), "uk": (":", "—", "–", "-"), "us": (":", "—", "–"), "kz": (":",), "ru": (":",)}


def check_intro(linter: Linter) -> Iterable[Diagnostic]:
    ends = _INTRO_END.get(linter.doc.tradition, (":",))
    if linter.body is None:
        return
    for intro in linter.body.iter(NS + "intro"):
        ps = intro.findall(NS + "p")
        if not ps:
            continue
        unit = intro.getparent()
        kids = [c for c in unit if etree.QName(c).localname in UNITS]
        if not kids or etree.QName(kids[0]).localname not in ("point", "paragraph", "subsection", "clause",
                                                               "subparagraph", "item"):
            continue
        first = number_value(num_text(kids[0]))
        if first is not None and continues_parent(kids[0], first[0], first[1], linter.doc.lang):
            continue   # not a list intro: a list numbered in two styles (numbering-mixed)
        text = "".join(ps[-1].itertext()).rstrip()
        if text and not text.endswith(ends):
            want = " or ".join(repr(e) for e in ends[:2])
            yield linter.at_text("intro-punctuation", f"the words before this list should end with {want}",
                                 ps[-1], len(text) - 1)



register("intro-punctuation", "warning", "a list intro that does not end as the tradition requires (':', '—')",
         check_intro)
