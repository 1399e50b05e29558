"""RDF graph of an Akoma Ntoso document, aligned with ELI and SKOS.

``graph(doc)`` turns any valid AKN 3.0 document (ours or foreign) into an
:class:`rdflib.Graph` whose identifier is the expression's URI (the named graph
a store keeps it in)::

    <work>        a eli:LegalResource ; eli:is_realized_by <expression> ;
                  eli:type_document, eli:date_document, eli:number, eli:id_local (FRBR work URI)
    <expression>  a eli:LegalExpression ; eli:realizes <work> ; eli:language, eli:title,
                  eli:version_date, eli:date_publication, eli:has_part <top units>
    <expression>/~<eId>
                  a eli:LegalResourceSubdivision (and akv:Provision for articles, or sections
                  where an act has no articles) ; eli:type_subdivision ; eli:id_local "<eId>" ;
                  eli:number ; eli:title (heading) ; akv:text (own text) ; akv:position ;
                  eli:is_part_of / eli:has_part ; eli:language ; eli:cites ;
                  eli:is_about <concept> ; akv:mention <expression>/~<eId>#<concept>
    <...#concept> a akv:ConceptMention ; akv:concept <concept> ; akv:evidence "words"@lang

URIs derive from the FRBR URIs: ``/akn/...`` URIs are put under *base*
(``https://example.org/akn/eu/act/...``); absolute ``http(s)`` FRBR URIs are
the publisher's identifiers and are kept as they are.

>>> g = graph(EXAMPLE, base="https://example.gov/")
>>> str(g.identifier)
'https://example.gov/akn/kz/act/2020/1/rus@2020-01-01'
>>> art = URIRef("https://example.gov/akn/kz/act/2020/1/rus@2020-01-01/~art_7")
>>> sorted(str(o).rsplit("/", 1)[-1] for o in g.objects(art, ELI.is_about))
['biometric_data', 'facial_recognition_public_spaces', 'personal_data']
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from rdflib import Namespace, URIRef

from akn import concepts as C
from akn import languages
from akn.errors import NotAknError
from akn.uris import DEFAULT_BASE, resolve, subdivision
from akn.vocab import AKV_NS, ELI_NS, RESOURCE_TYPE_NS, SUBDIVISION_TYPE_NS, UNKNOWN_DATE, UNKNOWN_NUMBER

LANGUAGE_NS = "http://publications.europa.eu/resource/authority/language/"
_A = C._A

EXAMPLE = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="law">
<meta><identification source="#x">
<FRBRWork><FRBRthis value="/akn/kz/act/2020/1/!main"/><FRBRuri value="/akn/kz/act/2020/1"/>
<FRBRdate date="2020-01-01" name="enactment"/><FRBRauthor href="#x"/><FRBRcountry value="kz"/></FRBRWork>
<FRBRExpression><FRBRthis value="/akn/kz/act/2020/1/rus@2020-01-01/!main"/>
<FRBRuri value="/akn/kz/act/2020/1/rus@2020-01-01"/><FRBRdate date="2020-01-01" name="x"/>
<FRBRauthor href="#x"/><FRBRlanguage language="rus"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="/akn/kz/act/2020/1/rus@2020-01-01/!main.xml"/>
<FRBRuri value="/akn/kz/act/2020/1/rus@2020-01-01.akn"/><FRBRdate date="2020-01-01" name="x"/>
<FRBRauthor href="#x"/></FRBRManifestation></identification></meta><body>
<article eId="art_7"><num>Статья 7.</num><heading>Сбор персональных данных</heading>
<paragraph eId="art_7__para_12"><num>12.</num><content><p>Использование в общественных местах
технических средств сбора биометрических данных допускается в случаях, предусмотренных законом.</p>
</content></paragraph></article></body></act></akomaNtoso>"""


ELI = Namespace(ELI_NS)
AKV = Namespace(AKV_NS)


def read(source):
    """An lxml root element from a Document, element, tree, bytes, XML string or path.

    Files and bytes are read with :func:`akn.xmlio.read_xml` (no entities, no DTD, no network).
    """
    if hasattr(source, "root") and not isinstance(source, (str, bytes, Path)):
        return source.root
    from akn.xmlio import read_xml
    return read_xml(source)


def _val(root, path, attr="value"):
    el = root.find(path)
    v = el.get(attr) if el is not None else None
    return v.strip() if v else None


def _date(v):
    return v if v and re.match(r"^\d{4}-\d{2}-\d{2}$", v) else None


def identity(root, base: str = DEFAULT_BASE) -> dict:
    """Work and expression URIs, language and metadata of a document."""
    ns = etree.QName(root).namespace if isinstance(root.tag, str) else None
    if ns != C.AKN_NS:
        raise NotAknError(f"not an Akoma Ntoso 3.0 document: root element {etree.QName(root).localname!r} "
                         f"in namespace {ns or '(none)'}; expected {C.AKN_NS}")
    meta = C.doc_element(root).find(_A + "meta")
    if meta is None:
        raise NotAknError("not an Akoma Ntoso document: no <meta>")
    w = f"{_A}identification/{_A}FRBRWork/"
    e = f"{_A}identification/{_A}FRBRExpression/"
    work_uri = _val(meta, w + _A + "FRBRuri") or (_val(meta, w + _A + "FRBRthis") or "").replace("/!main", "")
    expr_uri = _val(meta, e + _A + "FRBRuri") or (_val(meta, e + _A + "FRBRthis") or "").replace("/!main", "")
    lang = _val(meta, e + _A + "FRBRlanguage", "language") or ""
    if not work_uri:
        raise NotAknError("not an Akoma Ntoso document: it has no FRBRWork/FRBRuri")
    work = resolve(work_uri, base)
    expr = resolve(expr_uri, base) if expr_uri else None
    if not expr or expr.rstrip("/") == work.rstrip("/"):
        expr = work.rstrip("/") + "/" + (lang or "und")
    return {"work": work, "expression": expr, "lang": lang, "work_frbr": work_uri, "expr_frbr": expr_uri,
            "date": _known_date(meta, w),
            "version_date": _known_date(meta, e),
            "published": _date(_val(meta, f"{_A}publication", "date")),
            "number": _known_number(_val(meta, w + _A + "FRBRnumber")),
            "country": _val(meta, w + _A + "FRBRcountry"),
            "type": C.local(C.doc_element(root)),
            "title": _title(root, meta)}


def _known_date(meta, level: str):
    """The date of a FRBR level, None when the document does not know it (``@name="unknown"``, 0001-01-01)."""
    el = meta.find(level + _A + "FRBRdate")
    if el is None or el.get("name") == "unknown":
        return None
    value = _date((el.get("date") or "").strip())
    return None if value == UNKNOWN_DATE else value


def _known_number(value):
    return None if not value or value == UNKNOWN_NUMBER else value


def _title(root, meta):
    """The act's title as a reader sees it (as :func:`akn.render.model.document_title` picks it): the short
    title the act states, its docTitle, its long title, else the FRBR name."""
    doc = C.doc_element(root)
    for el in doc.iter(_A + "shortTitle"):
        if not any(etree.QName(a).localname == "meta" for a in el.iterancestors()):
            t = C._clean(C._text(el))
            if t:
                return t
    for path in (f".//{_A}preface//{_A}docTitle", f".//{_A}header//{_A}docTitle", f".//{_A}preface//{_A}longTitle"):
        el = doc.find(path)
        if el is not None:
            t = C._clean(C._text(el))
            if t:
                return t
    for path in (f"{_A}identification/{_A}FRBRWork/{_A}FRBRalias", f"{_A}identification/{_A}FRBRWork/{_A}FRBRname"):
        v = _val(meta, path)
        if v:
            return v
    pub = meta.find(_A + "publication")
    return pub.get("showAs") if pub is not None and pub.get("showAs") else None


def graph(source, base: str = DEFAULT_BASE, *, concepts: bool = True):
    """The ELI/SKOS graph of one AKN document (see the module doc for its shape).

    *source* is an :class:`akn.Document`, an lxml element or tree, XML bytes or
    text, or a path. The returned graph's ``identifier`` is the expression URI.
    """
    from rdflib import RDF, XSD, Graph, Literal
    from rdflib.namespace import SKOS

    root = read(source)
    ident = identity(root, base)
    W, E = URIRef(ident["work"]), URIRef(ident["expression"])
    lang3 = ident["lang"]
    tag = languages.tag(lang3) or None
    language = URIRef(LANGUAGE_NS + lang3.upper()) if re.match(r"^[a-z]{3}$", lang3 or "") else None
    g = Graph(identifier=E)
    g.bind("eli", ELI)
    g.bind("akv", AKV)
    g.bind("skos", SKOS)
    g.bind("akc", C.CONCEPT_NS)
    g.bind("subdiv", SUBDIVISION_TYPE_NS)
    add = g.add

    add((W, RDF.type, ELI.LegalResource))
    add((W, ELI.is_realized_by, E))
    add((W, ELI.type_document, URIRef(RESOURCE_TYPE_NS + ident["type"])))
    add((W, ELI.id_local, Literal(ident["work_frbr"])))
    if ident["date"]:
        add((W, ELI.date_document, Literal(ident["date"], datatype=XSD.date)))
    if ident["number"]:
        add((W, ELI.number, Literal(ident["number"])))
    if ident["country"]:
        add((W, AKV.country, Literal(ident["country"])))
    add((E, RDF.type, ELI.LegalExpression))
    add((E, ELI.realizes, W))
    if ident["expr_frbr"]:
        add((E, ELI.id_local, Literal(ident["expr_frbr"])))
    if language is not None:
        add((E, ELI.language, language))
    if ident["title"]:
        add((E, ELI.title, Literal(ident["title"], lang=tag)))
    if ident["version_date"]:
        add((E, ELI.version_date, Literal(ident["version_date"], datatype=XSD.date)))
    if ident["published"]:
        add((E, ELI.date_publication, Literal(ident["published"], datatype=XSD.date)))

    analysis = C.analyse(root, lang3) if concepts else None
    unit_list = analysis.units if analysis else C.units(root)
    def uri(eid):
        return URIRef(subdivision(E, eid))

    for u in unit_list:
        U = uri(u.eid)
        add((U, RDF.type, ELI.LegalResourceSubdivision))
        if u.provision:
            add((U, RDF.type, AKV.Provision))
        add((U, ELI.type_subdivision, URIRef(SUBDIVISION_TYPE_NS + u.name)))
        add((U, ELI.id_local, Literal(u.eid)))
        add((U, AKV.position, Literal(u.position)))
        parent = uri(u.parent.eid) if u.parent is not None else E
        add((U, ELI.is_part_of, parent))
        add((parent, ELI.has_part, U))
        if language is not None:
            add((U, ELI.language, language))
        num = u.number
        if num:
            add((U, ELI.number, Literal(num)))
        heading = u.heading
        if heading:
            add((U, ELI.title, Literal(heading, lang=tag)))
        text = C._clean(u.text)
        if text:
            add((U, AKV.text, Literal(text, lang=tag)))
        for href in _cites(u):
            target = uri(href[1:]) if href.startswith("#") else URIRef(resolve(href, base))
            add((U, ELI.cites, target))
        if analysis is None:
            continue
        for c in sorted(analysis.about[u.eid]):
            add((U, ELI.is_about, URIRef(C.CONCEPT_NS + c)))
        words: dict[str, set[str]] = {}
        for m in analysis.mentions[u.eid]:
            words.setdefault(m.concept, set()).add(C._clean(m.text))
        for c, ws in sorted(words.items()):
            M = URIRef(f"{U}#{c}")
            add((U, AKV.mention, M))
            add((M, RDF.type, AKV.ConceptMention))
            add((M, AKV.concept, URIRef(C.CONCEPT_NS + c)))
            for w in sorted(ws):
                add((M, AKV.evidence, Literal(w, lang=tag)))
    # citations (ranges expanded to every unit they cover) and the defined terms with their definitions
    from akn.graph_citations import add_citations, add_definitions

    add_citations(g, root, E, base)
    add_definitions(g, root, E, lang3)
    return g


def _cites(u):
    seen = []
    for block, _t, _s in u.blocks:
        for el in block.iter(_A + "ref", _A + "rref"):
            for attr in ("href", "from", "upTo"):
                h = (el.get(attr) or "").strip()
                if h and h not in seen:
                    seen.append(h)
    return seen


FORMATS = {"ttl": "turtle", "turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "json-ld": "json-ld",
           "xml": "xml", "rdfxml": "xml", "nq": "nquads", "trig": "trig"}


def serialize(g, fmt: str = "ttl") -> bytes:
    """Serialise a graph in one of :data:`FORMATS` (bytes, UTF-8).

    Turtle and TriG are written by :mod:`akn.turtle` (time linear in the graph,
    the same bytes on every run); the other syntaxes by rdflib.
    """
    from akn import turtle
    if FORMATS[fmt] == "turtle":
        return turtle.turtle(g)
    if FORMATS[fmt] == "trig":
        return turtle.trig([g], g.namespaces())
    out = g.serialize(format=FORMATS[fmt], encoding="utf-8")
    return out if isinstance(out, bytes) else out.encode("utf-8")
