"""Line classification: what each normalised line of an act is.

Each line becomes a hierarchy head (``Article 5``, ``Глава 1.``, ``5-бап.``),
a numbered item (``1.``, ``(a)``, ``1)``, ``а)``), editorial matter
(banner, footnote, contents placeholder), an annex heading, or plain text,
read with the patterns of one language profile. :func:`prepare` classifies
a whole document and joins hard-wrapped lines; :mod:`akn.lexer` then decides
where each line belongs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from akn.normalise import Source
from akn.numbering import Numbering
from akn.profiles.base import Head, Profile
from akn.sections import choose_sections, readings as section_readings

_TERMINAL = tuple(".;:!?»\"”)]…—–")
#: a line ending in an abbreviation ("ст.", "г.", "N") has not ended its sentence
_ABBREVIATION = re.compile(r"(?:\b(?:ст|г|гг|п|пп|ч|абз|см|т|др|тт|ред|No|art|Art|p|pp)\.|\bN)$")


@dataclass(slots=True)
class Classified:
    """One line after classification."""

    kind: str           # head | item | banner | footnote | toc | annex | text
    text: str           # the whole (joined) line
    line: int
    index: int
    head: Head = None  # type: ignore[assignment]  # the Head, for kind == head only
    style: str = ""      # item style
    num: str = ""        # printed number (as matched)
    rest: str = ""       # heading of a head, text of an item
    marker: str = ""     # printed marker of a head or item (e.g. "Статья 5.", "(a)")
    heading: str = ""    # run-in heading of an item ("(a) IN GENERAL.—")
    indent: int = 0      # leading spaces of the line's first physical line in the input
    readings: list | None = None   # ways to read the line as a section (akn.sections), when it may be one
    defer_join: bool = False       # continues the line before unless that one turns out a section heading


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
        self.items = [(style, p, first_chars(p)) for style, p in profile.item_patterns.items()]
        editorial = [("banner", profile.banner), ("footnote", profile.footnote), ("toc", profile.toc_placeholder),
                     ("history", profile.history)]
        self.editorial = [(k, p, first_chars(p)) for k, p in editorial if p is not None]
        self.heads = [(h, first_chars(h.pattern)) for h in profile.heads]
        self.annex = profile.annex
        self.annex_starts = first_chars(profile.annex) if profile.annex is not None else None
        self._plans: dict[str, tuple] = {}
        self.section_forms = [(form, first_chars(form.pattern)) for form in profile.section_forms]
        self._section_plans: dict[str, list] = {}

    def section_readings(self, text: str) -> list:
        """The readings of *text* as a section (:func:`akn.sections.readings`), with only the forms
        that may match a line starting with its first character."""
        first = text[0]
        forms = self._section_plans.get(first)
        if forms is None:
            forms = self._section_plans[first] = [f for f, starts in self.section_forms
                                                  if starts is None or first in starts]
        return section_readings(text, forms) if forms else []

    def _plan(self, first: str) -> tuple:
        """The patterns, in order, that a line starting with *first* may match (see :func:`first_chars`)."""
        def may(starts):
            return starts is None or first in starts
        editorial = tuple((kind, p) for kind, p, starts in self.editorial if may(starts))
        heads = tuple(head for head, starts in self.heads if may(starts))
        annex = self.annex if self.annex is not None and may(self.annex_starts) else None
        items = tuple((style, p) for style, p, starts in self.items if may(starts))
        # items are numbered: "1.", "(a)", "— ...", or a letter and ")" ("а)"), tested per line
        always = first.isdigit() or first in "(—–"
        plan = self._plans[first] = (editorial, heads, annex, items, always)
        return plan

    def classify(self, text: str, line: int, index: int, md_heading: bool = False) -> Classified:
        first = text[0]
        plan = self._plans.get(first)
        if plan is None:
            plan = self._plan(first)
        editorial, heads, annex, items, always = plan
        for kind, pattern in editorial:
            if pattern.match(text):
                return Classified(kind, text, line, index)
        for head in heads:
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
        if annex is not None:
            m = annex.match(text)
            if m:
                groups = m.groupdict()
                heading = (groups.get("heading") or "").strip()
                # the marker is what stands before a heading on the same line ("SCHEDULE 2", "Schedule 1")
                marker = text[:m.start("heading")].rstrip().rstrip(".:–—-").rstrip() if heading else text
                return Classified("annex", text, line, index, num=groups.get("num") or groups.get("num2") or "",
                                  rest=heading, marker=marker)
        # a letter item: "а)", or an inserted one, "ж.1)", "б-2)"
        if items and (always or (len(text) > 1 and (text[1] == ")" or (text[1] in ".-" and text[2:3].isdigit())))):
            for style, pattern in items:
                m = pattern.match(text)
                if m:
                    groups = m.groupdict()
                    body = groups["text"]
                    heading = groups.get("heading") or ""
                    if heading:
                        marker = text[:m.start("heading")].rstrip()
                    else:
                        marker = text[:m.start("text")].rstrip() if body is not None else text.rstrip()
                    return Classified("item", text, line, index, style=style, num=groups["num"],
                                      rest=body.strip() if body else "", marker=marker, heading=heading.strip())
        return Classified("text", text, line, index)


def prepare(source: Source, profile: Profile) -> list[Classified]:
    """Classify every line and join hard-wrapped continuations.

    A plain-text line is joined to the line before it when

    * the document separates its paragraphs by blank lines, no blank line
      stands between the two and the first does not end a sentence or a
      clause (a wrapped line), or
    * the line before does not end a sentence or a clause and this one does
      not start with a capital letter (a wrapped sentence: ``... N`` /
      ``258-ФЗ ...``, or a heading wrapped onto a second line), or
    * the line before does not end a sentence or a clause and this one is
      indented less than the first line of its paragraph (fixed-width and
      adilet layouts indent the first line of a paragraph, not the others).

    A numbered line whose number cannot continue the numbering (``5554).``
    after ``ст.`` in a fixed-width text) is a wrapped line too: see
    :class:`Numbering`. Heads only take continuations that do not start with
    a capital. The joined line keeps the first line's number.
    """
    classifier = Classifier(profile)
    blanks = source.blank_before
    md = source.md_heading or None
    paragraph_mode = sum(blanks) >= 0.4 * len(blanks)
    # a heading goes on over the next line only when its own line is about as long as the document's
    # lines (a hard-wrapped text); "Part 1 - General" followed by "text" is a heading and its text
    # (hard-wrapped texts wrap at 60 characters or more: a shorter width says nothing)
    head_wrap = 0.6 * max(_line_width(source.lines), 72)
    numbering = Numbering()
    run_in = profile.run_in_heading
    signature = profile.conclusions_start
    out: list[Classified] = []
    indents = source.indents or [0] * len(source.lines)
    forms: list | None = profile.section_forms
    for index, (text, number) in enumerate(zip(source.lines, source.linenos)):
        c = classifier.classify(text, number, index, md[index] if md else False)
        c.indent = indents[index]
        if forms:
            if c.kind == "annex":
                forms = None   # sections end where the schedules begin
            elif c.kind in ("item", "text") and (text[0].isdigit() or text[0].isupper() or text[0] == "["):
                c.readings = classifier.section_readings(text) or None
        if c.readings:
            numbering.reset()   # (as a head would: the numbers of its subsections start again)
            out.append(c)   # a line that may be a section is a line of its own: numbering decides (see below)
            continue
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
                if out[-1].readings:
                    out[-1].readings = classifier.section_readings(out[-1].text) or None
                continue
            c = Classified("text", text, number, index)
        if out and out[-1].kind == "banner" and banner_is_bare(out[-1].text, profile) \
                and c.kind in ("text", "item"):
            _join(out[-1], text)   # the body of a publisher's banner, whatever it looks like
            continue
        if c.kind == "text" and out and not (signature is not None and (
                signature.match(text) or (out[-1].kind == "text" and signature.match(out[-1].text)
                                          and not signature.match(out[-1].text + " " + text)))):
            # (the signatory's title starts the conclusions: only the rest of the title and the name join it)
            prev = out[-1]
            first = text[0]
            # a line that may be a section heading takes only what a heading would take
            prev_kind = "head" if prev.readings and prev.kind == "text" else prev.kind
            # a line indented less than the paragraph it follows, which did not end: a wrapped line
            # (in plain text only: Markdown indents to nest lists); after ";" too: "... ст. 4380;" / "Федерального ..."
            dedented = not md and indents[index] < prev.indent and prev.kind != "annex" and (
                not prev.text.endswith(_TERMINAL)
                or (prev.indent - indents[index] >= 4 and (prev.text.endswith(";") or _ABBREVIATION.search(prev.text))))
            wrapped = dedented or paragraph_mode and not blanks[index] and (
                (prev_kind not in ("head", "annex") and not prev.text.endswith(_TERMINAL))
                # a heading wrapped onto a second line: short, and not a sentence of the body
                or (prev_kind == "head" and (prev.rest or prev.readings) and len(text) < 120
                    and len(prev.text) >= head_wrap
                    and not text.endswith(_TERMINAL) and not prev.text.endswith(_TERMINAL)))
            # a wrapped line may also start with a digit or a bracket ("258-ФЗ ...", "(вводится ..."):
            # only where paragraphs are blank-separated and the line before is as long as a body line
            continued = (first.islower() or (paragraph_mode and not first.isupper() and len(prev.text) >= 50)) \
                and not prev.text.endswith(_TERMINAL) and (prev_kind not in ("head", "annex")
                                                    # (after a blank line, a lower-case line goes on with a
                                                    # heading only if indented under it or the heading is as
                                                    # long as the document's lines: else it is the unit's text)
                                                    or (first.islower() and not (
                                                        paragraph_mode and blanks[index] and len(prev.text) < head_wrap
                                                        and indents[index] <= prev.indent)))
            if wrapped or continued:
                if prev.readings and len(prev.text) < head_wrap and any(r.heading for r in prev.readings):
                    c.defer_join = True   # "1. Section" / "Hello there": a heading and its text, or one sentence
                    out.append(c)
                    continue
                _join(prev, text)
                if prev.readings:
                    prev.readings = classifier.section_readings(prev.text) or None
                continue
        if c.kind == "item" and c.rest[:1] == "(":
            out.extend(split_numbers(c, classifier))   # "(1) (a) text": two units
            continue
        out.append(c)
    if profile.section_forms:
        out = resolve_sections(out, profile, classifier)
    if profile.rank_by_order:
        _rank_by_order(out, profile)
    return out


def _line_width(lines: list[str]) -> int:
    """The length most lines of the document stay within (its 90th percentile, on a sample).

    >>> _line_width(["a" * 70] * 9 + ["b" * 20])
    70
    """
    step = len(lines) // 2000 + 1
    lengths = sorted(len(line) for line in lines[::step])
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _join(prev: Classified, text: str) -> None:
    sep = "" if prev.text.endswith("-") and not prev.text.endswith(" -") and text[:1].islower() else " "
    if sep == "" and len(prev.text) > 1 and not prev.text[-2].isalpha():
        sep = " "
    prev.text = prev.text + sep + text
    if prev.kind == "annex" and not prev.rest and prev.marker == prev.text[:len(prev.marker)]:
        prev.marker = prev.text   # (an annex without a heading prints its whole line)
    elif prev.kind in ("head", "annex"):
        prev.rest = (prev.rest + sep + text).strip()
    elif prev.kind == "item":
        prev.rest = (prev.rest + sep + text).strip() if prev.rest else text


def banner_is_bare(text: str, profile: Profile) -> bool:
    """A publisher's banner ("Примечание ИЗПИ!") with nothing after it: its body is the next line."""
    m = profile.banner.match(text) if profile.banner is not None else None
    return m is not None and not text[m.end():].strip()


def resolve_sections(lines: list[Classified], profile: Profile, classifier: Classifier) -> list[Classified]:
    """Turn the lines whose section readings the numbering keeps into section heads.

    The readings of every candidate line go to :func:`akn.sections.choose_sections`,
    which keeps the most consistent sequence of section numbers over the
    whole document. A kept line becomes a head of ``profile.section_head``;
    the text after its number on the same line (``10. (1) Text``) becomes a
    line of its own, classified as usual. A line not kept stays what it was.

    Where the document numbers its sub-units decimally (``2.1`` alone on its
    line, ``2.1.1``), a decimal number is no section (Canada's ``4.1 Heading``
    is). Headings printed above their number (South African acts: ``Definitions``
    then ``1. In this Act—``) are recognised from the whole document too:
    when most sections have no heading of their own and most of those follow
    a short line that reads like a heading, those lines are their headings.
    """
    readings = {i: c.readings for i, c in enumerate(lines) if c.readings}
    positions = list(readings)
    if not positions:
        return lines
    if any(c.kind == "item" and c.style.startswith("decimal_") and (c.style != "decimal_2" or not c.rest)
           for c in lines):
        # the document numbers sub-units decimally ("2.1", "2.1.1"): a decimal number is one of them,
        # not an inserted section (Canada's "4.1")
        for i in positions:
            lines[i].readings = readings[i] = [r for r in readings[i] if not r.suffix.startswith(".")]
            if not readings[i]:
                lines[i].readings = None
                del readings[i]
        positions = list(readings)
    signature = profile.conclusions_start
    barriers = [0] * len(positions)
    if signature is not None:   # the signatures before each candidate line
        starts = first_chars(signature)
        signed = [k for k, c in enumerate(lines) if c.kind == "text" and (starts is None or c.text[0] in starts)
                  and signature.match(c.text)]
        if signed:
            seen = 0
            for n, i in enumerate(positions):
                while seen < len(signed) and signed[seen] < i:
                    seen += 1
                barriers[n] = seen
    chosen = choose_sections([readings[i] for i in positions], barriers)
    picked = {i: readings[i][r] for i, r in zip(positions, chosen) if r is not None}
    # a heading printed above its number ("Definitions" / "1. In this Act"): AKN puts <num> first, so the
    # number moves before the heading; only a bare number may (digits and stops: no word, no letter moves)
    headless = [i for i, r in picked.items() if not r.heading and not any(ch.isalpha() for ch in r.marker)]
    above = {i for i in headless if _heading_above(lines, i, picked)}
    # (a document property: most of its sections have no heading on their own line, and most of those follow one)
    if len(headless) < 0.5 * len(picked) or len(above) < 0.5 * len(headless) or len(above) < 2:
        above = set()
    heading_lines = {i - 1 for i in above}
    out: list[Classified] = []
    head = profile.section_head
    # (lines have readings only where the profile has section forms, and so a section head)
    assert head is not None, f"profile {profile.name} has section forms but no section head"
    # the lines to change: sections kept, the headings above them, lines whose joining waited for the
    # numbering; every other line is copied as it is, a run at a time
    marks = sorted({*picked, *heading_lines, *(k for k, c in enumerate(lines) if c.defer_join)})
    done = 0
    for i in marks:
        out.extend(lines[done:i])
        done = i + 1
        if i in heading_lines:
            continue
        c = lines[i]
        reading = picked.get(i)
        if reading is None:
            if out and out[-1].kind != "head":
                _join(out[-1], c.text)   # the line before was no section: this one continues it
            else:
                out.append(c)
            continue
        # (the line becomes the head in place: one object per line)
        c.kind, c.head, c.num, c.marker, c.style, c.heading = "head", head, reading.num, reading.marker, "", ""
        c.rest = lines[i - 1].text if i in above else reading.heading
        c.readings = None
        out.append(c)
        if reading.text:
            tail = classifier.classify(reading.text, c.line, c.index)
            tail.indent = c.indent
            out.extend(split_numbers(tail, classifier))
    out.extend(lines[done:])
    return out


def _heading_above(lines: list[Classified], i: int, picked: dict) -> bool:
    """Whether the line before section line *i* reads like its heading (short, a capital, no clause end)."""
    if i == 0 or (i - 1) in picked:
        return False
    prev = lines[i - 1]
    text = prev.text
    return (prev.kind == "text" and text[:1].isupper() and len(text) <= 150 and len(text.split()) <= 16
            and not text.endswith((":", ";", ",", "—", "–", "-")))


def split_numbers(c: Classified, classifier: Classifier) -> list[Classified]:
    """``(1) (a) text``: two numbers on one line are two units, the second inside the first.

    >>> from akn.profiles import choose
    >>> parts = split_numbers(Classifier(choose("en-uk")).classify("(1) (a) the first", 3, 0), Classifier(choose("en-uk")))
    >>> [(p.kind, p.num, p.rest) for p in parts]
    [('item', '1', ''), ('item', 'a', 'the first')]
    """
    out = [c]
    while c.kind == "item" and c.rest[:1] == "(":
        inner = classifier.classify(c.rest, c.line, c.index)
        if inner.kind != "item" or inner.num == c.num:
            break
        inner.indent = c.indent
        c.text, c.rest = c.marker, ""
        out.append(inner)
        c = inner
    return out


def _rank_by_order(lines: list[Classified], profile: Profile) -> None:
    """Rank the heads named in ``profile.rank_by_order`` in the order the document first uses them.

    A South African act numbers Parts inside Chapters (``CHAPTER 2`` then
    ``Part A``); a UK act Chapters inside Parts. Whichever comes first is
    the higher one; the ranks the profile gives them are shared out in
    that order.
    """
    first: dict[str, int] = {}
    ranks: dict[str, int] = {}
    for c in lines:
        if c.kind == "head" and c.head.element in profile.rank_by_order:
            first.setdefault(c.head.element, len(first))
            ranks.setdefault(c.head.element, c.head.rank)
    order = sorted(first, key=first.__getitem__)
    wanted = dict(zip(order, sorted(ranks.values())))
    if all(wanted[e] == ranks[e] for e in order):
        return
    moved: dict[int, Head] = {}
    for c in lines:
        if c.kind == "head" and c.head.element in wanted and wanted[c.head.element] != c.head.rank:
            head = moved.get(id(c.head))
            if head is None:
                head = moved[id(c.head)] = replace(c.head, rank=wanted[c.head.element])
            c.head = head
