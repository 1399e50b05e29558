"""The graph carries eli:cites between provisions and the terms an act defines."""
from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

import akn
from conftest import FIXTURES

ELI = "http://data.europa.eu/eli/ontology#"


def test_citations_and_definitions_reach_the_graph():
    doc = akn.parse_file(FIXTURES / "uk_act.txt")
    g = akn.graph(doc, base="https://example.gov/")
    expr = str(g.identifier)
    cites = {(str(s)[len(expr) + 2:], str(o)[len(expr) + 2:]) for s, o in g.subject_objects(URIRef(ELI + "cites"))}
    # "(2) Consent under subsection (1) must be given in writing ..."
    assert ("part_1__sec_1__subsec_2", "part_1__sec_1__subsec_1") in cites


def test_defined_terms_are_concepts_with_their_definition():
    doc = akn.parse_file(FIXTURES / "kz_law_ru.txt")
    g = akn.graph(doc)
    terms = {str(label): s for s, label in g.subject_objects(SKOS.prefLabel) if (s, RDFS.isDefinedBy, None) in g}
    assert "биометрические данные" in terms
    definition = str(g.value(terms["биометрические данные"], SKOS.definition))
    assert "физиологические и биологические особенности" in definition
