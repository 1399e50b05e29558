"""numbering-gap, numbering-duplicate, numbering-order: the numbers of one list, in sequence."""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from akn.errors import Diagnostic
from akn.lint.linter import Linter
from akn.lint.numbers import (continues_parent, letter_rank, num_text, roman_of, show, sibling_groups,
                              unit_parent, number_value)
from akn.lint.registry import register


def check_numbering(linter: Linter) -> Iterable[Diagnostic]:
    lang = linter.doc.lang
    for group in sibling_groups(linter):
        prev = None
        seen: dict[str, etree._Element] = {}
        nums = [num_text(el).strip("().").lower() for el in group]
        later = [number_value(num_text(el)) for el in group]
        roman = bool(nums) and nums[0] == "i" and any(n in ("ii", "iii", "iv") for n in nums)
        for position, el in enumerate(group):
            num = num_text(el)
            if not num:
                continue
            parsed = number_value(num)
            if parsed is None:
                continue
            if roman and roman_of(num.strip("().")):
                parsed = ("r", roman_of(num.strip("().")), "")
            if parsed[0] == "r" and position and not roman:
                # "(a) ... (i) (ii) (iv)": the parser could not continue the roman list under (a)
                last = _last_roman_child(group[position - 1])
                if last is not None and parsed[1] > last[1] + 1:
                    missing = parsed[1] - last[1] - 1
                    yield linter.at_unit("numbering-gap", f"{num!r} follows {last[0]!r}: {missing} number"
                                         f"{'s' if missing > 1 else ''} missing", el)
                    continue
            kind, value, suffix = parsed
            if kind in ("l", "c"):
                value = letter_rank(value, kind, lang)
            key = f"{kind}{value}{suffix}"
            if key in seen:
                yield linter.at_unit("numbering-duplicate", f"number {num!r} is used twice in this list", el)
                prev = (kind, value, suffix)
                continue
            seen[key] = el
            if prev is not None and prev[0] == kind:
                pkind, pvalue, psuffix = prev
                if suffix:            # an inserted number (8-1, 4a, (aa)) follows its base or another insert
                    if value < pvalue:
                        yield linter.at_unit("numbering-order", f"{num!r} comes after a higher number", el)
                elif value < pvalue or (value == pvalue and not psuffix):
                    yield linter.at_unit("numbering-order", f"{num!r} comes after a higher number", el)
                elif value > pvalue + 1 and not _comes_later(later[:position] + later[position + 1:], kind, pvalue,
                                                            value, lang):
                    missing = value - pvalue - 1
                    yield linter.at_unit("numbering-gap",
                                         f"{num!r} follows number {show(pvalue, kind, lang)}: "
                                         f"{missing} number{'s' if missing > 1 else ''} missing", el)
            elif prev is None and continues_parent(el, kind, value, lang):
                parent_num = num_text(unit_parent(el))
                yield linter.at_unit("numbering-mixed",
                                     f"{num!r} continues the list of {parent_num!r} but is numbered in another style",
                                     el)
            elif prev is None and kind == "d" and value > 1 and not suffix and len(group) > 1 \
                    and etree.QName(el).localname not in ("article", "section", "chapter", "part", "title"):
                yield linter.at_unit("numbering-gap", f"the list starts at {num!r}, not at 1", el)
            prev = (kind, value, suffix)


def _last_roman_child(el) -> tuple[str, int] | None:
    kids = [c for c in el if isinstance(c.tag, str) and c.get("eId")]
    if not kids:
        return None
    num = num_text(kids[-1])
    core = num.strip("().")
    return (num, roman_of(core)) if roman_of(core) and core.islower() else None


def _comes_later(rest, kind: str, low: int, high: int, lang: str) -> bool:
    """Whether a number between *low* and *high* stands elsewhere in the list (then the fault is the order)."""
    for parsed in rest:
        if parsed is None or parsed[0] != kind:
            continue
        value = letter_rank(parsed[1], kind, lang) if kind in ("l", "c") else parsed[1]
        if low < value < high:
            return True
    return False



register("numbering-gap", "error", "a skipped number among siblings (1, 2, 4; (a), (c))", check_numbering)
register("numbering-duplicate", "error", "a number used twice among siblings (two Article 7)", check_numbering)
register("numbering-order", "error", "a number smaller than the one before it (1, 3, 2)", check_numbering)
