"""Drafting diagnostics: what a reviewer would catch, at the line of the source text.

:func:`lint_text` parses an act and runs the checks of :data:`CHECKS` on the
result. Each check has an id (``numbering-gap``), a severity and a one-line
description; each finding is a :class:`~akn.errors.Diagnostic` anchored at
the line and column of the *source* text (the parser records the line where
every unit starts; findings inside a text are located by searching the
source from there). Checks can be switched off by id.

=====================  ========  ===============================================================
id                     severity  finds
=====================  ========  ===============================================================
numbering-gap          error     a skipped number among siblings (``1, 2, 4``; ``(a), (c)``)
numbering-duplicate    error     a number used twice among siblings (two ``Article 7``)
numbering-order        error     a number smaller than the one before it (``1, 3, 2``)
numbering-mixed        warning   one list numbered in two styles (``(a)``, ``b)``; Latin among Cyrillic)
ref-missing            error     a reference to a unit that does not exist (``Article 12`` of 10)
term-unused            warning   a defined term never used
term-undefined         warning   a term quoted as defined (``‘X’ as defined in``) that has no definition
intro-punctuation      warning   a list intro that does not end as the tradition requires (``:``, ``—``)
empty-unit             error     a numbered unit without any text
editorial-note         warning   an editorial note left inside the law text (``Сноска.``, ``(в ред. ...)``)
parse                  warning   text the parser could not place (kept as loose text)
=====================  ========  ===============================================================

>>> [d.code for d in lint_text("Article 1\\nScope\\n1. One.\\n2. Two.\\n4. Four.\\n", lang="en", tradition="eu")]
['numbering-gap']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from lxml import etree

from akn.document import AKN_NS, Document
from akn.errors import Diagnostic

NS = "{%s}" % AKN_NS

_UNITS = {"part", "subpart", "title", "subtitle", "chapter", "subchapter", "section", "subsection", "article",
          "paragraph", "subparagraph", "point", "clause", "subclause", "item", "division", "subdivision", "book",
          "tome", "rule", "subrule"}
_ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    description: str
    run: Callable[["Linter"], Iterable[Diagnostic]]


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
        self.units = [el for el in scope.iter(*[NS + u for u in _UNITS]) if el.get("eId")]

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


# ---------------------------------------------------------------------------------------------
# numbering
# ---------------------------------------------------------------------------------------------
def _num_text(el) -> str:
    num = el.find(NS + "num")
    return "".join(num.itertext()).strip() if num is not None else ""


def _value(num: str) -> tuple[str, int, str] | None:
    """(kind, value, suffix) of a printed number: ``Article 12`` -> ('d', 12, ''), ``(c)`` -> ('a', 3, '')."""
    core = re.sub(r"^(?:[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі§]+\.?\s+)", "", num.strip()) if " " in num.strip() else num
    core = core.strip().strip("().").rstrip(")").strip()
    core = re.sub(r"[-\s]*(?:бап|тарау|бөлім|параграф)\.?$", "", core, flags=re.I).strip().rstrip(".")
    m = re.fullmatch(r"(\d+)((?:[.-]\d+)*[a-zA-Z]{0,3})", core)
    if m:
        return "d", int(m.group(1)), m.group(2)
    if _ROMAN.match(core) and core.isupper():
        return "R", _roman(core), ""
    if len(core) == 1 and core.isalpha():
        return ("l" if core.isascii() else "c"), ord(core.lower()), ""
    if len(core) == 2 and core[0] == core[1] and core.isalpha():   # (aa): inserted after (a)
        return ("l" if core.isascii() else "c"), ord(core[0].lower()), "a"
    if _ROMAN.match(core):
        return "r", _roman(core), ""
    return None


def _roman(s: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    s = s.lower()
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


#: letters that letter items in Kazakh and Russian texts (ё, й and the signs are skipped)
_CYR_KK = "аәбвгғдежзиіклмнңоөпрстуұүфхһцчшыэюя"
_CYR_RU = "абвгдежзиклмнопрстуфхцчшщэюя"


def _sibling_groups(linter: Linter):
    """Units grouped into the lists whose numbering is checked.

    Articles (and the sections of UK and US acts) are numbered through the
    whole act; every other unit among the siblings of the same element.
    """
    groups: dict[tuple, list[etree._Element]] = {}
    through = {"article"} | ({"section"} if linter.doc.tradition in ("uk", "us") else set())
    for el in linter.units:
        name = etree.QName(el).localname
        if name in through:
            key: tuple = ("document", name)
        else:
            parent = el.getparent()
            while parent is not None and parent.get("eId") is None and etree.QName(parent).localname != "body":
                parent = parent.getparent()
            key = (parent, name)
        groups.setdefault(key, []).append(el)
    return groups.values()


def _letter_rank(ch: int, kind: str, lang: str) -> int:
    if kind == "l":
        return ch - ord("a")
    alphabet = _CYR_KK if lang == "kaz" else _CYR_RU
    k = alphabet.find(chr(ch))
    return k if k >= 0 else ch


def _offset_of(p: etree._Element, child: etree._Element) -> int:
    """Where *child* starts in the text of *p*."""
    offset = len(p.text or "")
    for c in p:
        if c is child:
            return offset
        offset += len("".join(c.itertext())) + len(c.tail or "")
    return offset


def check_numbering(linter: Linter) -> Iterable[Diagnostic]:
    lang = linter.doc.lang
    for group in _sibling_groups(linter):
        prev = None
        seen: dict[str, etree._Element] = {}
        nums = [_num_text(el).strip("().").lower() for el in group]
        later = [_value(_num_text(el)) for el in group]
        roman = bool(nums) and nums[0] == "i" and any(n in ("ii", "iii", "iv") for n in nums)
        for position, el in enumerate(group):
            num = _num_text(el)
            if not num:
                continue
            parsed = _value(num)
            if parsed is None:
                continue
            if roman and _ROMAN.match(num.strip("().")):
                parsed = ("r", _roman(num.strip("().")), "")
            if parsed[0] == "r" and position and not roman:
                # "(a) ... (i) (ii) (iv)": the parser could not continue the roman list under (a)
                last = _last_roman_child(group[position - 1])
                if last is not None and parsed[1] > last[1] + 1:
                    missing = parsed[1] - last[1] - 1
                    yield linter.at_unit("numbering-gap", f"{num!r} follows {last[0]!r}: {missing} number"
                                         f"{'s' if missing > 1 else ''} missing", el)
                    continue
            kind, value, suffix = parsed
            if kind in ("l", "c"):
                value = _letter_rank(value, kind, lang)
            key = f"{kind}{value}{suffix}"
            if key in seen:
                yield linter.at_unit("numbering-duplicate", f"number {num!r} is used twice in this list", el)
                prev = (kind, value, suffix)
                continue
            seen[key] = el
            if prev is not None and prev[0] == kind:
                pkind, pvalue, psuffix = prev
                if suffix:            # an inserted number (8-1, 4a, (aa)) follows its base or another insert
                    if value < pvalue:
                        yield linter.at_unit("numbering-order", f"{num!r} comes after a higher number", el)
                elif value < pvalue or (value == pvalue and not psuffix):
                    yield linter.at_unit("numbering-order", f"{num!r} comes after a higher number", el)
                elif value > pvalue + 1 and not _comes_later(later[:position] + later[position + 1:], kind, pvalue,
                                                            value, lang):
                    missing = value - pvalue - 1
                    yield linter.at_unit("numbering-gap",
                                         f"{num!r} follows number {_show(pvalue, kind, lang)}: "
                                         f"{missing} number{'s' if missing > 1 else ''} missing", el)
            elif prev is None and _continues_parent(el, kind, value, lang):
                parent_num = _num_text(_unit_parent(el))
                yield linter.at_unit("numbering-mixed",
                                     f"{num!r} continues the list of {parent_num!r} but is numbered in another style",
                                     el)
            elif prev is None and kind == "d" and value > 1 and not suffix and len(group) > 1 \
                    and etree.QName(el).localname not in ("article", "section", "chapter", "part", "title"):
                yield linter.at_unit("numbering-gap", f"the list starts at {num!r}, not at 1", el)
            prev = (kind, value, suffix)


def _last_roman_child(el) -> tuple[str, int] | None:
    kids = [c for c in el if isinstance(c.tag, str) and c.get("eId")]
    if not kids:
        return None
    num = _num_text(kids[-1])
    core = num.strip("().")
    return (num, _roman(core)) if _ROMAN.match(core) and core.islower() else None


def _unit_parent(el):
    parent = el.getparent()
    while parent is not None and parent.get("eId") is None:
        parent = parent.getparent()
    return parent


def _ordinal(num: str, lang: str) -> tuple[str, int] | None:
    """Style and 1-based place of a printed number: ``(b)`` -> ('(a)', 2), ``3)`` -> ('1)', 3)."""
    parsed = _value(num)
    if parsed is None or parsed[2]:
        return None
    kind, value, _suffix = parsed
    if kind in ("l", "c"):
        value = _letter_rank(value, kind, lang) + 1
    return _style(num), value


def _continues_parent(el, kind: str, value: int, lang: str) -> bool:
    """A first child that carries on its parent's numbering in another style: (a), (b) then (3)."""
    parent = _unit_parent(el)
    if parent is None or etree.QName(parent).localname != etree.QName(el).localname:
        return False
    mine, theirs = _ordinal(_num_text(el), lang), _ordinal(_num_text(parent), lang)
    if mine is None or theirs is None or mine[1] <= 1:
        return False
    return mine[0] != theirs[0] and mine[1] == theirs[1] + 1


def _comes_later(rest, kind: str, low: int, high: int, lang: str) -> bool:
    """Whether a number between *low* and *high* stands elsewhere in the list (then the fault is the order)."""
    for parsed in rest:
        if parsed is None or parsed[0] != kind:
            continue
        value = _letter_rank(parsed[1], kind, lang) if kind in ("l", "c") else parsed[1]
        if low < value < high:
            return True
    return False


def _show(value: int, kind: str, lang: str) -> str:
    if kind == "l":
        return chr(ord("a") + value)
    if kind == "c":
        alphabet = _CYR_KK if lang == "kaz" else _CYR_RU
        return alphabet[value] if value < len(alphabet) else str(value)
    return str(value)


def _style(num: str) -> str:
    """The shape of a printed number: ``(a)`` -> ``(a)``, ``12)`` -> ``1)``, ``б)`` -> ``(cyr))``."""
    num = num.strip()
    if " " in num:
        return ""
    shape = re.sub(r"\d+[A-Za-z]{0,2}(?:[.-]\d+)*", "1", num)   # inserted numbers (3a, 8-1, 5.1) keep the shape
    shape = re.sub(r"[A-Za-z]+", "a", shape)
    shape = re.sub(r"[^\W\d_a]+", "я", shape)
    return shape


def check_mixed(linter: Linter) -> Iterable[Diagnostic]:
    for group in _sibling_groups(linter):
        styles: dict[str, etree._Element] = {}
        for el in group:
            style = _style(_num_text(el))
            if not style:
                continue
            if styles and style not in styles:
                first = next(iter(styles))
                yield linter.at_unit("numbering-mixed",
                                     f"{_num_text(el)!r} is numbered like {style!r}, the list before it like {first!r}",
                                     el)
                break
            styles.setdefault(style, el)


# ---------------------------------------------------------------------------------------------
# references and terms
# ---------------------------------------------------------------------------------------------
def check_references(linter: Linter) -> Iterable[Diagnostic]:
    from akn.profiles import REGISTRY
    from akn.references import scan

    doc = linter.doc
    letters = next((p.letters for p in REGISTRY.values() if p.lang == doc.lang and p.tradition == doc.tradition),
                   "")
    bare = linter.bare()   # the text before other passes wrapped parts of it
    index, links = scan(bare.root, doc.lang, doc.tradition, letters)
    kinds = {index.kind(e) for e in index.ids}
    for ln in links:
        if ln.href is not None:
            continue
        # only what can be judged: a kind of unit this act has ("clause (a)" in an act without clauses is not)
        if ln.kinds and not (ln.kinds <= kinds):
            continue
        yield bare_linter(linter, bare).at_text("ref-missing", f"{ln.text!r} refers to a unit that does not exist",
                                                ln.element, ln.start)


def bare_linter(linter: "Linter", bare: Document) -> "Linter":
    twin = Linter.__new__(Linter)
    twin.__dict__.update(linter.__dict__)
    twin.doc, twin.root = bare, bare.root
    twin.lines = dict(getattr(bare, "lines", {}) or {}) or linter.lines
    return twin


_QUOTED_START = re.compile(r"^\s*[‘“\"«](?P<term>[^’”\"»]{2,80})[’”\"»]")
_QUOTED_AS_DEFINED = {
    "eng": re.compile(r"[‘'“\"](?P<term>[^’'”\"]{2,80})[’'”\"]\s*,?\s+(?:as\s+defined\s+in|within\s+the\s+meaning\s+of)"),
    "rus": re.compile(r"«(?P<term>[^»]{2,80})»\s*,?\s+(?:в\s+значении|как\s+(?:он[аио]?\s+)?определен)"),
    "kaz": re.compile(r"«(?P<term>[^»]{2,80})»\s*(?:ұғымы|деген\s+ұғым)"),
}


def check_terms(linter: Linter) -> Iterable[Diagnostic]:
    root = linter.root
    defined = {t.get("eId"): t.get("showAs") for t in root.iter(NS + "TLCTerm")}
    used = {t.get("refersTo", "")[1:] for t in root.iter(NS + "term")}
    for d in root.iter(NS + "def"):
        eid = d.get("refersTo", "")[1:]
        if eid in defined and eid not in used:
            used.add(eid)   # report once
            p = d.getparent()
            yield linter.at_text("term-unused", f"the term {d.text!r} is defined but never used", p,
                                 _offset_of(p, d))
    names = {(v or "").lower() for v in defined.values()}
    # a point of a definitions article that quotes a term but defines nothing ("(4) ‘watermark’;")
    from akn.definitions import definition_articles
    if linter.body is not None:
        for article in definition_articles(linter.body):
            for unit in article.iter(NS + "point", NS + "paragraph", NS + "subsection"):
                content = unit.find(NS + "content")
                p = content.find(NS + "p") if content is not None else None
                if p is None or p.find(NS + "def") is not None or unit.get("status") == "removed":
                    continue
                m = _QUOTED_START.match("".join(p.itertext()))
                if m:
                    yield linter.at_text("term-undefined", f"{m.group('term')!r} is quoted as a defined term "
                                         f"but has no definition", p, m.start("term"))
    pattern = _QUOTED_AS_DEFINED.get(linter.doc.lang)
    if pattern is None or linter.body is None:
        return
    for p in linter.body.iter(NS + "p"):
        text = "".join(p.itertext())
        for m in pattern.finditer(text):
            term = m.group("term").strip()
            if term.lower() not in names:
                yield linter.at_text("term-undefined", f"{term!r} is quoted as a defined term but has no definition",
                                     p, m.start())


# ---------------------------------------------------------------------------------------------
# text of units
# ---------------------------------------------------------------------------------------------
_INTRO_END = {"eu": (":", "—", "–"), "uk": (":", "—", "–", "-"), "us": (":", "—", "–"), "kz": (":",), "ru": (":",)}


def check_intro(linter: Linter) -> Iterable[Diagnostic]:
    ends = _INTRO_END.get(linter.doc.tradition, (":",))
    if linter.body is None:
        return
    for intro in linter.body.iter(NS + "intro"):
        ps = intro.findall(NS + "p")
        if not ps:
            continue
        unit = intro.getparent()
        kids = [c for c in unit if etree.QName(c).localname in _UNITS]
        if not kids or etree.QName(kids[0]).localname not in ("point", "paragraph", "subsection", "clause",
                                                               "subparagraph", "item"):
            continue
        first = _value(_num_text(kids[0]))
        if first is not None and _continues_parent(kids[0], first[0], first[1], linter.doc.lang):
            continue   # not a list intro: a list numbered in two styles (numbering-mixed)
        text = "".join(ps[-1].itertext()).rstrip()
        if text and not text.endswith(ends):
            want = " or ".join(repr(e) for e in ends[:2])
            yield linter.at_text("intro-punctuation", f"the words before this list should end with {want}",
                                 ps[-1], len(text) - 1)


def check_empty(linter: Linter) -> Iterable[Diagnostic]:
    for el in linter.units:
        if el.get("status") == "removed":
            continue
        if el.find(NS + "heading") is not None:
            continue
        if any(etree.QName(c).localname in _UNITS for c in el):
            continue
        text = "".join(t for c in el if etree.QName(c).localname not in ("num",) for t in c.itertext()).strip()
        if not text:
            yield linter.at_unit("empty-unit", f"{_num_text(el) or 'this unit'} has no text", el)


_EDITORIAL = re.compile(
    r"(?:^|\s)(?:Сноска\s*\.|Ескерту\s*\.|Footnote\s*\.|Примечание\s+(?:ИЗПИ|РЦПИ)\s*!|ЗҚАИ-ның\s+ескертпесі\s*!"
    r"|Вниманию\s+пользователей\s*!|\[Editor['’]s\s+note|\((?:[Вв]\s+ред\.|[Пп]ункт[^)]{0,20}введен|[Сс]тать[яи][^)]{0,20}"
    r"(?:введен|в\s+ред\.)|[Чч]асть[^)]{0,20}введен|[Пп]одпункт[^)]{0,20}введен|[Аа]бзац[^)]{0,30}введен)"
    r"|\(см\.\s+стар\.\s+ред\.\))")


def check_editorial(linter: Linter) -> Iterable[Diagnostic]:
    if linter.body is None:
        return
    for p in linter.body.iter(NS + "p"):
        text = "".join(p.itertext())
        m = _EDITORIAL.search(text)
        if m:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            fragment = text[start:]
            yield linter.at_text("editorial-note", f"editorial note inside the law text: {fragment[:50]!r}", p, start)


def check_parse(linter: Linter) -> Iterable[Diagnostic]:
    for w in linter.doc.warnings:
        if w.code in ("loose-text", "unrecognised", "duplicate-number", "ref-unresolved"):
            continue   # duplicates are reported by numbering-duplicate, references by ref-missing, at their line
        if w.line:
            yield Diagnostic(w.message, line=w.line, col=w.col or 1, source=linter.source, severity="warning",
                             code="parse", context=w.context)
    for w in linter.doc.warnings:
        if w.code in ("loose-text", "unrecognised") and w.line:
            yield Diagnostic(w.message, line=w.line, col=w.col or 1, source=linter.source, severity="warning",
                             code="parse", context=w.context)


CHECKS: dict[str, Check] = {c.id: c for c in (
    Check("numbering-gap", "error", "a skipped number among siblings (1, 2, 4; (a), (c))", check_numbering),
    Check("numbering-duplicate", "error", "a number used twice among siblings (two Article 7)", check_numbering),
    Check("numbering-order", "error", "a number smaller than the one before it (1, 3, 2)", check_numbering),
    Check("numbering-mixed", "warning", "one list numbered in two styles ((a) then b); Latin among Cyrillic)",
          check_mixed),
    Check("ref-missing", "error", "a reference to a unit that does not exist", check_references),
    Check("term-unused", "warning", "a defined term never used", check_terms),
    Check("term-undefined", "warning", "a term quoted as defined that has no definition", check_terms),
    Check("intro-punctuation", "warning", "a list intro that does not end as the tradition requires (':', '—')",
          check_intro),
    Check("empty-unit", "error", "a numbered unit without any text", check_empty),
    Check("editorial-note", "warning", "an editorial note left inside the law text", check_editorial),
    Check("parse", "warning", "text the parser could not place or understand", check_parse),
)}


def lint_document(doc: Document, text: str, source: str = "<text>",
                  disable: Iterable[str] = (), options: dict | None = None) -> list[Diagnostic]:
    """Run every enabled check on a parsed document; findings sorted by line."""
    disabled = set(disable)
    unknown = disabled - set(CHECKS)
    if unknown:
        raise ValueError(f"unknown check id: {', '.join(sorted(unknown))} (known: {', '.join(CHECKS)})")
    linter = Linter(doc, text, source, options)
    found: list[Diagnostic] = []
    done: set[Callable] = set()
    for check in CHECKS.values():
        if check.run in done:
            continue
        done.add(check.run)
        for d in check.run(linter):
            if d.code not in disabled:
                found.append(d)
    unique = {(d.line, d.col, d.code, d.message): d for d in found}
    return sorted(unique.values(), key=lambda d: (d.line, d.col, d.code))


def lint_text(text: str | bytes, *, source: str = "<text>", disable: Iterable[str] = (), **options) -> list[Diagnostic]:
    """Parse *text* (options as :func:`akn.parse`) and lint it."""
    import akn
    from akn.normalise import decode

    if isinstance(text, bytes):
        text = decode(text, source)
    doc = akn.parse(text, source=source, **options)
    return lint_document(doc, text, source, disable, options)


def lint_file(path, *, disable: Iterable[str] = (), **options) -> list[Diagnostic]:
    """Read a file (any encoding :func:`akn.parse_file` reads) and lint it."""
    from akn.api import read_file

    return lint_text(read_file(path), source=str(path), disable=disable, **options)
