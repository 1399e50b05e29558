"""What every check works on: the parsed document, its source lines, and ways to point into them."""
from __future__ import annotations

import re

from lxml import etree

from akn.document import AKN_NS, Document
from akn.errors import Diagnostic
from akn.lint.registry import CHECKS
from akn.vocab import NUMBERED_UNITS

NS = "{%s}" % AKN_NS

#: the units whose numbers and text are checked
UNITS = NUMBERED_UNITS


class Linter:
    """One lint run over one parsed document and its source text."""

    def __init__(self, doc: Document, text: str, source: str, options: dict | None = None):
        self.doc = doc
        self.text = text
        self.options = dict(options or {})
        self._bare: Document | None = None
        self.root = doc.root
        self.source = source
        self.raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.lines = dict(getattr(doc, "lines", {}) or {})
        self.body = self.root[0].find(NS + "body") if len(self.root) else None
        scope = self.body if self.body is not None else self.root
        self.units = [el for el in scope.iter(*[NS + u for u in UNITS]) if el.get("eId")]

    def bare(self) -> Document:
        """The document parsed again without the post-parse passes (plain text in every block)."""
        if self._bare is None:
            import akn
            self._bare = akn.parse(self.text, source=self.source, passes=(), **self.options)
        return self._bare

    # -- locating ------------------------------------------------------------------------
    def unit_line(self, el: etree._Element) -> int:
        while el is not None:
            eid = el.get("eId")
            if eid and eid in self.lines:
                return self.lines[eid]
            el = el.getparent()
        return 0

    def locate(self, el: etree._Element, fragment: str, start_line: int = 0) -> tuple[int, int]:
        """Line and column of *fragment* in the source, searched from the line of *el*'s unit."""
        line = start_line or self.unit_line(el)
        words = fragment.split()
        if not words:
            return line, 1
        probe = re.compile(r"\s+".join(re.escape(w) for w in words[:4]))
        first = max(line, 1)
        for n in range(first, min(first + 400, len(self.raw) + 1)):
            m = probe.search(self.raw[n - 1])
            if m:
                return n, m.start() + 1
        # the fragment may be wrapped over two lines: look for its first word
        single = re.compile(re.escape(words[0]))
        for n in range(first, min(first + 400, len(self.raw) + 1)):
            m = single.search(self.raw[n - 1])
            if m:
                return n, m.start() + 1
        return line, 1

    def position(self, p: etree._Element, offset: int) -> tuple[int, int]:
        """Line and column of the character at *offset* in the text of block *p*.

        The block's text is its source lines joined by single spaces (the
        parser joins hard-wrapped lines and collapses runs of spaces): find
        the line where the block starts, then walk the lines.
        """
        text = "".join(p.itertext())
        words = text.split()
        line = self.unit_line(p)
        if not words:
            return line, 1
        head = re.compile(r"\s+".join(re.escape(w) for w in words[:4]))
        start = None
        for n in range(max(line, 1), min(max(line, 1) + 400, len(self.raw) + 1)):
            m = head.search(" ".join(self.raw[n - 1].split()))
            if m:
                start, skip = n, m.start()
                break
        if start is None:
            return self.locate(p, text[offset:offset + 40])
        # offset within the collapsed text of the block
        collapsed = " ".join(text.split())
        offset = len(" ".join(text[:offset].split())) + (1 if text[:offset][-1:].isspace() and offset else 0)
        offset = min(offset, len(collapsed))
        n = start
        while n <= len(self.raw):
            raw = self.raw[n - 1]
            norm = " ".join(raw.split())
            if not norm:
                n += 1
                continue
            avail = len(norm) - skip
            if offset < avail or n == len(self.raw):
                return n, _raw_col(raw, skip + offset) + 1
            offset -= avail + 1
            skip = 0
            n += 1
        return start, 1

    def num_col(self, el: etree._Element, line: int) -> int:
        num = el.find(NS + "num")
        if num is None or not line or line > len(self.raw):
            return 1
        text = "".join(num.itertext()).strip()
        at = self.raw[line - 1].find(text) if text else -1
        if at < 0:
            stripped = self.raw[line - 1]
            return len(stripped) - len(stripped.lstrip()) + 1
        return at + 1

    def diag(self, code: str, message: str, line: int, col: int = 1) -> Diagnostic:
        context = self.raw[line - 1] if 0 < line <= len(self.raw) else ""
        return Diagnostic(message, line=line, col=col, source=self.source, severity=CHECKS[code].severity,
                          code=code, context=context)

    def at_unit(self, code: str, message: str, el: etree._Element) -> Diagnostic:
        line = self.unit_line(el)
        return self.diag(code, message, line, self.num_col(el, line))

    def at_text(self, code: str, message: str, p: etree._Element, offset: int) -> Diagnostic:
        line, col = self.position(p, offset)
        return self.diag(code, message, line, col)


def _raw_col(raw: str, index: int) -> int:
    """Index in *raw* of the character at *index* of ``" ".join(raw.split())``."""
    k = 0          # index in the collapsed text
    i = 0
    n = len(raw)
    while i < n and raw[i].isspace():
        i += 1
    while i < n:
        if k >= index:
            return i
        if raw[i].isspace():
            while i < n and raw[i].isspace():
                i += 1
            k += 1
            continue
        i += 1
        k += 1
    return max(i - 1, 0)


def bare_linter(linter: Linter, bare: Document) -> Linter:
    twin = Linter.__new__(Linter)
    twin.__dict__.update(linter.__dict__)
    twin.doc, twin.root = bare, bare.root
    twin.lines = dict(getattr(bare, "lines", {}) or {}) or linter.lines
    return twin


