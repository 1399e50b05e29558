"""What the templates need to know about a document, read from its AKN XML.

Templates receive lxml elements and walk them; this module computes the
facts that need a look at the whole tree first: the FRBR metadata, the
table of contents, the anchor id of every unit, and the concepts the text
refers to. It builds no markup.

>>> from lxml import etree
>>> root = etree.fromstring(
...     '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>'
...     '<meta><identification source="#x"><FRBRExpression><FRBRlanguage language="kaz"/>'
...     '</FRBRExpression></identification></meta><body><article eId="art_1"><num>1-бап.</num>'
...     '<heading>Мақсаты</heading></article></body></act></akomaNtoso>')
>>> info = describe(root)
>>> info.meta.lang, [(e.anchor, e.label) for e in info.toc]
('kk', [('art_1', '1-бап. Мақсаты')])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from akn.akn_meta import read_identity
from akn.render.families import CONTAINERS, MAJOR_UNITS, UNITS
from akn import languages
from akn.vocab import AKN_NAMESPACES, UNKNOWN_DATE, UNKNOWN_NUMBER


DOCUMENT_TYPES = frozenset("""amendmentList officialGazette documentCollection act bill
    debateReport debate statement amendment judgment portion doc""".split())

_SPACE = re.compile(r"\s+")


def bcp47(code: str | None) -> str:
    """The BCP 47 tag for an AKN language code (ISO 639-2/T or 639-1).

    >>> bcp47("eng"), bcp47("kaz"), bcp47("rus"), bcp47("en"), bcp47("xyz"), bcp47("")
    ('en', 'kk', 'ru', 'en', 'xyz', '')
    """
    return languages.tag(code)


_LOCAL: dict[str, str] = {}


def local(el) -> str:
    """The local name of an element ('' for comments and processing instructions)."""
    tag = el.tag
    name = _LOCAL.get(tag) if tag.__class__ is str else ""
    if name is None:
        name = _LOCAL[tag] = tag.rpartition("}")[2]
    return name


def is_akn(el) -> bool:
    tag = el.tag
    return isinstance(tag, str) and tag[1:].partition("}")[0] in AKN_NAMESPACES


def squash(text: str | None) -> str:
    """Collapse runs of white space to one space and strip the ends."""
    return _SPACE.sub(" ", text or "").strip()


def plain_text(el, *, skip=("authorialNote", "noteRef")) -> str:
    """The text of *el* with white space collapsed, leaving out footnotes."""
    parts: list[str] = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if local(child) not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return squash("".join(parts))


def child(el, name: str):
    for c in el:
        if local(c) == name:
            return c
    return None


def find(el, *path: str):
    """Follow child names from *el*; None as soon as one is missing."""
    for name in path:
        if el is None:
            return None
        el = child(el, name)
    return el


@dataclass
class Meta:
    """FRBR metadata of one document (the main one or an attachment)."""

    doctype: str = ""           # local name of the document element: act, bill, judgment …
    name: str = ""              # its @name (publicLaw, regulation …)
    work: str = ""
    expression: str = ""
    manifestation: str = ""
    country: str = ""
    number: str = ""
    subtype: str = ""
    frbr_name: str = ""
    date: str = ""
    date_name: str = ""
    expression_date: str = ""
    language: str = ""          # as written in FRBRlanguage (eng, rus, kaz)
    lang: str = ""              # BCP 47 (en, ru, kk)
    authors: list[str] = field(default_factory=list)
    title: str = ""

    def items(self) -> list[tuple[str, str]]:
        """(label, value) pairs worth showing to a reader, in a stable order."""
        pairs = [("Type", " ".join(x for x in (self.doctype, f"({self.name})" if self.name else "") if x)),
                 ("Country", self.country), ("Number", self.number), ("Date", self.date),
                 ("Language", self.language), ("Work", self.shown_uri(self.work)),
                 ("Expression", self.shown_uri(self.expression))]
        return [(k, v) for k, v in pairs if v]

    def shown_uri(self, uri: str) -> str:
        """*uri* for a reader, or "" when it holds a value the document does not know (its date, number).

        >>> Meta(date="").shown_uri("/akn/kz/act/0001-01-01/nn"), Meta(date="2020-01-01").shown_uri("/akn/kz/act/2020-01-01/5")
        ('', '/akn/kz/act/2020-01-01/5')
        """
        parts = uri.replace("@", "/").split("/")
        if UNKNOWN_DATE in parts or UNKNOWN_NUMBER in parts or any(p.startswith(UNKNOWN_DATE) for p in parts):
            return ""
        return uri


def read_meta(doc) -> Meta:
    """The metadata of a document element (``<act>``, ``<judgment>`` …)."""
    ident = read_identity(doc)
    meta = Meta(doctype=local(doc), name=doc.get("name", ""), work=ident.work, expression=ident.expression,
                manifestation=ident.manifestation, country=ident.country, number=ident.number,
                subtype=ident.subtype, frbr_name=ident.name, date=ident.date, date_name=ident.date_name,
                expression_date=ident.expression_date, language=ident.language, authors=ident.authors)
    meta.lang = bcp47(meta.language)
    # an unknown date or number is no fact to show: FRBRdate/@name "unknown" (the schema needs a date), the
    # placeholders of older documents
    if meta.date_name == "unknown" or meta.date.startswith(UNKNOWN_DATE):
        meta.date = ""
    if meta.expression_date.startswith(UNKNOWN_DATE):
        meta.expression_date = ""
    if meta.number == UNKNOWN_NUMBER:
        meta.number = ""
    meta.title = document_title(doc, meta)
    return meta


_TITLE_PATHS = (("preface", "longTitle"),)


def document_title(doc, meta: Meta) -> str:
    """The best human title: docTitle, shortTitle, longTitle, else FRBR facts."""
    for name in ("shortTitle", "docTitle"):
        for el in doc.iter("{*}" + name):
            if _inside_meta(el):
                continue
            text = plain_text(el)
            if text:
                return text
    for path in _TITLE_PATHS:
        el = find(doc, *path)
        if el is not None and plain_text(el):
            return plain_text(el)
    if meta.frbr_name:
        return meta.frbr_name
    # no title in the document: say so, with the facts it does state (never a placeholder of a date or number)
    facts = " ".join(w for w in (meta.number and f"No. {meta.number}", meta.date) if w)
    kind = meta.name or meta.doctype or "document"
    return f"{kind.capitalize()} {facts}" if facts else f"Untitled {kind}"


def _inside_meta(el) -> bool:
    for anc in el.iterancestors():
        if local(anc) == "meta":
            return True
        if local(anc) in DOCUMENT_TYPES:
            return False
    return False


def document_element(root):
    """The document inside ``<akomaNtoso>`` (or *root* itself if it is one)."""
    if local(root) in DOCUMENT_TYPES:
        return root
    for c in root:
        if local(c) in DOCUMENT_TYPES:
            return c
    return None


@dataclass
class TocEntry:
    anchor: str | None
    label: str
    name: str                   # element name: chapter, article, attachment …
    children: list[TocEntry] = field(default_factory=list)


@dataclass
class Concept:
    key: str                    # eId of the TLCConcept
    label: str                  # its showAs
    href: str                   # its ontology IRI
    anchor: str                 # id of its entry in the concept index


@dataclass
class Described:
    """Everything computed before rendering: metadata, anchors, TOC, concepts."""

    doc: object                 # the document element
    meta: Meta
    anchors: dict               # element -> page id
    toc: list[TocEntry]
    concepts: dict[str, Concept]
    targets: set = field(default_factory=set)   # every id an element has on the page

    def anchor(self, el):
        """The page id of *el*: its eId (or AKN 2.0 id, or wId), made unique; or None."""
        return self.anchors.get(el)


_WORDY_NUM = re.compile(r"\w\s+\S")


def title_sep(num_text: str) -> str:
    """What goes between a unit's number and its heading on one line.

    >>> title_sep("Article 1"), title_sep("Статья 5."), title_sep("1"), title_sep("(a)")
    (' — ', ' ', ' ', ' ')
    """
    num_text = (num_text or "").strip()
    if not num_text or num_text[-1] in ".:)]":
        return " "
    return " — " if _WORDY_NUM.search(num_text) else " "


def unit_label(el) -> str:
    """'Article 5 — Heading': the number and heading of a unit as one line."""
    num = child(el, "num")
    heading = child(el, "heading")
    num_text = plain_text(num) if num is not None else ""
    head_text = plain_text(heading) if heading is not None else ""
    if num_text and head_text:
        return num_text + title_sep(num_text) + head_text
    return num_text or head_text


#: units inside which no outline level starts (the table of contents stops there); a
#: heading of theirs ("(a) IN GENERAL.—") is a run-in heading, not an outline level
LEAF_UNITS = frozenset("""paragraph subparagraph subsection clause subclause alinea indent
    point item list sublist proviso""".split())


def is_major(el) -> bool:
    """Does this unit open an outline level (heading + TOC entry)?

    Big units (chapter, article, section …) do when they have a number or a
    heading; other units only with a heading, and never the small ones
    (paragraph, point …) whose heading runs into their text.
    """
    name = local(el)
    if name not in UNITS or name in LEAF_UNITS:
        return False
    ns = el.tag[:-len(name)]
    if el.find(ns + "heading") is not None:
        return True
    return name in MAJOR_UNITS and el.find(ns + "num") is not None

_NOT_META = "not(ancestor-or-self::*[local-name()='meta'])"
_WITH_ID = f"descendant-or-self::*[@eId or @id or @wId][{_NOT_META}]"
_WITH_EID = f"descendant-or-self::*[@eId][{_NOT_META}]"
_OTHER_IDS = f"boolean(descendant-or-self::*[not(@eId)][@id or @wId][{_NOT_META}])"
_OTHER_IDS_ANYWHERE = "boolean(.//@wId | .//@id)"


def describe(root) -> Described:
    """Read the metadata, assign anchors and build the table of contents."""
    doc = document_element(root)
    if doc is None:
        raise ValueError("no Akoma Ntoso document element (act, bill, judgment …) found")
    meta = read_meta(doc)
    anchors: dict = {}
    used: set[str] = set()
    counter = [0]

    def anchor_for(el) -> str | None:
        if el in anchors:
            return anchors[el]
        ident = el.get("eId") or el.get("id") or el.get("wId")
        if ident:
            ident = ident.strip()
        if ident and ident not in used:
            used.add(ident)
            anchors[el] = ident
            return ident
        if ident or local(el) in UNITS or local(el) in DOCUMENT_TYPES or local(el) in (
                "attachment", "component"):
            counter[0] += 1
            base = ident or local(el)
            candidate = f"{base}-{counter[0]}"
            while candidate in used:
                counter[0] += 1
                candidate = f"{base}-{counter[0]}"
            used.add(candidate)
            anchors[el] = candidate
            return candidate
        return None

    # ids first, in document order, so that the first holder of an eId keeps it;
    # in the usual case (unique eIds) every element simply keeps its eId
    holders, eids = [], []
    # other kinds of ids (AKN 2.0 @id, @wId) anywhere: checked in the same walk (one XPath
    # over the whole tree costs as much as the walk)
    other_ids = doc.get("id") is not None or doc.get("wId") is not None
    for top in doc:
        if local(top) == "meta":
            other_ids = other_ids or top.xpath(_OTHER_IDS_ANYWHERE)
            continue
        for el in top.iter():
            ident = el.get("eId")
            if ident is not None:
                holders.append(el)
                eids.append(ident.strip())
            if not other_ids and (el.get("wId") is not None or el.get("id") is not None):
                other_ids = True
    if len(set(eids)) == len(eids) and not other_ids:
        anchors.update(zip(holders, eids))
        used.update(eids)
    else:
        for el in root.xpath(_WITH_ID):
            anchor_for(el)

    toc: list[TocEntry] = []

    def walk(el, into: list[TocEntry], quoted: bool):
        for c in el:
            name = local(c)
            if not name or name == "meta":
                continue
            if name in ("quotedStructure", "embeddedStructure", "authorialNote", "note"):
                continue
            if name in DOCUMENT_TYPES and c is not doc:
                sub = read_meta(c)
                entry = TocEntry(anchor_for(c), sub.title, name)
                into.append(entry)
                walk(c, entry.children, quoted)
                continue
            if name in LEAF_UNITS:
                continue
            if name in UNITS and is_major(c):
                label = unit_label(c) or name
                entry = TocEntry(anchor_for(c), label, name)
                into.append(entry)
                walk(c, entry.children, quoted)
            elif name in UNITS or name in CONTAINERS or name in ("attachments", "attachment"):
                walk(c, into, quoted)

    walk(doc, toc, False)

    concepts: dict[str, Concept] = {}
    refs = find(doc, "meta", "references")
    if refs is not None:
        for tlc in refs:
            if local(tlc) == "TLCConcept" and tlc.get("eId"):
                key = tlc.get("eId")
                concepts[key] = Concept(key, tlc.get("showAs") or key, tlc.get("href", ""),
                                        "concept-" + key)
    return Described(doc, meta, anchors, toc, concepts, used)
