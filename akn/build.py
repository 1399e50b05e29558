"""Build Akoma Ntoso 3.0 XML from the node tree.

One top-down walk creates the lxml elements and their eIds; the metadata
block is written from :class:`akn.metadata.Metadata`. Editorial notes go to
``<meta><notes>`` and are pointed at from the unit they concern with a
``<noteRef>``, never into the law text.
"""
from __future__ import annotations

from lxml import etree

from akn.document import AKN_NS
from akn.eid import EidMaker
from akn.metadata import UNKNOWN_DATE, UNKNOWN_NUMBER, Metadata
from akn.nodes import Node
from akn.vocab import HIERARCHY

NS = "{%s}" % AKN_NS
NSMAP = {None: AKN_NS}

#: elements built with the AKN hierarchy content model (num, heading, intro, children, wrapUp | content)
#: the elements the builder writes as hierarchical units (a node of the tree named "list_item" is one too)
HIER = HIERARCHY | {"hcontainer", "list_item"}

SOURCE_ID = "source"
AUTHOR_ID = "author"
_SubElement = etree.SubElement
_TAGS: dict[str, str] = {}
_NUM, _HEADING, _CONTENT, _P = NS + "num", NS + "heading", NS + "content", NS + "p"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    qname = _TAGS.get(tag)
    if qname is None:
        qname = _TAGS[tag] = NS + tag
    if attrs:
        el = _SubElement(parent, qname, {k.rstrip("_"): v for k, v in attrs.items() if v})
    else:
        el = _SubElement(parent, qname)
    if text:
        el.text = text
    return el


def _shell(tag: str, num: bool, heading: bool, leaf: bool) -> etree._Element:
    """An empty unit: ``<tag>`` with ``<num>``, ``<heading>`` and ``<content><p/></content>`` as asked."""
    el = etree.Element(tag, nsmap=NSMAP)
    if num:
        _SubElement(el, _NUM)
    if heading:
        _SubElement(el, _HEADING)
    if leaf:
        _SubElement(_SubElement(el, _CONTENT), _P)
    return el


#: (tag, has num, has heading, one-line unit) -> an empty unit, copied for each unit of that shape:
#: one C-level copy makes its four or five elements faster than as many SubElement calls
_SHELLS: dict[tuple[str, bool, bool, bool], etree._Element] = {}


class Builder:
    """Builds one document. Use :func:`build`."""

    def __init__(self, meta: Metadata):
        self.meta = meta
        self.ids = EidMaker()
        self.notes: list[tuple[str, Node]] = []   # (eId of the note, node)
        self.lines: dict[str, int] = {}           # eId -> line of the source where the unit starts
        #: element holding text blocks (<content>, <intro> ...) -> eIds of the units around them, outermost
        #: first: what the reference pass would otherwise find by walking up from each block
        self.contexts: dict[etree._Element, tuple[str, ...]] = {}

    # -- document ------------------------------------------------------------------
    def document(self, root_node: Node) -> etree._Element:
        meta = self.meta
        doctype = meta.doctype if meta.doctype in ("act", "bill") else "act"
        akn = etree.Element(NS + "akomaNtoso", nsmap=NSMAP)
        doc = sub(akn, doctype, name=meta.subtype or doctype)
        if doctype == "act":
            doc.set("contains", "originalVersion")
        meta_el = sub(doc, "meta")
        parts = {n.kind: n for n in root_node.children}
        for kind in ("preface", "preamble", "body", "conclusions", "attachments"):
            node = parts.get(kind)
            if node is None:
                if kind == "body":
                    body = sub(doc, "body")
                    self._empty_body(body)
                continue
            getattr(self, kind)(doc, node)
        self._meta(meta_el, doc)
        body = doc.find(NS + "body")
        if body is not None:
            _mark_short_title(body, meta)
        return akn

    def _empty_body(self, body):
        hc = sub(body, "hcontainer", eId=self.ids.make("", "hcontainer", ""), name="empty")
        sub(sub(hc, "content"), "p")

    def preface(self, doc, node: Node):
        lines = [c for c in node.children if c.kind != "note"]
        for c in node.children:
            if c.kind == "note":
                self._note(c, None)
        if not lines:
            return
        preface = sub(doc, "preface")
        title_at = next((k for k, child in enumerate(lines)
                         if self.meta.title_line and child.text.strip() == self.meta.title_line), -1)
        for k, child in enumerate(lines):
            if k == title_at:
                p = sub(sub(preface, "longTitle"), "p")
                _doc_title(p, child.text, self.meta.title)
            else:
                sub(preface, "p", child.text)

    def preamble(self, doc, node: Node):
        preamble = sub(doc, "preamble")
        citations = None
        for child in node.children:
            kind = child.kind
            if kind == "note":
                self._note(child, None)
                continue
            if kind == "p" and child.style == "citation":
                if citations is None:
                    citations = sub(preamble, "citations")
                cit = sub(citations, "citation", eId=self.ids.make("", "citation", ""))
                sub(cit, "p", child.text)
                continue
            citations = None
            if kind == "recitals":
                self._recitals(preamble, child)
            elif kind == "formula":
                formula = sub(preamble, "formula", name="enactingFormula")
                sub(formula, "p", child.text)
            else:
                sub(preamble, "p", child.text)
        if len(preamble) == 0:
            doc.remove(preamble)

    def _recitals(self, preamble, node: Node):
        recitals = sub(preamble, "recitals", eId=self.ids.make("", "recitals", ""))
        if node.text:
            sub(sub(recitals, "intro"), "p", node.text)
        for rec in node.children:
            if rec.kind == "note":
                self._note(rec, None)
                continue
            eid = self.ids.make("", "recital", rec.clean)
            el = sub(recitals, "recital", eId=eid)
            self.lines[eid] = rec.line
            sub(el, "num", rec.num)
            texts = [rec.text] if rec.text else []
            for c in rec.children:
                if c.kind == "note":
                    self._note(c, el)
                else:
                    texts.append(c.text)
            for t in texts or [""]:
                sub(el, "p", t)
        if len(recitals) == 0 or (len(recitals) == 1 and recitals[0].tag == NS + "intro"):
            preamble.remove(recitals)
            if node.text:
                sub(preamble, "p", node.text)

    def body(self, doc, node: Node):
        body = sub(doc, "body")
        self._children(body, node, "", ())
        if len(body) == 0 or all(child.tag == NS + "wrapUp" for child in body):
            for child in list(body):
                body.remove(child)
            self._empty_body(body)

    def conclusions(self, doc, node: Node):
        concl = sub(doc, "conclusions")
        for child in node.children:
            if child.kind == "note":
                self._note(child, None)
            else:
                sub(concl, "p", child.text)

    def attachments(self, doc, node: Node):
        atts = sub(doc, "attachments")
        for k, att in enumerate(node.children, 1):
            eid = self.ids.make("", "attachment", "")
            el = sub(atts, "attachment", eId=eid)
            name = "schedule" if att.num.upper().startswith("SCHEDULE") else "annex"
            inner = sub(el, "doc", name=name)
            self._component_meta(sub(inner, "meta"), f"{name}_{k}")
            preface = sub(inner, "preface")
            title = sub(preface, "longTitle")
            p = sub(title, "p")
            number = att.num
            if att.heading and number.endswith(att.heading) and len(number) > len(att.heading):
                # the marker is the whole line ("SCHEDULE 1 Fees"): its heading is written once, below
                number = number[:-len(att.heading)].rstrip()
            sub(p, "docNumber", number)
            if att.heading:
                sub(preface, "p", att.heading)
            main = sub(inner, "mainBody")
            self.contexts[main] = (eid,)
            self._children(main, att, eid, (eid,), in_main_body=True)
            if len(main) == 0:
                sub(main, "p")

    # -- hierarchy -----------------------------------------------------------------
    def _children(self, parent_el, node: Node, parent_eid: str, ctx: tuple[str, ...],
                  in_main_body: bool = False):
        """Write the children of *node* into *parent_el* (a container without num/heading)."""
        self._attach_notes(node.children, None)
        self._sequence(parent_el, node.children, parent_eid, ctx, in_main_body)

    def _sequence(self, parent_el, kids: list[Node], parent_eid: str, ctx: tuple[str, ...], in_main_body: bool):
        """Write units in order; each run of loose text between them becomes one text block.

        *ctx*: the eIds of the numbered units holding *parent_el*, outermost first.
        """
        pending: list[Node] = []
        before: str | None = None   # eId of the numbered unit just written
        for child in kids:
            kind = child.kind
            if kind == "note":
                continue
            if kind == "p":
                pending.append(child)
                continue
            if pending:
                self._loose_text(parent_el, pending, parent_eid, ctx, before, in_main_body)
                pending = []
            before = self._unit(parent_el, child, parent_eid, ctx)
        if pending:
            self._loose_text(parent_el, pending, parent_eid, ctx, before, in_main_body)

    def _loose_text(self, parent_el, texts: list[Node], parent_eid: str, ctx: tuple[str, ...], before: str | None,
                    in_main_body: bool):
        if in_main_body:
            for t in texts:
                sub(parent_el, "p", t.text)
            return
        hc = sub(parent_el, "hcontainer", eId=self.ids.make(parent_eid, "hcontainer", ""), name="text")
        content = sub(hc, "content")
        # text after a list continues the unit before it ("... referred to in points (a) to (c)")
        self.contexts[content] = ctx + (before,) if before else ctx
        for t in texts:
            sub(content, "p", t.text)

    def _unit(self, parent_el, node: Node, parent_eid: str, ctx: tuple[str, ...]) -> str | None:
        """Write one unit and what it holds; returns its eId when it is a numbered unit (not an hcontainer)."""
        kind = node.kind if node.kind in HIER else "hcontainer"
        eid = self.ids.make(parent_eid, kind, node.clean)
        numbered = kind != "hcontainer"
        if numbered:
            ctx = ctx + (eid,)
        kids = node.children
        num, heading = node.num, node.heading
        shape = (_TAGS.get(kind) or NS + kind, bool(num), bool(heading), not kids)
        shell = _SHELLS.get(shape)
        if shell is None:
            shell = _SHELLS[shape] = _shell(*shape)
        el = shell.__copy__()
        el.set("eId", eid)
        if kind == "hcontainer":
            el.set("name", node.kind)
        if node.status:
            el.set("status", node.status)
        parent_el.append(el)
        self.lines[eid] = node.line
        if num:
            el[0].text = num
        if heading:
            el[1 if num else 0].text = heading
        if not kids:   # the common case: one line, no children
            content = el[-1]
            self.contexts[content] = ctx
            if node.text:
                content[0].text = node.text
            if node.notes:   # a banner announcing a change to this one-line unit
                self._note_refs(el, node)
            return eid if numbered else None
        first = last = -1
        has_notes = False
        for k, c in enumerate(kids):
            ck = c.kind
            if ck == "note":
                has_notes = True
            elif ck != "p":
                if first < 0:
                    first = k
                last = k
        if has_notes:
            self._attach_notes(kids, node)
        if first < 0:
            content = _SubElement(el, _CONTENT)
            self.contexts[content] = ctx
            texts = [node.text] if node.text else []
            texts.extend(c.text for c in kids if c.kind == "p")
            for t in texts or [""]:
                _SubElement(content, _P).text = t or None
        else:
            texts = [node.text] if node.text else []
            texts.extend(c.text for c in kids[:first] if c.kind == "p")
            if texts:
                intro = sub(el, "intro")
                self.contexts[intro] = ctx
                for t in texts:
                    sub(intro, "p", t)
            self._sequence(el, kids[first:last + 1], eid, ctx, False)
            after = [c.text for c in kids[last + 1:] if c.kind == "p"]
            if after:
                wrap = sub(el, "wrapUp")
                self.contexts[wrap] = ctx
                for t in after:
                    sub(wrap, "p", t)
        if node.notes:
            self._note_refs(el, node)
        return eid if numbered else None

    # -- notes -----------------------------------------------------------------------
    def _attach_notes(self, kids: list[Node], owner: Node | None):
        """Give each note among *kids* to the unit it concerns.

        A publisher's banner ("Примечание ИЗПИ!") announces a change to the
        unit that follows it (or, when nothing follows it, belongs to the unit
        it closes); a footnote ("Сноска.") records the history of the unit
        that holds it.
        """
        for k, child in enumerate(kids):
            if child.kind != "note":
                continue
            target = child.target or owner
            if child.style == "banner":
                for later in kids[k + 1:]:
                    if later.kind not in ("p", "note"):
                        target = later
                        break
                else:   # nothing follows it here: it closes its unit (class "banner trailing")
                    child.style = "banner trailing"
            if target is None:
                self._note(child, None)
            else:
                target.notes.append(child)

    def _note_refs(self, el, node: Node):
        if not node.notes:
            return
        anchor = el.find(NS + "num")
        if anchor is None:
            anchor = el.find(NS + "heading")
        for note in node.notes:
            note_id = self._note(note, None)
            if anchor is not None:
                sub(anchor, "noteRef", href="#" + note_id, marker="*", class_="editorial")

    def _note(self, node: Node, _el) -> str:
        eid = f"note_{len(self.notes) + 1}"
        self.notes.append((eid, node))
        return eid

    # -- metadata --------------------------------------------------------------------
    def _meta(self, meta_el, doc):
        meta = self.meta
        self._identification(meta_el, "main", details=True)
        if meta.publication:
            sub(meta_el, "publication", **meta.publication)
        refs = sub(meta_el, "references", source="#" + SOURCE_ID)
        sub(refs, "TLCOrganization", eId=SOURCE_ID, href="/ontology/organization/akn-toolkit",
            showAs="akn-toolkit")
        # the author the text names (its enacting words, its long title); else the country's legislature,
        # unnamed: no name the text does not give
        sub(refs, "TLCOrganization", eId=AUTHOR_ID,
            href=f"/ontology/organization/{meta.country}/{meta.author_id or 'legislature'}",
            showAs=meta.author_name or "Legislature")
        if self.notes:
            notes = sub(meta_el, "notes", source="#" + SOURCE_ID)
            for eid, node in self.notes:
                note = sub(notes, "note", eId=eid, class_=node.style or "editorial")
                sub(note, "p", node.text)

    def _component_meta(self, meta_el, component: str):
        self._identification(meta_el, component, details=False)

    def _identification(self, meta_el, component: str, details: bool):
        """FRBR work, expression and manifestation of the document (``main``) or of an attachment."""
        meta = self.meta
        uri = meta.uri()
        work = uri.work_uri()
        expr = uri.expression_uri()
        ident = sub(meta_el, "identification", source="#" + SOURCE_ID)
        w = self._frbr(ident, "FRBRWork", f"{work}/!{component}", work, AUTHOR_ID)
        sub(w, "FRBRcountry", value=meta.country)
        if details:
            if meta.subtype:
                sub(w, "FRBRsubtype", value=meta.subtype)
            if meta.number and meta.number != UNKNOWN_NUMBER:   # unknown: no FRBRnumber (it is optional)
                sub(w, "FRBRnumber", value=meta.number)
            if meta.title:
                sub(w, "FRBRname", value=meta.title[:500])
            sub(w, "FRBRprescriptive", value="true")
        e = self._frbr(ident, "FRBRExpression", f"{expr}/!{component}", expr, AUTHOR_ID)
        sub(e, "FRBRlanguage", language=meta.language)
        self._frbr(ident, "FRBRManifestation", f"{expr}/!{component}.xml", expr + ".akn", SOURCE_ID)

    def _frbr(self, ident, level: str, this: str, uri: str, author: str) -> etree._Element:
        """One FRBR level (work, expression, manifestation) with the four elements they all start with."""
        el = sub(ident, level)
        sub(el, "FRBRthis", value=this)
        sub(el, "FRBRuri", value=uri)
        # an unknown date keeps the schema's required @date, named "unknown" so that no reader takes it for one
        unknown = self.meta.date == UNKNOWN_DATE
        sub(el, "FRBRdate", date=self.meta.date, name="unknown" if unknown else "Generation")
        sub(el, "FRBRauthor", href="#" + author)
        return el


def _doc_title(p: etree._Element, text: str, title: str) -> None:
    """The text of a long title, its title (where it holds it) marked as ``<docTitle>``.

    >>> p = etree.Element("p")
    >>> _doc_title(p, "Воздушный кодекс Российской Федерации Принят ...", "Воздушный кодекс Российской Федерации")
    >>> etree.tostring(p, encoding="unicode")
    '<p><docTitle>Воздушный кодекс Российской Федерации</docTitle> Принят ...</p>'
    """
    at = text.find(title) if title else -1
    if at < 0:
        p.text = text
        return
    p.text = text[:at] or None
    ns = etree.QName(p).namespace
    el = etree.SubElement(p, f"{{{ns}}}docTitle" if ns else "docTitle")
    el.text = title
    el.tail = text[at + len(title):] or None


def _mark_short_title(doc: etree._Element, meta: Metadata) -> None:
    """Mark the short title where the act's clause states it: ``<shortTitle>`` around the words.

    The clause is the line ``meta.title_clause``; the block of the body that holds it (without its
    number) gets the mark-up, its text unchanged.
    """
    clause = meta.title_clause
    if not clause or not meta.title:
        return
    from akn.inline import wrap_spans

    for el in doc.iter(NS + "p"):
        text = "".join(el.itertext())
        if meta.title in text and text.strip() and (text.strip() in clause or clause.strip() in text):
            at = text.find(meta.title)
            if wrap_spans(el, [(at, at + len(meta.title), "shortTitle", {})], ns=NS):
                return


def build(root_node: Node, meta: Metadata) -> tuple[etree._Element, Builder]:
    """Build the ``<akomaNtoso>`` element; returns it and the builder (duplicated eIds, source lines)."""
    builder = Builder(meta)
    root = builder.document(root_node)
    return root, builder
