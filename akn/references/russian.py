"""Russian reference phrases, smallest unit first: ``подпунктом 3) пункта 1 статьи 7``."""
from __future__ import annotations

import re

from akn.profiles import refs_ru as RU
from akn.references.model import Found, Step, Target

def _ru_kind(word: str, tradition: str, chast_used: bool) -> frozenset[str]:
    w = word.lower()
    if w.startswith(("подпункт", "подп.", "пп.")):
        return frozenset({"point"})
    if w.startswith(("пункт", "п.")):
        if tradition == "ru" and chast_used:
            return frozenset({"point"})
        return frozenset({"paragraph"})
    if w.startswith("част"):
        return frozenset({"paragraph"})
    if w.startswith(("стат", "ст.")):
        return frozenset({"article"})
    if w.startswith(("глав", "гл.")):
        return frozenset({"chapter"})
    if w.startswith("раздел"):
        return frozenset({"part"})
    return frozenset({"subchapter"})


def _ru_items(text: str, start: int, nums: str, kinds: frozenset[str], plural: bool, index: object,
              letters: str) -> list[Target]:
    """Members of a Russian number list (``1, 2 и 4``, ``3-5``, ``6), 7) и 9)``) with their spans."""
    items: list[Target] = []
    for m in re.finditer(rf"{RU.N}|(?P<sep>\s*[-–—]\s*|\s+по\s+)", nums):
        if m.group("sep") is not None:
            if items:
                items[-1].upto = []   # a range follows
            continue
        raw = m.group(0)
        num = _ru_clean(raw, letters)
        span = (start + m.start(), start + m.end())
        if items and items[-1].upto == []:
            items[-1].upto = [Step(kinds, num)]
            items[-1].end = span[1]
            continue
        items.append(Target(span[0], span[1], [Step(kinds, num)]))
    # "23-1" with one noun: an inserted number, not a range (the lexer kept it as one number)
    return items


def _ru_clean(raw: str, letters: str) -> str:
    from akn.lexer import letter_id
    raw = raw.strip("«»)")
    if raw and raw[0].isalpha():
        return letter_id(raw, letters)
    return raw.replace(".", "-")


def find_russian(text: str, tradition: str = "kz", letters: str = "абвгдежзийклмнопрстуфхцчшщэюя",
                 chast_used: bool = False) -> list[Found]:
    """Reference phrases in a Russian text (smallest unit first).

    >>> [(t.path[0].num, [s.num for s in t.path]) for f in find_russian("подпунктом 3) пункта 1 статьи 7 настоящего Закона") for t in f.targets]
    [('7', ['7', '1', '3'])]
    """
    paragraphs = "бзац" in text   # "абзац второй пункта 2": one citation
    out: list[Found] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = RU.PHRASE.search(text, pos)
        if m is None:
            break
        word = m.group("w")
        if word.lower() in ("ст.", "п.", "пп.") and RU.GAZETTE.search(text[max(0, m.start() - 40):m.start()]):
            pos = m.end()
            continue
        chain = [(m, word)]
        end = m.end()
        while True:
            gap = re.match(r"\s+", text[end:end + 3])
            at = end + (gap.end() if gap else 0)
            om = RU.ORDINAL.match(text, at)
            if om:
                at = om.end()
            nm = RU.PHRASE.match(text, at)
            if nm is None or not gap:
                if om and gap and RU.THIS.match(text, at):   # "... части первой настоящего пункта"
                    end = at
                break
            chain.append((nm, nm.group("w")))
            end = nm.end()
        relative = ""
        external = False
        tm = RU.THIS.match(text, end)
        if tm is not None:
            w = tm.group("w").lower()
            if tm.group("this").lower().startswith("настоящ"):
                if w.startswith("стат"):
                    relative = "article"
                elif w.startswith("подпункт"):
                    relative = "point"
                elif w.startswith("пункт"):
                    relative = "point" if tradition == "ru" and chast_used else "paragraph"
                elif w.startswith("част"):
                    relative = "paragraph"
                elif w.startswith("глав"):
                    relative = "chapter"
                end = tm.end() if relative else end
            else:
                external = not w.startswith(("стат", "пункт", "подпункт", "част", "глав"))
                if not external:   # "этой статьи", "данного пункта": too vague to resolve
                    pos = tm.end()
                    continue
        elif RU.EXTERNAL.match(text, end):
            external = True
        phrases: list[list[Target]] = []
        for pm, w in chain:
            kinds = _ru_kind(w, tradition, chast_used)
            plural = bool(RU.PLURAL.search(w))
            items = _ru_items(text, pm.start("n"), pm.group("n"), kinds, plural, None, letters)
            if items:
                items[0].start = pm.start()
            phrases.append(items)
        if relative and tm is not None:
            tail = Target(m.start(), end, [], relative_to=relative)
            phrases.append([tail])
            # keep the "настоящей статьи" words in the last ref
            phrases[-1][0].start = tm.start("this")
        found = _combine_smallest_first(phrases, external)
        if paragraphs and len(found.targets) == 1 and found.targets[0].upto is None:
            first = found.targets[0]
            lead = RU.LEAD_ABZ.search(text, max(0, first.start - 40), first.start)
            if lead is not None:   # "абзац второй пункта 2": one citation, of the unit that has an eId
                first.start = lead.start()
        out.append(found)
        pos = end
    return out


def _combine_smallest_first(phrases: list[list[Target]], external: bool) -> Found:
    """Russian chains: the innermost phrase first; paths are built outermost first."""
    found = Found(external=external)
    outer_path: list[Step] = []
    relative = ""
    outer = phrases[1:]
    for phrase in reversed(outer):
        if len(phrase) != 1 or phrase[0].upto is not None:
            # an outer list or range: mark the members of the outermost phrase only
            found.targets = list(phrases[-1])
            return found
        if phrase[0].relative_to:
            relative = phrase[0].relative_to
            continue
        outer_path = outer_path + phrase[0].path
    inner = phrases[0]
    last_end = phrases[-1][-1].end if outer else inner[-1].end
    if len(inner) == 1 and inner[0].upto is None:
        t = inner[0]
        found.targets = [Target(t.start, last_end, outer_path + t.path, relative_to=relative)]
        return found
    for t in inner:
        found.targets.append(Target(t.start, t.end, outer_path + t.path,
                                    None if t.upto is None else outer_path + t.upto, relative_to=relative))
    if outer:
        found.targets.append(Target(outer[0][0].start, last_end, outer_path, relative_to=relative))
    return found


