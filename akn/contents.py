"""A table of contents printed inside the body of an act: its lines are text, not units.

A US bill lists its sections in its first or second section::

    SECTION 1. SHORT TITLE; TABLE OF CONTENTS.
    (b) Table of Contents.—The table of contents for this Act is as follows:
    Sec. 1. Short title; table of contents.
    TITLE I—LOCKS AND DAMS
    Sec. 101. Inspection of locks.
    Sec. 102. Definitions.
    TITLE I—LOCKS AND DAMS          <- the body goes on: the numbering starts again
    SEC. 101. INSPECTION OF LOCKS.

Each entry looks like a heading, and one line cannot tell them apart. The
numbering can: the table starts with a section number that does not continue
the sections read so far (``Sec. 1.`` inside section 1), its entries follow
one another with nothing between them, and it ends where an entry would repeat
(the body starts again with the first unit it lists) or where text that is
not an entry follows. A unit that merely repeats an earlier number (the
substitute text of a reported bill starting again at ``SECTION 1.``) has
text of its own after it, so it is no table.
"""
from __future__ import annotations

import re
from operator import attrgetter

from akn.classify import Classified

#: rank of the article/section level (see akn.profiles.base.Head.rank)
SECTION_RANK = 50
#: fewest entries in a row that make a table of contents
MIN_ENTRIES = 3
_KEY = re.compile(r"(\d+)(.*)")
_KIND = attrgetter("kind")


def _key(num: str) -> tuple[int, str] | None:
    m = _KEY.match(num)
    return (int(m.group(1)), m.group(2)) if m else None


def _entry_end(lines: list[Classified], k: int) -> int:
    """End (exclusive) of the entry at *k*: a head line and the text run on after it; *k* when none."""
    if lines[k].kind != "head":
        return k
    end = k + 1
    if end < len(lines) and lines[end].kind == "text" and lines[end].index == lines[k].index:
        end += 1   # "Sec. 101. Inspection of locks.": the part after the number became a line of its own
    return end


def _run_length(lines: list[Classified], k: int) -> int:
    """How many entries follow one another from *k*, each right after the one before."""
    count = 0
    while k < len(lines):
        end = _entry_end(lines, k)
        if end == k:
            break
        count += 1
        k = end
    return count


def contents_as_text(lines: list[Classified]) -> list[Classified]:
    """The lines with those of a table of contents inside the body made text (see the module docstring).

    An entry whose text ran on after its number is one line again, as printed.

    >>> from akn.profiles.english import EN_US
    >>> from akn.classify import Classifier
    >>> c = Classifier(EN_US)
    >>> rows = ["SEC. 1. SHORT TITLE.", "This Act is the Example Act.", "SEC. 2. TABLE OF CONTENTS.",
    ...         "Sec. 1. Short title.", "Sec. 2. Table of contents.", "Sec. 3. Definitions.",
    ...         "SEC. 3. DEFINITIONS.", "In this Act:"]
    >>> lines = []
    >>> for k, row in enumerate(rows):
    ...     head = c.classify(row, k + 1, k)
    ...     lines.append(head)
    ...     if head.style:   # the text run on after the number
    ...         lines.append(c.classify(head.style, k + 1, k))
    >>> [(x.kind, x.text) for x in contents_as_text(lines)][3:6]
    [('text', 'Sec. 1. Short title.'), ('text', 'Sec. 2. Table of contents.'), ('text', 'Sec. 3. Definitions.')]
    """
    kinds = list(map(_KIND, lines))
    n = len(lines)
    out: list[Classified] | None = None   # a copy is made only when there is a table
    done = 0          # lines[:done] are in out
    previous = -1     # the last section read outside a table
    for k in _positions(kinds, "head"):
        if k < done:
            continue
        c = lines[k]
        if c.head.rank != SECTION_RANK:
            continue
        # (cheap test first: an entry is followed by another, at once or after its own text)
        nxt = k + 1
        if nxt < n and kinds[nxt] == "text" and lines[nxt].index == c.index:
            nxt += 1
        if previous >= 0 and nxt < n and kinds[nxt] == "head":
            key, last = _key(c.num), _key(lines[previous].num)
            if key is not None and last is not None and key <= last and _run_length(lines, k) >= MIN_ENTRIES:
                start = k   # the titles listed just before the table's first section are entries too
                while start > max(done, previous + 1) and kinds[start - 1] == "head" and \
                        lines[start - 1].head.rank < SECTION_RANK:
                    start -= 1
                if out is None:
                    out = []
                out.extend(lines[done:start])
                done = _as_text(lines, start, out)
                continue
        previous = k
    if out is None:
        return lines
    out.extend(lines[done:])
    return out


def _positions(kinds: list[str], kind: str):
    """Indices of *kind* in *kinds*, found by the list's own search (most lines are not heads)."""
    k = -1
    try:
        while True:
            k = kinds.index(kind, k + 1)
            yield k
    except ValueError:
        return


def _as_text(lines: list[Classified], k: int, out: list[Classified]) -> int:
    """Append the entries of the table starting at *k* as text lines; return where the table ends.

    The table ends before the first section it would list twice; the titles
    and parts just before that section head the body's first section, not
    the table (a table lists the same subtitle letters under every title, so
    only sections tell).
    """
    seen: set[str] = set()
    entries: list[Classified] = []
    after_section = k      # end of the last section entry
    kept = 0               # entries up to it
    while k < len(lines):
        end = _entry_end(lines, k)
        if end == k:
            after_section, kept = k, len(entries)   # the table ends at text that is no entry
            break
        c = lines[k]
        is_section = getattr(c.head, "rank", None) == SECTION_RANK
        if is_section:
            if c.num in seen:
                break
            seen.add(c.num)
        entries.append(Classified("text", " ".join(x.text for x in lines[k:end]), c.line, c.index,
                                  indent=c.indent))
        k = end
        if is_section:
            after_section, kept = k, len(entries)
    else:
        after_section, kept = k, len(entries)
    out.extend(entries[:kept])
    return after_section
