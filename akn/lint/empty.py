"""empty-unit: a numbered unit without any text."""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from akn.errors import Diagnostic
from akn.lint.linter import NS, UNITS, Linter
from akn.lint.numbers import num_text
from akn.lint.registry import register


def check_empty(linter: Linter) -> Iterable[Diagnostic]:
    for el in linter.units:
        if el.get("status") == "removed":
            continue
        if el.find(NS + "heading") is not None:
            continue
        if any(etree.QName(c).localname in UNITS for c in el):
            continue
        text = "".join(t for c in el if etree.QName(c).localname not in ("num",) for t in c.itertext()).strip()
        if not text:
            yield linter.at_unit("empty-unit", f"{num_text(el) or 'this unit'} has no text", el)


register("empty-unit", "error", "a numbered unit without any text", check_empty)
