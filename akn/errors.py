"""Errors and diagnostics.

Every problem found in a user's input is a :class:`Diagnostic` that knows its
file, line and column, and prints as ``file:line:col: severity: message``
followed by the source line and a caret, the way compilers do.

Hard failures raise an :class:`AknError` subclass carrying one diagnostic;
soft problems (text the grammar did not recognise, kept as content) are
warnings collected on the :class:`akn.Document`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One message about the input, anchored at a 1-based line and column.

    >>> d = Diagnostic("unrecognised line kept as text", line=3, col=1, source="bill.txt",
    ...                severity="warning", context="Foo bar")
    >>> print(d.format())
    bill.txt:3:1: warning: unrecognised line kept as text
        Foo bar
        ^
    """

    message: str
    line: int = 0
    col: int = 0
    source: str = "<text>"
    severity: str = "error"  # error | warning | info
    code: str = ""
    context: str = ""  # the source line, for the caret display

    def location(self) -> str:
        if self.line:
            return f"{self.source}:{self.line}:{max(self.col, 1)}"
        return self.source

    def format(self, with_context: bool = True) -> str:
        head = f"{self.location()}: {self.severity}: {self.message}"
        if with_context and self.context:
            shown = self.context.replace("\t", " ")
            if len(shown) > 160:  # keep one screen line around the column
                start = max(0, self.col - 80)
                shown = ("…" if start else "") + shown[start:start + 160]
                caret_col = self.col - start + (1 if start else 0)
            else:
                caret_col = self.col
            return f"{head}\n    {shown}\n    {' ' * max(caret_col - 1, 0)}^"
        return head

    def to_dict(self) -> dict:
        return {"source": self.source, "line": self.line, "col": self.col,
                "severity": self.severity, "code": self.code, "message": self.message}


class AknError(Exception):
    """Base class of the toolkit's errors; ``str()`` is a one-line message."""

    def __init__(self, message: str, diagnostic: Diagnostic | None = None):
        super().__init__(message)
        self.diagnostic = diagnostic or Diagnostic(message)

    def format(self) -> str:
        return self.diagnostic.format()


class InputError(AknError):
    """The input cannot be read as text (binary, empty, undecodable, too large)."""


class ParseError(AknError):
    """The text could not be turned into a document."""


class ValidationError(AknError):
    """An XML document does not satisfy the Akoma Ntoso schema."""


class XmlInputError(AknError):
    """An XML input is not well-formed (or uses forbidden DTD features)."""


class NotAknError(AknError, ValueError):
    """Well-formed XML that is not an Akoma Ntoso 3.0 document (another root, no ``<meta>``, no FRBR URI).

    It is also a :class:`ValueError`, which :func:`akn.graph` raised for such input before.
    """
