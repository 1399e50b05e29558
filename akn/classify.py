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
from dataclasses import dataclass

from akn.normalise import Source
from akn.numbering import Numbering
from akn.profiles.base import Profile

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
    head: object = None  # Head for kind == head
    style: str = ""      # item style
    num: str = ""        # printed number (as matched)
    rest: str = ""       # heading of a head, text of an item
    marker: str = ""     # printed marker of a head or item (e.g. "Статья 5.", "(a)")
    heading: str = ""    # run-in heading of an item ("(a) IN GENERAL.—")
    indent: int = 0      # leading spaces of the line's first physical line in the input


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
                marker = text[:m.start("heading")].rstrip() if heading else text   # ("SCHEDULE 1 Fees": "SCHEDULE 1")
                return Classified("annex", text, line, index, num=groups.get("num") or "", rest=heading,
                                  marker=marker)
        if items and (always or (len(text) > 1 and text[1] == ")")):
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
                    # (positional: kind, text, line, index, head, style, num, rest, marker, heading)
                    return Classified("item", text, line, index, None, style, groups["num"],
                                      body.strip() if body else "", marker, heading.strip())
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
    numbering = Numbering()
    run_in = profile.run_in_heading
    signature = profile.conclusions_start
    out: list[Classified] = []
    indents = source.indents or [0] * len(source.lines)
    for index, (text, number) in enumerate(zip(source.lines, source.linenos)):
        c = classifier.classify(text, number, index, md[index] if md else False)
        c.indent = indents[index]
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
            # a line indented less than the paragraph it follows, which did not end: a wrapped line
            # (in plain text only: Markdown indents to nest lists); after ";" too: "... ст. 4380;" / "Федерального ..."
            dedented = not md and indents[index] < prev.indent and prev.kind != "annex" and (
                not prev.text.endswith(_TERMINAL)
                or (prev.indent - indents[index] >= 4 and (prev.text.endswith(";") or _ABBREVIATION.search(prev.text))))
            wrapped = dedented or paragraph_mode and not blanks[index] and (
                (prev.kind not in ("head", "annex") and not prev.text.endswith(_TERMINAL))
                # a heading wrapped onto a second line: short, and not a sentence of the body
                or (prev.kind == "head" and prev.rest and len(text) < 120
                    and not text.endswith(_TERMINAL) and not prev.text.endswith(_TERMINAL)))
            # a wrapped line may also start with a digit or a bracket ("258-ФЗ ...", "(вводится ..."):
            # only where paragraphs are blank-separated and the line before is as long as a body line
            continued = (first.islower() or (paragraph_mode and not first.isupper() and len(prev.text) >= 50)) \
                and not prev.text.endswith(_TERMINAL) and (prev.kind != "head" or first.islower())
            if wrapped or continued:
                _join(prev, text)
                continue
        out.append(c)
    return out


def _join(prev: Classified, text: str) -> None:
    sep = "" if prev.text.endswith("-") and not prev.text.endswith(" -") and text[:1].islower() else " "
    if sep == "" and len(prev.text) > 1 and not prev.text[-2].isalpha():
        sep = " "
    prev.text = prev.text + sep + text
    if prev.kind in ("head", "annex"):   # (an annex's number line continued: its heading)
        prev.rest = (prev.rest + sep + text).strip()
    elif prev.kind == "item":
        prev.rest = (prev.rest + sep + text).strip() if prev.rest else text


def banner_is_bare(text: str, profile: Profile) -> bool:
    """A publisher's banner ("Примечание ИЗПИ!") with nothing after it: its body is the next line."""
    m = profile.banner.match(text) if profile.banner is not None else None
    return bool(m) and not text[m.end():].strip()
