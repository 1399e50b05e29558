"""numbering-mixed: one list numbered in two styles."""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from akn.errors import Diagnostic
from akn.lint.linter import Linter
from akn.lint.numbers import num_text, sibling_groups, style_of
from akn.lint.registry import register


def check_mixed(linter: Linter) -> Iterable[Diagnostic]:
    for group in sibling_groups(linter):
        styles: dict[str, etree._Element] = {}
        for el in group:
            style = style_of(num_text(el))
            if not style:
                continue
            if styles and style not in styles:
                first = next(iter(styles))
                yield linter.at_unit("numbering-mixed",
                                     f"{num_text(el)!r} is numbered like {style!r}, the list before it like {first!r}",
                                     el)
                break
            styles.setdefault(style, el)


register("numbering-mixed", "warning", "one list numbered in two styles ((a) then b); Latin among Cyrillic)", check_mixed)
