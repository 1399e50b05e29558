"""What a reference is: a path of numbered steps, and the targets a phrase names.

A reference is a *path* of numbered steps, largest first (``art 7 > 1 > 3``);
a phrase of the text (``points (a) and (b) of paragraph 2``) gives one
:class:`Target` per member of its list, each with its character span.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from akn.document import AKN_NS
from akn.vocab import HIERARCHY

NS = "{%s}" % AKN_NS

#: elements that are numbered units (they carry an eId made from their number)
UNITS = HIERARCHY | {"list_item", "attachment"}
#: units a path may start from without a context (looked up in the whole document)
TOP = {"part", "subpart", "title", "subtitle", "chapter", "subchapter", "section", "article", "book"}
#: the unit a relative reference does not climb above
ANCHORS = {"article", "section"}
#: inline containers whose text is searched
BLOCKS = ("p",)
#: parts of an act whose text is searched
PARTS = ("preamble", "body", "mainBody", "conclusions")


@dataclass
class Step:
    kinds: frozenset[str] | None   # which elements the step may be (None: any)
    num: str


@dataclass
class Target:
    start: int
    end: int
    path: list[Step]
    upto: list[Step] | None = None   # a range: path .. upto
    relative_to: str = ""            # "article", "paragraph"...: "this Article" / "настоящей статьи"


@dataclass
class Found:
    """One reference phrase in a text: its targets (one per member of a list)."""

    targets: list[Target] = field(default_factory=list)
    external: bool = False

