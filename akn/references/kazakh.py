"""Kazakh reference phrases, largest unit first: ``осы Заңның 7-бабы 2-тармағының 6) тармақшасында``."""
from __future__ import annotations

import re

from akn.profiles import refs_kk as KK
from akn.references.model import Found, Step, Target
from akn.references.russian import _ru_clean

def _kk_kind(word: str) -> frozenset[str]:
    w = word.lower()
    if w.startswith(("баб", "бап")):
        return frozenset({"article"})
    if w.startswith("тармақша"):
        return frozenset({"point"})
    if w.startswith(("тармақ", "тармағ")):
        return frozenset({"paragraph"})
    if w.startswith("тарау"):
        return frozenset({"chapter"})
    if w.startswith("бөл"):
        return frozenset({"part"})
    return frozenset({"subchapter"})



def find_kazakh(text: str, letters: str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя") -> list[Found]:
    """Reference phrases in a Kazakh text (largest unit first).

    >>> [[s.num for s in t.path] for f in find_kazakh("осы Заңның 7-бабы 2-тармағының 6) тармақшасында") for t in f.targets]
    [['7', '2', '6']]
    """
    hits = []
    for rx in (KK.GLUED, KK.SUB, KK.LETTER):
        for m in rx.finditer(text):
            hits.append(m)
    hits.sort(key=lambda m: m.start())
    out: list[Found] = []
    k = 0
    while k < len(hits):
        chain = [hits[k]]
        j = k + 1
        while j < len(hits):
            gap = text[chain[-1].end():hits[j].start()]
            prev_rank = KK.RANK.get(next(iter(_kk_kind(chain[-1].group("w")))), 9)
            rank = KK.RANK.get(next(iter(_kk_kind(hits[j].group("w")))), 9)
            if (gap.strip() and not KK.ORDINAL.fullmatch(gap.strip())) or rank <= prev_rank \
                    or hits[j].start() < chain[-1].end():
                break
            chain.append(hits[j])
            j += 1
        k = j
        before_at = max(0, chain[0].start() - 40)
        before = text[before_at:chain[0].start()]
        relative = ""
        external = False
        start = chain[0].start()
        om = KK.ORDINAL_END.search(before)
        if om is not None:   # "осы тармақтың бірінші бөлігінің 1) тармақшасы": the part has no eId
            before = before[:om.start()]
        tm = KK.THIS.search(before)
        if tm is not None:
            w = tm.group("w").lower()
            if w.startswith(("баб", "бап")):
                relative = "article"
            elif w.startswith("тармақша"):
                relative = "point"
            elif w.startswith(("тармақ", "тармағ")):
                relative = "paragraph"
            elif w.startswith("тарау"):
                relative = "chapter"
            if relative:
                start = before_at + tm.start()
        elif KK.OTHER_ACT.search(before):
            external = True
        elif not chain[0].group("w").lower().startswith(("баб", "бап", "тарау", "бөл", "параграф")):
            # "2-тармағында" with no "осы баптың": Kazakh drafting always names the article; leave it
            external = True
        phrases: list[list[Target]] = []
        for m in chain:
            kinds = _kk_kind(m.group("w"))
            items: list[Target] = []
            nums = m.group("n")
            base = m.start("n")
            pending_range = False
            for nm in re.finditer(rf"{KK.N}\)?|[а-яәғқңөұүһі]\)|(?P<sep>\s*[-–—]\s*(?=\d))", nums):
                if nm.group("sep") is not None:
                    if nums[nm.start() - 1:nm.start()] == ")":
                        pending_range = True
                    continue
                raw = nm.group(0).rstrip(")")
                num = _ru_clean(raw, letters) if raw.isalpha() else raw
                if pending_range and items:
                    items[-1].upto = [Step(kinds, num)]
                    items[-1].end = base + nm.end()
                    pending_range = False
                    continue
                items.append(Target(base + nm.start(), base + nm.end(), [Step(kinds, num)]))
            if not items:
                continue
            # the noun closes the phrase: the last member's ref runs to its end
            items[-1].end = m.end()
            phrases.append(items)
        if not phrases:
            continue
        phrases[0][0].start = min(phrases[0][0].start, start)
        found = _combine_largest_first(phrases, relative, external)
        if len(found.targets) == 1 and found.targets[0].upto is None:
            tail = KK.TRAIL_ABZ.match(text, found.targets[0].end)
            if tail is not None:   # "2-тармағының екінші абзацы": one citation, of the unit that has an eId
                found.targets[0].end = tail.end()
        out.append(found)
    return out


def _combine_largest_first(phrases: list[list[Target]], relative: str, external: bool) -> Found:
    found = Found(external=external)
    outer = phrases[:-1]
    inner = phrases[-1]
    outer_path: list[Step] = []
    for phrase in outer:
        if len(phrase) != 1 or phrase[0].upto is not None:
            found.targets = [Target(t.start, t.end, t.path, t.upto, relative) for t in phrases[0]]
            return found
        outer_path += phrase[0].path
    first_start = phrases[0][0].start
    if len(inner) == 1 and inner[0].upto is None:
        found.targets = [Target(first_start, inner[0].end, outer_path + inner[0].path, relative_to=relative)]
        return found
    if outer:
        found.targets.append(Target(first_start, outer[-1][0].end, outer_path, relative_to=relative))
    for t in inner:
        found.targets.append(Target(t.start, t.end, outer_path + t.path,
                                    None if t.upto is None else outer_path + t.upto, relative_to=relative))
    return found


