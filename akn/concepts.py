"""Concept tagging: which provisions of an Akoma Ntoso document talk about which concepts.

The concepts are the SKOS scheme shipped in ``akn.ontology`` (``concepts.ttl``);
the words that reveal them are data beside it: ``lexicon.tsv`` (one regular
expression per row, per language, *strong* or *weak*) and ``lexicon-rules.tsv``
(which concepts must be present for a *weak* match to count).

The algorithm, per document:

1. Walk the hierarchical units (article, section, paragraph, point, item,
   recital, ... anything with an ``eId`` in the body, see :func:`units`).
2. Match the lexicon of the document's language against the text blocks
   (``p``, ``heading``, ...) that belong to each unit itself, not to a child
   unit. Text is normalised first (NBSP -> space, Kazakh Latin ``i`` -> ``і``,
   Russian ``ё`` -> ``е``), character for character, so offsets stay valid.
3. Group units by *scope*: the nearest enclosing article (or section, or
   whatever the document's basic unit is). Concepts with a strong match in the
   scope are accepted; a weak match is accepted when the scope also holds a
   concept its rule asks for; repeat until nothing changes. So "consent" in
   "the consent of the Minister" is dropped, while "consent" in an article on
   personal data is kept.
4. A unit is *about* the accepted concepts of its own text and, inside the
   scope, of its child units (an article is about what its paragraphs say).

>>> from lxml import etree
>>> xml = b'''<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>
... <meta><identification source="#x"><FRBRExpression><FRBRthis value="/a"/><FRBRuri value="/a"/>
... <FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#x"/><FRBRlanguage language="eng"/>
... </FRBRExpression></identification></meta><body>
... <article eId="art_1"><num>1</num><paragraph eId="art_1__para_1"><content>
... <p>Biometric data shall be processed only with the consent of the data subject.</p>
... </content></paragraph></article>
... <article eId="art_2"><num>2</num><content><p>The Minister may give consent.</p></content></article>
... </body></act></akomaNtoso>'''
>>> a = analyse(etree.fromstring(xml))
>>> sorted(a.about["art_1"])
['biometric_data', 'consent', 'data_subject']
>>> a.about["art_2"]
set()
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from lxml import etree

from akn.errors import NotAknError
from akn.akn_meta import read_identity
from akn.vocab import AKN_NS, CONCEPT_NS, HIERARCHY, OTHER_HIERARCHY

_A = f"{{{AKN_NS}}}"
#: eId and showAs of the TLCOrganization we add as ``source`` of our references
TOOL_EID = "akn-toolkit"

#: elements that are units of the hierarchy when they carry an eId
UNIT_NAMES = HIERARCHY | OTHER_HIERARCHY | frozenset(["hcontainer", "recital", "citation"])
#: containers whose units are listed (the document's main text)
BODY_NAMES = frozenset(["body", "mainBody", "judgmentBody", "debateBody", "amendmentBody", "collectionBody", "portionBody", "preamble"])
#: in the preamble only these are units
PREAMBLE_UNITS = frozenset({"recital", "citation"})
#: never descend into these when looking for units or text
SKIP_NAMES = frozenset(["meta", "attachments", "components", "authorialNote", "noteRef", "documentRef", "subFlow", "interstitial"])
#: content that belongs to another act: its units are text of the unit quoting them
QUOTED_NAMES = frozenset({"quotedStructure", "embeddedStructure"})
#: elements whose text is matched (a block of inline text)
BLOCK_NAMES = frozenset(["p", "heading", "subheading", "crossHeading", "listIntroduction", "listWrapUp", "li", "td", "th", "caption", "block", "tocItem"])
#: inline <concept> may be inserted in text directly inside these
INLINE_OK = frozenset(["p", "heading", "subheading", "span", "i", "b", "u", "sup", "sub", "inline", "ins", "del", "listIntroduction", "listWrapUp", "li", "quotedText", "crossHeading", "block"])
#: basic units, in order of preference: the first present in a document is its "provision"
PROVISION_ORDER = ("article", "section", "rule", "regulation")

LANGS = {"eng": "en", "en": "en", "rus": "ru", "ru": "ru", "kaz": "kk", "kk": "kk", "kz": "kk"}


def local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# ---------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class Pattern:
    concept: str
    lang: str
    strong: bool
    regex: re.Pattern
    trigger: str | None = None     # lower-case text every match contains (a cheap pre-check)


_META = set("\\()[]{}?*+|.^$")


def trigger(rx: str) -> str | None:
    """The literal text every match of *rx* starts with, lower-cased, when there is one.

    >>> trigger(r"\\bbiometric\\s+data"), trigger(r"labels?\\b"), trigger(r"(?-i:\\bAI\\b)")
    ('biometric', 'label', None)
    """
    body = rx.removeprefix("\\b")
    lit = ""
    for ch in body:
        if ch in _META:
            break
        lit += ch
    rest = body[len(lit):]
    if rest[:1] in ("?", "*", "{"):
        lit = lit[:-1]            # the last character is optional
    return lit.lower() if len(lit) >= 3 else None


@dataclass(frozen=True)
class Mention:
    """A match of a lexicon pattern in a text block of a unit."""
    concept: str
    text: str          # the words as they stand in the document
    strong: bool
    start: int         # offsets in the block text
    end: int
    block: int = 0     # index of the block within the unit


class Lexicon:
    """Patterns and co-occurrence rules read from ``akn.ontology``.

    >>> lex = Lexicon.load()
    >>> [m.concept for m in lex.find("биометриялық деректерін жинау", "kk")]
    ['biometric_data']
    """

    def __init__(self, patterns: list[Pattern], rules: dict[str, frozenset[str]]):
        self.patterns = patterns
        self.rules = rules
        self.by_lang: dict[str, list[Pattern]] = {}
        for p in patterns:
            self.by_lang.setdefault(p.lang, []).append(p)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        base = files("akn.ontology")
        return cls.parse(base.joinpath("lexicon.tsv").read_text("utf-8"),
                         base.joinpath("lexicon-rules.tsv").read_text("utf-8"))

    @classmethod
    def parse(cls, lexicon_tsv: str, rules_tsv: str) -> Lexicon:
        patterns = []
        for n, line in enumerate(_rows(lexicon_tsv), 1):
            if len(line) != 4 or line[2] not in ("strong", "weak"):
                raise ValueError(f"lexicon.tsv: bad row {n}: {line!r}")
            concept, lang, strength, rx = line
            try:
                compiled = re.compile(rx, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"lexicon.tsv: row {n} ({concept}): {exc}") from None
            patterns.append(Pattern(concept, lang, strength == "strong", compiled, trigger(rx)))
        groups: dict[str, list[str]] = {}
        raw: dict[str, list[str]] = {}
        for line in _rows(rules_tsv):
            name, req = line[0], line[1].split()
            (groups if name.startswith("@") else raw)[name] = req

        def expand(names):
            out = set()
            for n in names:
                out.update(groups[n] if n.startswith("@") else [n])
            return frozenset(out)

        return cls(patterns, {c: expand(r) for c, r in raw.items()})

    def find(self, text: str, lang: str | None) -> list[Mention]:
        """All matches (strong and weak) of the lexicon of *lang* in *text*."""
        langs = [LANGS.get(lang or "", lang)] if lang else []
        out = []
        for lg in langs:
            norm = normalise(text, lg)
            low = norm.lower()
            for p in self.by_lang.get(lg, ()):
                if p.trigger is not None and p.trigger not in low:
                    continue
                for m in p.regex.finditer(norm):
                    out.append(Mention(p.concept, text[m.start():m.end()], p.strong, m.start(), m.end()))
        return out

    def accept(self, mentions) -> set[str]:
        """Concepts accepted in one scope, given all its mentions (see module doc, step 3)."""
        mentions = list(mentions)
        accepted = {m.concept for m in mentions if m.strong}
        weak = {m.concept for m in mentions if not m.strong} - accepted
        changed = True
        while changed and weak:
            changed = False
            for c in sorted(weak):
                if self.rules.get(c, frozenset()) & accepted:
                    accepted.add(c)
                    weak.discard(c)
                    changed = True
        return accepted


def _rows(tsv: str):
    header = True
    for line in tsv.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        yield line.split("\t")


_KK = str.maketrans({"i": "і", "I": "І", "\u00a0": " "})
_RU = str.maketrans({"ё": "е", "Ё": "Е", "\u00a0": " "})
_OTHER = str.maketrans({"\u00a0": " "})


def normalise(text: str, lang: str) -> str:
    """Character-for-character normalisation before matching (offsets do not move).

    >>> normalise("Дербес деректердi", "kk")
    'Дербес деректерді'
    """
    return text.translate(_KK if lang == "kk" else _RU if lang == "ru" else _OTHER)


# ---------------------------------------------------------------- units

@dataclass
class Unit:
    """A hierarchical unit of the document."""
    el: etree._Element
    eid: str
    name: str
    parent: Unit | None
    position: int                       # 1-based among the sibling units
    children: list[Unit] = field(default_factory=list)
    provision: bool = False
    blocks: list[tuple[etree._Element, str, list]] = field(default_factory=list)

    @property
    def number(self) -> str | None:
        num = self.el.find(_A + "num")
        return _clean(_text(num)) if num is not None else None

    @property
    def heading(self) -> str | None:
        h = self.el.find(_A + "heading")
        return _clean(_text(h)) if h is not None else None

    @property
    def text(self) -> str:
        """The unit's own text (not its heading, number or child units)."""
        return "\n".join(t for b, t, _ in self.blocks if local(b) not in ("heading", "subheading") and t.strip())


def _text(el) -> str:
    parts = []
    for node in el.iter():
        if node is not el and local(node) in SKIP_NAMES:
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not el and node.tail:
            parts.append(node.tail)
    return "".join(parts)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def doc_element(root):
    """The document element (act, bill, judgment, ...) inside <akomaNtoso>."""
    if local(root) != "akomaNtoso":
        return root
    for child in root:
        if isinstance(child.tag, str):
            return child
    raise NotAknError("not an Akoma Ntoso document: <akomaNtoso> holds no document element")


def units(root) -> list[Unit]:
    """The hierarchical units of the document in document order.

    Units are elements named in :data:`UNIT_NAMES` with an ``eId`` inside the
    body (``body``, ``mainBody``, ``judgmentBody``, ...), plus recitals and
    citations of the preamble. Containers without meaning of their own
    (``list``, ``blockList``, ``intro``, ``content``) are transparent; units
    quoted from other acts (inside ``quotedStructure``) are text, not units.
    """
    doc = doc_element(root)
    out: list[Unit] = []

    def walk(el, parent: Unit | None, in_preamble: bool, siblings: list):
        for child in el:
            name = local(child)
            if not name or name in SKIP_NAMES or name in QUOTED_NAMES:
                continue
            if name in UNIT_NAMES and child.get("eId") and (not in_preamble or name in PREAMBLE_UNITS):
                u = Unit(child, child.get("eId"), name, parent, len(siblings) + 1)
                siblings.append(u)
                out.append(u)
                walk(child, u, in_preamble, u.children)
            else:
                walk(child, parent, in_preamble, siblings)

    top: list[Unit] = []
    for part in doc:
        if local(part) in BODY_NAMES:
            walk(part, None, local(part) == "preamble", top)
    names = {u.name for u in out if u.name not in PREAMBLE_UNITS}
    kind = next((n for n in PROVISION_ORDER if n in names), None)
    for u in out:
        u.provision = u.name == kind
        u.blocks = _blocks(u.el)
    return out


def _blocks(unit_el):
    """Text blocks of a unit: (element, text, segments) where segments map text
    offsets to the text/tail of the lxml nodes holding them."""
    blocks = []

    def walk(el, quoted=False):
        for child in el:
            name = local(child)
            if not name or name in SKIP_NAMES:
                continue
            if name in UNIT_NAMES and child.get("eId") and not quoted:
                continue                       # a child unit holds its own text
            if name in BLOCK_NAMES:
                collect(child)
            elif name == "num" and not quoted:
                continue
            else:
                walk(child, quoted or name in QUOTED_NAMES)

    def collect(block):
        segs: list[tuple[int, int, etree._Element, str]] = []
        buf: list[str] = []
        pos = 0
        nested = []

        def add(s, node, kind):
            nonlocal pos
            if s:
                segs.append((pos, pos + len(s), node, kind))
                buf.append(s)
                pos += len(s)

        def rec(el):
            add(el.text, el, "text")
            for c in el:
                name = local(c)
                if not name or name in SKIP_NAMES:          # comment / PI
                    pass
                elif name in BLOCK_NAMES or name in QUOTED_NAMES:
                    nested.append(c)
                else:
                    rec(c)
                add(c.tail, c, "tail")
        rec(block)
        blocks.append((block, "".join(buf), segs))
        for n in nested:
            if local(n) in BLOCK_NAMES:
                collect(n)
            else:
                walk(n, True)

    walk(unit_el)
    return blocks


# ---------------------------------------------------------------- analysis

@dataclass
class Analysis:
    """Result of :func:`analyse`: units, mentions per unit, concepts per unit."""
    lang: str | None
    units: list[Unit]
    mentions: dict[str, list[Mention]]      # eId -> accepted mentions in the unit's own text
    about: dict[str, set[str]]              # eId -> concepts the unit is about


def document_language(root) -> str | None:
    """The language code (eng, rus, kaz) of the document *root* holds, None when it does not say."""
    return read_identity(doc_element(root)).language or None


def analyse(root, lang: str | None = None, *, lexicon: Lexicon | None = None) -> Analysis:
    """Find the concepts of every unit of the AKN tree *root* (not modified)."""
    lex = lexicon or Lexicon.load()
    code = LANGS.get(lang or document_language(root) or "")
    us = units(root)
    raw: dict[str, list[Mention]] = {}
    for u in us:
        found = []
        for i, (_b, text, _s) in enumerate(u.blocks):
            for m in lex.find(text, code) if code else ():
                found.append(Mention(m.concept, m.text, m.strong, m.start, m.end, i))
        raw[u.eid] = found

    contains_prov: dict[str, bool] = {}
    for u in reversed(us):
        contains_prov[u.eid] = any(c.provision or contains_prov[c.eid] for c in u.children)

    def scope(u: Unit) -> Unit:
        p: Unit | None = u
        while p is not None:
            if p.provision:
                return p
            p = p.parent
        if contains_prov[u.eid]:
            return u
        top = u
        while top.parent is not None and not contains_prov[top.parent.eid]:
            top = top.parent
        return top

    scopes: dict[str, list[Unit]] = {}
    for u in us:
        scopes.setdefault(scope(u).eid, []).append(u)
    accepted: dict[str, set[str]] = {}
    for members in scopes.values():
        acc = lex.accept(m for u in members for m in raw[u.eid])
        for u in members:
            accepted[u.eid] = acc
    mentions = {u.eid: [m for m in raw[u.eid] if m.concept in accepted[u.eid]] for u in us}
    about: dict[str, set[str]] = {u.eid: {m.concept for m in mentions[u.eid]} for u in us}
    for u in reversed(us):                   # children before parents
        if u.parent is not None and scope(u).eid == scope(u.parent).eid:
            about[u.parent.eid] |= about[u.eid]
    return Analysis(code, us, mentions, about)


# ---------------------------------------------------------------- tagging the AKN

def tag(root, lang: str | None = None, *, inline: bool = True, lexicon: Lexicon | None = None) -> Analysis:
    """Record the concepts of every unit in the AKN tree *root* (modified in place).

    - a ``<TLCConcept eId="biometric_data" href="https://w3id.org/akn-toolkit/concepts/biometric_data"
      showAs="biometric data"/>`` in ``meta/references`` for every concept found;
    - ``refersTo="#biometric_data ..."`` on every unit about it;
    - with *inline*, the words themselves wrapped in ``<concept refersTo="#biometric_data">``
      where they sit inside one text node of an inline-content element.

    Tagging twice gives the same tree: earlier tags of ours are removed first.
    The result stays valid against the Akoma Ntoso 3.0 schema.
    """
    untag(root)
    a = analyse(root, lang, lexicon=lexicon)
    used = sorted({c for s in a.about.values() for c in s})
    if not used:
        return a
    ids = _add_references(root, used, a.lang)
    for u in a.units:
        if a.about[u.eid]:
            refs = [f"#{ids[c]}" for c in sorted(a.about[u.eid])]
            old = (u.el.get("refersTo") or "").split()
            u.el.set("refersTo", " ".join(old + [r for r in refs if r not in old]))
    if inline:
        for u in a.units:
            _wrap(u, a.mentions[u.eid], ids)
    return a


def _add_references(root, concepts, lang) -> dict[str, str]:
    meta = doc_element(root).find(_A + "meta")
    if meta is None:
        raise ValueError("the document has no <meta>")
    refs = meta.find(_A + "references")
    if refs is None:
        refs = etree.Element(_A + "references", source="#" + TOOL_EID)
        # meta: identification, publication, classification, lifecycle, workflow, analysis,
        # temporalData, references, notes, proprietary, presentation
        after = [c for c in meta if local(c) in ("identification", "publication", "classification", "lifecycle",
                                                  "workflow", "analysis", "temporalData")]
        meta.insert(meta.index(after[-1]) + 1 if after else 0, refs)
    taken = {e.get("eId") for e in root.iter() if isinstance(e.tag, str) and e.get("eId")}
    if TOOL_EID not in taken and refs.get("source") == "#" + TOOL_EID:
        etree.SubElement(refs, _A + "TLCOrganization", eId=TOOL_EID,
                         href="/ontology/organization/akn-toolkit", showAs="akn-toolkit")
        taken.add(TOOL_EID)
    labels = concept_labels()
    ids = {}
    for c in concepts:
        eid = c
        n = 1
        while eid in taken:
            n += 1
            eid = f"{c}_{n}"
        taken.add(eid)
        ids[c] = eid
        etree.SubElement(refs, _A + "TLCConcept", eId=eid, href=CONCEPT_NS + c,
                         showAs=labels.get((c, lang), labels.get((c, "en"), c.replace("_", " "))))
    return ids


def untag(root) -> None:
    """Remove the tags :func:`tag` added (inline concepts, refersTo, TLCConcepts)."""
    ours = {}
    for t in root.iter(_A + "TLCConcept"):
        if (t.get("href") or "").startswith(CONCEPT_NS):
            ours["#" + t.get("eId")] = t
    if not ours:
        return
    for el in list(root.iter(_A + "concept")):
        if el.get("refersTo") in ours:
            _unwrap(el)
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("refersTo") and local(el) != "concept":
            keep = [r for r in el.get("refersTo").split() if r not in ours]
            if keep:
                el.set("refersTo", " ".join(keep))
            else:
                del el.attrib["refersTo"]
    for t in ours.values():
        refs = t.getparent()
        refs.remove(t)
    for refs in list(root.iter(_A + "references")):
        for org in refs.findall(_A + "TLCOrganization"):
            if org.get("eId") == TOOL_EID:
                refs.remove(org)
        if len(refs) == 0 and refs.get("source") == "#" + TOOL_EID:
            refs.getparent().remove(refs)


def _unwrap(el):
    parent = el.getparent()
    idx = parent.index(el)
    text = (el.text or "")
    if len(el):
        raise ValueError("nested markup inside <concept>")  # we never create it
    tail = el.tail or ""
    if idx == 0:
        parent.text = (parent.text or "") + text + tail
    else:
        prev = parent[idx - 1]
        prev.tail = (prev.tail or "") + text + tail
    parent.remove(el)


def _wrap(u: Unit, mentions: list[Mention], ids: dict[str, str]) -> None:
    by_block: dict[int, list[Mention]] = {}
    for m in mentions:
        by_block.setdefault(m.block, []).append(m)
    for bi, ms in by_block.items():
        _block, _text, segs = u.blocks[bi]
        # longest first, no overlaps; spans of more than five words come from proximity
        # patterns ("in public places ... biometric") and are evidence, not a term to mark
        chosen: list[Mention] = []
        for m in sorted(ms, key=lambda m: (-(m.end - m.start), m.start)):
            if len(m.text.split()) > 5:
                continue
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        for m in sorted(chosen, key=lambda m: -m.start):
            for s0, s1, node, kind in segs:
                if s0 <= m.start and m.end <= s1:
                    holder = node if kind == "text" else node.getparent()
                    if holder is None or local(holder) not in INLINE_OK:
                        break
                    _split(node, kind, m.start - s0, m.end - s0, ids[m.concept])
                    break


def _split(node, kind, a, b, eid):
    s = node.text if kind == "text" else node.tail
    before, word, after = s[:a], s[a:b], s[b:]
    c = etree.Element(_A + "concept", refersTo="#" + eid)
    c.text, c.tail = word, after
    if kind == "text":
        node.text = before
        node.insert(0, c)
    else:
        node.tail = before
        parent = node.getparent()
        parent.insert(parent.index(node) + 1, c)


@lru_cache(maxsize=1)
def concept_labels() -> dict[tuple[str, str], str]:
    """(concept id, language) -> preferred label, read from concepts.ttl."""
    import rdflib
    from rdflib.namespace import SKOS
    g = rdflib.Graph().parse(data=files("akn.ontology").joinpath("concepts.ttl").read_text("utf-8"),
                             format="turtle")
    out = {}
    for s, o in g.subject_objects(SKOS.prefLabel):
        if str(s).startswith(CONCEPT_NS):
            out[(str(s)[len(CONCEPT_NS):], o.language)] = str(o)  # type: ignore[attr-defined]
    return out
