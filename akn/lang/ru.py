"""Russian: the Kazakh and Russian Federation traditions.

Structure: :mod:`akn.profiles.russian`; citations: :mod:`akn.references.russian`
(its words in :mod:`akn.profiles.refs_ru`); definitions below.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from akn.definitions import CYRILLIC_POINT, DefinitionRules
from akn.lang.pack import Pack, ReferenceRules
from akn.profiles import refs_ru
from akn.profiles.russian import PROFILES
from akn.references.russian import find_russian

#: case and number endings, longest first: what is left is the stem all forms of a word share
_ENDING = re.compile(r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ой|ей|ый|ий|ая|яя|ое|ее|ые|ие|ую|юю|ом|ем|ым|им|ых|их"
                     r"|ам|ям|ах|ях|ов|ев|ия|ья|ье|ию|а|я|о|е|ы|и|ь|й|у|ю)$")
_PARTS = re.compile(r"(?i)\bчаст(?:ью|и|ь|ям|ями|ях)\s+\d")


def _word(word: str, last: bool) -> str:
    """Every word of a term may change its ending: ``цифровой актив`` / ``цифровых активов``.

    >>> _word("цифровой", False)
    'цифров\\\\w{0,4}'
    """
    if len(word) >= 4 and word.isalpha():
        stem = _ENDING.sub("", word.lower())
        stem = stem if len(stem) >= 3 else word.lower()
        return re.escape(stem) + r"\w{0,4}"
    return re.escape(word)


def _numbers_parts(texts: Iterable[str], tradition: str) -> bool:
    """Whether a federal act numbers the "части" of its articles (then ``пункт`` is a point)."""
    return tradition == "ru" and any(_PARTS.search(text) for text in texts)


DEFINITIONS = DefinitionRules(
    heading=re.compile(r"(?i:понят|термин|определени)"),
    heading_words=("понят", "термин", "определени"),
    intro=re.compile(r"(?i)(?:понятия\s*:|используются следующие)"),
    intro_words=("понятия", "следующие"),
    point=CYRILLIC_POINT,
    inline=re.compile(r"\(\s*далее\s*[–—-]\s*(?P<term>[^()]{2,100}?)\s*\)"),
    inline_hint=lambda text: "далее" in text,
    word=_word,
    joiner=r"[\s-]+",
)

PACK = Pack(
    code="rus",
    script="cyrillic",
    profiles=tuple(PROFILES),
    references=ReferenceRules(
        find=lambda text, tradition, letters, survey: find_russian(text, tradition, letters, bool(survey)),
        may_hold=refs_ru.may_hold, survey=_numbers_parts),
    definitions=DEFINITIONS,
    quoted_as_defined=re.compile(r"«(?P<term>[^»]{2,80})»\s*,?\s+(?:в\s+значении|как\s+(?:он[аио]?\s+)?определен)"),
    act_words=("акон", "одекс"),
)
