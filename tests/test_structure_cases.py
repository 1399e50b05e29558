"""Structure cases: each ``tests/fixtures/structure/NAME.txt`` parses to the outline in ``NAME.outline``.

An outline has one unit per line, two spaces of indentation per depth:
``element num`` and then `` | heading`` when the unit has one, e.g.::

    part 1 | Preliminary
      section 1 | Short title
        subsection (1)

``num`` is the unit's printed number without the word before it (``PART``,
``Chapter``, ``Section``) and without the punctuation after it (``1.—``); a
schedule is ``attachment``, with its number (``2``, ``FIRST``) and title. An optional first line of the
``.txt`` file, ``# options: --tradition uk --lang en``, gives the options of
``akn parse`` (the line itself is not part of the act). Each case was
written by hand for one layout; they are read by this one loader.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from lxml import etree

import akn

CASES = Path(__file__).parent / "fixtures" / "structure"
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
#: elements that are units of the outline
UNITS = {"part", "subpart", "chapter", "subchapter", "title", "subtitle", "division", "section", "subsection",
         "article", "paragraph", "subparagraph", "clause", "subclause", "point", "indent", "item", "hcontainer",
         "crossHeading"}
#: containers walked through without a line of their own
THROUGH = {"body", "mainBody", "intro", "wrapUp", "content", "list", "blockList"}
_KEYWORD = re.compile(r"^(?:part|subpart|sub-part|chapter|schedule|section|article|sec\.)\s+", re.IGNORECASE)
_OPTIONS = {"--tradition": "tradition", "--lang": "lang", "--country": "country"}


def _num(text: str) -> str:
    return _KEYWORD.sub("", " ".join(text.split())).rstrip(".:—–- ")


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _units(parent, depth: int, out: list[str]) -> None:
    for el in parent:
        tag = etree.QName(el).localname
        if tag in UNITS:
            line = "  " * depth + tag
            num = _num(_text(el.find(NS + "num")))
            if num:
                line += " " + num
            heading = _text(el.find(NS + "heading"))
            if heading:
                line += " | " + heading
            out.append(line)
            _units(el, depth + 1, out)
        elif tag in THROUGH:
            _units(el, depth, out)


def outline(root) -> list[str]:
    """The outline of a parsed act: its body, then each schedule (see the module docstring)."""
    out: list[str] = []
    act = root[0]
    body = act.find(NS + "body")
    if body is not None:
        _units(body, 0, out)
    for attachment in act.iterfind(f"{NS}attachments/{NS}attachment"):
        doc = attachment[0]
        preface = doc.find(NS + "preface")
        number = heading = ""
        if preface is not None:
            number = " ".join(re.sub(r"\b(?:the|schedule)\b", " ", _text(preface.find(f"{NS}longTitle")),
                                     flags=re.IGNORECASE).split())
            heading = next((_text(p) for p in preface.iterfind(NS + "p")), "")
        line = "attachment" + (" " + number if number else "")
        out.append(line + (" | " + heading if heading else ""))
        main = doc.find(NS + "mainBody")
        if main is not None:
            _units(main, 1, out)
    return out


def read_case(path: Path) -> tuple[str, dict]:
    """The text of a case and its parse options (from a first line ``# options: ...``)."""
    text = path.read_text(encoding="utf-8")
    options: dict[str, str] = {}
    first, _, rest = text.partition("\n")
    if first.startswith("# options:"):
        words = shlex.split(first[len("# options:"):])
        for flag, value in zip(words[::2], words[1::2]):
            options[_OPTIONS[flag]] = value
        text = rest
    return text, options


def case_names() -> list[str]:
    return sorted(p.stem for p in CASES.glob("*.txt"))


def test_every_case_has_its_outline():
    names = case_names()
    assert len(names) >= 12
    assert [n for n in names if not (CASES / f"{n}.outline").exists()] == []


@pytest.mark.parametrize("name", case_names())
def test_structure_case(name):
    text, options = read_case(CASES / f"{name}.txt")
    doc = akn.parse(text, source=f"{name}.txt", **options)
    want = (CASES / f"{name}.outline").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert outline(doc.root) == want


@pytest.mark.parametrize("name", case_names())
def test_structure_case_keeps_every_word(name):
    """Every word of the case's text is in the law text of the output, in order; no character is lost or added.

    The words are compared without their digits, in order; the digits as a multiset. A
    number printed glued to its heading (``1Care of rivers``, ``Regulations 20122.``) or
    above-the-number headings (``Definitions`` / ``1. In this Act``) are split or put in
    the order AKN requires (``<num>`` before ``<heading>``): letters never move, and no
    digit is lost.
    """
    text, options = read_case(CASES / f"{name}.txt")
    doc = akn.parse(text, source=f"{name}.txt", **options)
    root = etree.fromstring(doc.xml)
    for meta in root.iter(NS + "meta"):
        meta.getparent().remove(meta)
    law = " ".join(root.itertext()).lower()
    letters = re.compile(r"[^\W\d_]+")
    assert letters.findall(law) == letters.findall(text.lower())
    assert sorted(re.findall(r"\d", law)) == sorted(re.findall(r"\d", text))
