"""Internal references: find the units a text points at and mark them ``<ref href="#eId">``.

The pass :func:`link` reads every ``<p>`` of the body (and of recitals,
citations and annexes), finds the references a reader sees and resolves
them against the document's own units:

* **English** (EU, UK, US): ``Article 5``, ``Article 5(1)``, ``Article 5(1),
  point (h)``, ``point (h) of Article 5(1)``, ``Articles 3 to 7``,
  ``paragraphs 2 and 3``, ``section 12(2)(b)``, ``subsection (2)``, relative
  ``paragraph 1`` (in the same article), ``this Article``.
* **Russian** (smallest unit first): ``статья 5``, ``пункт 2 статьи 10``,
  ``подпунктом 3) пункта 1 статьи 7 настоящего Закона``, ``частью 2 статьи
  5.1``, ``пунктами 1, 2 и 4 настоящей статьи``, ranges ``статьями 3–5``.
* **Kazakh** (largest unit first, numbers glued to inflected nouns): ``осы
  Заңның 7-бабы 2-тармағының 6), 7) және 9) тармақшаларында``, ``осы баптың
  2-тармағында``.

A reference is a *path* of numbered steps, largest first (``art 7 > 1 > 3``).
A path that starts with an article (section, chapter ...) is looked up among
the document's units; one that starts lower (``paragraph 1``) is relative:
it is looked up in the unit that holds the text, then in its parents, up to
the article. Each step may name the kind of unit (``point``) or not (the
brackets of ``5(1)(h)``). A reference that does not resolve is left as text
(``akn lint`` reports it); a reference followed by another act's name
(``Article 4(1) of Directive 95/46/EC``, ``статьи 45 Закона ...``) is not
internal and is left to :mod:`akn.external_refs`.

Lists give one ``<ref>`` per member; ranges (``Articles 15 to 22``) give an
``<rref from upTo>``. A chain with a single target is one ``<ref>`` over the
whole phrase::

    point (a) of Article 6(1)   -> <ref href="#chp_II__art_6__para_1__point_a">point (a) of Article 6(1)</ref>
    Articles 13 and 14          -> <ref href="#..art_13">Articles 13</ref> and <ref href="#..art_14">14</ref>
    статьями 3–5                -> <rref from="#art_3" upTo="#art_5">статьями 3–5</rref>
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Iterable

from lxml import etree

from akn.document import AKN_NS
from akn.eid import PREFIX
from akn.errors import Diagnostic
from akn.inline import wrap_spans

NS = "{%s}" % AKN_NS

#: elements that are numbered units (they carry an eId made from their number)
UNITS = {"part", "subpart", "title", "subtitle", "chapter", "subchapter", "section", "subsection", "article",
         "paragraph", "subparagraph", "point", "clause", "subclause", "indent", "item", "division",
         "subdivision", "book", "tome", "rule", "subrule", "list_item", "attachment"}
#: units a path may start from without a context (looked up in the whole document)
TOP = {"part", "subpart", "title", "subtitle", "chapter", "subchapter", "section", "article", "book"}
#: the unit a relative reference does not climb above
ANCHORS = {"article", "section"}
#: inline containers whose text is searched
BLOCKS = ("p",)
#: parts of an act whose text is searched
PARTS = ("preamble", "body", "mainBody", "conclusions")


# ---------------------------------------------------------------------------------------------
# the document's units
# ---------------------------------------------------------------------------------------------
class Index:
    """The numbered units of a document, looked up by the eIds they must have.

    A child's eId is its parent's eId, ``__``, the element's prefix and its
    number (:mod:`akn.eid`), so a step down a path is a set lookup; only the
    units a path may start from (articles, sections, chapters ...) are
    indexed by number.
    """

    def __init__(self, root: etree._Element, eids: Iterable[str] | None = None):
        """*eids*: the eIds of the document's units when known (the builder records them), else read from *root*."""
        self.ids: set[str] = set(eids) if eids else set(root.xpath("//@eId"))
        self.top: dict[tuple[str, str], list[str]] = {}
        top_prefixes = {PREFIX.get(t, t): t for t in TOP}
        for eid in self.ids:
            own = eid.rpartition("__")[2]
            prefix, _, num = own.partition("_")
            tag = top_prefixes.get(prefix)
            if tag is not None:
                self.top.setdefault((tag, num.lower()), []).append(eid)
        for found in self.top.values():
            found.sort()

    def kind(self, eid: str) -> str:
        """The element of a unit, from the prefix of the last step of its eId."""
        own = eid.rpartition("__")[2]
        return _ELEMENT_OF.get(own.split("_", 1)[0], "")

    def child(self, parent: str, num: str, kinds: frozenset[str] | None) -> str | None:
        lead = parent + "__" if parent else ""
        for tag in (_CHILD_ORDER if kinds is None else kinds):
            prefix = PREFIX.get(tag, tag)
            for n in (num, num.lower()) if num.lower() != num else (num,):
                eid = f"{lead}{prefix}_{n}"
                if eid in self.ids:
                    return eid
        return None

    def find_top(self, kind: frozenset[str], num: str, context: list[str]) -> str | None:
        found: list[str] = []
        for k in kind:
            found.extend(self.top.get((k, num.lower()), ()))
        if len(found) == 1:
            return found[0]
        if not found:
            return None
        # several (sections numbered per chapter): the one nearest to the text
        best, score, tie = None, -1, False
        for eid in found:
            s = max((len(c) for c in context if eid.startswith(c + "__")), default=0)
            if s > score:
                best, score, tie = eid, s, False
            elif s == score:
                tie = True
        return None if tie else best


#: eId prefix -> element, for the numbered units
_ELEMENT_OF = {PREFIX.get(u, u): u for u in UNITS}
#: the elements a step without a named kind ("(1)" in "Article 5(1)") may be, most likely first
_CHILD_ORDER = ("paragraph", "point", "subsection", "subparagraph", "clause", "subclause", "item", "indent",
                "article", "section", "list_item", "rule", "subrule")


@dataclass
class Step:
    kinds: frozenset[str] | None   # which elements the step may be (None: any)
    num: str


@dataclass
class Target:
    start: int
    end: int
    path: list[Step]
    upto: list[Step] | None = None   # a range: path .. upto
    relative_to: str = ""            # "article", "paragraph"...: "this Article" / "настоящей статьи"


@dataclass
class Found:
    """One reference phrase in a text: its targets (one per member of a list)."""

    targets: list[Target] = field(default_factory=list)
    external: bool = False


def resolve(index: Index, path: list[Step], context: list[str], relative_to: str = "") -> str | None:
    """The eId *path* points at from a text inside *context* (eIds, outermost first), or None.

    >>> from lxml import etree
    >>> xml = ('<act xmlns="%s"><body><article eId="art_5"><paragraph eId="art_5__para_1">'
    ...        '<point eId="art_5__para_1__point_h"/></paragraph></article>'
    ...        '<article eId="art_6"><paragraph eId="art_6__para_1"/></article></body></act>' % AKN_NS)
    >>> ix = Index(etree.fromstring(xml))
    >>> resolve(ix, [Step(frozenset({"article"}), "5"), Step(None, "1"), Step(None, "h")], [])
    'art_5__para_1__point_h'
    >>> resolve(ix, [Step(frozenset({"paragraph"}), "1")], ["art_6"])
    'art_6__para_1'
    """
    if not path:
        if relative_to:
            for eid in reversed(context):
                if index.kind(eid) in _RELATIVE_KINDS.get(relative_to, {relative_to}):
                    return eid
        return None
    first = path[0]
    if relative_to:
        base = None
        for eid in reversed(context):
            if index.kind(eid) in _RELATIVE_KINDS.get(relative_to, {relative_to}):
                base = eid
                break
        if base is None:
            return None
        return _descend(index, base, path)
    if first.kinds is not None and first.kinds & TOP:
        eid = index.find_top(first.kinds & TOP, first.num, context)
        if eid is not None:
            return _descend(index, eid, path[1:])
        if not (first.kinds - TOP):
            return None
    # relative: the innermost enclosing unit that has such a child, up to the article
    for eid in reversed(context):
        hit = index.child(eid, first.num, first.kinds)
        if hit is not None:
            return _descend(index, hit, path[1:])
        if index.kind(eid) in ANCHORS:
            break
    return None


_RELATIVE_KINDS = {"article": {"article"}, "section": {"section"}, "chapter": {"chapter"},
                   "paragraph": {"paragraph"}, "point": {"point"}, "part": {"part"},
                   "subsection": {"subsection"}, "subchapter": {"subchapter"}}


def _descend(index: Index, eid: str, steps: list[Step]) -> str | None:
    for step in steps:
        hit = index.child(eid, step.num, step.kinds)
        if hit is None:
            return None
        eid = hit
    return eid


# ---------------------------------------------------------------------------------------------
# English
# ---------------------------------------------------------------------------------------------
_EN_WORDS = {
    "article": "article", "articles": "article", "paragraph": "paragraph", "paragraphs": "paragraph",
    "point": "point", "points": "point", "subparagraph": "subparagraph", "subparagraphs": "subparagraph",
    "sub-paragraph": "subparagraph", "sub-paragraphs": "subparagraph",
    "section": "section", "sections": "section", "subsection": "subsection", "subsections": "subsection",
    "sub-section": "subsection", "sub-sections": "subsection",
    "chapter": "chapter", "chapters": "chapter", "part": "part", "parts": "part", "title": "title",
    "clause": "clause", "clauses": "clause", "subclause": "subclause",
}
_EN_START = re.compile(
    r"\b(?<!-)(?P<word>Articles?|[Pp]aragraphs?|[Pp]oints?|[Ss]ub-?paragraphs?|[Ss]ections?|[Ss]ub-?sections?"
    r"|Chapters?|CHAPTER|Parts?|PART|Title|[Cc]lauses?|[Ss]ubclause)\s+(?=[\dIVXLC(])"
    r"|\b(?P<this>this|that)\s+(?P<tword>Article|paragraph|Chapter|Section|section|subsection|Part)\b")
_EN_NUM = re.compile(r"(?:\d+[a-zA-Z]{0,3}|[IVXLC]+\b)(?:\(\w{1,5}\))*|\((?:\w{1,5})\)(?:\(\w{1,5}\))*")
_EN_SEP = re.compile(r",?\s+(?P<sep>and/or|and|or|to)\s+|,\s*(?=\(|\d)")
_EN_OF = re.compile(r"\s+(?:of|in|under)\s+(?:the\s+)?")
_EN_NEWSTYLE = re.compile(r",\s+(?:(?:first|second|third|fourth|fifth|sixth)\s+subparagraph,\s+)?"
                          r"(?=points?\s+\()")
_EN_LISTNEXT = re.compile(r",?\s+(?:and/or|and|or)\s+(?=(?:Articles?|points?|paragraphs?)\s)|,\s+(?=Articles?\s)")
_EN_ORDINAL_SUB = re.compile(r"(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|last)\s+subparagraph\s+of\s+")
_EN_EXTERNAL = re.compile(
    r"(?:\s+(?:of|in|under|to)\s+(?:the\s+|that\s+)?(?!this\b)"
    r"(?:Regulation|Directive|Decision|Treaty|TFEU|TEU|Charter|Convention|Protocol|Framework|Council|Commission"
    r"|Implementing|Delegated|Act\b|Statute|Agreement|Code|Rules?\b|Union|European|[A-Z][a-z]+\s+Act\b"
    r"|\d{4}\b|[A-Z]{2,})"
    r"|\s+of\s+the\s+(?!first|second|third|fourth|fifth|sixth|last)[A-Z]"
    r"|,?\s+of\s+title\s+\d"
    r"|\s+(?:TFEU|TEU|EC|EEC|thereof|of\s+Regulation|of\s+Directive|of\s+Decision))")


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
    kind = _EN_WORDS.get(word.lower())
    if kind is None:
        return None
    plural = word.lower().endswith("s") and kind not in ("title",) and word.lower() not in ("clause",)
    i = m.end()
    targets: list[Target] = []
    nm = _EN_NUM.match(text, i)
    if nm is None:
        return None
    targets.append(Target(m.start(), nm.end(), _en_num_steps(nm.group(0), kind, True)))
    i = nm.end()
    while True:
        sm = _EN_SEP.match(text, i)
        if sm is None:
            break
        nm = _EN_NUM.match(text, sm.end())
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
    while pos < n:
        m = _EN_START.search(text, pos)
        if m is None:
            break
        if m.group("this"):
            kind = _EN_WORDS[m.group("tword").lower()]
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
            om = _EN_OF.match(text, end)
            if om is None:
                break
            at = om.end()
            sub = _EN_ORDINAL_SUB.match(text, at)
            if sub:
                at = sub.end()
            nxt = _EN_START.match(text, at)
            if nxt is None or nxt.group("this"):
                if nxt is not None and nxt.group("this") == "this":
                    kind = _EN_WORDS[nxt.group("tword").lower()]
                    chain.append([Target(nxt.start(), nxt.end(), [], relative_to=kind)])
                    end = nxt.end()
                elif nxt is not None and nxt.group("this") == "that":
                    chain.append([Target(nxt.start(), nxt.end(), [], relative_to="that:" + _EN_WORDS[nxt.group("tword").lower()])])
                    end = nxt.end()
                break
            parsed = _en_phrase(text, at, nxt)
            if parsed is None:
                break
            outer, end = parsed
            chain.append(outer)
        # new style: "Article 5(1), point (h)" / "Article 5(1), first subparagraph, point (a)"
        if len(chain) == 1:
            nm = _EN_NEWSTYLE.match(text, end)
            if nm is not None:
                pm = _EN_START.match(text, nm.end())
                if pm is not None and not pm.group("this"):
                    parsed = _en_phrase(text, nm.end(), pm)
                    if parsed is not None:
                        chain = [parsed[0], inner]
                        end = parsed[1]
        external = bool(_EN_EXTERNAL.match(text, end))
        found = _combine(chain, external)
        if external:   # "Article 25(6) or Article 26(4) of Directive 95/46/EC": the whole list is external
            for earlier in group:
                earlier.external = True
        out.append(found)
        if _EN_LISTNEXT.match(text, end):
            group.append(found)
        else:
            group = []
        pos = end
    return out


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
        t = inner[0]
        found.targets = [Target(t.start, last.end, outer_path + t.path, relative_to=relative)]
        return found
    for t in inner:
        found.targets.append(Target(t.start, t.end, outer_path + t.path,
                                    None if t.upto is None else outer_path + t.upto, relative_to=relative))
    if outer_path or relative:
        found.targets.append(Target(first_outer.start, last.end, outer_path, relative_to=relative))
    return found


# ---------------------------------------------------------------------------------------------
# Russian (smallest unit first)
# ---------------------------------------------------------------------------------------------
_RU_UNIT = (r"(?P<w>(?:под)?пункт(?:ы|а|у|ом|е|ов|ам|ами|ах)?|подп\.|пп\.|п\.|част(?:ь|и|ью|ей|ям|ями|ях)"
            r"|стат(?:ья|ьи|ье|ью|ьей|ьёй|ей|ьям|ьями|ьях)|ст\.|глав(?:а|ы|е|у|ой|ам|ами|ах)?|гл\."
            r"|раздел(?:а|у|ом|е|ы|ов|ам|ами|ах)?|параграф(?:а|у|ом|е|ы|ов|ам|ами|ах)?)")
_RU_N = r"(?:\d+(?:[.-]\d+)*\)?|«[а-я]»|[а-я]\))"
_RU_LIST = rf"{_RU_N}(?:(?:\s*,\s*|\s+и\s+|\s+или\s+|\s*[-–—]\s*|\s+по\s+){_RU_N})*"
_RU_PHRASE = re.compile(rf"(?<![\w.]){_RU_UNIT}\s+(?P<n>{_RU_LIST})(?![\w])", re.IGNORECASE)
_RU_ORDINAL = re.compile(r"(?:част\w*|абзац\w*)\s+(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят)\w*\s+",
                         re.IGNORECASE)
_RU_THIS = re.compile(r"\s*(?P<this>настоящ\w+|это\w+|данн\w+)\s+(?P<w>стать\w+|пункт\w*|подпункт\w*|част\w+|глав\w+"
                      r"|закон\w*|кодекс\w*|федеральн\w+\s+закон\w*|федеральн\w+\s+конституционн\w+\s+закон\w*"
                      r"|постановлени\w+|правил\w*|приказ\w*|указ\w*|положени\w+|регламент\w*)", re.IGNORECASE)
_RU_EXTERNAL = re.compile(r"\s*(?:(?:bis|ter|quater)\b|Закона|Кодекса|Конституции|Федерального|Указа|Постановления|Договора|Соглашения"
                          r"|Конвенции|Правил|Положения|Регламента|Приказа|Бюджетного|Гражданского|Уголовного"
                          r"|Трудового|Налогового|Земельного|Водного|Лесного|Воздушного|Градостроительного"
                          r"|Административного|Предпринимательского|Экологического|кодекса|закона|[A-ZА-ЯЁ][а-яё]+ого\s+кодекса"
                          r"|[«\"])")
_RU_PLURAL = re.compile(r"(?:пункты|пунктов|пунктам|пунктами|пунктах|части|частей|частям|частями|частях|статей|статьям"
                        r"|статьями|статьях|главы|глав|главам|главами|главах|разделов|разделам|разделами|разделах|пп\.)$",
                        re.IGNORECASE)
#: "Собрание законодательства ..., 2003, N 2, ст. 82": an item of a gazette, not an article
_RU_GAZETTE = re.compile(r"(?:№|\bN)\s*[\dIVXС-]+(?:\s*\([^)]{0,20}\))?\s*,?\s*$")


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


def _ru_items(text: str, start: int, nums: str, kinds: frozenset[str], plural: bool, index: Index | None,
              letters: str) -> list[Target]:
    """Members of a Russian number list (``1, 2 и 4``, ``3-5``, ``6), 7) и 9)``) with their spans."""
    items: list[Target] = []
    for m in re.finditer(rf"{_RU_N}|(?P<sep>\s*[-–—]\s*|\s+по\s+)", nums):
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
    out: list[Found] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _RU_PHRASE.search(text, pos)
        if m is None:
            break
        word = m.group("w")
        if word.lower() in ("ст.", "п.", "пп.") and _RU_GAZETTE.search(text[max(0, m.start() - 40):m.start()]):
            pos = m.end()
            continue
        chain = [(m, word)]
        end = m.end()
        while True:
            gap = re.match(r"\s+", text[end:end + 3])
            at = end + (gap.end() if gap else 0)
            om = _RU_ORDINAL.match(text, at)
            if om:
                at = om.end()
            nm = _RU_PHRASE.match(text, at)
            if nm is None or not gap:
                if om and gap and _RU_THIS.match(text, at):   # "... части первой настоящего пункта"
                    end = at
                break
            chain.append((nm, nm.group("w")))
            end = nm.end()
        relative = ""
        external = False
        tm = _RU_THIS.match(text, end)
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
        elif _RU_EXTERNAL.match(text, end):
            external = True
        phrases: list[list[Target]] = []
        for pm, w in chain:
            kinds = _ru_kind(w, tradition, chast_used)
            plural = bool(_RU_PLURAL.search(w))
            items = _ru_items(text, pm.start("n"), pm.group("n"), kinds, plural, None, letters)
            if items:
                items[0].start = pm.start()
            phrases.append(items)
        if relative:
            tail = Target(m.start(), end, [], relative_to=relative)
            phrases.append([tail])
            # keep the "настоящей статьи" words in the last ref
            phrases[-1][0].start = tm.start("this")
        found = _combine_smallest_first(phrases, external)
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


# ---------------------------------------------------------------------------------------------
# Kazakh (largest unit first, number glued to the noun)
# ---------------------------------------------------------------------------------------------
_KK_I = "[іi]"
_KK_N = r"\d+(?:-\d+)*"
_KK_GLUED = re.compile(
    rf"(?<![\w-])(?P<n>{_KK_N}(?:(?:\s*,?\s+және\s+|\s*,\s*|\s+мен\s+){_KK_N})*)\s*-\s*"
    rf"(?P<w>ба[бп]\w*|тарма[қғ](?!ша)\w*|тарау\w*|бөл{_KK_I}м\w*|параграф\w*)", re.IGNORECASE)
_KK_SUB = re.compile(
    rf"(?<![\w-])(?P<n>{_KK_N}\)(?:(?:\s*,?\s+және\s+|\s*,\s*|\s+мен\s+|\s*[-–—]\s*){_KK_N}\))*)\s+(?P<w>тармақша\w*)",
    re.IGNORECASE)
_KK_LETTER = re.compile(r"(?<![\w-])(?P<n>[а-яәғқңөұүһі]\)(?:(?:\s*,\s*|\s+және\s+)[а-яәғқңөұүһі]\))*)\s+(?P<w>тармақша\w*)",
                        re.IGNORECASE)
_KK_ORDS = rf"(?:б{_KK_I}р{_KK_I}нш{_KK_I}|ек{_KK_I}нш{_KK_I}|үш{_KK_I}нш{_KK_I}|төрт{_KK_I}нш{_KK_I}|бес{_KK_I}нш{_KK_I}|алтыншы|жет{_KK_I}нш{_KK_I})"
_KK_ORDINAL = re.compile(rf"{_KK_ORDS}\s+бөл{_KK_I}г\w*", re.IGNORECASE)
_KK_ORDINAL_END = re.compile(rf"\s*{_KK_ORDS}\s+бөл{_KK_I}г\w*\s*$", re.IGNORECASE)
_KK_THIS = re.compile(r"(?:осы|мына)\s+(?P<w>ба[бп]\w*|тарма[қғ](?!ша)\w*|тармақша\w*|тарау\w*|заң\w*|кодекс\w*)\s*$",
                      re.IGNORECASE)
_KK_OTHER_ACT = re.compile(rf"(?:заң\w*|кодекс{_KK_I}\w*|конституция\w*|жарлы\w*|қаулы\w*|шарт\w*|келісім\w*"
                           rf"|қағида\w*|бұйры\w*|»\w*|\"\w*)\s*$", re.IGNORECASE)


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


_KK_RANK = {"part": 1, "chapter": 2, "subchapter": 3, "article": 4, "paragraph": 5, "point": 6}


def find_kazakh(text: str, letters: str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя") -> list[Found]:
    """Reference phrases in a Kazakh text (largest unit first).

    >>> [[s.num for s in t.path] for f in find_kazakh("осы Заңның 7-бабы 2-тармағының 6) тармақшасында") for t in f.targets]
    [['7', '2', '6']]
    """
    hits = []
    for rx in (_KK_GLUED, _KK_SUB, _KK_LETTER):
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
            prev_rank = _KK_RANK.get(next(iter(_kk_kind(chain[-1].group("w")))), 9)
            rank = _KK_RANK.get(next(iter(_kk_kind(hits[j].group("w")))), 9)
            if (gap.strip() and not _KK_ORDINAL.fullmatch(gap.strip())) or rank <= prev_rank \
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
        om = _KK_ORDINAL_END.search(before)
        if om is not None:   # "осы тармақтың бірінші бөлігінің 1) тармақшасы": the part has no eId
            before = before[:om.start()]
        tm = _KK_THIS.search(before)
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
        elif _KK_OTHER_ACT.search(before):
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
            for nm in re.finditer(rf"{_KK_N}\)?|[а-яәғқңөұүһі]\)|(?P<sep>\s*[-–—]\s*(?=\d))", nums):
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


# ---------------------------------------------------------------------------------------------
# the pass
# ---------------------------------------------------------------------------------------------
def finder_for(lang: str, tradition: str, letters: str, chast_used: bool = False):
    if lang == "rus":
        return lambda text: find_russian(text, tradition, letters, chast_used)
    if lang == "kaz":
        return lambda text: find_kazakh(text, letters)
    return find_english



@dataclass
class Link:
    """A resolved (or unresolved) reference found by :func:`scan`."""

    element: etree._Element     # the <p>
    start: int
    end: int
    text: str
    href: str | None            # None: does not resolve
    upto: str | None = None
    context: str = ""           # eId of the unit that holds the text


def _blocks(root: etree._Element, may_hold=None, known: dict | None = None):
    """Each searchable ``<p>`` with a function giving the eIds of the units around it (outermost first).

    With *may_hold*, a block of plain text (no inline elements yet) is
    yielded only when ``may_hold(text)`` (a cheap test that it may hold a
    reference). The context is computed on first use, and shared: most
    texts hold no reference, and the blocks of one unit have the same.
    *known* gives the contexts of the elements holding blocks where the
    builder recorded them (see :attr:`akn.build.Builder.contexts`).
    """
    doc = root[0] if len(root) else root
    for part in doc:
        if not isinstance(part.tag, str) or part.tag[len(NS):] in ("meta", "preface"):
            continue
        cache: dict[etree._Element, tuple[str, ...] | None] = {part: ()}
        for p in part.iter(NS + "p"):
            if not len(p):
                text = p.text
                if not text or (may_hold is not None and not may_hold(text)):
                    continue
            yield p, _lazy_context(p.getparent(), cache, known)


def _lazy_context(parent, cache, known=None):
    """A function returning the context of *parent*: recorded in *known*, else computed on first use."""
    def get() -> list[str]:
        ctx = known.get(parent) if known else None
        return list(ctx if ctx is not None else _context(parent, cache) or ())
    return get


def _context(el: etree._Element, cache: dict) -> tuple[str, ...] | None:
    """eIds of the units holding *el*, outermost first; None inside a ``<num>`` or heading.

    *cache* maps elements to their context and holds the part searched
    (whose context is empty), so each element is looked at once. Loose text
    after a list continues the unit before it (it has that unit's context).
    """
    if el in cache:
        return cache[el]
    tag = el.tag
    name = tag[len(NS):] if isinstance(tag, str) and tag.startswith(NS) else ""
    parent = el.getparent()
    if name in ("num", "heading", "subheading"):
        ctx = None
    elif parent is None:   # not inside the part searched
        ctx = ()
    else:
        ctx = _context(parent, cache)
        if ctx is not None:
            eid = el.get("eId")
            if eid and name in UNITS:
                ctx = ctx + (eid,)
            elif name == "hcontainer" and el.get("name") == "text":
                # text after a list ("Обязательства, указанные в подпунктах 1) ... настоящего пункта")
                prev = el.getprevious()
                prev_id = prev.get("eId") if prev is not None else None
                if prev_id and isinstance(prev.tag, str) and prev.tag[len(NS):] in UNITS:
                    ctx = ctx + (prev_id,)
    cache[el] = ctx
    return ctx


def scan(root: etree._Element, lang: str, tradition: str = "eu", letters: str = "",
         eids: Iterable[str] | None = None, contexts: dict | None = None) -> tuple[Index, list[Link]]:
    """Find and resolve the references in every block of *root* (without changing it).

    *eids* and *contexts* are what the builder knows of the tree (its eIds, the
    units around each block); without them they are read from *root*.
    """
    index = Index(root, eids)
    may_hold = _MAY_HOLD.get(lang, _MAY_HOLD["eng"])
    chast_used = False
    if lang == "rus" and tradition == "ru":
        chast_used = any(re.search(r"(?i)\bчаст(?:ью|и|ь|ям|ями|ях)\s+\d", p.text or "")
                         for p, _ctx in _blocks(root))
    find = finder_for(lang, tradition, letters or "abcdefghijklmnopqrstuvwxyz", chast_used)
    links: list[Link] = []
    for p, ctx in _blocks(root, may_hold, contexts):
        last_article: str | None = None
        for child, text in _slots(p):
            if not text or not may_hold(text):
                continue
            for found in find(text):
                if found.external:
                    continue
                for t in found.targets:
                    rel = t.relative_to
                    if rel.startswith("that:"):
                        if last_article is None:
                            href = None
                        else:
                            href = _descend(index, last_article, t.path) if t.path else last_article
                        upto = None
                    else:
                        href = resolve(index, t.path, ctx(), rel)
                        upto = resolve(index, t.upto, ctx(), rel) if t.upto else None
                    if href and index.kind(href) == "article":
                        last_article = href
                    elif href and "__art_" in "__" + href:
                        last_article = _article_of(href) or last_article
                    context = ctx()
                    link = Link(p, t.start, t.end, text[t.start:t.end], href, upto, context[-1] if context else "")
                    link.slot = child  # type: ignore[attr-defined]
                    links.append(link)
    return index, links


def _may_hold_en(text: str) -> bool:
    return ("rticle" in text or "aragraph" in text or "oint" in text or "ection" in text or "hapter" in text
            or "lause" in text or "art " in text or "PART" in text or "itle " in text or "CHAPTER" in text)


def _may_hold_ru(text: str) -> bool:
    return ("ункт" in text or "тать" in text or "ст." in text or "аст" in text or "лав" in text or "п." in text
            or "аздел" in text or "араграф" in text or "подп" in text)


def _may_hold_kk(text: str) -> bool:
    return "ба" in text or "тарма" in text or "тарау" in text or "бөл" in text or "араграф" in text


_MAY_HOLD = {"eng": _may_hold_en, "rus": _may_hold_ru, "kaz": _may_hold_kk}


def _article_of(eid: str) -> str | None:
    parts = eid.split("__")
    for k, part in enumerate(parts):
        if part.startswith("art_"):
            return "__".join(parts[:k + 1])
    return None


def _slots(p):
    yield None, p.text or ""
    for child in p:
        yield child, child.tail or ""


def link(root: etree._Element, context) -> list[Diagnostic]:
    """The post-parse pass: mark every resolved internal reference.

    Registered in :data:`akn.postprocess.PASSES` as ``references``.
    """
    profile = context.profile
    _index, links = scan(root, profile.lang, profile.tradition, profile.letters, getattr(context, "lines", None),
                         getattr(context, "contexts", None))
    by_p: dict[int, tuple[etree._Element, dict[int, list[Link]]]] = {}
    for ln in links:
        if ln.href is None:
            continue
        entry = by_p.get(id(ln.element))
        if entry is None:
            entry = by_p[id(ln.element)] = (ln.element, {})
        entry[1].setdefault(id(ln.slot), []).append(ln)  # type: ignore[attr-defined]
    for p, per_slot in by_p.values():
        _apply(p, per_slot)
    return []


def _spans(group: list[Link]):
    spans = []
    last = -1
    for ln in sorted(group, key=lambda x: x.start):
        if ln.start < last:
            continue
        if ln.upto:
            spans.append((ln.start, ln.end, "rref", {"from": "#" + ln.href, "upTo": "#" + ln.upto}))
        else:
            spans.append((ln.start, ln.end, "ref", {"href": "#" + ln.href}))
        last = ln.end
    return spans


def _apply(p: etree._Element, per_slot: dict[int, list[Link]]) -> None:
    """Wrap the links of each text slot of *p* (its text, the tails of its children)."""
    if not len(p):   # the usual case: plain text, one slot
        spans = _spans(per_slot.get(id(None), []))
        if spans:
            wrap_spans(p, lambda _t: spans, NS)
        return
    slots = [(None, p.text or "")] + [(c, c.tail or "") for c in p]
    for owner, text in reversed(slots):   # last first: inserting does not move the earlier slots
        group = per_slot.get(id(owner))
        if not group:
            continue
        tmp = etree.Element("tmp")
        tmp.text = text
        spans = _spans(group)
        wrap_spans(tmp, lambda _t: spans, NS)
        if owner is None:
            p.text = tmp.text
            for k, node in enumerate(list(tmp)):
                p.insert(k, node)
        else:
            owner.tail = tmp.text
            at = p.index(owner)
            for k, node in enumerate(list(tmp), 1):
                p.insert(at + k, node)


def add_citations(graph, root: etree._Element, base: str | None = None) -> int:
    """Add ``eli:cites`` triples for the references of *root* to an RDF *graph*; returns how many.

    Each ``<ref>``/``<rref>`` gives ``<subdivision> eli:cites <target>``: the
    subdivision is the innermost unit holding the reference, the target a
    unit of the same expression (``#eId``; a range cites every unit from
    ``from`` to ``upTo``) or another work (a FRBR URI, resolved under *base*
    like :func:`akn.rdf.resolve`). URIs follow :mod:`akn.rdf`:
    ``<expression>/~<eId>``.
    """
    from urllib.parse import quote

    from rdflib import URIRef

    from akn import rdf

    base = base or rdf.DEFAULT_BASE
    ident = rdf.identity(root, base)
    prefix = str(ident["expression"]).rstrip("/") + "/~"

    def uri(eid):
        return URIRef(prefix + quote(eid, safe="-._~!$&'()*+,;=:@"))

    ordered = [el.get("eId") for el in root.iter() if el.get("eId") and isinstance(el.tag, str)
               and etree.QName(el).localname in UNITS]
    position = {eid: k for k, eid in enumerate(ordered)}
    added = 0
    for p, get_ctx in _blocks(root):
        ctx = get_ctx()
        if not ctx:
            continue
        subject = uri(ctx[-1])
        for el in p.iter(NS + "ref", NS + "rref"):
            targets: list[str] = []
            if el.tag == NS + "ref":
                targets.append(el.get("href", ""))
            else:
                start, stop = el.get("from", "")[1:], el.get("upTo", "")[1:]
                if start in position and stop in position:
                    depth = start.count("__")
                    targets.extend("#" + e for e in ordered[position[start]:position[stop] + 1]
                                   if e.count("__") == depth)
            for href in targets:
                if not href:
                    continue
                obj = uri(href[1:]) if href.startswith("#") else URIRef(rdf.resolve(href, base))
                graph.add((subject, rdf.ELI.cites, obj))
                added += 1
    return added
