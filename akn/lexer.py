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

from dataclasses import dataclass, replace

from lark import Token
from lark.lexer import Lexer

from akn.classify import Classified
from akn.contents import contents_as_text
from akn.nodes import Node
from akn.normalise import Source
from akn.numbering import clean_num, letter_id, roman_value
from akn.profiles.base import Profile


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


class LineToken(Token):
    """A token for one line: its ``value`` is the line's :class:`~akn.nodes.Node`.

    Made with :func:`line_token`, which sets only ``type`` and ``value``: a
    line has no character position (the node knows its line), and lark's
    ``Token()`` constructor, which fills eight fields, costs more than the
    grammar's step on the token.
    """

    __slots__ = ()
    start_pos = line = column = end_line = end_column = end_pos = None


_new_str = str.__new__


def line_token(kind: str, node: Node) -> LineToken:
    """A :class:`LineToken` of type *kind* carrying *node*."""
    token = _new_str(LineToken, kind)
    token.type = kind
    token.value = node
    return token


#: one shared token closes every unit: the grammar drops it, nothing reads its position
_END_TOKEN = Token("_END", "")
_MARKERS = {"_END": _END_TOKEN, "_BODY": Token("_BODY", ""), "_PREAMBLE": Token("_PREAMBLE", "")}


class LineLexer(Lexer):
    """A lark lexer over classified lines (see the module docstring).

    The input handed to ``Lark.parse`` is a :class:`LexInput`.
    """

    def __init__(self, lexer_conf=None):
        pass

    def lex(self, data: LexInput, parser_state=None):   # type: ignore[override]  # (lark hands us our own input)
        return iter(Lexing(data).tokens())


@dataclass
class LexInput:
    lines: list[Classified]
    profile: Profile
    source: Source


class Lexing:
    """One run of the lexer over one document: :meth:`tokens` returns the whole token list.

    Each step appends to ``self.out``. A numbered unit that closes right
    after its own line becomes one ``LEAF`` token instead of ``ITEM _END``:
    most points and paragraphs are one line, and a single token for them
    halves the parser's work on them.
    """

    def __init__(self, data: LexInput):
        self.lines = contents_as_text(data.lines)
        self.profile = data.profile
        self.source = data.source
        self.stack: list[_Open] = []
        self.phase = "preface"
        self.in_recitals = False
        self.out: list[Token] = []
        #: in a tradition whose sections are found by their numbering, numbered lines before the first
        #: head of a document that has heads are front matter (a long title's or a preamble's list)
        self.first_head = -1
        if data.profile.section_forms:
            self.first_head = next((k for k, c in enumerate(self.lines) if c.kind in ("head", "annex")), -1)
        self._last_head: int | None = None   # see last_head()

    def last_head(self) -> int:
        """Index of the body's last hierarchy head (computed when a signature line first asks for it)."""
        if self._last_head is None:
            self._last_head = _last_head(self.lines)
        return self._last_head

    # -- token helpers ---------------------------------------------------------
    def enter(self, phase: str) -> None:
        """Move to a later part of the document, emitting its boundary token."""
        if phase == "preamble" and self.phase == "preface":
            self.out.append(_MARKERS["_PREAMBLE"])
        elif phase == "body" and self.phase in ("preface", "preamble", "formula"):
            self.close_all()
            self.out.append(_MARKERS["_BODY"])
        self.phase = phase

    def emit(self, kind: str, node: Node) -> None:
        self.out.append(line_token(kind, node))

    def close(self, count: int) -> None:
        """Close the *count* innermost open units."""
        stack = self.stack
        out = self.out
        for _ in range(count):
            node = stack.pop().node
            last = out[-1]
            if last.type == "ITEM" and last.value is node:   # nothing inside it: a leaf
                last.type = "LEAF"
            else:
                out.append(_END_TOKEN)

    def close_all(self) -> None:
        self.close(len(self.stack))

    # -- the main loop -----------------------------------------------------------
    def tokens(self) -> list[Token]:
        lines = self.lines
        profile = self.profile
        emit = self.emit
        n = len(lines)
        i = 0
        while i < n:
            c = lines[i]
            kind = c.kind
            if kind == "item" and self.phase == "body":   # the common case first
                self._item(c)
                i += 1
                continue
            if kind in ("banner", "footnote", "toc", "history"):
                if self.phase == "formula":
                    self.enter("body")
                # a history line ("(в ред. ...)") is about the unit just read: it stays where it is
                note = Node("note", text=c.text, line=c.line, index=c.index,
                            style="footnote" if kind == "history" else kind)
                if kind == "footnote":  # a footnote records the history of the article that holds it
                    note.target = next((e.node for e in reversed(self.stack) if e.rank != ITEM_RANK), None)
                emit("NOTE", note)
                i += 1
                continue
            phase = self.phase
            if phase == "conclusions" and kind != "annex":
                emit("CONCL_LINE", Node("p", text=c.text, line=c.line, index=c.index))
                i += 1
                continue
            if phase in ("preface", "preamble") and kind == "item" and i < self.first_head:
                c = Classified("text", c.text, c.line, c.index)
                kind = "text"
            if phase in ("preface", "preamble") and self._frame(c):
                i += 1
                continue
            if kind == "annex":
                if self.phase in ("preface", "preamble", "formula"):
                    self.enter("body")
                self.close_all()
                if self.phase == "attachments":
                    self.out.append(_END_TOKEN)
                self.phase = "attachments"
                node = Node("attachment", num=c.marker, clean=clean_num(c.num), heading=c.rest, line=c.line,
                            index=c.index)
                emit("ANNEX", node)
                i += 1
                if not c.rest and i < n and _can_be_heading(lines[i], caps_only=False):
                    node.heading = lines[i].text
                    i += 1
                continue
            if phase in ("preface", "preamble", "formula") and kind in ("head", "item", "text"):
                self.enter("body")
            if self.phase == "body" and profile.conclusions_start is not None and kind == "text" \
                    and profile.conclusions_start.match(c.text) and i > self.last_head():
                self.close_all()
                self.enter("conclusions")
                emit("CONCLUSIONS", Node("p", text=c.text, line=c.line, index=c.index))
                i += 1
                continue
            if kind == "head":
                i = self._head(c, i)
                continue
            if kind == "item":
                self._item(c)
            else:
                self._text(c)
            i += 1
        self.close_all()
        if self.phase == "attachments":
            self.out.append(_END_TOKEN)
        return self.out

    # -- the document frame ------------------------------------------------------
    def _frame(self, c: Classified) -> bool:
        """Handle a line of the preface or preamble; return True when consumed."""
        p = self.profile
        text = c.text
        node = Node("p", text=text, line=c.line, index=c.index)
        if p.formula is not None and p.formula.match(text):
            self.close_all()
            self.enter("preamble")
            self.emit("FORMULA", node)
            self.phase = "formula"
            return True
        if self.phase == "preface":
            if p.preamble_start is not None and p.preamble_start.match(text):
                self.enter("preamble")
            elif c.kind == "text" and p.preamble_start is None and _looks_like_preamble(text):
                self.enter("preamble")
            elif c.kind == "text":
                self.emit("PREFACE_LINE", node)
                return True
            else:
                return False
        # preamble
        if p.recitals_intro is not None and p.recitals_intro.match(text):
            self.in_recitals = True
            self.close_all()
            self.emit("RECITALS_INTRO", node)
            return True
        if self.in_recitals and c.kind == "item" and c.style == "paren_num":
            self.close_all()
            rec = Node("recital", num=c.marker, clean=clean_num(c.num), text=c.rest, line=c.line, index=c.index)
            self.stack.append(_Open(0, "recital", c.num, rec))
            self.emit("RECITAL", rec)
            return True
        if c.kind == "text":
            if self.stack:  # text of an open recital
                top = self.stack[-1]
                if not top.node.text and not top.has_text:
                    top.node.text = text
                    top.has_text = True
                    return True
                self.emit("TEXT", node)
                return True
            if p.citation is not None and p.citation.match(text):
                node.style = "citation"
                self.emit("CITATION", node)
                return True
            self.emit("PREAMBLE_LINE", node)
            return True
        if c.kind in ("head", "item"):
            self.close_all()
        return False

    # -- hierarchy -----------------------------------------------------------------
    def _head(self, c: Classified, i: int) -> int:
        """Emit a hierarchy head; returns the index of the next line (past a heading on its own line)."""
        head = c.head
        stack = self.stack
        count = 0
        for entry in reversed(stack):
            if entry.rank >= head.rank:
                count += 1
            else:
                break
        self.close(count)
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
        self.emit("HIER", node)
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

    def _item(self, c: Classified) -> None:
        inner = self._first_unit_run_in(c) if c.heading and c.rest[:1] == "(" else None
        if inner is not None:
            c = replace(c, rest="")
        style = c.style
        stack = self.stack
        num = c.num
        profile = self.profile
        if style == "paren_alpha":
            style = self._roman_or_alpha(num)
        elif style == "paren_upper" and profile.items.get("paren_upper_roman"):
            style = self._upper_roman_or_letter(num)
        elif style == "paren_double":
            style = self._double_or_alpha(num)
        element = profile.items.get(style, "point")
        found = self._open_style(style)
        if found is not None:
            self.close(len(stack) - found)
        if style == "dash":
            clean = ""   # indents carry no number: their eIds count them (indent_1, indent_2)
        elif style == "close_alpha":
            clean = letter_id(num, profile.letters)
        else:
            clean = clean_num(num)
        body = c.rest
        notes: list[Node] = []
        if profile.inline_note is not None:
            body, notes = self._inline_notes(body, c)
        # (positional arguments: this runs for most lines of an act)
        node = Node(element, c.marker, clean, c.heading, body, c.line, c.index, style)
        if body:
            self._mark_repealed(node, body)
        if stack:   # a unit that now holds a nested unit takes no more text on its number's line:
            stack[-1].has_text = True   # text after the nested unit stays after it
        stack.append(_Open(ITEM_RANK, style, num, node))
        self.out.append(line_token("ITEM", node))
        for note in notes:
            self.emit("NOTE", note)
        if inner is not None:   # the outer unit's text is its first sub-unit: later text is not its own
            stack[-1].has_text = True
            self._item(inner)

    def _first_unit_run_in(self, c: Classified) -> Classified | None:
        """``(b) Exceptions.—(1) The Secretary ...``: the text after a run-in heading opens the first sub-unit.

        Only a first number of another numbering style (``(1)``, ``(A)``,
        ``(i)``) does: ``(b) Scope.—(1) through (3) apply ...`` reads the same
        way only when it starts a list, and a list starts at one.
        """
        text = c.rest
        for style, pattern in self.profile.item_patterns.items():
            if style == c.style:
                continue
            m = pattern.match(text)
            if m is None:
                continue
            groups = m.groupdict()
            num = groups["num"]
            if num not in ("1", "A", "i", "I", "a", "aa") or groups.get("text") is None:
                return None
            body = groups["text"].strip()
            heading = (groups.get("heading") or "").strip()
            marker = text[:m.start("heading") if heading else m.start("text")].rstrip()
            return Classified("item", text, c.line, c.index, style=style, num=num, rest=body, marker=marker,
                              heading=heading)
        return None

    def _text(self, c: Classified) -> None:
        stack = self.stack
        text, notes = self._inline_notes(c.text, c)
        if notes:
            for note in notes:
                self.emit("NOTE", note)
            if not text:
                return
        block_styles = self.profile.block_styles
        closed = False
        while stack and stack[-1].rank == ITEM_RANK:
            top = stack[-1]
            # the text of an item whose number stood alone; not of one whose sub-units came first
            # (the text follows them: it cannot go before them)
            if not top.has_text and not closed:
                top.node.text = text
                top.has_text = True
                top.text = text
                self._mark_repealed(top.node, text)
                return
            if top.style in block_styles or top.text.endswith(":") or text[0].islower():
                break
            self.close(1)
            closed = True
        node = Node("p", text=text, line=c.line, index=c.index)
        if stack:
            stack[-1].text = text
            stack[-1].has_text = True
        self.emit("TEXT", node)

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
            last = self.stack[alpha].num.split(".")[0]   # "(h.2)" is an inserted h: (i) follows it
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

    def _upper_roman_or_letter(self, label: str) -> str:
        """``(I)``: a capital roman numeral below a roman clause ``(i)``, or the capital letter I after ``(H)``.

        ``(I)`` right below a clause is its first subclause unless a capital
        letter list is open at ``(H)`` and the clause does not introduce a
        list (its text ends neither in ``—`` nor ``:``)::

            (A) ...          letter A
              (i) ... —      roman 1
                (I) ...      capital roman 1: the clause introduces it
                (II) ...     capital roman 2
        """
        value = roman_value(label.lower())
        if not value:
            return "paren_upper"
        upper_roman = self._open_style("paren_upper_roman")
        if upper_roman is not None and roman_value(self.stack[upper_roman].num.lower()) + 1 == value:
            return "paren_upper_roman"
        if self._innermost_item_style() == "paren_roman" and value == 1:
            letter = self._open_style("paren_upper")
            after_h = letter is not None and self.stack[letter].num == "H"
            if not after_h or self.stack[-1].text.rstrip().endswith(("—", "–", ":")):
                return "paren_upper_roman"
        return "paren_upper_roman" if upper_roman is not None else "paren_upper"

    def _double_or_alpha(self, label: str) -> str:
        """``(aa)``: an item below a subclause, or the letter after ``(z)`` in a long letter list."""
        alpha = self._open_style("paren_alpha")
        if alpha is not None:
            last = self.stack[alpha].num
            if last == "z" or (len(last) == len(label) and len(set(last)) == 1):
                return "paren_alpha"
        return "paren_double"

    def _mark_repealed(self, node: Node, text: str) -> None:
        pattern = self.profile.repealed
        if pattern is not None and pattern.search(text):
            node.status = "removed"


def _last_head(lines: list[Classified]) -> int:
    """Index of the body's last hierarchy head (before the first annex), or -1.

    A signature line starts the conclusions only after it: a line inside
    the body that reads like a signatory ("Президент Российской Федерации"
    as a chapter's title, "Қазақстан Республикасының Президенті" in an
    article) is law text, not the end of the act.
    """
    kinds = [c.kind for c in lines]
    end = len(kinds)
    start = 0
    while "annex" in kinds[start:end]:   # the body ends at the first annex after a head
        annex = kinds.index("annex", start, end)
        if "head" in kinds[:annex]:
            end = annex
            break
        start = annex + 1
    body = kinds[:end]
    return end - 1 - body[::-1].index("head") if "head" in body else -1


def _can_be_heading(c: Classified, caps_only: bool) -> bool:
    """Whether the line after a bare ``Article 5`` / ``CHAPTER I`` is its heading."""
    if c.kind != "text":
        return False
    text = c.text
    if len(text) > 250 or text.endswith((":", ";", ",")):
        return False
    if text.endswith(".") and len(text) > 80:   # a sentence of the body, not a heading
        return False
    if caps_only:
        letters = [ch for ch in text if ch.isalpha()]
        return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    return True


def _looks_like_preamble(text: str) -> bool:
    """A preamble paragraph of an act without preamble keywords (Kazakhstan, Russia)."""
    return len(text) > 120 and text.endswith(".") and "«" not in text[:3]
