"""The parser checks its own reading of a document's structure.

After the lines are classified, :func:`assess` measures how consistent the
result is at the level of articles or sections: how many were found, how
often their numbers repeat or skip, and how many lines look numbered like
units but were read as plain text. When the result looks wrong
(:meth:`Figures.looks_wrong`), :func:`check_structure` reads the document
again with the other profiles of its language and keeps the reading whose
numbering is most consistent; when even that one looks wrong, it says so
once, in plain words, with the lines.

A worked example: a Scottish act copied from a web page (``1Qualifications
Scotland``, no ``Article`` anywhere) that the language detector took for an
EU regulation. Read as EU, it has no article at all in its 1,800 lines:
that looks wrong. Read with the UK profile it has 67 sections numbered 1 to
67 without a repeat or a gap: that reading is kept, and ``akn parse
--json`` reports ``"structure": {"profile": "en-uk", "units": 67, ...,
"tried": {"en-eu": 0.0, "en-uk": 67.0, ...}}``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from akn.classify import Classified, prepare
from akn.errors import Diagnostic
from akn.normalise import Source
from akn.profiles import REGISTRY
from akn.profiles.base import Profile

#: the rank of the unit that carries a document's numbering (article, section)
UNIT_RANK = 50
_LEADING_NUMBER = re.compile(r"(?:\[\^[^\]]*\]\s*)?(\d{1,4})(?:[.\s]|[A-Z][a-z])")
_NUMBER = re.compile(r"(\d+)")


@dataclass
class Figures:
    """How consistent the numbering of one reading of a document is."""

    profile: str
    units: int = 0            # articles or sections found
    repeats: int = 0          # numbers that do not increase
    skips: int = 0            # numbers missing between two units
    numbered_text: list[int] = field(default_factory=list)   # lines of text that start like a numbered unit
    body_lines: int = 0       # lines that are not editorial

    @property
    def score(self) -> float:
        """Units found, less what their numbering gets wrong (higher is better)."""
        return self.units - self.repeats - 0.5 * self.skips

    def looks_wrong(self) -> bool:
        """No unit in a long text, many repeated or skipped numbers, or many numbered lines left as text."""
        if self.units == 0:
            return self.body_lines >= 3
        if self.repeats + 0.5 * self.skips > 0.25 * self.units:
            return True
        return len(self.numbered_text) > max(10, self.units)

    def to_dict(self) -> dict:
        return {"profile": self.profile, "units": self.units, "repeats": self.repeats, "skips": self.skips,
                "numbered_lines_read_as_text": len(self.numbered_text), "lines": self.body_lines}


def assess(lines: list[Classified], profile: Profile) -> Figures:
    """The :class:`Figures` of classified *lines*.

    Units are the heads of the article/section rank; their numbers should
    increase by one (inserted ``5A``/``5-1``/``5.1`` after ``5`` do not count
    as repeats). Text lines that start with a number as a section line does
    (``12 Heading``, ``12. Text``, ``12Heading``) are counted as numbered
    lines read as text. Units inside schedules and annexes are not counted.
    """
    figures = Figures(profile.name)
    last: int | None = None
    for c in lines:
        kind = c.kind
        if kind == "annex":
            break
        if kind in ("banner", "footnote", "toc", "history"):
            continue
        figures.body_lines += 1
        if kind == "head" and c.head.rank == UNIT_RANK:
            m = _NUMBER.search(c.num)
            if m is None:
                continue
            value = int(m.group(1))
            figures.units += 1
            if last is not None:
                if value <= last and not _inserted(c.num):
                    figures.repeats += 1
                elif value > last + 1:
                    figures.skips += min(value - last - 1, 20)
            last = value
        elif kind == "text" and _LEADING_NUMBER.match(c.text):
            figures.numbered_text.append(c.line)
    return figures


def _inserted(num: str) -> bool:
    """``5A``, ``5a``, ``5-1``, ``5.1``: an inserted unit, numbered after its base."""
    return bool(re.match(r"\d+(?:[A-Za-z]|[-.]\d)", num))


def check_structure(source: Source, lines: list[Classified], profile: Profile, *,
                    keep_profile: bool = False) -> tuple[list[Classified], Profile, dict, list[Diagnostic]]:
    """Keep *lines* read with *profile*, or a better reading with another profile of the same language.

    Returns the lines, their profile, the figures (a plain dict for ``--json``:
    the kept reading's figures and, when others were tried, each one's score)
    and at most one warning. With *keep_profile* (the user named the
    tradition) no other profile is tried, but the figures and the warning are
    still given.
    """
    figures = assess(lines, profile)
    report = figures.to_dict()
    if figures.looks_wrong() and not keep_profile:
        tried = {profile.name: figures.score}
        best = (figures, lines, profile)
        for other in REGISTRY.values():
            if other.lang != profile.lang or other is profile:
                continue
            other_lines = prepare(source, other)
            other_figures = assess(other_lines, other)
            tried[other.name] = other_figures.score
            # (one unit in a long text is no evidence: a page header "127 STAT. 556" reads like a section)
            evidence = other_figures.units >= 2 or other_figures.body_lines <= 12
            if evidence and other_figures.score > best[0].score + max(0.5, 0.1 * abs(best[0].score)):
                best = (other_figures, other_lines, other)
        figures, lines, profile = best
        report = figures.to_dict()
        report["tried"] = tried
    warnings = []
    if figures.looks_wrong():
        warnings.append(_uncertain(source, figures, profile))
    return lines, profile, report, warnings


def _uncertain(source: Source, figures: Figures, profile: Profile) -> Diagnostic:
    """The one warning about a structure the parser is not sure of, in plain words, with lines."""
    unit = "sections" if profile.tradition in ("uk", "us") else "articles"
    if figures.units == 0:
        what = f"no {unit} found in {figures.body_lines} lines"
    elif figures.repeats + figures.skips:
        what = (f"{figures.units} {unit} found, but their numbers repeat {figures.repeats} times and skip "
                f"{figures.skips} numbers")
    else:
        what = f"{figures.units} {unit} found"
    shown = figures.numbered_text[:5]
    if figures.numbered_text:
        lines = ", ".join(str(n) for n in shown) + (", …" if len(figures.numbered_text) > len(shown) else "")
        what += f"; {len(figures.numbered_text)} lines numbered like {unit} were read as text (lines {lines})"
    hint = {"uk": "eu", "eu": "uk"}.get(profile.tradition, "uk")
    line = figures.numbered_text[0] if figures.numbered_text else 0
    return Diagnostic(f"structure uncertain: {what}; check the result, or try --tradition {hint}",
                      line=line, col=1, source=source.name, severity="warning", code="structure-uncertain")
