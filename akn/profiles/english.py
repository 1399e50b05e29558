"""English profiles: EU (Official Journal), UK/Commonwealth, US, and Kazakhstan's English translations."""
from __future__ import annotations

import re

from akn.profiles.base import Head, Profile
from akn.sections import SectionForm
from akn.profiles.common import GLUE, HEAD, ITEM_PATTERNS, MONTHS_EN, NEN, NKZ, ROM

#: EU headings stand alone on their line, or after a dash or colon ("CHAPTER I - General provisions")
SEP_HEAD = r"(?:\s*[.:–—-]\s+(?P<heading>\S.*?))?\s*$"

_I = re.IGNORECASE
_DATE_EN = re.compile(r"(?:of|dated|on)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+),?\s+(?P<year>\d{4})")
_DATE_EN_US = re.compile(r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})")
_EDITORIAL_EN = re.compile(r"Footnote\.\s*(?P<text>.*)")
_BILL_EN = re.compile(r"(?:Proposal for an? |A BILL\b|^Bill\b|DRAFT\b|Draft (?:Law|Act|Regulation)\b)")

#: lines of an English title block that are never the act's title: the kind of document alone ("ACT",
#: "Statutory Instruments", "Joint Resolution", "LAW OF THE REPUBLIC OF KAZAKHSTAN"), the printer's running
#: heads ("127 STAT. ...", "PUBLIC LAW 113–44—OCT. 10, 2013"), a publisher's disclaimer or correction slip,
#: the session and chamber of a bill, the enacting words, a date or a number alone ("2025 No. 3",
#: "2026 CHAPTER 14", "ACT NO. 43 OF 2005", "[13th September, 2005.]", "Oct. 10, 2013")
_DOC_KIND_EN = (r"(?:(?:AN?|THE|An?|The)\s+)?(?:ACT|Act|BILL|Bill|LAW|Law|STATUTE|Statute|ORDINANCE|Ordinance"
                r"|(?:JOINT|CONCURRENT|Joint|Concurrent)\s+(?:RESOLUTION|Resolution)|RESOLUTION|Resolution"
                r"|Statutory Instruments?|STATUTORY INSTRUMENTS?|Scottish Statutory Instruments?|Public Law|PUBLIC LAW)")
_TITLE_SKIP_EN = re.compile(
    rf"{_DOC_KIND_EN}\s*$"
    r"|(?:LAW|Law|ACT|Act|CODE|Code)\s+OF\s+THE\s+REPUBLIC\s+OF\s+[A-Z]+\s*$|(?:Law|Act|Code) of the Republic of [A-Z][a-z]+\s*$"
    r"|Disclaimer\s*:|(?:Editorial|Editor's)\s+[Nn]ote\b|This Statutory Instrument has been (?:printed|made) (?:to correct|in substitution)"
    r"|\d+\s+STAT\.|PUBLIC LAW\s+\d|Public Law\s+\d+[–-]\d+\s*$|\d+(?:st|nd|rd|th)\s+(?:CONGRESS|Congress)\b|\d+(?:st|nd|rd|th)\s+Session\b"
    r"|IN THE (?:SENATE|HOUSE) OF|Calendar No\.|\[(?:H|S)\.\s?(?:R|J|Con)?\.?\s?(?:Res\.)?\s?\d"
    r"|\[Strike out|(?:Be it enacted|BE IT ENACTED|Resolved by)\b"
    r"|\d{4}\s+(?:No\.|CHAPTER|Chapter|c\.|asp|anaw|asc|nia|mwa)\s*\d+\s*$|(?:ACT|Act)\s+NO\.?\s+\d+\s+OF\s+\d{4}\.?\s*$"
    r"|(?:ACT|Act)\s+No\.?\s+\d+,?\s+\d{4}\.?\s*$|\[(?:Assented to|Date of commencement)\b"
    r"|\[?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})\.?\]?\s*$"
    r"|(?:Made|Laid before|Coming into force)\b")
#: the clause that states a short title: "This Act may be cited as the X Act 2026", "These Regulations may be
#: cited as ...", "This Act may be called ...", "This Act is called ...", "The short title of this Act is ...";
#: quoted ("... as the “X Act of 2023”") or up to the word that ends the name of an act and its year
_CITED_AS = (r"(?:(?:This|These|this|these)\s+(?:Act|Regulations|Order|Rules|Ordinance|Code|Law|[Jj]oint [Rr]esolution"
             r"|[Rr]esolution)\s+(?:may be cited as|may be called|is called|shall be cited as)"
             r"|The short title of this (?:Act|Order|Ordinance|Code|Law) is)\s+(?:the\s+)?")
_SHORT_TITLE_EN = [
    re.compile(_CITED_AS + r"[*_]*[“\"](?P<title>[^”\"]+?)[,.]?[”\"]"),
    re.compile(_CITED_AS + r"(?P<title>[*_]*[A-Z][^;:“”\"]*?\b(?:Act|Regulations|Order|Rules|Ordinance|Code|Resolution)"
               r"(?:,?\s+(?:of\s+)?\d{4})?)[*_]*(?=\s*(?:[.;,(]|and\b|$))"),
]
#: a line of the text that holds only a date: the date of an act printed below its title
_EN_DATE_LINE = r"\[?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})\.?\]?\s*$"

EN_EU = Profile(
    name="en-eu", lang="eng", tradition="eu", country="eu",
    heads=[
        Head("part", re.compile(rf"PART\s+(?P<num>{ROM}|\d+|ONE|TWO|THREE|FOUR|FIVE|SIX){SEP_HEAD}"), 10, True, label="PART"),
        Head("title", re.compile(rf"TITLE\s+(?P<num>{ROM}|\d+){SEP_HEAD}"), 20, True, label="TITLE"),
        Head("chapter", re.compile(rf"(?:CHAPTER|Chapter)\s+(?P<num>{ROM}|\d+){SEP_HEAD}"), 30, True, label="CHAPTER"),
        Head("section", re.compile(rf"(?:SECTION|Section)\s+(?P<num>{ROM}|\d+){SEP_HEAD}"), 40, True, label="Section"),
        Head("article", re.compile(rf"(?:Article\s+(?P<num>{NEN})|(?P<num2>Sole) Article){SEP_HEAD}"), 50, True, label="Article"),
    ],
    items={"dot": "paragraph", "paren_num": "point", "paren_alpha": "point", "paren_roman": "point",
           "paren_upper": "point", "dash": "indent"},
    block_styles=frozenset({"dot"}),
    item_patterns={k: ITEM_PATTERNS[k] for k in ("dot", "paren_num", "paren_alpha", "paren_upper", "dash")},
    preamble_start=re.compile(r"(?:THE EUROPEAN PARLIAMENT|THE COUNCIL|THE EUROPEAN COMMISSION|Having regard)"),
    citation=re.compile(r"(?:Having regard to|After (?:transmission|consulting|having consulted)|Acting in accordance|In accordance with)"),
    recitals_intro=re.compile(r"Whereas\s*:?\s*$"),
    formula=re.compile(r"(?:HAS|HAVE) ADOPTED TH(?:IS|E FOLLOWING) [A-Z ]+:?\s*$"),
    conclusions_start=re.compile(r"Done at\s+\S"),
    annex=re.compile(rf"ANNEX(?:\s+(?P<num>{ROM}|\d+))?\s*$"),
    annex_label="ANNEX",
    footnote=_EDITORIAL_EN,
    repealed=re.compile(r"^\s*\(?(?:deleted|repealed)\)?\s*\.?\s*$", _I),
    bill_marker=_BILL_EN,
    # the title is the title line in full ("REGULATION (EU) 2016/679 ... of 27 April 2016 on ..."), without the
    # note that follows it
    title_skip=_TITLE_SKIP_EN,
    title_end=re.compile(r"\s*\(Text with EEA relevance\)"),
    authors=[(re.compile(r"EUROPEAN PARLIAMENT AND (?:OF )?THE COUNCIL"), "legislature", "European Parliament and Council"),
             (re.compile(r"^THE COUNCIL OF THE EUROPEAN UNION"), "council", "Council of the European Union"),
             (re.compile(r"^THE EUROPEAN COMMISSION"), "commission", "European Commission")],
    date_patterns=[_DATE_EN],
    number_patterns=[re.compile(r"(?:REGULATION|DIRECTIVE|DECISION)\s+\((?:EU|EC|EEC|EU, Euratom)\)\s+(?:No\s+)?(?P<year>\d{4})/(?P<number>\d+)"),
                     re.compile(r"(?:REGULATION|DIRECTIVE|DECISION)\s+(?:\((?:EU|EC|EEC)\)\s+)?No\s+(?P<number>\d+)/(?P<year>\d{4})")],
    months=MONTHS_EN,
    publication=re.compile(r"\(?OJ\s+(?P<name>L|C)\s+(?P<number>\d+[A-Z]?),\s+(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"),
    publication_name="Official Journal of the European Union",
    # (a bill drafted in articles, "Article 1. Purpose" / "1." / "(a)", is read in this tradition when no other
    # tradition's words are in it)
    detect=[(re.compile(r"Article\s+\d+[a-z]*\s*$"), 3.0), (re.compile(r"Having regard to"), 5.0),
            (re.compile(r"Article\s+\d+[a-z]*\.\s+[A-Z]"), 2.0),
            (re.compile(r"Whereas:"), 5.0), (re.compile(r"CHAPTER\s+[IVXLC]+\s*$"), 3.0),
            (re.compile(r"\d+\.\s{1,3}[A-Z]"), 0.3)],
    article_label="Article",
)

def _any_case(word: str) -> str:
    """A keyword in any letter case ("PART", "Part", "part", "ChaPTEr"), as character classes.

    >>> re.fullmatch(_any_case("part"), "PaRt") is not None
    True
    """
    return "".join(f"[{ch.upper()}{ch}]" for ch in word)


#: a number of a Part or Chapter: 2, 2A, A (South Africa), IV; glued to its heading on web copies ("Part 1Status")
_UK_DIV_NUM = rf"(?P<num>\d+[A-Z]{{0,2}}(?![a-z])|[A-Z]{{1,2}}(?![A-Za-z])|(?:{ROM})(?![A-Za-z]))"
#: a heading after a division's number: on the same line it starts with a capital and does not end a clause
_UK_DIV_HEAD = r"\s*[.:–—-]?(?:\s*(?P<heading>[A-Z][^;:]*?[^;:,\s]))?\s*$"
#: a section number: 12, 12A, 4.01; "[^]" is a footnote glyph of Markdown conversions ("### [^]29 Review")
_UK_NUM = r"(?P<num>(?:\[\^[^\]]*\]\s*)?[1-9]\d{0,3}(?:[A-Z]{1,3}|\.\d{1,3})?)"
_UK_ORDINAL = ("FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|ELEVENTH|TWELFTH|"
               "First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth")

#: what may follow the digits of a section number: a space, a suffix letter ("12A"), a decimal point ("4.01")
_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SPACED, _DOTTED, _GLUED = " ." + _CAPITALS, "." + _CAPITALS, _CAPITALS

#: the layouts of a section line in the UK tradition (see akn.sections: numbering decides which lines are sections)
UK_SECTION_FORMS = [
    # "1 Short title", "12A Power to make regulations" (the number of a "2026 CHAPTER 7" line is a year)
    SectionForm("spaced", after_digits=_SPACED, pattern=re.compile(rf"(?!\d{{4}}\s+CHAPTER\b){_UK_NUM}\s+(?P<heading>[A-Z“\"‘][^;]*?[^.;:\s,—–-])\s*$")),
    # printed with a full stop after the heading: "1 Short title."
    SectionForm("spaced", after_digits=_SPACED, pattern=re.compile(rf"{_UK_NUM}\s+(?P<heading>[A-Z“\"‘][^;:]*?\.)\s*$"), max_heading_words=12),
    # a printed range of spent sections: "52 to 57"
    SectionForm("spaced", after_digits=_SPACED, pattern=re.compile(rf"{_UK_NUM}(?P<heading>)\s+(?:to|and)\s+(?P<last>[1-9]\d*)[A-Z]*\s*$"),
                max_heading_words=0),
    # Commonwealth: "1. Short title and commencement.—(1) This Act ..."
    SectionForm("dotted", after_digits=_DOTTED, pattern=re.compile(rf"{_UK_NUM}\.\s+(?P<heading>[A-Z][^—–]*?\.\s*[—–]+)\s*(?P<text>\S.*)?$")),
    # "1.—(1) The Secretary of State may ..."
    SectionForm("dotted", after_digits=_DOTTED, pattern=re.compile(rf"{_UK_NUM}\.[—–]+\s*(?P<text>\S.*)$")),
    # the number alone on its line, the text on the next: "1."
    SectionForm("dotted", after_digits=_DOTTED, pattern=re.compile(rf"{_UK_NUM}\.\s*$")),
    # "10. (1) Text", "28. Whenever a person ...", "1. Definitions"
    SectionForm("dotted", after_digits=_DOTTED, pattern=re.compile(rf"{_UK_NUM}\.\s+(?P<text>\S.*)$"), text_may_be_heading=True),
    # web copies without their style sheet: "1Qualifications Scotland", "12AThe Board"
    SectionForm("glued", after_digits=_GLUED, pattern=re.compile(r"(?P<num>[1-9]\d{0,3}[A-Z]{0,2}?)(?P<heading>[A-Z][a-z’'][^;]*?[^;:,\s—–-])\s*$"),
                max_heading_words=20),
    # statutory instruments on legislation.gov.uk: the heading before its number, "Citation and extent1."
    SectionForm("trailing", re.compile(r"(?P<heading>[A-Z][^;:]*?)(?P<digits>\d+)\.\s*$"), glued_number=True,
                max_heading_words=24),
    # "Section 4 - Application" (Markdown conversions of Indian acts), "SECTION 4. Application"
    SectionForm("labelled", re.compile(rf"(?:Section|SECTION)\s+{_UK_NUM}(?:\s*[-–—.:]\s*(?P<heading>\S.*?))?\s*$")),
]

EN_UK = Profile(
    name="en-uk", lang="eng", tradition="uk", country="gb",
    heads=[
        Head("part", re.compile(rf"{_any_case('part')}\s+{_UK_DIV_NUM}{_UK_DIV_HEAD}"), 10, True, label="PART"),
        # "SUBPART 2 - Heading", "Sub-part 1", "SUBPART - Heading" (a subpart may be unnumbered)
        Head("subpart", re.compile(rf"{_any_case('sub')}-?{_any_case('part')}(?:\s+{_UK_DIV_NUM})?{_UK_DIV_HEAD}"), 20, True,
             label="SUBPART"),
        Head("chapter", re.compile(rf"{_any_case('chapter')}\s+{_UK_DIV_NUM}{_UK_DIV_HEAD}"), 30, True, label="CHAPTER"),
        # Markdown conversions of Commonwealth acts: "## I - Preliminary"
        Head("chapter", re.compile(rf"(?P<num>{ROM})\s+[-–—]\s+(?P<heading>\S.*)"), 30, False, label=""),
        # Markdown conversions: "### 3. Definition of domestic violence." or "### 5." alone
        Head("section", re.compile(r"(?P<num>\d+[A-Z]{0,2})\.(?:\s+(?P<heading>[A-Z][^—]*?))?[\s.—–-]*$"), 50, False,
             label="", markdown_only=True),
    ],
    section_forms=UK_SECTION_FORMS,
    section_head=Head("section", re.compile(r"(?!)"), 50, False, label=""),
    rank_by_order=frozenset({"part", "chapter"}),
    run_in_heading=re.compile(r"(?P<heading>[A-Z][^—.]{0,200}?)\.?\s*[—–]\s*(?P<text>\S.*)$"),
    items={"paren_num": "subsection", "paren_alpha": "paragraph", "paren_roman": "subparagraph",
           "paren_upper": "clause", "dot": "paragraph", "bare_num": "paragraph", "dash": "indent",
           "decimal_2": "subsection", "decimal_3": "paragraph", "decimal_4": "subparagraph"},
    block_styles=frozenset({"paren_num", "dot", "bare_num", "decimal_2"}),
    item_patterns={**{k: ITEM_PATTERNS[k] for k in ("paren_num", "paren_alpha", "paren_upper", "dot", "dash")},
                   # decimal numbering of by-laws: "3.1", "3.1.1 street trading;" (a level per dot)
                   "decimal_2": re.compile(r"(?P<num>\d+\.\d+)(?:\s+(?P<text>\S.*)|$)"),
                   "decimal_3": re.compile(r"(?P<num>\d+\.\d+\.\d+)(?:\s+(?P<text>\S.*)|$)"),
                   "decimal_4": re.compile(r"(?P<num>\d+\.\d+\.\d+\.\d+)(?:\s+(?P<text>\S.*)|$)"),
                   # schedule paragraphs: "1 The form of consent must name the pupil."
                   "bare_num": re.compile(r"(?P<num>\d{1,3}[A-Z]?)\s+(?P<text>[A-Z].*[.;:,—])$")},
    preamble_start=re.compile(r"(?:BE IT ENACTED|Be it enacted|WHEREAS|Whereas)"),
    formula=re.compile(r"(?:BE IT ENACTED|Be it enacted|BE it enacted)\b.*"),
    # the signature of a statutory instrument ("Signed by authority of the Secretary of State ...")
    conclusions_start=re.compile(r"(?:Signed by(?: authority of)?|Sealed with the Official Seal of)\s+\S"),
    # "SCHEDULE 2", "Schedule 2 Title", "Schedule 1Status" (glued), "FIRST SCHEDULE", "THE SECOND SCHEDULE",
    # "SCHEDULES" (a whole word: never "SCHEDULE" and "S"); a title after the number starts with a capital or is
    # a bracketed reference ("(section 12)"); "Schedule 1 makes provision ..." is a sentence
    annex=re.compile(rf"(?:(?:THE|The)\s+)?(?:(?P<num2>{_UK_ORDINAL})\s+(?:SCHEDULE|Schedule)|SCHEDULES?|Schedules?)(?![A-Za-z])"
                     r"(?:\s+(?P<num>\d+[A-Z]{0,2}(?![a-z])))?"
                     # (a title with no number before it needs a separator: "Schedule Heading" is a title line)
                     r"(?:(?(num)\s*[.:–—-]?|(?(num2)\s*[.:–—-]?|\s*[.:–—-]))\s*(?P<heading>[A-Z“\"‘][^;]*?|\([^()]*\)))?\s*$"),
    annex_label="SCHEDULE",
    footnote=_EDITORIAL_EN,
    repealed=re.compile(r"^\s*[\[(]?(?:repealed|omitted)[\])]?\.?\s*$", _I),
    bill_marker=_BILL_EN,
    title_skip=_TITLE_SKIP_EN,
    short_title=_SHORT_TITLE_EN,
    # "Online Safety Bill", "Finance (No. 2) Bill [HL]": a Westminster-style bill is called by its own name
    bill_title=re.compile(r"^[A-Z][^.;:]*\bBill(?:\s+\d{4})?(?:\s*\[HL\])?$"),
    # the enacting words or the long title name the legislature; an instrument's maker is in its first words
    authors=[(re.compile(r"Act of the Scottish Parliament"), "scottish-parliament", "Scottish Parliament"),
             (re.compile(r"Act of Senedd Cymru|Act of the National Assembly for Wales"), "senedd-cymru", "Senedd Cymru"),
             (re.compile(r"Northern Ireland Assembly"), "northern-ireland-assembly", "Northern Ireland Assembly"),
             (re.compile(r"Lords Spiritual and Temporal, and Commons"), "legislature", "Parliament of the United Kingdom"),
             (re.compile(r"Parliament of the Republic of South Africa"), "legislature", "Parliament of the Republic of South Africa"),
             (re.compile(r"enacted by Parliament in the .* Year of the Republic of India"), "legislature", "Parliament of India"),
             (re.compile(r"Parliament of Canada|Senate and House of Commons of Canada"), "legislature", "Parliament of Canada"),
             (re.compile(r"^The Secretary of State makes (?:these|this)"), "secretary-of-state", "Secretary of State"),
             (re.compile(r"^The Scottish Ministers make (?:these|this)"), "scottish-ministers", "Scottish Ministers")],
    # the date of an act is its Royal Assent (or assent), of an instrument the day it was made
    date_patterns=[re.compile(r"(?:Royal Assent|[Aa]ssented to)\s+(?:on\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
                              r"(?P<month>[A-Za-z]+),?\s+(?P<year>\d{4})"),
                   re.compile(r"^Made\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+),?\s+(?P<year>\d{4})"),
                   _DATE_EN, re.compile(r"\[(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]+),?\s+(?P<year>\d{4})\.?\]")],
    # "ACT NO. 43 OF 2005" heading the act (not "(Act No. 17 of 1941)", an act its long title names),
    # "2018 c. 12", "2026 CHAPTER 14", "2025 asp 11" (Scotland), "2025 No. 3" (a statutory instrument)
    number_patterns=[re.compile(r"^(?:ACT|Act)\s+NO\.?\s+(?P<number>\d+)\s+OF\s+(?P<year>\d{4})", _I),
                     # South Africa: "Act No. 68, 2008" heading the act
                     re.compile(r"^(?:ACT|Act)\s+No\.?\s+(?P<number>\d+),?\s+(?P<year>\d{4})\.?\s*$", _I),
                     re.compile(r"^(?P<year>\d{4})\s+(?:c(?:hapter)?\.|CHAPTER|asp|anaw|asc|nia|mwa|No\.)\s*(?P<number>\d+)\s*$"),
                     re.compile(r"\b(?P<year>\d{4})\s+(?:c(?:hapter)?\.|CHAPTER)\s*(?P<number>\d+)")],
    months=MONTHS_EN,
    detect=[(re.compile(r"\d+[A-Z]?\s+[A-Z][a-z][^.]*$"), 1.0), (re.compile(r"\(\d+\)\s+\S"), 0.5),
            (re.compile(r"BE IT ENACTED|Be it enacted|BE it enacted"), 8.0), (re.compile(r"SCHEDULE\s+\d+"), 4.0),
            (re.compile(r"PART\s+\d+\s*$"), 3.0), (re.compile(r"\d+\.\s+[A-Z][^—]*\.?—"), 3.0)],
    article_label="",
)

#: a run-in heading of a US subdivision: "(a) IN GENERAL.—", "(a) In General.—" (USLM small capitals
#: rendered as text), "(c) ‘Eligible Entity’ Defined.—": a capital, no sentence end inside (a full stop
#: followed by a space only after an initial, "U.S. Persons"), then ".—" (".--" in GPO's plain-text printing)
_US_HEADING = r"[A-Z0-9‘“\"'`](?:[^—–.\n]|\.(?=\S)|(?<=\b[A-Z])\.(?=\s)){0,150}?"
_US_RUN_IN = rf"(?:\s+(?:(?P<heading>{_US_HEADING})\.\s*(?:[—–]|--)\s*)?(?P<text>.*)|$)"
#: "SEC. 101.", "Sec. 2.", "SECTION 1.", "Section 1." (Statutes at Large and enrolled bills print all four;
#: conversions sometimes leave a space before the full stop: "SEC. 3 .")
_US_SEC = r"(?:SEC\.|Sec\.|SECTION|Section)\s+(?P<num>\d+[A-Za-z]{0,3}(?:-\d+)?)\s?\."
#: a heading printed in small capitals and copied in lower case ("Sec. 201. extension of authorities",
#: "Sec. 573. (rescissions)"): the rest of the line, at most 15 words, not ending as a sentence or a clause
#: does ("Sec. 102. Appropriations made by section 101 shall be available ... Act." is text)
_US_SMALL_CAPS_HEADING = r"(?=(?:\S+\s+){0,14}\S+\s*$)[^\s.:;,—–][^.:;—–]*?[^\s.:;,—–-](?=\s*$)"
#: a heading of a title, subtitle, part ... after a dash ("TITLE I—GENERAL PROVISIONS") or alone on its line
_US_DASH_HEAD = r"(?:\s*[—–-]\s*(?P<heading>\S.*?))?\s*$"

EN_US = Profile(
    name="en-us", lang="eng", tradition="us", country="us",
    heads=[
        Head("division", re.compile(rf"DIVISION\s+(?P<num>[A-Z]{{1,2}}|\d+){_US_DASH_HEAD}"), 8, True, True,
             label="DIVISION"),
        Head("title", re.compile(rf"TITLE\s+(?P<num>{ROM}|\d+){HEAD}"), 20, True, label="TITLE"),
        Head("subtitle", re.compile(r"Subtitle\s+(?P<num>[A-Z]{1,2})" + _US_DASH_HEAD), 25, True, label="Subtitle"),
        Head("chapter", re.compile(rf"CHAPTER\s+(?P<num>\d+[A-Z]?|{ROM}){HEAD}"), 30, True, label="CHAPTER"),
        Head("subchapter", re.compile(rf"SUBCHAPTER\s+(?P<num>{ROM}|[A-Z]|\d+){HEAD}"), 35, True, label="SUBCHAPTER"),
        Head("part", re.compile(rf"PART\s+(?P<num>{ROM}|[A-Z]{{1,2}}|\d+){HEAD}"), 40, True, label="PART"),
        Head("subpart", re.compile(r"Subpart\s+(?P<num>[A-Z]{1,2}|\d+)" + _US_DASH_HEAD), 45, True, label="Subpart"),
        # the United States Code, and acts that enact its titles: "Subtitle I— ...", "Division A— ...",
        # "Chapter 1001— General Provisions", "§ 100101. Promotion and regulation" (a division is below a
        # subtitle there, above a title in a bill)
        Head("division", re.compile(r"Division\s+(?P<num>[A-Z]{1,2})" + _US_DASH_HEAD), 27, True, True, label="Division"),
        Head("chapter", re.compile(rf"Chapter\s+(?P<num>\d+[A-Z]?|{ROM})" + _US_DASH_HEAD), 30, True, True,
             label="Chapter"),
        Head("subchapter", re.compile(rf"Subchapter\s+(?P<num>{ROM}|[A-Z]|\d+)" + _US_DASH_HEAD), 35, True, True,
             label="Subchapter"),
        Head("part", re.compile(rf"Part\s+(?P<num>{ROM}|[A-Z]{{1,2}}|\d+)" + _US_DASH_HEAD), 40, True, True, label="Part"),
        Head("section", re.compile(r"§\s*(?P<num>\d+[A-Za-z]{0,3}(?:-\d+)?)\.(?:\s+(?P<heading>\S.*?))?\s*$"), 50, False,
             label="§"),
        # the section headings of public laws and bills are printed in capitals: a heading is the line's
        # capitals ("SEC. 2. SHORT TITLE."); text after them, or text with no heading ("Sec. 102. Appropriations
        # made by ..."), is the section's text, a line of its own
        Head("section", re.compile(rf"{_US_SEC}(?:\s+(?P<heading>[^a-z]*?[A-Z][^a-z]*?(?:\.|(?=\s*$))"
                                   rf"|{_US_SMALL_CAPS_HEADING}))?"
                                   r"(?:\s+(?P<text>\S.*[a-z].*?))?\s*$"), 50, False, label="SEC."),
    ],
    items={"paren_alpha": "subsection", "paren_num": "paragraph", "paren_upper": "subparagraph",
           "paren_roman": "clause", "paren_upper_roman": "subclause", "paren_double": "point", "dot": "paragraph",
           "dash": "indent"},
    block_styles=frozenset({"paren_alpha"}),
    # run-in headings: "(a) IN GENERAL.—The Secretary shall ..."; (aa), (bb) below a subclause (I)
    item_patterns={"paren_double": re.compile(r"\((?P<num>(?!(?:ii|iii|xx|xxx|cc|ccc|mm|mmm)\))([a-z])\2{1,2})\)" + _US_RUN_IN),
                   # letters, and roman numerals of clauses and subclauses up to (xxxviii): "(viii)", "(XVIII)"
                   "paren_alpha": re.compile(r"\((?P<num>[a-z]{1,3}\d?|[ivxl]{4,7})\)" + _US_RUN_IN),
                   "paren_num": re.compile(r"\((?P<num>\d+[a-zA-Z]{0,2})\)" + _US_RUN_IN),
                   "paren_upper": re.compile(r"\((?P<num>[A-Z]{1,3}|[IVXL]{4,7})\)" + _US_RUN_IN),
                   "dot": re.compile(r"(?P<num>\d+[a-z]{0,2})\." + _US_RUN_IN),
                   "dash": ITEM_PATTERNS["dash"]},
    preamble_start=re.compile(r"(?:Be it enacted|Resolved\b)"),
    # bills and acts are enacted; joint and concurrent resolutions resolved
    formula=re.compile(r"(?:Be it enacted\b|Resolved by the (?:Senate|House of Representatives)\b).*"),
    # what is printed after the last section: the action ("Approved October 10, 2013.", "Passed the Senate ...",
    # "Attest:"), the signatures of an enrolled bill, the back page of a reported bill ("Calendar No. 51 ...")
    conclusions_start=re.compile(r"(?:Approved\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\.?"
                                 r"|Passed the (?:Senate|House of Representatives)\b.*|Attest:"
                                 r"|Speaker of the House of Representatives\.?"
                                 r"|Vice President of the United States and President of the Senate\.?"
                                 r"|Calendar No\.\s*\d+\b.*)\s*$"),
    footnote=_EDITORIAL_EN,
    repealed=re.compile(r"^\s*\[(?:repealed|reserved)\]\.?\s*$", _I),
    bill_marker=re.compile(r"(?:A BILL\b|^H\. ?R\. \d+|^S\. \d+)"),
    title_skip=_TITLE_SKIP_EN,
    short_title=_SHORT_TITLE_EN,
    authors=[(re.compile(r"Senate and House of Representatives of the United States of America"), "legislature",
              "United States Congress"), (re.compile(r"\d+(?:st|nd|rd|th) (?:CONGRESS|Congress)\b"), "legislature",
                                         "United States Congress")],
    date_patterns=[_DATE_EN_US, _DATE_EN],
    # the number of a public law heads it, in the running head ("PUBLIC LAW 113–44—OCT. 10, 2013") or alone
    # ("Public Law 113–44"); a "Public Law" inside the title is another act
    number_patterns=[re.compile(r"(?:PUBLIC LAW|^Public Law)\s+(?P<number>\d+[–-]\d+)")],
    months=MONTHS_EN,
    detect=[(re.compile(r"(?:SEC\.|Sec\.|SECTION)\s+\d+[A-Za-z]*\.(?:\s|$)"), 6.0),
            (re.compile(r"(?:Be it enacted|Resolved) by the (?:Senate|House of Representatives)"), 10.0),
            (re.compile(r"in Congress assembled"), 10.0), (re.compile(r"\d+(?:st|nd|rd|th) Congress\b"), 5.0),
            (re.compile(r"United States Code"), 3.0), (re.compile(r"Public Law \d+[–-]\d+"), 3.0)],
    article_label="SEC.",
)

#: Kazakhstan's official English translations (adilet "Unofficial translation")
EN_KZ = Profile(
    name="en-kz", lang="eng", tradition="kz", country="kz",
    heads=[
        Head("part", re.compile(rf"(?:SECTION|Section)\s+(?P<num>{NKZ}|{ROM})\.?{HEAD}"), 10, True, True, label="Section"),
        Head("chapter", re.compile(rf"(?:CHAPTER|Chapter)\s+(?P<num>{NKZ}|{ROM})\.?{HEAD}"), 30, True, True, label="Chapter"),
        Head("subchapter", re.compile(rf"(?:PARAGRAPH|Paragraph)\s+(?P<num>{NKZ})\.{HEAD}"), 40, False, label="Paragraph"),
        Head("article", re.compile(rf"Article\s+(?P<num>{NKZ})(?:\.|\s*$){HEAD}"), 50, False, label="Article"),
    ],
    items={"dot": "paragraph", "close_num": "point", "close_alpha": "point", "dash": "indent"},
    block_styles=frozenset({"dot"}),
    item_patterns={"dot": re.compile(rf"(?P<num>{NKZ})\.(?:{GLUE}(?P<text>.*)|$)"),
                   "close_num": re.compile(rf"(?P<num>{NKZ})\)(?:\s*(?P<text>\S.*)|$)"),
                   "close_alpha": re.compile(r"(?P<num>[a-z])\)\s+(?P<text>\S.*)"),
                   "dash": ITEM_PATTERNS["dash"]},
    conclusions_start=re.compile(r"(?:The )?President of the Republic of Kazakhstan\s*$"),
    annex=re.compile(rf"(?:Appendix|Annex)(?:\s+(?P<num>{NKZ}))?\b(?:\s*(?P<heading>.*?))?\s*$"),
    annex_label="Appendix",
    footnote=_EDITORIAL_EN,
    repealed=re.compile(r"\b(?:is )?(?:excluded|deleted|repealed|lost force)\b", _I),
    bill_marker=re.compile(r"^(?:DRAFT|Draft)\b"),
    # "On Artificial Intelligence ...": the title of a law in translation; a code names itself
    title_pattern=re.compile(r"On\s+\S|.*\bCode\b"),
    title_skip=_TITLE_SKIP_EN,
    authors=[(re.compile(r"REPUBLIC OF KAZAKHSTAN|Republic of Kazakhstan"), "legislature",
              "Parliament of the Republic of Kazakhstan")],
    date_patterns=[re.compile(r"dated\s+(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+),?\s+(?P<year>\d{4})"), _DATE_EN],
    number_patterns=[re.compile(rf"No\.?\s*(?P<number>{NKZ}-[IVXLC]+|\d+(?:-[IVXLC]+)?)")],
    months=MONTHS_EN,
    # only a text that names Kazakhstan is read as a translation of its acts (with its country and author)
    detect_requires=re.compile(r"Republic of Kazakhstan|REPUBLIC OF KAZAKHSTAN|Kazakhstan"),
    detect=[(re.compile(r"Article\s+\d+(?:-\d+)?\.\s+\S"), 4.0), (re.compile(r"Republic of Kazakhstan"), 3.0),
            (re.compile(r"\d+\)\s+\S"), 0.5), (re.compile(r"Chapter\s+\d+\.\s"), 3.0)],
    article_label="Article",
)

PROFILES = [EN_EU, EN_UK, EN_US, EN_KZ]
