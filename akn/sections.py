"""Which numbered lines are sections: decided by the numbering of the whole document.

In the UK tradition and its Commonwealth variants a section is printed in
many ways: ``1 Short title``, ``1. Short title.—(1) This Act ...``,
``1 Short title.``, ``1.—(1) Text``, ``10. (1) Text``, ``1Qualifications
Scotland`` (a web page copied without its style sheet),
``Citation and commencement1.`` (a statutory instrument whose heading is
printed before the number), ``Section 4 - Application``. Each of these
also looks like something else: ``1. Text`` is a paragraph of a schedule,
``1 The form must ...`` a schedule paragraph, ``... Regulations 20022.`` a
sentence that ends with a footnote number. One line cannot tell.

So the classifier gives every such line its *readings* (:class:`Reading`:
a number, maybe a heading, maybe the text that follows on the line), and
:func:`choose_sections` keeps, over the whole document, the readings whose
numbers form the most consistent increasing sequence (:func:`best_chain`).
The lines it keeps become sections; the others stay what they were
(numbered paragraphs or text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: a section number: 12, 12A, 12AA, 4.01 (Canada), with a Markdown footnote glyph before it ("[^]29")
_KEY = re.compile(r"(?:\[\^[^\]]*\]\s*)?([1-9]\d{0,3})([A-Z]{1,3}|\.\d{1,3})?$")

#: gap in the numbering tolerated between two sections (repealed sections are often left out)
MAX_GAP = 20
#: cost of each number skipped in the sequence (and of each number before the first section)
GAP_COST = 0.5
#: the most that starting the sequence after 1 costs
START_COST = 0.9
#: cost of a number printed twice in a row (a drafting slip the linter reports: both lines stay sections)
REPEAT_COST = 0.75
#: cost of a sequence going on past a signature (a line that ends an act's body, unless more sections follow)
BARRIER_COST = 1.5


@dataclass(slots=True)
class Reading:
    """One way to read a line as a section."""

    num: str          # the number as printed, without punctuation ("3A", "4.01")
    marker: str       # what the <num> shows ("3A", "2.", "[^]29")
    heading: str      # the heading on the same line ("" when none)
    text: str         # the text that follows on the same line ("(1) This Act ..."), read as a line of its own
    form: str         # which layout (the pattern's name): forms are weighed by how common they are
    base: int         # 3 for "3A"
    suffix: str       # "A" for "3A", ".01" for "4.01", "" for "3"
    last: int = 0     # the last number of a printed range ("60 to 71": 71); the next section follows it

    @property
    def end(self) -> tuple[int, str]:
        """The number the next section follows: the reading's own, or the end of its range."""
        return (self.last, "") if self.last > self.base else (self.base, self.suffix)


def number_key(num: str) -> tuple[int, str] | None:
    """(base, suffix) of a section number, ordered as inserted sections are.

    >>> [number_key(n) for n in ("3", "3A", "3AA", "4.01", "[^]29", "0", "3a")]
    [(3, ''), (3, 'A'), (3, 'AA'), (4, '.01'), (29, ''), None, None]
    """
    if num.isdigit():   # the common case, without a pattern
        return (int(num), "") if num[0] != "0" and len(num) <= 4 else None
    m = _KEY.match(num)
    if m is None:
        return None
    return int(m.group(1)), m.group(2) or ""


def follows(prev: tuple[int, str], key: tuple[int, str]) -> float | None:
    """The cost of *key* coming right after *prev* in a sequence of sections, or None if it cannot.

    The next number (``3`` after ``2``, also ``4A`` after ``3``) costs nothing; an inserted
    number after its base (``3A`` after ``3``, ``3B`` after ``3A``, ``4.1`` after ``4.01``)
    costs nothing; the same number again costs :data:`REPEAT_COST`; a gap costs :data:`GAP_COST` per number skipped, up to :data:`MAX_GAP`.

    >>> follows((2, ""), (3, "")), follows((3, ""), (3, "A")), follows((3, "A"), (3, "")), follows((2, ""), (5, ""))
    (0.0, 0.0, None, 1.0)
    >>> follows((3, ""), (3, ""))
    0.75
    """
    (b1, s1), (b2, s2) = prev, key
    if b2 == b1:
        return 0.0 if s2 > s1 else (REPEAT_COST if s2 == s1 else None)
    gap = b2 - b1 - 1
    if gap < 0 or gap > MAX_GAP:
        return None
    return gap * GAP_COST


def best_chain(candidates: list[list[Reading]], weights: dict[str, float] | None = None,
               barriers: list[int] | None = None) -> list[int | None]:
    """For each candidate line, the index of its reading kept as a section, or None.

    *candidates* holds, in document order, the readings of each line that
    could be a section. The kept readings form one sequence whose numbers
    increase as sections do (see :func:`follows`); among all such sequences
    the one with the highest score is kept: each line kept scores its
    form's weight (1 by default), each number skipped costs
    :data:`GAP_COST`, and so does each number before the first one (an act
    starts at section 1), up to :data:`START_COST`. *barriers* counts, for each line, the signature
    lines before it: going on past one costs :data:`BARRIER_COST`, so that
    the footnotes and notes after an act's signature do not continue its
    sections unless several sections follow (a heading that reads like a
    signature). This is a longest-path search over a
    directed acyclic graph (lines in order, readings as nodes), done by
    dynamic programming: for each reading, the best sequence ending with it
    is the best over the readings of earlier lines it may follow, and only
    the best sequence ending at each number needs to be remembered.

    A worked example: a statutory instrument whose headings come before
    their glued numbers, and a schedule-like line that is no section::

        line 0  "Citation and commencement1."           readings: 1
        line 1  "Amendment of the Regulations 20022."   readings: 2, 22, 2002 (where the digits split is unsure)
        line 2  "5. The form of notice ..."             readings: 5
        line 3  "Amendment of the Rules 20133."         readings: 3, 33, 133, 20133

    The best sequence is 1 (line 0), 2 (line 1), 3 (line 3): score 3. Taking
    line 2 as well would mean 1, 2, 5 and then nothing (3 does not follow 5):
    score 3 - 1 (two numbers skipped) = 2. So line 2 stays a paragraph and
    the glued footnote numbers ("2002" + "2") are split where the sequence
    says.

    >>> def r(*nums):
    ...     return [Reading(n, n, "", "", "f", *number_key(n)) for n in nums]
    >>> best_chain([r("1"), r("2", "22", "2002"), r("5"), r("3", "33", "133")])
    [0, 0, None, 0]
    >>> best_chain([r("1"), r("2"), r("2A"), r("1"), r("3")])   # "1" again: a list inside section 2A
    [0, 0, 0, None, 0]
    >>> spent = Reading("3", "3 to 9", "", "", "f", 3, "", 9)   # a printed range: 10 follows it
    >>> best_chain([r("1"), r("2"), [spent], r("10")])
    [0, 0, 0, 0]
    """
    weights = weights or {}
    barriers = barriers or [0] * len(candidates)
    # The best sequence ending at each number, keyed two ways: by (base, suffix) for the
    # readings of the same base (an inserted 3A after 3, a repeat), and by base alone for a
    # later base (only the best of a base matters then: the cost of a gap depends on the
    # bases only). Scores are stored with the barriers already crossed added back
    # (value = score + BARRIER_COST * barriers before that line), so that the cost of
    # crossing barriers is one subtraction for whichever predecessor wins.
    by_key: dict[tuple[int, str], tuple[float, int, int]] = {}
    keys_of_base: dict[int, list[tuple[int, str]]] = {}
    by_base: dict[int, tuple[float, int, int]] = {}
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    top: tuple[float, int, int] | None = None
    best_adjusted = float("-inf")
    for line, readings in enumerate(candidates):
        crossed = BARRIER_COST * barriers[line]
        found: list[tuple[tuple[int, str], float, int, tuple[int, int] | None]] = []
        for r, reading in enumerate(readings):
            base, suffix = reading.base, reading.suffix
            gain = weights.get(reading.form, 1.0)
            # start a sequence here: every number before this one is missing (an extract may start
            # anywhere, so starting late costs less than a section gains)
            start = min((base - 1) * GAP_COST + (0.25 if suffix else 0.0), START_COST)
            score, prev = gain - start, None
            for pkey in keys_of_base.get(base, ()):        # 3 -> 3A, 3A -> 3B, 3 -> 3 (a repeat)
                cost = follows(pkey, (base, suffix))
                if cost is not None:
                    value, pline, pr = by_key[pkey]
                    if value - crossed + gain - cost > score:
                        score, prev = value - crossed + gain - cost, (pline, pr)
            held = by_base.get(base - 1)                    # 2 -> 3
            if held is not None and held[0] - crossed + gain > score:
                score, prev = held[0] - crossed + gain, (held[1], held[2])
            # 2 -> 5 (a gap): looked for only when some earlier sequence could beat the score so far
            # (best_adjusted bounds them all: value + GAP_COST * base is what a gap leaves of a score)
            if best_adjusted - crossed + gain - (base - 1) * GAP_COST > score:
                for pbase in range(max(1, base - MAX_GAP - 1), base - 1):
                    held = by_base.get(pbase)
                    if held is not None:
                        candidate = held[0] - crossed + gain - (base - pbase - 1) * GAP_COST
                        if candidate > score:
                            score, prev = candidate, (held[1], held[2])
            found.append((reading.end, score, r, prev))
        # record after all readings of the line: two readings of one line never chain
        for key, score, r, prev in found:
            back[(line, r)] = prev
            entry = (score + crossed, line, r)
            held = by_key.get(key)
            if held is None:
                keys_of_base.setdefault(key[0], []).append(key)
            if held is None or entry[0] > held[0]:
                by_key[key] = entry
            held = by_base.get(key[0])
            if held is None or entry[0] > held[0]:
                by_base[key[0]] = entry
                best_adjusted = max(best_adjusted, entry[0] + GAP_COST * key[0])
            if top is None or score > top[0]:
                top = (score, line, r)
    chosen: list[int | None] = [None] * len(candidates)
    node = (top[1], top[2]) if top is not None and top[0] > 0 else None
    while node is not None:
        chosen[node[0]] = node[1]
        node = back[node]
    return chosen


def choose_sections(candidates: list[list[Reading]], barriers: list[int] | None = None) -> list[int | None]:
    """:func:`best_chain`, keeping only the layouts the document itself uses.

    A first pass with equal weights finds the sequence. A document prints
    its sections in one or two layouts (forms): those that make up at least
    a quarter of that sequence keep weight 1; the others are not sections
    in this document (weight -1: a quoted amending section ``5. ...`` in an
    act whose own sections read ``5 Heading``, a sentence ending in a
    footnote number). The sequence is then searched again.
    """
    first = best_chain(candidates, barriers=barriers)
    counts: dict[str, int] = {}
    for readings, r in zip(candidates, first):
        if r is not None:
            counts[readings[r].form] = counts.get(readings[r].form, 0) + 1
    total = sum(counts.values())
    dominant = {form for form, n in counts.items() if n >= 0.25 * total}
    if dominant == set(counts):
        return first   # (the sequence uses only the document's own layouts: searching again finds it again)
    forms = {reading.form for readings in candidates for reading in readings}
    weights = {form: (1.0 if form in dominant else -1.0) for form in forms}
    return best_chain(candidates, weights, barriers)


@dataclass
class SectionForm:
    """A layout of a section line, as a profile declares it.

    ``pattern`` captures ``num`` and optionally ``heading`` and ``text``.
    With ``glued_number`` the pattern captures ``digits`` instead of ``num``:
    the number ends the line, with a full stop, glued to the word or the
    year before it (``extent1.``, ``Regulations 20022.``); each place the
    digits may split is a reading. ``max_heading_words`` caps a heading; a longer one is
    read as the section's text.
    """

    name: str
    pattern: re.Pattern
    glued_number: bool = False
    max_heading_words: int = 16
    #: the words after the number are a heading when they are short, start with a capital and do not end
    #: like a sentence or a clause ("1. Definitions"); else the section's text ("1. In this Act—")
    text_may_be_heading: bool = False
    #: for a pattern that starts with the number: the characters that may follow its digits (" " for
    #: "1 Heading", "." for "1. Heading"); a line whose digits are followed by another is not tried
    after_digits: str | None = None


def readings(text: str, forms: list[SectionForm]) -> list[Reading]:
    """Every reading of *text* as a section under the profile's *forms*.

    >>> forms = [SectionForm("trailing", re.compile(r"(?P<heading>[A-Z].*?)(?P<digits>\\d+)\\.$"), True)]
    >>> [(r.num, r.heading) for r in readings("Amendment of the Regulations 20022.", forms)]
    [('2', 'Amendment of the Regulations 2002')]
    >>> [(r.num, r.heading) for r in readings("Sec. 101.", forms)]   # a number after a space is not glued
    []
    """
    out: list[Reading] = []
    lead = _DIGITS.match(text)
    after = text[lead.end():lead.end() + 1] if lead else None
    for form in forms:
        if form.glued_number and not (text[-1:] == "." and text[-2:-1].isdigit()):
            continue   # (a glued number ends the line: "extent1.")
        if form.after_digits is not None and (after is None or after not in form.after_digits):
            continue
        m = form.pattern.match(text)
        if m is None:
            continue
        if form.glued_number:
            out.extend(_glued_readings(text, m, form))
            continue
        num = m.group("num")
        key = number_key(num)
        if key is None:
            continue
        named = form.pattern.groupindex
        raw_heading = m.group("heading") if "heading" in named else None
        raw_text = m.group("text") if "text" in named else None
        heading = raw_heading.strip() if raw_heading else ""
        body = raw_text.strip() if raw_text else ""
        # the marker is what stands before the heading or the text: "2.", "1.—", "Section 4"
        if raw_heading:
            marker = text[:m.start("heading")].rstrip()
        elif raw_text:
            marker = text[:m.start("text")].rstrip()
        else:
            marker = text.rstrip()
        if heading and heading.count(" ") >= form.max_heading_words and len(heading.split()) > form.max_heading_words:
            heading, body = "", (heading + (" " + body if body else "")).strip()
        elif form.text_may_be_heading and body and not heading and _heading_like(body, form.max_heading_words):
            heading, body = body, ""
        last = int(m.group("last")) if "last" in named and m.group("last") else 0
        if num[0] == "[":
            num = num.split("]")[-1].strip()
        out.append(Reading(num, marker, heading, body, form.name, *key, last))
    return out


def _glued_readings(text: str, m: re.Match, form: SectionForm) -> list[Reading]:
    """The readings of a number glued at the end of the line: ``extent1.``, ``Regulations 20022.``."""
    out = []
    digits = m.group("digits")
    start = m.start("digits")
    raw_heading = m.group("heading") or ""
    raw_text = m.group("text") if "text" in form.pattern.groupindex else None
    body = raw_text.strip() if raw_text else ""
    glued_to_word = start > 0 and not text[start - 1].isspace()
    # the number is glued to a word ("extent1.") or to the year that ends a title ("Regulations 20022.")
    cuts = [0] if glued_to_word else []
    if len(digits) > 4 and 1200 <= int(digits[:4]) <= 2099:
        cuts.append(4)
    for cut in cuts:
        num = digits[cut:]
        if num[0] == "0":
            continue
        key = number_key(num)
        if key is None:
            continue
        out.append(Reading(num, text[start + cut:].strip(), (raw_heading + digits[:cut]).strip(), body, form.name,
                           *key))
    return out


_SENTENCE_END = tuple(".;:,—–-")
_DIGITS = re.compile(r"(?:\[\^[^\]]*\]\s*)?\d+")


def _heading_like(text: str, max_words: int) -> bool:
    """Short, starts with a capital, and does not end like a sentence or a clause.

    >>> _heading_like("Definitions", 16), _heading_like("In this Act—", 16), _heading_like("(1) This Act", 16)
    (True, False, False)
    """
    return (text[:1].isupper() and not text.endswith(_SENTENCE_END) and len(text.split()) <= max_words)
