"""English reference phrases: ``point (a) of Article 6(1)``, ``Article 5(1), point (h)``, ``sections 3 to 7``."""
from __future__ import annotations

import re

from akn.profiles import refs_en as EN
from akn.references.model import Found, Step, Target

def _en_num_steps(num: str, word_kind: str | None, first: bool) -> list[Step]:
    """``5(1)(h)`` -> steps 5, 1, h; ``(a)(i)`` -> a, i."""
    steps = []
    head = num.split("(", 1)[0]
    rest = num[len(head):]
    kinds = frozenset({word_kind}) if word_kind else None
    if head:
        steps.append(Step(kinds, head))
        kinds = None
    for k, part in enumerate(re.findall(r"\((\w+)\)", rest)):
        steps.append(Step(kinds if (k == 0 and not head) else None, part))
    return steps


def _en_phrase(text: str, pos: int, m: re.Match) -> tuple[list[Target], int] | None:
    """Parse ``WORD NUM (sep NUM)*`` at match *m*; targets carry their own path only."""
    word = m.group("word")
    kind = EN.WORDS.get(word.lower())
    if kind is None:
        return None
    plural = word.lower().endswith("s") and kind not in ("title",) and word.lower() not in ("clause",)
    i = m.end()
    targets: list[Target] = []
    nm = EN.NUM.match(text, i)
    if nm is None:
        return None
    targets.append(Target(m.start(), nm.end(), _en_num_steps(nm.group(0), kind, True)))
    i = nm.end()
    while True:
        sm = EN.SEP.match(text, i)
        if sm is None:
            break
        nm = EN.NUM.match(text, sm.end())
        if nm is None:
            break
        value = nm.group(0)
        # "Article 6 and 7 of ..." fine; a bare number after "and" must look like the previous one
        prev = targets[-1]
        if value.startswith("(") and not (prev.path and (prev.path[-1].kinds is None or len(prev.path) == 1)
                                          and _en_num_steps(text[prev.start:prev.end].split()[-1], kind, True)[0].num):
            break
        if value.startswith("(") and not text[prev.start:prev.end].rstrip().endswith(")"):
            break
        if not value.startswith("(") and not value[0].isdigit() and not re.match(r"[IVXLC]+$", value):
            break
        if not value.startswith("(") and text[prev.start:prev.end].split()[-1].startswith("("):
            break
        if value.startswith("(") and len(prev.path) > 1:
            steps = prev.path[:-1] + [Step(None, value.strip("()"))] if value.count("(") == 1 else \
                prev.path[:1] + _en_num_steps(value, None, False)
        elif value.startswith("("):
            steps = [Step(prev.path[0].kinds, value.strip("()"))] if value.count("(") == 1 else \
                _en_num_steps(value, kind, False)
        else:
            steps = _en_num_steps(value, kind, False)
        if sm.group("sep") == "to" and not plural and kind != "point":
            break
        if sm.group("sep") == "to":
            prev.upto = steps
            prev.end = nm.end()
        else:
            targets.append(Target(nm.start(), nm.end(), steps))
        i = nm.end()
    return targets, i


def find_english(text: str) -> list[Found]:
    """Reference phrases in an English text (paths not yet resolved).

    >>> text = "see point (a) of Article 6(1)"
    >>> [(text[t.start:t.end], [s.num for s in t.path]) for f in find_english(text) for t in f.targets]
    [('point (a) of Article 6(1)', ['6', '1', 'a'])]
    """
    out: list[Found] = []
    group: list[Found] = []
    pos = 0
    n = len(text)
    subparagraphs = "subparagraph" in text   # "first subparagraph" may belong to a citation
    while pos < n:
        m = EN.START.search(text, pos)
        if m is None:
            break
        if m.group("this"):
            kind = EN.WORDS[m.group("tword").lower()]
            if m.group("this") == "this":
                out.append(Found([Target(m.start(), m.end(), [], relative_to=kind)]))
            pos = m.end()
            continue
        parsed = _en_phrase(text, pos, m)
        if parsed is None:
            pos = m.end()
            continue
        inner, end = parsed
        chain = [inner]
        # "point (h) of Article 5(1)", "the first subparagraph of paragraph 1"
        while True:
            om = EN.OF.match(text, end)
            if om is None:
                break
            at = om.end()
            sub = EN.ORDINAL_SUB.match(text, at)
            if sub:
                at = sub.end()
            nxt = EN.START.match(text, at)
            if nxt is None or nxt.group("this"):
                if nxt is not None and nxt.group("this") == "this":
                    kind = EN.WORDS[nxt.group("tword").lower()]
                    chain.append([Target(nxt.start(), nxt.end(), [], relative_to=kind)])
                    end = nxt.end()
                elif nxt is not None and nxt.group("this") == "that":
                    chain.append([Target(nxt.start(), nxt.end(), [], relative_to="that:" + EN.WORDS[nxt.group("tword").lower()])])
                    end = nxt.end()
                break
            parsed = _en_phrase(text, at, nxt)
            if parsed is None:
                break
            outer, end = parsed
            chain.append(outer)
        # new style: "Article 5(1), point (h)" / "Article 5(1), first subparagraph, point (a)"
        if len(chain) == 1:
            nm = EN.NEWSTYLE.match(text, end)
            if nm is not None:
                pm = EN.START.match(text, nm.end())
                if pm is not None and not pm.group("this") and _narrower(pm.group("word"), m.group("word")):
                    parsed = _en_phrase(text, nm.end(), pm)
                    if parsed is not None:
                        chain = [parsed[0], inner]   # innermost first, as for "point (h) of Article 5(1)"
                        end = parsed[1]
            if subparagraphs and len(chain) == 1 and len(inner) == 1 and inner[0].upto is None:
                tm = EN.TRAIL_SUB.match(text, end)   # "Article 5(1), first subparagraph"
                if tm is not None:
                    end = inner[0].end = tm.end()
        external = bool(EN.EXTERNAL.match(text, end))
        found = _combine(chain, external)
        if subparagraphs and len(found.targets) == 1 and found.targets[0].upto is None:
            # "first subparagraph of Article 5(1)", "the first subparagraph, point (h)": one citation
            first = found.targets[0]
            lead = EN.LEAD_SUB.search(text, max(0, first.start - 40), first.start)
            if lead is not None:
                first.start = lead.start()
        if external:   # "Article 25(6) or Article 26(4) of Directive 95/46/EC": the whole list is external
            for earlier in group:
                earlier.external = True
        out.append(found)
        if EN.LISTNEXT.match(text, end):
            group.append(found)
        else:
            group = []
        pos = end
    return out


def _narrower(word: str, outer_word: str) -> bool:
    """Whether *word* names a smaller unit than *outer_word* (``point`` after ``Article``)."""
    rank = EN.NEWSTYLE_RANK
    inner_kind, outer_kind = EN.WORDS.get(word.lower()), EN.WORDS.get(outer_word.lower())
    return rank.get(inner_kind or "", 0) > rank.get(outer_kind or "", 9)


def _combine(chain: list[list[Target]], external: bool) -> Found:
    """Join the phrases of a chain (innermost first) into targets with full paths."""
    found = Found(external=external)
    if len(chain) == 1:
        found.targets = chain[0]
        return found
    # the outer phrases must each name one unit
    outer_path: list[Step] = []
    relative = ""
    for phrase in reversed(chain[1:]):
        if len(phrase) != 1 or phrase[0].upto is not None:
            # an outer list: mark the outer phrase only
            found.targets = [t for t in chain[-1]]
            return found
        if phrase[0].relative_to:
            relative = phrase[0].relative_to
            continue
        outer_path = outer_path + phrase[0].path
    inner = chain[0]
    first_outer = chain[1][0]
    last = chain[-1][0]
    if len(inner) == 1 and inner[0].upto is None:
        # one unit: one reference over the whole citation, whichever order its phrases come in
        t = inner[0]
        start = min(t.start, min(p[0].start for p in chain[1:]))
        end = max(t.end, max(p[-1].end for p in chain[1:]))
        found.targets = [Target(start, end, outer_path + t.path, relative_to=relative)]
        return found
    for t in inner:
        found.targets.append(Target(t.start, t.end, outer_path + t.path,
                                    None if t.upto is None else outer_path + t.upto, relative_to=relative))
    if outer_path or relative:
        found.targets.append(Target(first_outer.start, last.end, outer_path, relative_to=relative))
    return found


