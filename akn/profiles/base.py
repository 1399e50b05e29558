"""What a language profile is.

A :class:`Profile` is data: the words and numbering patterns of one language
in one drafting tradition (``en-eu``, ``en-uk``, ``ru-kz``, ``kk-kz`` ...).
The line lexer (:mod:`akn.lexer`) and the grammar never name a language;
adding a language or a tradition means adding a module in this package that
builds a ``Profile`` and registering it in :mod:`akn.profiles`.

Patterns are matched against one normalised line (``re.match``); heads
capture ``num`` and optionally ``heading``; items capture ``num`` and
optionally ``text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from akn.sections import SectionForm

#: Item numbering styles the lexer knows. A profile maps each to an AKN element.
ITEM_STYLES = ("dot", "paren_num", "paren_alpha", "paren_roman", "paren_upper",
               "paren_upper_roman", "close_num", "close_alpha", "dash")


def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@dataclass
class Head:
    """A hierarchy heading: ``CHAPTER I``, ``Статья 5. Heading``, ``5-бап.``."""

    element: str            # AKN element: part, title, chapter, section, subchapter, article ...
    pattern: re.Pattern     # groups: num, heading (optional)
    rank: int               # smaller is higher in the hierarchy
    heading_next_line: bool = False   # heading may stand on the next line
    caps_heading_only: bool = False   # ... only when that line is in capitals
    label: str = ""         # word printed before the number when rendering (Article, Статья)
    markdown_only: bool = False       # only on lines that were Markdown headings (``### 5. Title.—``)


@dataclass
class Profile:
    name: str               # en-eu, en-uk, en-us, ru-kz, kk-kz, ru-rf, en-kz
    lang: str               # ISO 639-2/T: eng, rus, kaz
    tradition: str          # eu, uk, us, kz, ru
    country: str            # default FRBR country: eu, gb, us, kz, ru
    heads: list[Head]
    #: item style -> AKN element (paragraph, point, subsection ...)
    items: dict[str, str]
    #: the script of the language, which detection tells from the characters: latin, cyrillic
    script: str = "latin"
    #: letters of the script that this language uses and the others of the script do not (Kazakh
    #: "әғқңөұүһі" among Cyrillic languages): they tell the language from the text
    distinctive_letters: str = ""
    #: styles whose items own the unmarked text lines that follow them
    block_styles: frozenset[str] = frozenset({"dot"})
    #: patterns of the item styles this profile reads (style -> pattern with num, text)
    item_patterns: dict[str, re.Pattern] = field(default_factory=dict)
    #: document frame
    preamble_start: re.Pattern | None = None
    citation: re.Pattern | None = None
    recitals_intro: re.Pattern | None = None
    formula: re.Pattern | None = None
    conclusions_start: re.Pattern | None = None
    annex: re.Pattern | None = None          # groups: num (optional), heading (optional)
    annex_label: str = "Annex"
    #: editorial matter (never law text)
    banner: re.Pattern | None = None         # "Примечание ИЗПИ!": a note whose body follows
    footnote: re.Pattern | None = None       # "Сноска. ...": a note about the enclosing unit
    history: re.Pattern | None = None        # "(в ред. ...)" on its own line: a note about the unit just read
    toc_placeholder: re.Pattern | None = None
    inline_note: re.Pattern | None = None    # "(в ред. Федерального закона ...)" inside a line
    repealed: re.Pattern | None = None       # searched in a unit's own text
    #: metadata
    bill_marker: re.Pattern | None = None
    title_pattern: re.Pattern | None = None  # the line that is the act's title ("О ...", "... туралы")
    #: the tradition always prints its title in the form of ``title_pattern``: no other line is taken for it
    title_pattern_only: bool = False
    #: lines of the title block that are never the title: the kind of document ("ACT", "LAW OF THE
    #: REPUBLIC OF KAZAKHSTAN"), running heads, disclaimers, requisites, lines that hold only a date or number
    title_skip: re.Pattern | None = None
    #: where a title ends when the requisites were glued to it ("Воздушный кодекс ... Принят ..."): searched
    title_end: re.Pattern | None = None
    #: the clause that states the act's short title ("This Act may be cited as the X Act 2026"): group
    #: ``title``, searched in the whole text; when the tradition has one, its title is the act's title
    short_title: list[re.Pattern] = field(default_factory=list)
    #: a bill's own name in its title block, where the tradition names bills apart from the act they will
    #: become ("Data Protection (Amendment) Bill" against "... may be cited as the ... Act"): a bill's title
    bill_title: re.Pattern | None = None
    date_patterns: list[re.Pattern] = field(default_factory=list)   # groups: day, month, year
    number_patterns: list[re.Pattern] = field(default_factory=list)  # group: number
    months: dict[str, int] = field(default_factory=dict)
    #: who made the act, as its title block or enacting words say: (pattern searched, id, name); the id
    #: names the organisation under /ontology/organization/COUNTRY/ ("legislature", "scottish-parliament")
    authors: list[tuple[re.Pattern, str, str]] = field(default_factory=list)
    #: official publication in the title block: groups name, number, day, month, year
    publication: re.Pattern | None = None
    publication_name: str = ""
    #: detection: (pattern, weight) scored on a sample of lines
    detect: list[tuple[re.Pattern, float]] = field(default_factory=list)
    #: what the text must say for this profile to be chosen unasked (a translation of a country's acts:
    #: "Republic of Kazakhstan"), searched in the first lines; a --tradition given for it needs nothing
    detect_requires: re.Pattern | None = None
    #: "Heading.—Text": a heading run into the text that follows it (Commonwealth style)
    run_in_heading: re.Pattern | None = None
    #: how a bare number prints when rendering back to text, per element
    article_label: str = "Article"
    #: lower-case letters used by this script's letter items (for close_alpha)
    letters: str = "abcdefghijklmnopqrstuvwxyz"
    #: layouts of a section line whose number must continue the sequence of sections to be one
    #: (see :mod:`akn.sections`); the lines kept become heads of ``section_head``
    section_forms: list[SectionForm] = field(default_factory=list)
    section_head: Head | None = None
    #: head elements whose order of rank is the order in which the document first uses them
    #: (a South African act puts Parts in Chapters, a UK act Chapters in Parts)
    rank_by_order: frozenset[str] = frozenset()

    def head_for(self, element: str) -> Head | None:
        for head in self.heads:
            if head.element == element:
                return head
        return None
