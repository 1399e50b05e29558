"""Drafting diagnostics: what a reviewer would catch, at the line of the source text.

:func:`lint_text` parses an act and runs the checks of :data:`CHECKS` on the
result. Each check has an id (``numbering-gap``), a severity and a one-line
description; each finding is a :class:`~akn.errors.Diagnostic` anchored at
the line and column of the *source* text (the parser records the line where
every unit starts; findings inside a text are located by searching the
source from there). Checks can be switched off by id.

Each check is a module of this package that registers itself with
:func:`~akn.lint.registry.register`; :class:`~akn.lint.linter.Linter` holds
what they share (the document, its source lines, locating a finding), and
:mod:`akn.lint.numbers` reads printed numbers for the numbering checks.

=====================  ========  ===============================================================
id                     severity  finds
=====================  ========  ===============================================================
numbering-gap          error     a skipped number among siblings (``1, 2, 4``; ``(a), (c)``)
numbering-duplicate    error     a number used twice among siblings (two ``Article 7``)
numbering-order        error     a number smaller than the one before it (``1, 3, 2``)
numbering-mixed        warning   one list numbered in two styles (``(a)``, ``b)``; Latin among Cyrillic)
ref-missing            error     a reference to a unit that does not exist (``Article 12`` of 10)
term-unused            warning   a defined term never used
term-undefined         warning   a term quoted as defined (``‘X’ as defined in``) that has no definition
intro-punctuation      warning   a list intro that does not end as the tradition requires (``:``, ``—``)
empty-unit             error     a numbered unit without any text
editorial-note         warning   an editorial note left inside the law text (``Сноска.``, ``(в ред. ...)``)
parse                  warning   text the parser could not place (kept as loose text)
=====================  ========  ===============================================================

>>> [d.code for d in lint_text("Article 1\\nScope\\n1. One.\\n2. Two.\\n4. Four.\\n", lang="en", tradition="eu")]
['numbering-gap']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from akn.document import Document
from akn.errors import Diagnostic

# the checks register themselves when imported, in this order (the order of --list-checks)
from akn.lint import numbering, mixed, references, terms, intro, empty, editorial, parse  # noqa: F401
from akn.lint.linter import Linter
from akn.lint.registry import CHECKS, Check, register

__all__ = ["CHECKS", "Check", "Linter", "lint_document", "lint_file", "lint_text", "register"]


def lint_document(doc: Document, text: str, source: str = "<text>",
                  disable: Iterable[str] = (), options: dict | None = None) -> list[Diagnostic]:
    """Run every enabled check on a parsed document; findings sorted by line."""
    disabled = set(disable)
    unknown = disabled - set(CHECKS)
    if unknown:
        raise ValueError(f"unknown check id: {', '.join(sorted(unknown))} (known: {', '.join(CHECKS)})")
    linter = Linter(doc, text, source, options)
    found: list[Diagnostic] = []
    done: set[Callable] = set()
    for check in CHECKS.values():
        if check.run in done:
            continue
        done.add(check.run)
        for d in check.run(linter):
            if d.code not in disabled:
                found.append(d)
    unique = {(d.line, d.col, d.code, d.message): d for d in found}
    return sorted(unique.values(), key=lambda d: (d.line, d.col, d.code))


def lint_text(text: str | bytes, *, source: str = "<text>", disable: Iterable[str] = (), **options) -> list[Diagnostic]:
    """Parse *text* (options as :func:`akn.parse`) and lint it."""
    import akn
    from akn.normalise import decode

    # the parse decodes bytes itself, so that its warnings (bytes that are not UTF-8 ...) are kept
    doc = akn.parse(text, source=source, **options)
    if isinstance(text, bytes):
        text = decode(text, source)
    return lint_document(doc, text, source, disable, options)


def lint_file(path, *, disable: Iterable[str] = (), **options) -> list[Diagnostic]:
    """Read a file (any encoding :func:`akn.parse_file` reads) and lint it."""
    from akn.api import read_file

    return lint_text(read_file(path), source=str(path), disable=disable, **options)
