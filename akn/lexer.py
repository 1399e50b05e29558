"""The line lexer: classifies normalised lines and feeds the LALR grammar.

The grammar in ``grammar/act.lark`` sees one token per line of the act (not
one per character), which is what makes parsing linear and fast. This module
decides, for each line, *what* it is, using the patterns of a language
profile, and *where* it belongs, using a small state machine:

* **Joining.** Hard-wrapped lines are joined to the line they continue (see
  :func:`prepare`).
* **Classifying.** Each line becomes a hierarchy head (``Article 5``,
  ``Глава 1.``, ``5-бап.``), a numbered item (``1.``, ``(a)``, ``1)``,
  ``а)``), an editorial note, a frame line (citation, recital, enacting
  formula, signature, annex) or plain text.
* **Nesting.** Heads close every open unit of the same or a lower rank.
  Items nest by numbering style: an item whose style is already open becomes
  the next sibling at that level; a new style opens a level below. The lexer
  emits an explicit ``_END`` token whenever a unit closes, so the grammar
  has no shift/reduce conflicts.
* **Roman or letter?** ``(i)`` after ``(h)`` is the letter i; ``(i)`` as
  the first child of a letter point is the roman numeral one. The same rule
  settles ``(v)``, ``(x)``, ``(l)``, ``(c)``, ``(d)``, ``(m)``::

      (h) ...      letter h
      (i) ...      letter i: (h) is open, and i follows h
      (a) ...      letter a
        (i) ...    roman 1: first child of a letter point
        (ii) ...   roman 2
        (iii) ...  roman 3
      (b) ...      letter b: closes the roman level

* **Chapeau and wrap-up.** Text after a list item whose own text ends with
  ``:`` (an intro) or that starts in lower case stays in the item; other
  text closes the list and becomes the wrap-up of the unit that holds it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token
from lark.lexer import Lexer

from akn.errors import Diagnostic
from akn.nodes import Node
from akn.normalise import Source
from akn.profiles.base import Profile

ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_TERMINAL = tuple(".;:!?»\"”)]…—–")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ANCHOR = re.compile(r"^(?:<a\s+(?:id|name)=\"[^\"]*\"\s*>\s*</a>\s*)+$")
_MD_GLUED = re.compile(r"\s+(#{2,6}\s+\S)")
_CYR_ROMAN = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X"})


def roman_value(label: str) -> int:
    """Value of a lower-case roman numeral, or 0 when *label* is not one.

    >>> roman_value("iv"), roman_value("xii"), roman_value("ii"), roman_value("ab")
    (4, 12, 2, 0)
    """
    if not label or not _ROMAN_RE.match(label):
        return 0
    total = 0
    for a, b in zip(label, label[1:] + " "):
        va, vb = ROMAN_VALUES[a], ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


def clean_num(num: str) -> str:
    """The number as it goes into an eId.

    Brackets, trailing dots and spaces go; dots inside a number become
    hyphens (Russian Federation ``5.1``); Cyrillic look-alikes of roman
    numerals become Latin; letters of any script stay.

    >>> [clean_num(n) for n in ("(a)", "1.", "5.1", "8-1", "4a", "(2A)", "ГЛ", "І", "а)", "3-1)")]
    ['a', '1', '5-1', '8-1', '4a', '2A', 'ГЛ', 'I', 'а', '3-1']
    """
    if num.isascii() and num.isalnum():
        return num
    num = num.strip().strip("().").strip()
    if num and set(num) <= set("IVXLCІХС"):
        num = num.translate(_CYR_ROMAN)
    num = num.replace(".", "-").replace(" ", "").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"[^\w-]", "", num)


def letter_id(letter: str, alphabet: str) -> str:
    """The eId form of a letter item in a non-Latin script: its place in the alphabet, as a Latin letter.

    Parallel Russian and Kazakh texts letter the same items ``а), б), в)``
    and ``а), ә), б)``: both become ``a, b, c`` so that the two expressions
    share their eIds.

    >>> ru = "абвгдежзийклмнопрстуфхцчшщэюя"
    >>> kk = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    >>> [letter_id(x, ru) for x in "абв"], [letter_id(x, kk) for x in "аәб"]
    (['a', 'b', 'c'], ['a', 'b', 'c'])
    """
    base = letter.split(".")[0].split("-")[0]
    suffix = letter[len(base):].replace(".", "-")
    position = alphabet.find(base.lower())
    if position < 0 or alphabet.startswith("abc"):
        return clean_num(letter)
    out = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        out = chr(ord("a") + rem) + out
    return out + suffix


@dataclass(slots=True)
class Classified:
    """One line after classification."""

    kind: str           # head | item | banner | footnote | toc | annex | text
    text: str           # the whole (joined) line
    line: int
    index: int
    head: object = None  # Head for kind == head
    style: str = ""      # item style
    num: str = ""        # printed number (as matched)
    rest: str = ""       # heading of a head, text of an item
    marker: str = ""     # printed marker of a head or item (e.g. "Статья 5.", "(a)")
    heading: str = ""    # run-in heading of an item ("(a) IN GENERAL.—")


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters a match of *pattern* can start with, or None when that cannot be told.

    Lets the classifier skip, in one set look-up, the patterns a line cannot
    match (a line starting with ``1`` is no ``Article``).

    >>> sorted(first_chars(re.compile(r"(?:CHAPTER|Chapter)\\s+\\d")))
    ['C']
    >>> sorted(first_chars(re.compile(r"(?P<num>\\d+)-бап")))[:3]
    ['0', '1', '2']
    >>> first_chars(re.compile(r".*x")) is None
    True
    """
    from re import _constants as c, _parser as p

    def first(items) -> set[str] | None:
        """First characters of a sequence; None when unknown. Empty-matching items add their successors."""
        out: set[str] = set()
        for op, arg in items:
            found, nullable = one(op, arg)
            if found is None:
                return None
            out |= found
            if not nullable:
                return out
        return None   # the whole sequence may match empty: anything may follow

    def one(op, arg) -> tuple[set[str] | None, bool]:
        if op is c.LITERAL:
            return {chr(arg)}, False
        if op is c.SUBPATTERN:
            return seq(arg[-1])
        if op is c.BRANCH:
            out: set[str] = set()
            nullable = False
            for branch in arg[1]:
                found, empty = seq(branch)
                if found is None:
                    return None, False
                out |= found
                nullable = nullable or empty
            return out, nullable
        if op is c.IN:
            out = set()
            for kind, value in arg:
                if kind is c.LITERAL:
                    out.add(chr(value))
                elif kind is c.RANGE:
                    out.update(chr(x) for x in range(value[0], value[1] + 1))
                elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                    out.update("0123456789")
                else:
                    return None, False
            return out, False
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, body = arg
            found, empty = seq(body)
            return found, empty or low == 0
        if op in (c.AT, c.ASSERT_NOT, c.ASSERT):
            return set(), True
        return None, False

    def seq(items) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, arg in items:
            found, nullable = one(op, arg)
            if found is None:
                return None, False
            out |= found
            if not nullable:
                return out, False
        return out, True

    try:
        found = first(p.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - an unusual pattern: always try it
        return None
    if found is None or pattern.flags & re.IGNORECASE:
        return None
    return frozenset(found)


class Classifier:
    """Classifies single lines with one profile's patterns."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.items = list(profile.item_patterns.items())
        editorial = [("banner", profile.banner), ("footnote", profile.footnote), ("toc", profile.toc_placeholder)]
        self.editorial = [(k, p, first_chars(p)) for k, p in editorial if p is not None]
        self.heads = [(h, first_chars(h.pattern)) for h in profile.heads]

    def classify(self, text: str, line: int, index: int, md_heading: bool = False) -> Classified:
        first = text[0]
        for kind, pattern, starts in self.editorial:
            if (starts is None or first in starts) and pattern.match(text):
                return Classified(kind, text, line, index)
        for head, starts in self.heads:
            if starts is not None and first not in starts:
                continue
            if head.markdown_only and not md_heading:
                continue
            m = head.pattern.match(text)
            if m:
                groups = m.groupdict()
                tail = (groups.get("text") or "").strip()
                if tail:  # "1. Short title.—(1) This Act ...": the text after the heading is a line of its own
                    text = text[:m.start("text")].rstrip()
                    m = head.pattern.match(text)
                    groups = m.groupdict()
                num = groups.get("num") or groups.get("num2") or ""
                heading = (groups.get("heading") or "").strip()
                marker = (text[:m.start("heading")] if heading else text).rstrip().rstrip(":–—-").rstrip()
                found = Classified("head", text, line, index, head=head, num=num, rest=heading, marker=marker)
                if tail:
                    found.style = tail  # carried to prepare(), which makes it a line of its own
                return found
        if self.profile.annex is not None:
            m = self.profile.annex.match(text)
            if m:
                groups = m.groupdict()
                return Classified("annex", text, line, index, num=groups.get("num") or "",
                                  rest=(groups.get("heading") or "").strip(), marker=text)
        if first.isdigit() or first in "(—–" or (len(text) > 1 and text[1] == ")"):
            for style, pattern in self.items:
                m = pattern.match(text)
                if m:
                    body = m.group("text") or ""
                    num = m.group("num")
                    groups = m.groupdict()
                    heading = groups.get("heading") or ""
                    if heading:
                        marker = text[:m.start("heading")].rstrip()
                    else:
                        marker = text[:m.start("text")].rstrip() if m.group("text") is not None else text.rstrip()
                    return Classified("item", text, line, index, style=style, num=num, rest=body.strip(),
                                      marker=marker, heading=heading.strip())
        return Classified("text", text, line, index)


def strip_markdown(source: Source) -> Source:
    """Remove Markdown decoration that conversions of acts add.

    ``#`` headings, ``>`` quotes, ``**bold**``/``*italic*`` around a whole
    line, backslash escapes and HTML anchor lines go; a heading glued to the
    end of a line (``... in place. ## IV - Procedure``) is split off, keeping
    its line number.
    """
    lines: list[str] = []
    linenos: list[int] = []
    blanks: list[bool] = []
    headings: list[bool] = []
    for text, number, blank in zip(source.lines, source.linenos, source.blank_before):
        if _MD_ANCHOR.match(text):
            continue
        parts = _MD_GLUED.split(text) if " #" in text else [text]
        pieces = [parts[0]] + ["".join(parts[i:i + 2]) for i in range(1, len(parts), 2)]
        for k, piece in enumerate(pieces):
            is_heading = bool(_MD_HEADING.match(piece))
            piece = _MD_HEADING.sub("", piece)
            while piece.startswith(">"):
                piece = piece[1:].lstrip()
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
    return Source(lines, linenos, source.name, blanks, headings)


def looks_like_markdown(source: Source) -> bool:
    hits = 0
    for text in source.lines[:400]:
        if text.startswith(("#", "**", "> ", "<a id=")):
            hits += 1
    return hits >= 3


def prepare(source: Source, profile: Profile) -> list[Classified]:
    """Classify every line and join hard-wrapped continuations.

    A plain-text line is joined to the line before it when

    * the document separates its paragraphs by blank lines and no blank
      line stands between the two (a wrapped line), or
    * the line before does not end a sentence or a clause and this one does
      not start with a capital letter (a wrapped sentence: ``... N`` /
      ``258-ФЗ ...``, or a heading wrapped onto a second line).

    A numbered line whose number cannot continue the numbering (``5554).``
    after ``ст.`` in a fixed-width text) is a wrapped line too: see
    :class:`Numbering`. Heads only take continuations that do not start with
    a capital. The joined line keeps the first line's number.
    """
    classifier = Classifier(profile)
    blanks = source.blank_before
    md = source.md_heading or None
    paragraph_mode = sum(blanks) >= 0.6 * len(blanks)
    numbering = Numbering()
    run_in = profile.run_in_heading
    out: list[Classified] = []
    for index, (text, number) in enumerate(zip(source.lines, source.linenos)):
        c = classifier.classify(text, number, index, md[index] if md else False)
        if c.kind == "head":
            if c.head.rank <= 50:
                numbering.reset()
            if c.style:  # text run on after the heading: a line of its own
                out.append(c)
                tail, c.style = c.style, ""
                c = classifier.classify(tail, number, index)
            elif run_in is not None and not c.rest and c.head.markdown_only:
                out.append(c)
                continue
        elif (run_in is not None and out and out[-1].kind == "head" and not out[-1].rest
              and out[-1].head.markdown_only and c.kind == "text"):
            m = run_in.match(text)   # "### 5." then "Duties of police officers.—A police officer ..."
            if m:
                out[-1].rest = m.group("heading").strip()
                c = classifier.classify(m.group("text"), number, index)
            else:
                out[-1].rest = text.rstrip(" .—–-")
                continue
        elif c.kind == "item" and not numbering.plausible(c.style, c.num):
            if out:
                _join(out[-1], text)
                continue
            c = Classified("text", text, number, index)
        if out and out[-1].kind == "banner" and _banner_is_bare(out[-1].text, profile) \
                and c.kind in ("text", "item"):
            _join(out[-1], text)   # the body of a publisher's banner, whatever it looks like
            continue
        if c.kind == "text" and out:
            prev = out[-1]
            first = text[0]
            wrapped = paragraph_mode and not blanks[index] and (
                prev.kind not in ("head", "annex")
                # a heading wrapped onto a second line: short, and not a sentence of the body
                or (prev.kind == "head" and prev.rest and len(text) < 120
                    and not text.endswith(_TERMINAL) and not prev.text.endswith(_TERMINAL)))
            continued = (first.islower() or (paragraph_mode and not first.isupper())) \
                and not prev.text.endswith(_TERMINAL) and (prev.kind != "head" or first.islower())
            if wrapped or continued:
                _join(prev, text)
                continue
        out.append(c)
    return out


class Numbering:
    """Tells whether a number can continue the numbering seen so far.

    Numbers of a style restart at each article; a number is plausible when
    it is 1 (a new list), repeats or follows the last one of its style
    (gaps of up to two are tolerated, and reported by ``akn lint``), or is an
    inserted number (``8-1``, ``5.1``, ``4a``) after its base.

    >>> n = Numbering()
    >>> [n.plausible("close_num", x) for x in ("1", "2", "2-1", "3", "5554")]
    [True, True, True, True, False]
    """

    NUMERIC = {"dot", "close_num", "paren_num", "bare_num"}

    def __init__(self):
        self.last: dict[str, int] = {}

    def reset(self):
        self.last.clear()

    def plausible(self, style: str, num: str) -> bool:
        if style not in self.NUMERIC:
            return True
        digits = re.match(r"\d+", num)
        if digits is None:
            return True
        value = int(digits.group(0))
        last = self.last.get(style)
        ok = value <= 3 if last is None else (value == 1 or last <= value <= last + 3)
        if ok:
            self.last[style] = value
        return ok


def _join(prev: Classified, text: str) -> None:
    sep = "" if prev.text.endswith("-") and not prev.text.endswith(" -") and text[:1].islower() else " "
    if sep == "" and len(prev.text) > 1 and not prev.text[-2].isalpha():
        sep = " "
    prev.text = prev.text + sep + text
    if prev.kind == "head":
        prev.rest = (prev.rest + sep + text).strip()
    elif prev.kind == "item":
        prev.rest = (prev.rest + sep + text).strip() if prev.rest else text


class _Open:
    """An open unit on the nesting stack."""

    __slots__ = ("rank", "style", "num", "node", "has_text", "text")

    def __init__(self, rank: int, style: str, num: str, node: Node):
        self.rank = rank
        self.style = style
        self.num = num
        self.node = node
        self.has_text = bool(node.text)
        self.text = node.text


ITEM_RANK = 1000
#: one shared token closes every unit: the grammar drops it, nothing reads its position
_END_TOKEN = Token("_END", "")
_MARKERS = {"_END": _END_TOKEN, "_BODY": Token("_BODY", ""), "_PREAMBLE": Token("_PREAMBLE", "")}


class LineLexer(Lexer):
    """A lark lexer over classified lines (see the module docstring).

    The input handed to ``Lark.parse`` is a :class:`LexInput`.
    """

    def __init__(self, lexer_conf=None):
        pass

    def lex(self, data: "LexInput"):
        return Lexing(data).tokens()


@dataclass
class LexInput:
    lines: list[Classified]
    profile: Profile
    source: Source
    warnings: list[Diagnostic]


class Lexing:
    """One run of the lexer over one document."""

    def __init__(self, data: LexInput):
        self.lines = data.lines
        self.profile = data.profile
        self.source = data.source
        self.warnings = data.warnings
        self.stack: list[_Open] = []
        self.phase = "preface"
        self.in_recitals = False

    # -- token helpers ---------------------------------------------------------
    def enter(self, phase: str, line: int):
        """Move to a later part of the document, emitting its boundary token."""
        if phase == "preamble" and self.phase == "preface":
            yield self.tok("_PREAMBLE", None, line)
        elif phase == "body" and self.phase in ("preface", "preamble", "formula"):
            yield from self.close_all(line)
            yield self.tok("_BODY", None, line)
        self.phase = phase

    @staticmethod
    def tok(kind: str, node: Node | None, line: int) -> Token:
        if node is None:
            return _MARKERS[kind]
        token = Token(kind, node)
        token.line = line
        return token

    def close(self, count: int, line: int):
        stack = self.stack
        for _ in range(count):
            stack.pop()
            yield _END_TOKEN

    def close_all(self, line: int):
        yield from self.close(len(self.stack), line)

    # -- the main loop -----------------------------------------------------------
    def tokens(self):
        lines = self.lines
        profile = self.profile
        n = len(lines)
        i = 0
        last_line = lines[-1].line if lines else 1
        while i < n:
            c = lines[i]
            kind = c.kind
            if kind in ("banner", "footnote", "toc"):
                if self.phase == "formula":
                    yield from self.enter("body", c.line)
                if kind == "footnote":  # a footnote records the history of the article that holds it
                    while self.stack and self.stack[-1].rank == ITEM_RANK:
                        yield from self.close(1, c.line)
                note = Node("note", text=c.text, line=c.line, index=c.index, style=kind)
                yield self.tok("NOTE", note, c.line)
                i += 1
                continue
            phase = self.phase
            if phase == "conclusions" and kind != "annex":
                yield self.tok("CONCL_LINE", Node("p", text=c.text, line=c.line, index=c.index), c.line)
                i += 1
                continue
            if phase in ("preface", "preamble"):
                consumed = yield from self._frame(c)
                if consumed:
                    i += 1
                    continue
            if kind == "annex":
                if self.phase in ("preface", "preamble", "formula"):
                    yield from self.enter("body", c.line)
                yield from self.close_all(c.line)
                if self.phase == "attachments":
                    yield self.tok("_END", None, c.line)
                self.phase = "attachments"
                node = Node("attachment", num=c.marker, clean=clean_num(c.num), heading=c.rest, line=c.line,
                            index=c.index)
                yield self.tok("ANNEX", node, c.line)
                i += 1
                if not c.rest and i < n and _can_be_heading(lines[i], caps_only=False):
                    node.heading = lines[i].text
                    i += 1
                continue
            if phase in ("preface", "preamble", "formula") and kind in ("head", "item", "text"):
                yield from self.enter("body", c.line)
            if self.phase == "body" and profile.conclusions_start is not None and kind == "text" \
                    and profile.conclusions_start.match(c.text):
                yield from self.close_all(c.line)
                yield from self.enter("conclusions", c.line)
                yield self.tok("CONCLUSIONS", Node("p", text=c.text, line=c.line, index=c.index), c.line)
                i += 1
                continue
            if kind == "head":
                i = yield from self._head(c, i)
                continue
            if kind == "item":
                yield from self._item(c)
                i += 1
                continue
            yield from self._text(c)
            i += 1
        yield from self.close_all(last_line)
        if self.phase == "attachments":
            yield self.tok("_END", None, last_line)

    # -- the document frame ------------------------------------------------------
    def _frame(self, c: Classified):
        """Handle a line of the preface or preamble; return True when consumed."""
        p = self.profile
        text = c.text
        node = Node("p", text=text, line=c.line, index=c.index)
        if p.formula is not None and p.formula.match(text):
            yield from self.close_all(c.line)
            yield from self.enter("preamble", c.line)
            yield self.tok("FORMULA", node, c.line)
            self.phase = "formula"
            return True
        if self.phase == "preface":
            if p.preamble_start is not None and p.preamble_start.match(text):
                yield from self.enter("preamble", c.line)
            elif c.kind == "text" and p.preamble_start is None and _looks_like_preamble(text):
                yield from self.enter("preamble", c.line)
            elif c.kind == "text":
                yield self.tok("PREFACE_LINE", node, c.line)
                return True
            else:
                return False
        # preamble
        if p.recitals_intro is not None and p.recitals_intro.match(text):
            self.in_recitals = True
            yield from self.close_all(c.line)
            yield self.tok("RECITALS_INTRO", node, c.line)
            return True
        if self.in_recitals and c.kind == "item" and c.style == "paren_num":
            yield from self.close_all(c.line)
            rec = Node("recital", num=c.marker, clean=clean_num(c.num), text=c.rest, line=c.line, index=c.index)
            self.stack.append(_Open(0, "recital", c.num, rec))
            yield self.tok("RECITAL", rec, c.line)
            return True
        if c.kind == "text":
            if self.stack:  # text of an open recital
                top = self.stack[-1]
                if not top.node.text and not top.has_text:
                    top.node.text = text
                    top.has_text = True
                    return True
                yield self.tok("TEXT", node, c.line)
                return True
            if p.citation is not None and p.citation.match(text):
                node.style = "citation"
                yield self.tok("CITATION", node, c.line)
                return True
            yield self.tok("PREAMBLE_LINE", node, c.line)
            return True
        if c.kind in ("head", "item"):
            yield from self.close_all(c.line)
            return False
        return False

    # -- hierarchy -----------------------------------------------------------------
    def _head(self, c: Classified, i: int):
        head = c.head
        stack = self.stack
        count = 0
        for entry in reversed(stack):
            if entry.rank >= head.rank:
                count += 1
            else:
                break
        yield from self.close(count, c.line)
        node = Node(head.element, num=c.marker, clean=clean_num(c.num), heading=c.rest, line=c.line,
                    index=c.index, label=head.label)
        i += 1
        lines = self.lines
        if not c.rest and head.heading_next_line and i < len(lines) \
                and _can_be_heading(lines[i], head.caps_heading_only):
            node.heading = lines[i].text
            i += 1
        if node.heading:
            self._mark_repealed(node, node.heading)
            if node.status == "removed":  # "Статья 3. Исключена ...": the repeal note is the unit's text
                node.text, node.heading = node.heading, ""
        stack.append(_Open(head.rank, "", c.num, node))
        yield self.tok("HIER", node, c.line)
        return i

    def _inline_notes(self, text: str, c: Classified) -> tuple[str, list[Node]]:
        """Cut editorial parentheticals ("(в ред. ...)") out of a line of law text."""
        pattern = self.profile.inline_note
        if pattern is None or "(" not in text:
            return text, []
        notes = [Node("note", text=m.group(0).strip(), line=c.line, index=c.index, style="footnote")
                 for m in pattern.finditer(text)]
        if not notes:
            return text, []
        return pattern.sub("", text).strip(), notes

    def _item(self, c: Classified):
        style = c.style
        stack = self.stack
        num = c.num
        if style == "paren_alpha":
            style = self._roman_or_alpha(num)
        elif style == "paren_upper" and self.profile.items.get("paren_upper_roman"):
            if roman_value(num.lower()) and self._open_style("paren_upper") is None and \
                    self._innermost_item_style() == "paren_roman":
                style = "paren_upper_roman"
            elif self._open_style("paren_upper_roman") is not None and roman_value(num.lower()):
                style = "paren_upper_roman"
        element = self.profile.items.get(style, "point")
        found = self._open_style(style)
        if found is not None:
            yield from self.close(len(stack) - found, c.line)
        if style == "dash":
            clean = ""   # indents carry no number: their eIds count them (indent_1, indent_2)
        elif style == "close_alpha":
            clean = letter_id(num, self.profile.letters)
        else:
            clean = clean_num(num)
        body, notes = self._inline_notes(c.rest, c)
        node = Node(element, num=c.marker, clean=clean, text=body, line=c.line, index=c.index,
                    style=style, heading=c.heading)
        if body:
            self._mark_repealed(node, body)
        stack.append(_Open(ITEM_RANK, style, num, node))
        yield self.tok("ITEM", node, c.line)
        for note in notes:
            yield self.tok("NOTE", note, c.line)

    def _text(self, c: Classified):
        stack = self.stack
        text, notes = self._inline_notes(c.text, c)
        if notes:
            for note in notes:
                yield self.tok("NOTE", note, c.line)
            if not text:
                return
        block_styles = self.profile.block_styles
        while stack and stack[-1].rank == ITEM_RANK:
            top = stack[-1]
            if not top.has_text:  # the text of an item whose number stood alone
                top.node.text = text
                top.has_text = True
                top.text = text
                self._mark_repealed(top.node, text)
                return
            if top.style in block_styles or top.text.endswith(":") or text[0].islower():
                break
            yield from self.close(1, c.line)
        if stack and stack[-1].rank != ITEM_RANK and self.phase in ("body", "attachments"):
            pass
        node = Node("p", text=text, line=c.line, index=c.index)
        if stack:
            top = stack[-1]
            top.text = text
        yield self.tok("TEXT", node, c.line)

    # -- numbering state machine ---------------------------------------------------
    def _open_style(self, style: str) -> int | None:
        """Index in the stack of the innermost open item of *style*, above the innermost head."""
        stack = self.stack
        for k in range(len(stack) - 1, -1, -1):
            entry = stack[k]
            if entry.rank != ITEM_RANK:
                return None
            if entry.style == style:
                return k
        return None

    def _innermost_item_style(self) -> str:
        if self.stack and self.stack[-1].rank == ITEM_RANK:
            return self.stack[-1].style
        return ""

    def _roman_or_alpha(self, label: str) -> str:
        """Decide whether ``(label)`` is a letter or a roman numeral (module docstring)."""
        value = roman_value(label)
        if not value:
            return "paren_alpha"
        alpha = self._open_style("paren_alpha")
        roman = self._open_style("paren_roman")
        if alpha is not None:
            last = self.stack[alpha].num
            if len(label) == 1 and len(last) == 1 and ord(label) == ord(last) + 1:
                if roman is None or roman < alpha or roman_value(self.stack[roman].num) + 1 != value:
                    return "paren_alpha"
        if roman is not None and roman_value(self.stack[roman].num) + 1 == value:
            return "paren_roman"
        if value == 1 and alpha is not None:
            return "paren_roman"   # first child of a letter point
        if alpha is None and roman is None:
            # no letter list open: (i) starts a roman list only inside an item, else it is a letter
            if label == "i" and self._innermost_item_style() not in ("", "dot", "paren_num"):
                return "paren_roman"
            return "paren_alpha" if len(label) == 1 and label != "i" else (
                "paren_roman" if self._innermost_item_style() else "paren_alpha")
        return "paren_alpha"

    def _mark_repealed(self, node: Node, text: str) -> None:
        pattern = self.profile.repealed
        if pattern is not None and pattern.search(text):
            node.status = "removed"


def _banner_is_bare(text: str, profile: Profile) -> bool:
    m = profile.banner.match(text) if profile.banner is not None else None
    return bool(m) and not text[m.end():].strip()


def _can_be_heading(c: Classified, caps_only: bool) -> bool:
    """Whether the line after a bare ``Article 5`` / ``CHAPTER I`` is its heading."""
    if c.kind != "text":
        return False
    text = c.text
    if len(text) > 250 or text.endswith((":", ";", ",")):
        return False
    if caps_only:
        letters = [ch for ch in text if ch.isalpha()]
        return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    return True


def _looks_like_preamble(text: str) -> bool:
    """A preamble paragraph of an act without preamble keywords (Kazakhstan, Russia)."""
    return len(text) > 120 and text.endswith(".") and "«" not in text[:3]
