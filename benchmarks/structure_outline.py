"""The outline of an Akoma Ntoso document: its hierarchical units, for comparing structures.

An outline is a list of :class:`Unit` rows in document order, one per hierarchical unit
(part, chapter, section, subsection, list item ...), each with its depth, its element name,
its number and its heading. Text, eIds, intros and wrap-ups are left out: two documents
with the same outline have the same skeleton, whatever their words.

Normalisation (the same on every side of a comparison):

* ``num``: whitespace collapsed, trailing full stops, dashes and colons removed (``1.`` → ``1``,
  ``1.—`` → ``1``, ``3.1.`` → ``3.1``); brackets are kept as they stand (``(1)``, ``(a)``).
* ``num``: a leading unit word is dropped (``PART 1`` → ``1``, as ``<num>1</num>``).
* ``heading``: whitespace collapsed and case folded; an empty heading is no heading.
* an ``attachment`` (schedule) is one row whose heading is the words of its title (the
  attachment's ``heading`` and ``subheading``, or else its ``doc``'s ``preface``) without
  the word "schedule" and without punctuation: see :func:`norm_schedule_title`. Inside it,
  numbered sections and paragraphs are both ``item`` and their headings are not
  compared: one convention makes every numbered line of a schedule a section with a heading
  (``1. Foo``), another (UK drafting) a paragraph whose first line is text.
* element names: every numbered unit below the subsection level (``paragraph``,
  ``subparagraph``, ``clause``, ``subclause``, ``point``, ``indent``, list ``item``) is
  written ``item``, because one parser says ``blockList/item`` where another says
  ``paragraph``/``subparagraph`` for the same ``(a)``/``(i)``; the depth still tells
  ``(i)`` under ``(a)`` from ``(i)`` beside it.
* an unnumbered ``hcontainer`` (generic content), ``blockList``, ``intro``, ``wrapUp``,
  ``content`` are transparent: their units count at the depth of their parent.
* a ``blockList`` whose items are flat in the markup but carry numbers of several styles
  (``(a)``, ``(b)``, ``(i)``, ``(ii)``, ``(c)``) is nested by numbering style with
  :func:`nest_by_style`, as a reader sees it.

The text form, one unit a line, two spaces of indentation per depth::

    >>> print(to_text([Unit(0, "section", "1", "short title"), Unit(1, "subsection", "(1)", "")]))
    section 1 | short title
      subsection (1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

UNITS = {"book", "part", "subpart", "title", "subtitle", "chapter", "subchapter", "division",
         "subdivision", "article", "section", "subsection", "rule", "subrule", "regulation",
         "subregulation"}
ITEMS = {"paragraph", "subparagraph", "clause", "subclause", "point", "indent", "item", "alinea",
         "list"}

@dataclass(frozen=True)
class Unit:
    depth: int
    element: str
    num: str
    heading: str

    def line(self) -> str:
        text = "  " * self.depth + self.element + (" " + self.num if self.num else "")
        return text + (" | " + self.heading if self.heading else "")


def to_text(units: list[Unit]) -> str:
    return "\n".join(u.line() for u in units)


def from_text(text: str) -> list[Unit]:
    """Read the text form back (``#`` lines and blank lines skipped).

    >>> from_text("part 2 | The Part\\n  section 1\\n")
    [Unit(depth=0, element='part', num='2', heading='the part'), Unit(depth=1, element='section', num='1', heading='')]
    """
    units = []
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        head, _, heading = raw.strip().partition(" | ")
        element, _, num = head.partition(" ")
        heading = norm_schedule_title(heading) if element == "attachment" else norm_heading(heading)
        units.append(Unit(indent // 2, element, norm_num(num), heading))
    return units


NUM_KEYWORDS = {"part", "subpart", "chapter", "subchapter", "section", "sec", "article", "art",
                "title", "book", "division", "subdivision", "schedule", "regulation", "rule"}


def norm_num(num: str) -> str:
    """A unit's number without a leading unit word or the punctuation that ends it.

    The full stop, dash or colon between a number and its text (``1.``, ``1.—``, ``Part 2:``)
    is punctuation of the layout, not part of the number.

    >>> norm_num("1."), norm_num("PART 1"), norm_num("Chapter IV"), norm_num("(a)"), norm_num("3.1.")
    ('1', '1', 'IV', '(a)', '3.1')
    >>> norm_num("1.\u2014"), norm_num("2:"), norm_num("SUBPART")
    ('1', '2', '')
    """
    words = num.split()
    if words and words[0].casefold() in NUM_KEYWORDS:
        words = words[1:]
    return " ".join(words).rstrip(".:-\u2013\u2014 ").strip()


def norm_schedule_title(title: str) -> str:
    """A schedule's title as words, without the word "schedule" and punctuation.

    One parser writes ``<heading>1 - First Schedule</heading>``, another
    ``<docNumber>SCHEDULE 1</docNumber>``; both say which schedule it is.

    >>> norm_schedule_title("Schedule 1 - First Schedule Forms"), norm_schedule_title("SCHEDULE")
    ('1 first forms', '')
    """
    words = re.findall(r"\w+", title.casefold())
    return " ".join(w for w in words if w not in ("schedule", "schedules"))


def norm_heading(heading: str) -> str:
    return " ".join(heading.split()).casefold()


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _child(el, name):
    for c in el:
        if _local(c) == name:
            return c
    return None


def _text(el) -> str:
    return "" if el is None else " ".join("".join(el.itertext()).split())


def outline(xml: bytes | str | etree._Element) -> list[Unit]:
    """The units of an AKN document or fragment (meta and FRBR data ignored)."""
    if isinstance(xml, str):
        xml = xml.encode()
    if isinstance(xml, bytes):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        xml = etree.fromstring(xml, parser)
    units: list[Unit] = []
    _walk(xml, 0, units)
    return units


def _walk(el, depth: int, units: list[Unit], in_schedule: bool = False) -> None:
    name = _local(el)
    if name == "preface" and el.getparent() is not None and _local(el.getparent()) == "doc":
        return  # an attachment's title block: its words are the attachment's heading
    if name in ("meta", ""):
        return
    if name == "blockList":
        start = len(units)
        for c in el:
            _walk(c, depth, units, in_schedule)
        units[start:] = nest_by_style(units[start:], depth)
        return
    if name == "attachment":
        title = " ".join(filter(None, (_text(_child(el, "heading")), _text(_child(el, "subheading")))))
        doc = _child(el, "doc")
        preface = _child(doc, "preface") if doc is not None else None
        if not title and preface is not None:
            title = _text(preface)
        units.append(Unit(depth, "attachment", "", norm_schedule_title(title)))
        for c in el:
            if _local(c) not in ("heading", "subheading"):
                _walk(c, depth + 1, units, True)
        return
    if name == "crossHeading":
        units.append(Unit(depth, "crossHeading", "", norm_heading(_text(el))))
        return
    num = _child(el, "num")
    if name in UNITS or name in ITEMS or (name == "hcontainer" and num is not None):
        element = "item" if name in ITEMS else name
        if name == "hcontainer":
            element = el.get("name") or "hcontainer"
        heading = norm_heading(_text(_child(el, "heading")))
        if in_schedule and element in ("section", "item"):
            element, heading = "item", ""
        units.append(Unit(depth, element, norm_num(_text(num)), heading))
        for c in el:
            _walk(c, depth + 1, units, in_schedule)
        return
    for c in el:
        _walk(c, depth, units, in_schedule)


def _first(el, name):
    for d in el.iter():
        if _local(d) == name:
            return d
    return None


# -- nesting flat lists by numbering style ---------------------------------------------

ROMAN = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def _styles(num: str) -> list[str]:
    """The numbering styles a list number may belong to, most likely first.

    >>> _styles("(a)"), _styles("(i)"), _styles("(ii)"), _styles("(aa)"), _styles("(2)"), _styles("3.1.2")
    (['a'], ['i', 'a'], ['i'], ['aa'], ['1'], ['dotted3'])
    """
    core = num.strip("()").strip()
    if re.fullmatch(r"\d+(\.\d+)+[A-Za-z]*", core):
        return [f"dotted{core.count('.') + 1}"]
    if re.fullmatch(r"\d+[A-Za-z]*", core):
        return ["1"]
    if len(core) == 1 and core in "ivx":
        return ["i", "a"]
    if len(core) == 1 and core in "IVX":
        return ["I", "A"]
    if re.fullmatch(r"[ivxl]+", core) and ROMAN.match(core):
        return ["i"]
    if re.fullmatch(r"[IVXL]+", core) and ROMAN.match(core.lower()):
        return ["I"]
    if re.fullmatch(r"[a-z]", core):
        return ["a"]
    if re.fullmatch(r"[A-Z]", core):
        return ["A"]
    if re.fullmatch(r"([a-z])\1+", core):
        return ["aa"]
    if re.fullmatch(r"([A-Z])\1+", core):
        return ["AA"]
    return ["?"]


def _letter_follows(prev: str, cur: str) -> bool:
    """``(i)`` after ``(h)`` is a letter: the next in the alphabetic sequence."""
    p, c = prev.strip("()").lower(), cur.strip("()").lower()
    return len(p) == len(c) == 1 and ord(c) == ord(p) + 1


def nest_by_style(units: list[Unit], base: int) -> list[Unit]:
    """Re-indent the top-level items of a flat list (at *base* depth) by numbering style.

    A number of a style already open continues that level; a new style opens a level
    below the current one. ``(i)`` right after ``(h)`` is the letter.

    >>> flat = [Unit(0, "item", n, "") for n in ("(a)", "(b)", "(i)", "(ii)", "(c)")]
    >>> [(u.depth, u.num) for u in nest_by_style(flat, 0)]
    [(0, '(a)'), (0, '(b)'), (1, '(i)'), (1, '(ii)'), (0, '(c)')]
    >>> flat = [Unit(0, "item", n, "") for n in ("(g)", "(h)", "(i)", "9.9.1", "9.9.2", "9.9.2.1")]
    >>> [(u.depth, u.num) for u in nest_by_style(flat, 0)]
    [(0, '(g)'), (0, '(h)'), (0, '(i)'), (1, '9.9.1'), (1, '9.9.2'), (2, '9.9.2.1')]
    """
    out: list[Unit] = []
    stack: list[tuple[str, str]] = []  # (style, last number) per open level
    shift = 0
    for u in units:
        if u.depth != base:  # units nested inside an item keep their place below it
            out.append(Unit(u.depth + shift, u.element, u.num, u.heading))
            continue
        styles = _styles(u.num)
        # the letter reading of (i), (v), (x) only where it continues the letters: (h), (i)
        level = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] in styles[1:]
                      and _letter_follows(stack[i][1], u.num)), None)
        if level is None:
            level = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == styles[0]), None)
        if level is None:
            level = len(stack)
            stack.append((styles[0], u.num))
        else:
            del stack[level + 1:]
            stack[level] = (stack[level][0], u.num)
        shift = level
        out.append(Unit(base + level, u.element, u.num, u.heading))
    return out
