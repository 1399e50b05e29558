r"""Defined terms: ``<def>`` where a term is defined, ``<term refersTo>`` where it is used.

The pass :func:`mark` finds

* **definition articles**: the points of an article whose heading or intro
  announces definitions (``Definitions``, ``For the purposes of this
  Regulation:``, ``Основные понятия``, ``негізгі ұғымдар``), each opening with
  the term: ``‘personal data’ means ...``, ``“biometric data” means ...``,
  ``the term ‘agency’ means ...``, ``1) цифровой актив – имущество ...``,
  ``1) аквашаруашылық – ...``;
* **inline definitions** anywhere in the body: ``(‘data subject’)``,
  ``(hereinafter ‘the Board’)``, ``(далее – уполномоченный орган)``,
  ``(бұдан әрі – уәкілетті орган)``.

Each definition becomes ``<def refersTo="#term_...">`` around the term and a
``<TLCTerm>`` in ``<meta><references>``. The ``TLCTerm`` eId is made from the
eId of the unit that defines the term (``term_chp_I__art_4__point_1``), so the
Russian and Kazakh expressions of one law share their term identifiers.

Then every later use of a term in the body becomes ``<term refersTo>``,
except inside a definition's own text, headings and numbers. Matching is
case-insensitive on the first letter, takes English plurals and possessives
(``controllers``, ``controller's``), Russian inflection (every word of the
term may change its ending: ``цифровой актив`` / ``цифровых активов``) and
Kazakh suffixes (on the last word, and plural or possessive ones on the
words before it; ``бап`` / ``бабы``, ``тармақ`` / ``тармағы``). One regular expression over all terms, longest first, keeps
the pass linear in the size of the text.

>>> print(term_pattern("цифровой актив", "rus").pattern)
(?<![\w-])[цЦ]ифров\w{0,4}[\s-]+актив\w{0,4}(?!\w)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from akn.document import AKN_NS
from akn.errors import Diagnostic
from akn.inline import find_in_slots, wrap_spans

NS = "{%s}" % AKN_NS

#: headings / intros that announce a definitions article
DEF_HEADING = re.compile(r"(?i)\b(?:definitions?|interpretation|meaning of terms)\b|"
                         r"(?i:понят|термин|определени)|ұғым|терминдер|анықтама")
DEF_INTRO = re.compile(r"(?i)(?:for the purposes? of this|in this (?:act|regulation|directive|law|part|chapter|section)"
                       r"|the following definitions|понятия\s*:|используются следующие|ұғымдар\s*пайдаланылады"
                       r"|пайдаланылатын\s+негізгі\s+ұғымдар|мынадай\s+(?:негізгі\s+)?ұғымдар)")
_Q_OPEN = "‘'“\"«"
_Q_CLOSE = "’'”\"»"
#: English: "‘term’ means", "the term ‘term’ means", "“term” has the meaning"
EN_DEF = re.compile(rf"^(?:the\s+(?:term|expression)s?\s+)?[{_Q_OPEN}](?P<term>[^{_Q_CLOSE}]{{1,120}})[{_Q_CLOSE}]"
                    rf"(?:\s+of\s+[^.;:‘’“”]{{1,40}}?)?\s*(?:,\s*)?(?:means|mean|shall mean|includes|include|has the meaning|refers to|is)\b", re.I)
#: English inline: "(‘data subject’)", "(hereinafter ‘the Board’)", "(the ‘Charter’)", "(‘X’ or ‘Y’)"
EN_INLINE = re.compile(rf"\((?:hereinafter(?:\s+referred\s+to\s+as)?\s+|referred\s+to\s+as\s+)?(?:the\s+|an?\s+)?"
                       rf"[{_Q_OPEN}](?P<term>[^{_Q_CLOSE}()]{{1,80}})[{_Q_CLOSE}]\)")
#: Russian / Kazakh: "цифровой актив – имущество ..." at the start of a definition point
CYR_DEF = re.compile(r"^(?P<term>[^–—:;()]{2,150}?)\s+[–—-]\s+\S")
RU_INLINE = re.compile(r"\(\s*далее\s*[–—-]\s*(?P<term>[^()]{2,100}?)\s*\)")
KK_INLINE = re.compile(r"\(\s*бұдан\s+әрі\s*[–—-]\s*(?P<term>[^()]{2,100}?)\s*\)")

_UNITS = {"article", "section", "paragraph", "subsection", "point", "clause", "subparagraph", "item", "indent",
          "subclause", "rule"}


@dataclass
class Term:
    eid: str          # TLCTerm eId
    text: str         # the term as defined
    unit: str         # eId of the defining unit


def _local(el) -> str:
    return el.tag[len(NS):] if isinstance(el.tag, str) and el.tag.startswith(NS) else ""


def _unit_of(el) -> etree._Element | None:
    while el is not None and not (el.get("eId") and _local(el) in _UNITS | {"hcontainer", "chapter", "part"}):
        el = el.getparent()
    return el


_INTRO_WORDS = ("purpose", "in this", "definitions", "понятия", "следующие", "ұғымдар")
_HEADING_WORDS = ("defin", "interpret", "meaning", "понят", "термин", "определени", "ұғым", "анықтама")


_CONTAINERS = (NS + "article", NS + "section")
_HEADING = NS + "heading"


def definition_articles(body: etree._Element) -> list[etree._Element]:
    """The articles (sections) of *body* that hold definitions, in document order.

    Found from their headings and list intros, which are far fewer than the
    articles of a long act.
    """
    found: dict[etree._Element, None] = {}
    headings: list[etree._Element] = []
    intros: list[etree._Element] = []
    for el in body.iter(NS + "heading", NS + "intro"):   # one walk of the tree for both
        (headings if el.tag == _HEADING else intros).append(el)
    for heading in headings:
        article = heading.getparent()
        if article.tag in _CONTAINERS:
            text = (heading.text or "").lower()
            if any(w in text for w in _HEADING_WORDS) and DEF_HEADING.search(text):
                found[article] = None
    for intro in intros:
        p = intro.find(NS + "p")
        text = (p.text or "").lower() if p is not None else ""
        if not any(w in text for w in _INTRO_WORDS) or not DEF_INTRO.search(text):
            continue
        unit = intro.getparent()
        if unit.tag not in _CONTAINERS:
            unit = unit.getparent()   # "1. For the purposes of this Regulation:" in the first paragraph
        if unit is not None and unit.tag in _CONTAINERS:
            found[unit] = None
    if len(found) < 2:
        return list(found)
    order = {el: k for k, el in enumerate(body.iter(*_CONTAINERS))}
    return sorted(found, key=order.get)  # type: ignore[arg-type]


def _clean_term(term: str) -> str:
    term = term.strip().strip(_Q_OPEN + _Q_CLOSE).strip()
    return re.sub(r"\s+", " ", term)


def find_definitions(root: etree._Element, lang: str) -> list[tuple[etree._Element, int, int, str]]:
    """Where terms are defined: (``<p>``, start, end of the term in its text, term)."""
    body = root[0].find(NS + "body") if len(root) else None
    if body is None:
        return []
    found: list[tuple[etree._Element, int, int, str]] = []
    seen: set[int] = set()
    cyr = lang in ("rus", "kaz")
    for article in definition_articles(body):
        for p in article.iter(NS + "p"):
            parent = p.getparent()
            if _local(parent) not in ("content", "intro"):
                continue
            unit = parent.getparent()
            if unit is article and not cyr:
                pass   # UK style: unnumbered '“label” means ...' paragraphs of an Interpretation section
            elif _local(unit) not in ("point", "paragraph", "subsection", "item", "clause", "indent", "subparagraph"):
                continue
            elif parent.index(p) != 0:
                continue
            if unit.get("status") == "removed":   # "3) алып тасталды - ҚР ... Заңымен": a repealed definition
                continue
            text = p.text or ""
            if cyr:
                m = CYR_DEF.match(text)
                if m and len(m.group("term").split()) <= 12:
                    term = m.group("term").strip()
                    found.append((p, m.start("term"), m.start("term") + len(term), term))
                    seen.add(id(p))
            else:
                m = EN_DEF.match(text)
                if m:
                    found.append((p, m.start("term"), m.end("term"), _clean_term(m.group("term"))))
                    seen.add(id(p))
    inline = EN_INLINE if lang == "eng" else (RU_INLINE if lang == "rus" else KK_INLINE)
    quick = "далее" if lang == "rus" else "бұдан"
    for p in body.iter(NS + "p"):
        text = p.text or ""
        if lang == "eng":
            if not ("‘" in text or "“" in text or '"' in text or "('" in text):
                continue
        elif quick not in text:
            continue
        for m in inline.finditer(text):
            term = m.group("term").strip()
            if lang == "eng" and (len(term.split()) > 8 or not term[:1].isalpha()):
                continue
            start = m.start("term")
            found.append((p, start, start + len(term), _clean_term(term)))
    return found


# ---------------------------------------------------------------------------------------------
# uses of the terms
# ---------------------------------------------------------------------------------------------
#: Kazakh genitive and accusative endings a word inside a term may carry in its definition
_KK_CASE = re.compile(r"(?:ның|нің|дың|дің|тың|тің|ны|ні|ды|ді|ты|ті)$")
_KK_ALT = {"қ": "[қғ]", "к": "[кг]", "п": "[пб]"}
#: Russian case and number endings, longest first: what is left is the stem all forms share
_RU_END = re.compile(r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ой|ей|ый|ий|ая|яя|ое|ее|ые|ие|ую|юю|ом|ем|ым|им|ых|их"
                     r"|ам|ям|ах|ях|ов|ев|ия|ья|ье|ию|а|я|о|е|ы|и|ь|й|у|ю)$")


def _first(ch: str) -> str:
    if ch.lower() != ch.upper():
        return f"[{ch.lower()}{ch.upper()}]"
    return re.escape(ch)


def term_pattern(term: str, lang: str) -> re.Pattern:
    """A pattern for the uses of *term*: inflection-aware in Russian and Kazakh."""
    words = term.split()
    parts: list[str] = []
    for k, word in enumerate(words):
        last = k == len(words) - 1
        w = word
        if lang == "rus" and len(w) >= 4 and w.isalpha():
            stem = _RU_END.sub("", w.lower())
            stem = stem if len(stem) >= 3 else w.lower()
            piece = re.escape(stem) + r"\w{0,4}"
        elif lang == "kaz" and len(w) >= 4 and w.isalpha():
            # suffixes go on the last word, and plural/possessive ones on nouns before it
            # ("цифрлық активтер айналымы"); the final consonant may voice (тармақ -> тармағы)
            stem = w.lower()
            if not last and len(stem) > 6:
                stem = _KK_CASE.sub("", stem)   # "цифрлық активті шығару": "активтерді" too
            tail = _KK_ALT.get(stem[-1])
            piece = (re.escape(stem[:-1]) + tail if tail else re.escape(stem)) + (r"\w{0,10}" if last else r"\w{0,6}")
        elif lang == "eng" and last and w[-1:].isalpha():
            piece = re.escape(w) + r"(?:s|es)?(?:['’]s)?"
        else:
            piece = re.escape(w)
        if lang == "kaz":
            piece = piece.replace("і", "[іi]")
        parts.append(piece)
    if parts and parts[0][:1] != "[" and not term[:1].isupper():
        head = parts[0]
        # a term defined in lower case may open a sentence; one defined with a capital keeps it
        if head[:1].isalpha():
            parts[0] = _first(head[0]) + head[1:]
    body = r"[\s-]+".join(parts) if lang != "eng" else r"\s+".join(parts)
    return re.compile(rf"(?<![\w-]){body}(?!\w)")


def _bare(pattern: re.Pattern) -> str:
    """The pattern of :func:`term_pattern` without its word-boundary guards."""
    return pattern.pattern[len(r"(?<![\w-])"):-len(r"(?!\w)")]


def mark(root: etree._Element, context) -> list[Diagnostic]:
    """The post-parse pass: ``<def>`` + ``TLCTerm`` for definitions, ``<term>`` for uses.

    Registered in :mod:`akn.postprocess` as ``definitions``.
    """
    lang = context.profile.lang
    found = find_definitions(root, lang)
    if not found:
        return []
    terms: list[Term] = []
    by_text: dict[str, Term] = {}
    used_ids: set[str] = set()
    def_ps: set[etree._Element] = set()
    spans: dict[int, list[tuple[int, int, str]]] = {}
    owners: dict[int, etree._Element] = {}
    for p, start, end, text in found:
        key = text.lower()
        unit = _unit_of(p)
        base = "term_" + (unit.get("eId") if unit is not None else "1")
        eid = base
        n = 2
        while eid in used_ids:
            eid = f"{base}_{n}"
            n += 1
        if key in by_text:   # defined twice: the first definition names it
            term = by_text[key]
        else:
            term = Term(eid, text, unit.get("eId") if unit is not None else "")
            used_ids.add(eid)
            by_text[key] = term
            terms.append(term)
        spans.setdefault(id(p), []).append((start, end, term.eid))
        owners[id(p)] = p
        def_ps.add(p)
    # <def> in the defining texts
    for pid, group in spans.items():
        p = owners[pid]
        group.sort()
        wrap_spans(p, [(s, e, "def", {"refersTo": "#" + eid}) for s, e, eid in _no_overlap(group)], NS)
    _add_tlc(root, terms, context)
    _mark_uses(root, terms, lang, def_ps)
    return []


def _no_overlap(group):
    last = -1
    for s, e, eid in group:
        if s >= last:
            yield s, e, eid
            last = e


def _add_tlc(root, terms: list[Term], context) -> None:
    meta = root[0].find(NS + "meta")
    refs = meta.find(NS + "references") if meta is not None else None
    if refs is None:
        return
    country = (getattr(context.profile, "country", "") or "xx").lower()
    for term in terms:
        slug = re.sub(r"[^\w]+", "_", term.text.lower()).strip("_") or "term"
        el = etree.SubElement(refs, NS + "TLCTerm")
        el.set("eId", term.eid)
        el.set("href", f"/ontology/term/{country}/{slug}")
        el.set("showAs", term.text)


def _mark_uses(root, terms: list[Term], lang: str, def_ps: set) -> None:
    body = root[0].find(NS + "body")
    if body is None or not terms:
        return
    ordered = sorted(terms, key=lambda t: -len(t.text))
    patterns = [term_pattern(t.text, lang) for t in ordered]
    firsts = set()
    for t in ordered:
        ch = t.text[0]
        firsts.update({ch, ch.lower(), ch.upper()} if not t.text[:1].isupper() else {ch})
    if lang == "kaz":
        firsts.update({"i", "I"} if firsts & {"і", "І"} else set())
    # one scan: a cheap test of the first letter, then the terms, longest first
    lead = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
    big = re.compile(rf"\b(?<!-)(?={lead})(?:" + "|".join(f"(?P<t{k}>{_bare(p)})" for k, p in enumerate(patterns))
                     + r")(?!\w)")
    names = {f"t{k}": t for k, t in enumerate(ordered)}

    def find(text):
        out = []
        for m in big.finditer(text):
            term = names[m.lastgroup]
            out.append((m.start(), m.end(), "term", {"refersTo": "#" + term.eid}))
        return out

    for p in body.iter(NS + "p"):
        if p in def_ps:
            continue
        if not (p.text or len(p)):
            continue
        wrap_spans(p, find_in_slots(p, find), NS)
