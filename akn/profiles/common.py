"""Patterns shared by several profiles (numbering glyphs, dates)."""
from __future__ import annotations

import re

#: Kazakh-style inserted numbers: 5, 5-1, 5-1-2
NKZ = r"\d+(?:-\d+)*"
#: Russian Federation inserted numbers: 5, 5.1, 5.1.2
NRF = r"\d+(?:\.\d+)*"
#: EU/UK inserted numbers: 4a, 12A, 2AA
NEN = r"\d+[a-zA-Z]{0,3}"
#: Roman numerals (Latin letters; Cyrillic look-alikes are mapped by the lexer)
ROM = r"[IVXLC\u0406\u0425\u0421]*[IVXLC][IVXLC\u0406\u0425\u0421]*|[\u0406\u0425]+"
#: heading text on the same line (optional)
HEAD = r"(?:\s*[.:–—-]?\s*(?P<heading>\S.*?))?\s*$"

#: what separates a number from its text: spaces, or nothing before a capital ("1.Текст", "(1)This")
GLUE = r"(?:\s+|(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"“]))"

#: item styles common to every tradition
ITEM_PATTERNS = {
    "dot": re.compile(rf"(?P<num>\d+(?:[-.]\d+)*[a-z]{{0,2}})\.(?:{GLUE}(?P<text>.*)|$)"),
    "paren_num": re.compile(r"\((?P<num>\d+[a-zA-Z]{0,2}(?:[-.]\d+)*)\)(?:\s*(?P<text>\S.*)|$)"),
    # (inserted paragraphs: "(ba)", "(b1)", and Canada's "(b.01)", "(d.21)")
    "paren_alpha": re.compile(r"\((?P<num>[a-z]{1,3}\d?(?:\.\d{1,3})?)\)(?:\s+(?P<text>.*)|$)"),
    "paren_upper": re.compile(r"\((?P<num>[A-Z]{1,3})\)(?:\s+(?P<text>.*)|$)"),
    "close_num": re.compile(r"(?P<num>\d+(?:[-.]\d+)*)\)(?:\s*(?P<text>\S.*)|$)"),
    "dash": re.compile(r"(?P<num>[—–])\s+(?P<text>\S.*)"),
}

MONTHS_EN = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS_RU = {m: i for i, m in enumerate(
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1)}
MONTHS_KK = {m: i for i, m in enumerate(
    "қаңтардағы ақпандағы наурыздағы сәуірдегі мамырдағы маусымдағы шілдедегі тамыздағы "
    "қыркүйектегі қазандағы қарашадағы желтоқсандағы".split(), 1)}
