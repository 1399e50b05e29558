"""Kazakh: the Kazakh tradition.

Structure: :mod:`akn.profiles.kazakh`; citations: :mod:`akn.references.kazakh`
(its words in :mod:`akn.profiles.refs_kk`); definitions below.
"""
from __future__ import annotations

import re

from akn.definitions import CYRILLIC_POINT, DefinitionRules
from akn.lang.pack import Pack, ReferenceRules
from akn.profiles import refs_kk
from akn.profiles.kazakh import PROFILES
from akn.references.kazakh import find_kazakh

#: genitive and accusative endings a word inside a term may carry in its definition
_CASE = re.compile(r"(?:ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті)$")
#: a final consonant that voices before a suffix (тармақ -> тармағы)
_VOICED = {"қ": "[қғ]", "к": "[кг]", "п": "[пб]"}


def _word(word: str, last: bool) -> str:
    r"""Suffixes go on the last word, plural and possessive ones on the nouns before it.

    >>> _word("тармақ", True) == "тарма[қғ]" + r"\w{0,10}"
    True
    """
    if len(word) >= 4 and word.isalpha():
        stem = word.lower()
        if not last and len(stem) > 6:
            stem = _CASE.sub("", stem)   # "цифрлық активті шығару": "активтерді" too
        tail = _VOICED.get(stem[-1])
        return (re.escape(stem[:-1]) + tail if tail else re.escape(stem)) + (r"\w{0,10}" if last else r"\w{0,6}")
    return re.escape(word)


DEFINITIONS = DefinitionRules(
    heading=re.compile(r"ұғым|терминдер|анықтама"),
    heading_words=("ұғым", "анықтама", "термин"),
    intro=re.compile(r"(?i)(?:ұғымдар\s*пайдаланылады|пайдаланылатын\s+негізгі\s+ұғымдар"
                     r"|мынадай\s+(?:негізгі\s+)?ұғымдар)"),
    intro_words=("ұғымдар",),
    point=CYRILLIC_POINT,
    inline=re.compile(r"\(\s*бұдан\s+әрі\s*[–—-]\s*(?P<term>[^()]{2,100}?)\s*\)"),
    inline_hint=lambda text: "бұдан" in text,
    word=_word,
    joiner=r"[\s-]+",
    # texts typed with a Latin i for the Kazakh і ("бiлiм"): a term matches either
    letter_variants={"\u0456": "i", "\u0406": "I"},
)

PACK = Pack(
    code="kaz",
    script="cyrillic",
    profiles=tuple(PROFILES),
    references=ReferenceRules(find=lambda text, tradition, letters, survey: find_kazakh(text, letters),
                              may_hold=refs_kk.may_hold),
    definitions=DEFINITIONS,
    quoted_as_defined=re.compile(r"«(?P<term>[^»]{2,80})»\s*(?:ұғымы|деген\s+ұғым)"),
    act_words=("Заң", "Кодекс", "заң"),
)
