"""Kazakh citation phrases: largest unit first, numbers glued to inflected nouns.

Used by :mod:`akn.references.kazakh`.
"""
from __future__ import annotations

import re

#: the Kazakh і, which texts also type as the Latin i
KK_I = "[іi]"
N = r"\d+(?:-\d+)*"
GLUED = re.compile(
    rf"(?<![\w-])(?P<n>{N}(?:(?:\s*,?\s+және\s+|\s*,\s*|\s+мен\s+){N})*)\s*-\s*"
    rf"(?P<w>ба[бп]\w*|тарма[қғ](?!ша)\w*|тарау\w*|бөл{KK_I}м\w*|параграф\w*)", re.IGNORECASE)
SUB = re.compile(
    rf"(?<![\w-])(?P<n>{N}\)(?:(?:\s*,?\s+және\s+|\s*,\s*|\s+мен\s+|\s*[-–—]\s*){N}\))*)\s+(?P<w>тармақша\w*)",
    re.IGNORECASE)
LETTER = re.compile(r"(?<![\w-])(?P<n>[а-яәғқңөұүһі]\)(?:(?:\s*,\s*|\s+және\s+)[а-яәғқңөұүһі]\))*)\s+(?P<w>тармақша\w*)",
                        re.IGNORECASE)
ORDS = rf"(?:б{KK_I}р{KK_I}нш{KK_I}|ек{KK_I}нш{KK_I}|үш{KK_I}нш{KK_I}|төрт{KK_I}нш{KK_I}|бес{KK_I}нш{KK_I}|алтыншы|жет{KK_I}нш{KK_I})"
#: "1-тармағының екінші абзацы": an unnumbered paragraph (no eId) named after its unit
TRAIL_ABZ = re.compile(rf"\s+{ORDS}\s+абзац\w*", re.IGNORECASE)
ORDINAL = re.compile(rf"{ORDS}\s+бөл{KK_I}г\w*", re.IGNORECASE)
ORDINAL_END = re.compile(rf"\s*{ORDS}\s+бөл{KK_I}г\w*\s*$", re.IGNORECASE)
THIS = re.compile(r"(?:осы|мына)\s+(?P<w>ба[бп]\w*|тарма[қғ](?!ша)\w*|тармақша\w*|тарау\w*|заң\w*|кодекс\w*)\s*$",
                      re.IGNORECASE)
OTHER_ACT = re.compile(rf"(?:заң\w*|кодекс{KK_I}\w*|конституция\w*|жарлы\w*|қаулы\w*|шарт\w*|келісім\w*"
                           rf"|қағида\w*|бұйры\w*|»\w*|\"\w*)\s*$", re.IGNORECASE)


RANK = {"part": 1, "chapter": 2, "subchapter": 3, "article": 4, "paragraph": 5, "point": 6}



def may_hold(text: str) -> bool:
    return "ба" in text or "тарма" in text or "тарау" in text or "бөл" in text or "араграф" in text


