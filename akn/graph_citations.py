"""The graph's side of references and terms: ``eli:cites`` triples and SKOS concepts.

:func:`akn.rdf.graph` calls these on a parsed document: every ``<ref>`` /
``<rref>`` becomes ``<unit> eli:cites <target>`` and every ``TLCTerm`` a
``skos:Concept``. They read the marked-up tree only; the passes that mark it
(:mod:`akn.references`, :mod:`akn.definitions`) know nothing of RDF.
"""
from __future__ import annotations

import re

from lxml import etree
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from akn import languages
from akn.references.blocks import _blocks
from akn.references.model import NS, UNITS
from akn.uris import DEFAULT_BASE, resolve, subdivision
from akn.vocab import ELI_NS

ELI = Namespace(ELI_NS)


def add_citations(graph, root: etree._Element, expression: str, base: str = DEFAULT_BASE) -> int:
    """Add ``eli:cites`` triples for the references of *root* to an RDF *graph*; returns how many.

    Each ``<ref>``/``<rref>`` gives ``<subdivision> eli:cites <target>``: the
    subdivision is the innermost unit holding the reference, the target a
    unit of the same expression (``#eId``; a range cites every unit from
    ``from`` to ``upTo``) or another work (a FRBR URI, resolved under *base*
    like :func:`akn.uris.resolve`). *expression* is the IRI of the document's
    expression (as :func:`akn.rdf.identity` gives it); units are
    :func:`akn.uris.subdivision` of it, ``<expression>/~<eId>``.
    """
    def uri(eid):
        return URIRef(subdivision(expression, eid))

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
                obj = uri(href[1:]) if href.startswith("#") else URIRef(resolve(href, base))
                graph.add((subject, ELI.cites, obj))
                added += 1
    return added


def add_definitions(graph, root: etree._Element, expression: str, language: str | None = None) -> int:
    """Add the defined terms to an RDF *graph* (SKOS); returns how many terms.

    Each ``TLCTerm`` becomes ``<expression>/~term_...`` a ``skos:Concept``
    with ``skos:prefLabel`` (the term), ``skos:definition`` (the text of the
    defining unit) and ``rdfs:isDefinedBy`` the defining unit. *expression* is
    the IRI of the document's expression and *language* its code (``eng``: the
    literals' language tag); units are :func:`akn.uris.subdivision` of it.
    """
    lang = languages.tag(language) or None
    units = {el.get("eId"): el for el in root.iter() if isinstance(el.tag, str) and el.get("eId")}
    count = 0
    for tlc in root.iter(NS + "TLCTerm"):
        eid = tlc.get("eId")
        concept = URIRef(subdivision(expression, eid))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(tlc.get("showAs"), lang=lang)))
        unit_id = eid[len("term_"):].rsplit("_", 1)[0] if eid[len("term_"):] not in units else eid[len("term_"):]
        unit = units.get(unit_id)
        if unit is not None:
            text = " ".join("".join(p.itertext()) for p in unit.iter(NS + "p"))
            graph.add((concept, SKOS.definition, Literal(re.sub(r"\s+", " ", text).strip(), lang=lang)))
            graph.add((concept, RDFS.isDefinedBy, URIRef(subdivision(expression, unit_id))))
        count += 1
    return count
