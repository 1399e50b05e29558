"""Structure cases of the US, Russian and Kazakh layouts: tests/fixtures/structure/NAME.txt -> NAME.outline.

Each ``.outline`` file is written by hand from the printed act: one unit per
line, two spaces of indentation per depth, ``element num`` and then
`` | heading`` when the unit has one::

    # options: --tradition us
    section 101 | SHORT TITLE.
      subsection (a) | In General

``num`` is the unit's printed number without the word before it and the
full stop after it (``SEC. 101.`` -> ``101``, ``Статья 5.`` -> ``5``,
``5-бап.`` -> ``5``, ``§ 101.`` -> ``101``, ``1.`` -> ``1``); item numbers keep their brackets
(``(a)``, ``а)``, ``б.1)``). A named container prints its name
(``notes | Примечания.``), and ``conclusions`` stands for the act's
conclusions when it has them. The optional first line gives the options of
``akn parse`` (``--tradition``, ``--lang``) for the case.
"""
from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from lxml import etree

import akn

CASES_DIR = FIXTURES / "structure" / "us_cis"
#: this file's cases (the other structure cases have their own loader)
CASES = sorted(p.stem for p in CASES_DIR.glob("*.txt")
               if p.stem.startswith(("us_", "ru_", "kz_", "kk_")) and (CASES_DIR / f"{p.stem}.outline").exists())
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
UNITS = {"part", "subpart", "title", "subtitle", "chapter", "subchapter", "section", "subsection", "article",
         "paragraph", "subparagraph", "point", "clause", "subclause", "indent", "division", "subdivision",
         "book", "tome", "rule", "subrule", "hcontainer"}
_OPTION = re.compile(r"--(lang|tradition)\s+(\S+)")


def options(name: str) -> dict[str, str]:
    """The ``akn parse`` options on the outline's first line (``# options: --tradition us``)."""
    lines = (CASES_DIR / f"{name}.outline").read_text(encoding="utf-8").splitlines()
    return dict(_OPTION.findall(lines[0])) if lines and lines[0].startswith("# options:") else {}


def printed_number(num: str) -> str:
    """``SEC. 101.`` -> ``101``; ``5-бап.`` -> ``5``; ``(a)`` stays.

    >>> [printed_number(n) for n in ("SEC. 101.", "Статья 5.", "5-бап.", "11-1-бап.", "1.", "(a)", "б.1)", "TITLE I",
    ...                              "§ 990101.", "РАЗДЕЛ ВТОРОЙ")]
    ['101', '5', '5', '11-1', '1', '(a)', 'б.1)', 'I', '990101', 'ВТОРОЙ']
    """
    num = re.sub(r"^(?:[^\W\d]+\.?\s+|§\s*)", "", num.strip())   # the word before: SEC., Статья, TITLE, §
    num = re.sub(r"^(\d[\d.-]*?)-?\s*[^\W\d]+\.?$", r"\1", num)   # the word after: 5-бап.
    return num.removesuffix(".")


def outline(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    act = root[0]
    out: list[str] = []

    def walk(el, depth):
        for child in el:
            tag = etree.QName(child).localname
            if tag not in UNITS:
                continue
            if tag == "hcontainer" and child.get("name") in ("text", "empty"):
                continue
            num, heading = child.find(f"{AKN}num"), child.find(f"{AKN}heading")
            label = child.get("name") if tag == "hcontainer" else tag
            line = "  " * depth + label
            if num is not None:
                line += " " + printed_number("".join(num.itertext()))
            if heading is not None:
                line += " | " + " ".join("".join(heading.itertext()).split())
            out.append(line)
            walk(child, depth + 1)

    body = act.find(f"{AKN}body")
    walk(body, 0)
    if act.find(f"{AKN}conclusions") is not None:
        out.append("conclusions")
    return out


def expected(name: str) -> list[str]:
    lines = (CASES_DIR / f"{name}.outline").read_text(encoding="utf-8").splitlines()
    return [line.rstrip() for line in lines if line.strip() and not line.startswith("#")]


def test_there_are_cases_for_each_layout():
    assert {c.split("_")[0] for c in CASES} >= {"us", "ru", "kz", "kk"}


@pytest.mark.parametrize("name", CASES)
def test_structure(name):
    doc = akn.parse_file(CASES_DIR / f"{name}.txt", **options(name))
    assert outline(doc.xml) == expected(name)


@pytest.mark.parametrize("name", CASES)
def test_structure_keeps_every_word_in_order(name):
    """The law text of the output (meta removed) has the input's words, in order.

    Editorial notes are the only text that moves (to ``<meta>``): each is taken
    out of the input where it stood before the words are compared.
    """
    text = (CASES_DIR / f"{name}.txt").read_text(encoding="utf-8")
    doc = akn.parse(text.encode("utf-8"), **options(name))
    root = etree.fromstring(doc.xml)
    for meta in root.iter(f"{AKN}meta"):
        for note in meta.iter(f"{AKN}note"):
            moved = " ".join(" ".join(note.itertext()).split())
            flat = " ".join(text.split())
            assert moved in flat, f"note text not found in the input: {moved!r}"
            text = flat.replace(moved, " ", 1)
        meta.getparent().remove(meta)
    words = re.compile(r"\w+")
    assert words.findall(" ".join(root.itertext())) == words.findall(text)


def test_the_table_of_contents_worked_example():
    import doctest

    import akn.contents
    result = doctest.testmod(akn.contents)
    assert result.attempted > 0 and result.failed == 0


def test_parallel_kazakh_and_russian_cases_share_eids():
    """The two language versions of one Kazakh law, notes of an article included, get the same eIds."""
    ids = {}
    for name in ("kz_signature_in_body", "kk_signature_in_body"):
        doc = akn.parse_file(CASES_DIR / f"{name}.txt", **options(name))
        ids[name] = [el.get("eId") for el in etree.fromstring(doc.xml).iter()
                     if el.get("eId") and not el.get("eId").startswith(("note", "term"))]
    assert ids["kz_signature_in_body"] == ids["kk_signature_in_body"]
    assert "chp_1__art_2__hcontainer_1__para_2" in ids["kk_signature_in_body"]
