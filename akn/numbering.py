"""Numbers of units: roman numerals, eId numbers, letters of other scripts, plausible sequences."""
from __future__ import annotations

import re

ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_CYR_ROMAN = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X"})


def roman_value(label: str) -> int:
    """Value of a lower-case roman numeral, or 0 when *label* is not one.

    >>> roman_value("iv"), roman_value("xii"), roman_value("ii"), roman_value("ab")
    (4, 12, 2, 0)
    """
    if not label or not _ROMAN_RE.match(label):
        return 0
    total = 0
    for a, b in zip(label, label[1:] + " "):
        va, vb = ROMAN_VALUES[a], ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


def clean_num(num: str) -> str:
    """The number as it goes into an eId.

    Brackets, trailing dots and spaces go; dots inside a number become
    hyphens (Russian Federation ``5.1``); Cyrillic look-alikes of roman
    numerals become Latin; letters of any script stay.

    >>> [clean_num(n) for n in ("(a)", "1.", "5.1", "8-1", "4a", "(2A)", "ГЛ", "І", "а)", "3-1)")]
    ['a', '1', '5-1', '8-1', '4a', '2A', 'ГЛ', 'I', 'а', '3-1']
    """
    if num.isascii() and num.isalnum():
        return num
    num = num.strip().strip("().").strip()
    if num and set(num) <= set("IVXLCІХС"):
        num = num.translate(_CYR_ROMAN)
    num = num.replace(".", "-").replace(" ", "").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"[^\w-]", "", num)


def letter_id(letter: str, alphabet: str) -> str:
    """The eId form of a letter item in a non-Latin script: its place in the alphabet, as a Latin letter.

    Parallel Russian and Kazakh texts letter the same items ``а), б), в)``
    and ``а), ә), б)``: both become ``a, b, c`` so that the two expressions
    share their eIds.

    >>> ru = "абвгдежзийклмнопрстуфхцчшщэюя"
    >>> kk = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    >>> [letter_id(x, ru) for x in "абв"], [letter_id(x, kk) for x in "аәб"]
    (['a', 'b', 'c'], ['a', 'b', 'c'])
    """
    base = letter.split(".")[0].split("-")[0]
    suffix = letter[len(base):].replace(".", "-")
    position = alphabet.find(base.lower())
    if position < 0 or alphabet.startswith("abc"):
        return clean_num(letter)
    out = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        out = chr(ord("a") + rem) + out
    return out + suffix


_DIGITS = re.compile(r"\d+")


class Numbering:
    """Tells whether a number can continue the numbering seen so far.

    Numbers of a style restart at each article; a number is plausible when
    it is 1 (a new list), repeats or follows the last one of its style
    (gaps of up to two are tolerated, and reported by ``akn lint``), or is an
    inserted number (``8-1``, ``5.1``, ``4a``) after its base.

    >>> n = Numbering()
    >>> [n.plausible("close_num", x) for x in ("1", "2", "2-1", "3", "5554")]
    [True, True, True, True, False]
    """

    NUMERIC = {"dot", "close_num", "paren_num", "bare_num"}

    def __init__(self):
        self.last: dict[str, int] = {}

    def reset(self):
        self.last.clear()

    def plausible(self, style: str, num: str) -> bool:
        if style not in self.NUMERIC:
            return True
        digits = _DIGITS.match(num)
        if digits is None:
            return True
        value = int(digits.group(0))
        last = self.last.get(style)
        ok = value <= 3 if last is None else (value == 1 or last <= value <= last + 3)
        if ok:
            self.last[style] = value
        return ok
