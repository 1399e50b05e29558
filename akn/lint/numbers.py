"""Reading printed numbers and grouping units into the lists whose numbering is checked."""
from __future__ import annotations

import re

from lxml import etree

from akn.lint.linter import NS, Linter
from akn.numbering import roman_value


def num_text(el) -> str:
    num = el.find(NS + "num")
    return "".join(num.itertext()).strip() if num is not None else ""


def number_value(num: str) -> tuple[str, int, str] | None:
    """(kind, value, suffix) of a printed number: ``Article 12`` -> ('d', 12, ''), ``(c)`` -> ('a', 3, '')."""
    core = re.sub(r"^(?:[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі§]+\.?\s+)", "", num.strip()) if " " in num.strip() else num
    core = core.strip().strip("().").rstrip(")").strip()
    core = re.sub(r"[-\s]*(?:бап|тарау|бөлім|параграф)\.?$", "", core, flags=re.I).strip().rstrip(".")
    m = re.fullmatch(r"(\d+)((?:[.-]\d+)*[a-zA-Z]{0,3})", core)
    if m:
        return "d", int(m.group(1)), m.group(2)
    if roman_of(core) and core.isupper():
        return "R", roman_of(core), ""
    if len(core) == 1 and core.isalpha():
        return ("l" if core.isascii() else "c"), ord(core.lower()), ""
    if len(core) == 2 and core[0] == core[1] and core.isalpha():   # (aa): inserted after (a)
        return ("l" if core.isascii() else "c"), ord(core[0].lower()), "a"
    if roman_of(core):
        return "r", roman_of(core), ""
    return None


def roman_of(s: str) -> int:
    """Value of a roman numeral in either case, or 0 when *s* is not one."""
    return roman_value(s.lower())


#: letters that letter items in Kazakh and Russian texts (ё, й and the signs are skipped)
_CYR_KK = "аәбвгғдежзиіклмнңоөпрстуұүфхһцчшыэюя"
_CYR_RU = "абвгдежзиклмнопрстуфхцчшщэюя"


def sibling_groups(linter: Linter):
    """Units grouped into the lists whose numbering is checked.

    Articles (and the sections of UK and US acts) are numbered through the
    whole act; every other unit among the siblings of the same element.
    """
    groups: dict[tuple, list[etree._Element]] = {}
    through = {"article"} | ({"section"} if linter.doc.tradition in ("uk", "us") else set())
    for el in linter.units:
        name = etree.QName(el).localname
        if name in through:
            key: tuple = ("document", name)
        else:
            parent = el.getparent()
            while parent is not None and parent.get("eId") is None and etree.QName(parent).localname != "body":
                parent = parent.getparent()
            key = (parent, name)
        groups.setdefault(key, []).append(el)
    return groups.values()


def letter_rank(ch: int, kind: str, lang: str) -> int:
    if kind == "l":
        return ch - ord("a")
    alphabet = _CYR_KK if lang == "kaz" else _CYR_RU
    k = alphabet.find(chr(ch))
    return k if k >= 0 else ch


def unit_parent(el):
    parent = el.getparent()
    while parent is not None and parent.get("eId") is None:
        parent = parent.getparent()
    return parent


def _ordinal(num: str, lang: str) -> tuple[str, int] | None:
    """Style and 1-based place of a printed number: ``(b)`` -> ('(a)', 2), ``3)`` -> ('1)', 3)."""
    parsed = number_value(num)
    if parsed is None or parsed[2]:
        return None
    kind, value, _suffix = parsed
    if kind in ("l", "c"):
        value = letter_rank(value, kind, lang) + 1
    return style_of(num), value


def continues_parent(el, kind: str, value: int, lang: str) -> bool:
    """A first child that carries on its parent's numbering in another style: (a), (b) then (3)."""
    parent = unit_parent(el)
    if parent is None or etree.QName(parent).localname != etree.QName(el).localname:
        return False
    mine, theirs = _ordinal(num_text(el), lang), _ordinal(num_text(parent), lang)
    if mine is None or theirs is None or mine[1] <= 1:
        return False
    return mine[0] != theirs[0] and mine[1] == theirs[1] + 1


def show(value: int, kind: str, lang: str) -> str:
    if kind == "l":
        return chr(ord("a") + value)
    if kind == "c":
        alphabet = _CYR_KK if lang == "kaz" else _CYR_RU
        return alphabet[value] if value < len(alphabet) else str(value)
    return str(value)


def style_of(num: str) -> str:
    """The shape of a printed number: ``(a)`` -> ``(a)``, ``12)`` -> ``1)``, ``б)`` -> ``(cyr))``."""
    num = num.strip()
    if " " in num:
        return ""
    shape = re.sub(r"\d+[A-Za-z]{0,2}(?:[.-]\d+)*", "1", num)   # inserted numbers (3a, 8-1, 5.1) keep the shape
    shape = re.sub(r"[A-Za-z]+", "a", shape)
    shape = re.sub(r"[^\W\d_a]+", "я", shape)
    return shape
