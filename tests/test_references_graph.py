"""eli:cites and defined terms in the RDF graph, with the URI scheme of akn.rdf."""
from __future__ import annotations

import pytest

import akn


@pytest.fixture(scope="module")
def gdpr(corpus):
    return akn.parse_file(corpus / "eu_gdpr_2016_679_oj_en.txt")


def test_add_citations(gdpr):
    from rdflib import Graph, URIRef

    from akn import rdf
    from akn.graph_citations import add_citations

    g = Graph()
    expr = rdf.identity(gdpr.root)["expression"].rstrip("/")
    added = add_citations(g, gdpr.root, expr)
    assert added > 600

    def unit(eid):
        return URIRef(f"{expr}/~{eid}")

    cites = rdf.ELI.cites
    # Article 8(1): "point (a) of Article 6(1)"
    assert (unit("chp_II__art_8__para_1"), cites, unit("chp_II__art_6__para_1__point_a")) in g
    # Article 12(2): "Articles 15 to 22": a range cites every article in it
    for n, sec in ((15, 2), (16, 3), (21, 4), (22, 4)):
        assert (unit("chp_III__sec_1__art_12__para_2"), cites, unit(f"chp_III__sec_{sec}__art_{n}")) in g
    # another work: Directive 95/46/EC, under the same base as akn.rdf uses
    assert (unit("chp_XI__art_94__para_1"), cites, URIRef(rdf.resolve("/akn/eu/act/directive/1995/46"))) in g


def test_add_definitions(gdpr):
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    from akn import rdf
    from akn.graph_citations import add_definitions

    g = Graph()
    expr = rdf.identity(gdpr.root)["expression"].rstrip("/")
    assert add_definitions(g, gdpr.root, expr, "eng") == len(list(gdpr.root.iter("{*}TLCTerm")))
    concept = URIRef(f"{expr}/~term_chp_I__art_4__point_14")
    assert (concept, SKOS.prefLabel, Literal("biometric data", lang="en")) in g
    assert (concept, RDFS.isDefinedBy, URIRef(f"{expr}/~chp_I__art_4__point_14")) in g
    definition = str(g.value(concept, SKOS.definition))
    assert definition.startswith("‘biometric data’ means personal data resulting from specific technical processing")
