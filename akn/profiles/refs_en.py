"""English citation phrases (EU, UK, US): the words and patterns the reference finder reads.

Used by :mod:`akn.references.english`; the algorithm lives there, the
vocabulary here.
"""
from __future__ import annotations

import re

WORDS = {
    "article": "article", "articles": "article", "paragraph": "paragraph", "paragraphs": "paragraph",
    "point": "point", "points": "point", "subparagraph": "subparagraph", "subparagraphs": "subparagraph",
    "sub-paragraph": "subparagraph", "sub-paragraphs": "subparagraph",
    "section": "section", "sections": "section", "subsection": "subsection", "subsections": "subsection",
    "sub-section": "subsection", "sub-sections": "subsection",
    "chapter": "chapter", "chapters": "chapter", "part": "part", "parts": "part", "title": "title",
    "clause": "clause", "clauses": "clause", "subclause": "subclause",
}
START = re.compile(
    r"\b(?<!-)(?P<word>Articles?|[Pp]aragraphs?|[Pp]oints?|[Ss]ub-?paragraphs?|[Ss]ections?|[Ss]ub-?sections?"
    r"|Chapters?|CHAPTER|Parts?|PART|Title|[Cc]lauses?|[Ss]ubclause)\s+(?=[\dIVXLC(])"
    r"|\b(?P<this>this|that)\s+(?P<tword>Article|paragraph|Chapter|Section|section|subsection|Part)\b")
NUM = re.compile(r"(?:\d+[a-zA-Z]{0,3}|[IVXLC]+\b)(?:\(\w{1,5}\))*|\((?:\w{1,5})\)(?:\(\w{1,5}\))*")
SEP = re.compile(r",?\s+(?P<sep>and/or|and|or|to)\s+|,\s*(?=\(|\d)")
OF = re.compile(r"\s+(?:of|in|under)\s+(?:the\s+)?")
#: "first subparagraph": an unnumbered unit named by its place (it has no eId; the reference covers it)
ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)"
#: new style, the larger unit first: "Article 5(1), point (h)", "Article 5(1), first subparagraph, point (a)",
#: "paragraph 1, point (b)", "Article 3, paragraph 2"
NEWSTYLE = re.compile(rf",\s+(?:{ORDINAL}\s+subparagraph,\s+)?(?=(?:points?|paragraphs?)\s+[\d(])")
#: the units a new-style citation may name after a larger one (rank: smaller is larger)
NEWSTYLE_RANK = {"part": 1, "title": 1, "chapter": 2, "section": 3, "article": 4, "paragraph": 5,
                 "subsection": 5, "subparagraph": 6, "point": 7, "clause": 7}
#: "Article 5(1), first subparagraph" (not followed by a point): the ordinal belongs to the citation
TRAIL_SUB = re.compile(rf",\s+{ORDINAL}\s+subparagraph\b(?!,\s+points?\s)")
#: "first subparagraph of Article 5(1)", "the first subparagraph, point (h)" just before a phrase
LEAD_SUB = re.compile(rf"\b{ORDINAL}\s+subparagraph(?:\s+of|,)\s+$")
LISTNEXT = re.compile(r",?\s+(?:and/or|and|or)\s+(?=(?:Articles?|points?|paragraphs?)\s)|,\s+(?=Articles?\s)")
ORDINAL_SUB = re.compile(rf"(?:the\s+)?{ORDINAL}\s+subparagraph\s+of\s+")
EXTERNAL = re.compile(
    r"(?:\s+(?:of|in|under|to)\s+(?:the\s+|that\s+)?(?!this\b)"
    r"(?:Regulation|Directive|Decision|Treaty|TFEU|TEU|Charter|Convention|Protocol|Framework|Council|Commission"
    r"|Implementing|Delegated|Act\b|Statute|Agreement|Code|Rules?\b|Union|European|[A-Z][a-z]+\s+Act\b"
    r"|\d{4}\b|[A-Z]{2,})"
    r"|\s+of\s+the\s+(?!first|second|third|fourth|fifth|sixth|last)[A-Z]"
    r"|,?\s+of\s+title\s+\d"
    r"|\s+(?:TFEU|TEU|EC|EEC|thereof|of\s+Regulation|of\s+Directive|of\s+Decision))")


def may_hold(text: str) -> bool:
    return ("rticle" in text or "aragraph" in text or "oint" in text or "ection" in text or "hapter" in text
            or "lause" in text or "art " in text or "PART" in text or "itle " in text or "CHAPTER" in text)


