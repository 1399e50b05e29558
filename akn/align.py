"""Parallel texts: language versions of one act as expressions of one work.

Kazakhstan publishes each law in Kazakh and Russian, with the same
numbering in both (Law "On Legal Acts", art. 23). :func:`parse_parallel`
parses every version, gives them one work FRBR URI, and :func:`compare`
checks that they align unit by unit, by number, not by position: the order
of definitions differs between the languages (alphabetical in Kazakh), and
that is not a mismatch.

>>> from akn.api import parse
>>> ru = parse("Статья 1. Понятия\\n1) первое;\\n2) второе.\\n", lang="ru", source="ru.txt")
>>> kk = parse("1-бап. Ұғымдар\\n2) екінші;\\n1) бірінші;\\n3) үшінші.\\n", lang="kk", source="kk.txt")
>>> [d.message for d in compare([ru, kk])]
['point 3) (art_1__point_3) is in kk.txt but not in ru.txt']
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from akn.document import AKN_NS, Document
from akn.errors import Diagnostic

#: elements compared between versions (numbered units of the body)
UNITS = ("part", "subpart", "title", "subtitle", "chapter", "subchapter", "section", "subsection", "article",
         "paragraph", "subparagraph", "point", "clause", "subclause")
_NS = "{%s}" % AKN_NS


@dataclass
class Unit:
    eid: str
    element: str
    num: str
    line: int


def units(doc: Document) -> dict[str, Unit]:
    """The numbered units of a document by eId."""
    found: dict[str, Unit] = {}
    for el in doc.root.iter(*(_NS + u for u in UNITS)):
        eid = el.get("eId")
        if not eid or "__hcontainer_" in eid:
            continue
        num = el.find(_NS + "num")
        label = "".join(num.itertext()).strip() if num is not None else ""
        found[eid] = Unit(eid, el.tag[len(_NS):], label, doc.lines.get(eid, 0))
    return found


def compare(docs: list[Document]) -> list[Diagnostic]:
    """Report every unit that some versions have and others lack (with its line in the version that has it)."""
    maps = [units(d) for d in docs]
    problems: list[Diagnostic] = []
    for i, (doc, mine) in enumerate(zip(docs, maps)):
        for j, (other, theirs) in enumerate(zip(docs, maps)):
            if i == j:
                continue
            for eid, unit in mine.items():
                if eid in theirs:
                    continue
                parent = eid.rsplit("__", 1)[0] if "__" in eid else ""
                if parent and parent not in theirs:
                    continue   # reported once, at the highest missing unit
                problems.append(Diagnostic(
                    f"{unit.element} {unit.num} ({eid}) is in {doc.source} but not in {other.source}",
                    line=unit.line, col=1, source=doc.source, severity="warning", code="unaligned"))
    return problems


def parse_parallel(paths: list[str | Path], frbr_uri: str | None = None, **options) -> tuple[list[Document], list[Diagnostic]]:
    """Parse language versions of one act as expressions of one work, and compare them.

    The work URI is *frbr_uri* when given, else the first version whose
    date and number were found in its text; every version is then parsed
    with that work URI (each keeps its own language).
    """
    from akn.akn_meta import read_identity
    from akn.api import parse_file
    from akn.metadata import UNKNOWN_DATE, UNKNOWN_NUMBER

    docs = [parse_file(p, frbr_uri=frbr_uri, **options) for p in paths]
    if frbr_uri is None:
        # (a number derived from the title and text, akn.identity, is no number of the act's own)
        known = [d for d in docs if UNKNOWN_DATE not in d.frbr_uri
                 and read_identity(d.root.find("*")).number not in ("", UNKNOWN_NUMBER)]
        work = (known or docs)[0].frbr_uri
        docs = [d if d.frbr_uri == work else parse_file(p, frbr_uri=work, **options) for d, p in zip(docs, paths)]
    langs = [d.lang for d in docs]
    problems = compare(docs)
    if len(set(langs)) != len(langs):
        problems.append(Diagnostic(f"two versions are in the same language ({', '.join(langs)}); "
                                   "expressions of one work need one language each",
                                   source=docs[0].source, severity="warning", code="same-language"))
    return docs, problems
