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

>>> from akn import lang
>>> print(term_pattern("цифровой актив", lang.get("ru").definitions).pattern)
(?<![\w-])[цЦ]ифров\w{0,4}[\s-]+актив\w{0,4}(?!\w)
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from akn.document import AKN_NS
from akn.errors import Diagnostic
from akn.inline import find_in_slots, wrap_spans
from akn.vocab import DIVISIONS, HIERARCHY

NS = "{%s}" % AKN_NS

QUOTES_OPEN = "‘'“\"«"
QUOTES_CLOSE = "’'”\"»"
#: Russian, Kazakh (and other Cyrillic drafting): "цифровой актив – имущество ..." opening a definition point
CYRILLIC_POINT = re.compile(r"^(?P<term>[^–—:;()]{2,150}?)\s+[–—-]\s+\S")


@dataclass(frozen=True)
class DefinitionRules:
    """How one language defines terms and inflects them (each language's in ``akn/lang/``).

    ``heading``/``intro`` announce a definitions article (``heading_words``/
    ``intro_words``: lower-case pieces of them, a cheap test first); ``point``
    matches a definition point's text, the term in group ``term`` (in quotes
    when ``point_quoted``); ``inline`` an inline definition (``(hereinafter
    ‘X’)``, ``(далее – X)``) after ``inline_hint(text)``; ``word(word, last)``
    is the pattern of one word of a term as it may be used, and ``joiner``
    what stands between the words; ``letter_variants`` maps a letter to the
    one texts may type for it (Kazakh ``і`` typed as Latin ``i``).
    """

    heading: re.Pattern
    heading_words: tuple[str, ...]
    intro: re.Pattern
    intro_words: tuple[str, ...]
    point: re.Pattern
    inline: re.Pattern
    inline_hint: Callable[[str], bool]
    word: Callable[[str, bool], str]
    joiner: str = r"\s+"
    point_quoted: bool = False           # the term of a point stands in quotes ("‘X’ means")
    point_max_words: int = 12
    unnumbered_in_section: bool = False  # UK style: unnumbered "“label” means" paragraphs of a section
    inline_max_words: int = 0            # 0: any length
    inline_letter_first: bool = False    # an inline term must start with a letter
    letter_variants: dict[str, str] = field(default_factory=dict)


#: the units a definition stands in (a provision or a part of one)
_UNITS = HIERARCHY - DIVISIONS


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


_CONTAINERS = (NS + "article", NS + "section")
_HEADING = NS + "heading"


def definition_articles(body: etree._Element, rules: DefinitionRules) -> list[etree._Element]:
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
            if any(w in text for w in rules.heading_words) and rules.heading.search(text):
                found[article] = None
    for intro in intros:
        p = intro.find(NS + "p")
        text = (p.text or "").lower() if p is not None else ""
        if not any(w in text for w in rules.intro_words) or not rules.intro.search(text):
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
    term = term.strip().strip(QUOTES_OPEN + QUOTES_CLOSE).strip()
    return re.sub(r"\s+", " ", term)


def find_definitions(root: etree._Element, rules: DefinitionRules) -> list[tuple[etree._Element, int, int, str]]:
    """Where terms are defined: (``<p>``, start, end of the term in its text, term)."""
    body = root[0].find(NS + "body") if len(root) else None
    if body is None:
        return []
    found: list[tuple[etree._Element, int, int, str]] = []
    for article in definition_articles(body, rules):
        for p in article.iter(NS + "p"):
            parent = p.getparent()
            if _local(parent) not in ("content", "intro"):
                continue
            unit = parent.getparent()
            if unit is article and rules.unnumbered_in_section:
                pass   # UK style: unnumbered '“label” means ...' paragraphs of an Interpretation section
            elif _local(unit) not in ("point", "paragraph", "subsection", "item", "clause", "indent", "subparagraph"):
                continue
            elif parent.index(p) != 0:
                continue
            if unit.get("status") == "removed":   # "3) алып тасталды - ҚР ... Заңымен": a repealed definition
                continue
            m = rules.point.match(p.text or "")
            if m is None:
                continue
            if rules.point_quoted:
                found.append((p, m.start("term"), m.end("term"), _clean_term(m.group("term"))))
            elif len(m.group("term").split()) <= rules.point_max_words:
                term = m.group("term").strip()
                found.append((p, m.start("term"), m.start("term") + len(term), term))
    for p in body.iter(NS + "p"):
        text = p.text or ""
        if not rules.inline_hint(text):
            continue
        for m in rules.inline.finditer(text):
            term = m.group("term").strip()
            if rules.inline_max_words and len(term.split()) > rules.inline_max_words:
                continue
            if rules.inline_letter_first and not term[:1].isalpha():
                continue
            start = m.start("term")
            found.append((p, start, start + len(term), _clean_term(term)))
    return found


# ---------------------------------------------------------------------------------------------
# uses of the terms
# ---------------------------------------------------------------------------------------------
def _first(ch: str) -> str:
    if ch.lower() != ch.upper():
        return f"[{ch.lower()}{ch.upper()}]"
    return re.escape(ch)


def term_pattern(term: str, rules: DefinitionRules) -> re.Pattern:
    """A pattern for the uses of *term*, inflected as the language's rules say."""
    words = term.split()
    parts: list[str] = []
    for k, word in enumerate(words):
        piece = rules.word(word, k == len(words) - 1)
        for letter, typed in rules.letter_variants.items():
            piece = piece.replace(letter, f"[{letter}{typed}]")
        parts.append(piece)
    if parts and parts[0][:1] != "[" and not term[:1].isupper():
        head = parts[0]
        # a term defined in lower case may open a sentence; one defined with a capital keeps it
        if head[:1].isalpha():
            parts[0] = _first(head[0]) + head[1:]
    body = rules.joiner.join(parts)
    return re.compile(rf"(?<![\w-]){body}(?!\w)")


def _bare(pattern: re.Pattern) -> str:
    """The pattern of :func:`term_pattern` without its word-boundary guards."""
    return pattern.pattern[len(r"(?<![\w-])"):-len(r"(?!\w)")]


def mark(root: etree._Element, context) -> list[Diagnostic]:
    """The post-parse pass: ``<def>`` + ``TLCTerm`` for definitions, ``<term>`` for uses.

    Registered in :mod:`akn.postprocess` as ``definitions``.
    """
    pack = getattr(context, "language", None)
    rules = pack.definitions if pack is not None else None
    if rules is None:
        code = pack.code if pack is not None else context.profile.lang
        return [Diagnostic(f"defined terms are not marked: no definition rules for the language {code!r}",
                           source=getattr(context, "source", "<text>"), severity="warning",
                           code="no-definition-rules")]
    found = find_definitions(root, rules)
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
    _mark_uses(root, terms, rules, def_ps)
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


def _mark_uses(root, terms: list[Term], rules: DefinitionRules, def_ps: set) -> None:
    body = root[0].find(NS + "body")
    if body is None or not terms:
        return
    ordered = sorted(terms, key=lambda t: -len(t.text))
    patterns = [term_pattern(t.text, rules) for t in ordered]
    firsts = set()
    for t in ordered:
        ch = t.text[0]
        firsts.update({ch, ch.lower(), ch.upper()} if not t.text[:1].isupper() else {ch})
    firsts.update(typed for letter, typed in rules.letter_variants.items() if letter in firsts)
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
