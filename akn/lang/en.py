"""English: the EU, UK/Commonwealth and US traditions.

Structure: :mod:`akn.profiles.english`; citations: :mod:`akn.references.english`
(its words in :mod:`akn.profiles.refs_en`); definitions below.
"""
from __future__ import annotations

import re

from akn.definitions import QUOTES_CLOSE, QUOTES_OPEN, DefinitionRules
from akn.lang.pack import Pack, ReferenceRules
from akn.profiles import refs_en
from akn.profiles.english import PROFILES
from akn.references.english import find_english


def _word(word: str, last: bool) -> str:
    """A word of a term as it may be used: the last one takes a plural and a possessive."""
    if last and word[-1:].isalpha():
        return re.escape(word) + r"(?:s|es)?(?:['’]s)?"
    return re.escape(word)


DEFINITIONS = DefinitionRules(
    heading=re.compile(r"(?i)\b(?:definitions?|interpretation|meaning of terms)\b"),
    heading_words=("defin", "interpret", "meaning"),
    intro=re.compile(r"(?i)(?:for the purposes? of this|in this (?:act|regulation|directive|law|part|chapter"
                     r"|section)|the following definitions)"),
    intro_words=("purpose", "in this", "definitions"),
    # "‘term’ means", "the term ‘term’ means", "“term” has the meaning"
    point=re.compile(rf"^(?:the\s+(?:term|expression)s?\s+)?[{QUOTES_OPEN}](?P<term>[^{QUOTES_CLOSE}]{{1,120}})"
                     rf"[{QUOTES_CLOSE}](?:\s+of\s+[^.;:‘’“”]{{1,40}}?)?\s*(?:,\s*)?(?:means|mean|shall mean|includes"
                     rf"|include|has the meaning|refers to|is)\b", re.I),
    point_quoted=True,
    unnumbered_in_section=True,
    # "(‘data subject’)", "(hereinafter ‘the Board’)", "(the ‘Charter’)"
    inline=re.compile(rf"\((?:hereinafter(?:\s+referred\s+to\s+as)?\s+|referred\s+to\s+as\s+)?(?:the\s+|an?\s+)?"
                      rf"[{QUOTES_OPEN}](?P<term>[^{QUOTES_CLOSE}()]{{1,80}})[{QUOTES_CLOSE}]\)"),
    inline_hint=lambda text: "‘" in text or "“" in text or '"' in text or "('" in text,
    inline_max_words=8,
    inline_letter_first=True,
    word=_word,
    joiner=r"\s+",
)

PACK = Pack(
    code="eng",
    script="latin",
    profiles=tuple(PROFILES),
    references=ReferenceRules(find=lambda text, tradition, letters, survey: find_english(text),
                              may_hold=refs_en.may_hold),
    definitions=DEFINITIONS,
    quoted_as_defined=re.compile(r"[‘'“\"](?P<term>[^’'”\"]{2,80})[’'”\"]\s*,?\s+(?:as\s+defined\s+in"
                                 r"|within\s+the\s+meaning\s+of)"),
    act_words=("Regulation", "Directive", "Decision", "Act ", "United States Code", "Public Law"),
)
