"""parse: what the parser could not place or understand, as lint findings."""
from __future__ import annotations

from collections.abc import Iterable

from akn.errors import Diagnostic
from akn.lint.linter import Linter
from akn.lint.registry import register


def check_parse(linter: Linter) -> Iterable[Diagnostic]:
    for w in linter.doc.warnings:
        if w.code in ("loose-text", "unrecognised", "duplicate-number", "ref-unresolved"):
            continue   # duplicates are reported by numbering-duplicate, references by ref-missing, at their line
        if w.line:
            yield Diagnostic(w.message, line=w.line, col=w.col or 1, source=linter.source, severity="warning",
                             code="parse", context=w.context)
    for w in linter.doc.warnings:
        if w.code in ("loose-text", "unrecognised") and w.line:
            yield Diagnostic(w.message, line=w.line, col=w.col or 1, source=linter.source, severity="warning",
                             code="parse", context=w.context)


register("parse", "warning", "text the parser could not place or understand", check_parse)
