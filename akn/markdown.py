"""Markdown conversions of acts: recognise them and remove their decoration."""
from __future__ import annotations

import re

from akn.normalise import Source

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ANCHOR = re.compile(r"^(?:<a\s+(?:id|name)=\"[^\"]*\"\s*>\s*</a>\s*)+$")
_MD_GLUED = re.compile(r"\s+(#{2,6}\s+\S)")
#: HTML elements a Markdown conversion may carry (``<details><summary>Historical Note</summary>``): markup,
#: not text. Only these names, so that a placeholder of the act (``<name of the applicant>``) stays text.
_HTML_BLOCK = "details|summary|div|p|br|hr|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|blockquote|center"
_HTML_INLINE = "a|abbr|b|cite|code|del|em|font|i|ins|mark|s|small|span|strong|sub|sup|u|wbr"
_HTML_ATTRS = r"(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'))?)*\s*/?"
_HTML_TAG = re.compile(rf"</?(?:(?P<block>{_HTML_BLOCK})|{_HTML_INLINE})\b{_HTML_ATTRS}>", re.IGNORECASE)
#: a list bullet before a numbered unit ("- (a) the purchase ..."): the number carries the structure
_MD_BULLET = re.compile(r"^[-*+]\s+(?=\(?[0-9A-Za-z]{1,4}(?:\.\d{1,3})?[.)]\s)")
#: a footnote glyph with no label before a unit ("[^](3) Every provision ...", "[^]29 Review ...")
_MD_FOOTNOTE_GLYPH = re.compile(r"^\[\^\]\s*")


def strip_markdown(source: Source) -> Source:
    """Remove Markdown decoration that conversions of acts add.

    ``#`` headings, ``>`` quotes, ``**bold**``/``*italic*`` around a whole
    line, backslash escapes and HTML anchor lines go; so do the tags of
    common HTML elements (``<details>``, ``<summary>``, ``<sup>``: their text
    stays; a placeholder of the act such as ``<name of the applicant>`` is
    no such element and stays too), a list
    bullet before a numbered unit (``- (a) ...``) and an empty footnote
    glyph before one (``[^](3) ...``). A heading glued to the end of a
    line (``... in place. ## IV - Procedure``) is split off, keeping its
    line number.

    >>> lines = ["<details>", "<summary>Historical Note</summary>", "- (a) the sale;", "[^](3) Every provision",
    ...          "- a plain bullet"]
    >>> strip_markdown(Source(lines, [1, 2, 3, 4, 5], blank_before=[False] * 5)).lines
    ['Historical Note', '(a) the sale;', '(3) Every provision', '- a plain bullet']
    """
    lines: list[str] = []
    linenos: list[int] = []
    blanks: list[bool] = []
    headings: list[bool] = []
    indents: list[int] = []
    for text, number, blank, indent in zip(source.lines, source.linenos, source.blank_before,
                                           source.indents or [0] * len(source.lines)):
        if _MD_ANCHOR.match(text):
            continue
        if "<" in text:   # block elements part words, inline ones do not
            text = re.sub(r"\s{2,}", " ", _HTML_TAG.sub(lambda m: " " if m.group("block") else "", text)).strip()
            if not text:
                continue
        parts = _MD_GLUED.split(text) if " #" in text else [text]
        pieces = [parts[0]] + ["".join(parts[i:i + 2]) for i in range(1, len(parts), 2)]
        for k, piece in enumerate(pieces):
            is_heading = bool(_MD_HEADING.match(piece))
            piece = _MD_HEADING.sub("", piece)
            while piece.startswith(">"):
                piece = piece[1:].lstrip()
            if piece[:1] in ("-", "*", "+", "["):
                piece = _MD_FOOTNOTE_GLYPH.sub("", _MD_BULLET.sub("", piece))
            if "**" in piece:
                piece = piece.replace("**", "")
            if len(piece) > 2 and piece[0] == "*" and piece[-1] == "*":
                piece = piece[1:-1]
            elif len(piece) > 2 and piece[0] == "_" and piece[-1] == "_":
                piece = piece[1:-1]
            if "\\" in piece:
                piece = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", piece)
            piece = piece.strip()
            if piece:
                lines.append(piece)
                linenos.append(number)
                blanks.append(blank if k == 0 else True)
                headings.append(is_heading)
                indents.append(indent)
    return Source(lines, linenos, source.name, blanks, headings, indents)


def looks_like_markdown(source: Source) -> bool:
    hits = 0
    for text in source.lines[:400]:
        if text.startswith(("#", "**", "> ", "<a id=")):
            hits += 1
    return hits >= 3
