"""akn.graph: ELI graphs of any AKN 3.0 document, SHACL conformance, the graph command."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import pytest
import rdflib
from conftest import REPO, need
from lxml import etree
from rdflib import RDF, URIRef

from akn import concepts as C
from akn import rdf

ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
AKV = rdflib.Namespace("https://w3id.org/akn-toolkit/vocab#")
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
CORPUS_XML = ["us_act_2011-11-29_public_law_112-61.akn.xml", "it_decreto-legge_2025-03-28_36_cittadinanza.akn.xml",
              "gb_ukpga_2014_27_data_retention_investigatory_powers_act.akn.xml",
              "gb-sct_ssi_2017_126_commencement_order.akn.xml", "za_judgment_2008-11-26_fourway_haulage.akn.xml"]


@pytest.fixture(scope="module")
def shapes_and_scheme():
    o = files("akn.ontology")
    shapes = rdflib.Graph().parse(data=o.joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    scheme = rdflib.Graph().parse(data=o.joinpath("concepts.ttl").read_text("utf-8"), format="turtle")
    return shapes, scheme


def conforms(g, shapes_and_scheme):
    import pyshacl
    shapes, scheme = shapes_and_scheme
    data = rdflib.Graph()
    data += g
    data += scheme
    ok, _, text = pyshacl.validate(data, shacl_graph=shapes)
    return ok, text


@pytest.mark.parametrize("name", CORPUS_XML)
def test_foreign_documents_give_conforming_graphs_with_every_unit(name, corpus, shapes_and_scheme):
    path = need(corpus / name)
    g = rdf.graph(path)
    ok, text = conforms(g, shapes_and_scheme)
    assert ok, text
    root = etree.parse(str(path)).getroot()
    eids = {u.eid for u in C.units(root)}
    in_graph = {str(o) for s in g.subjects(RDF.type, ELI.LegalResourceSubdivision) for o in g.objects(s, ELI.id_local)}
    assert eids and in_graph == eids
    # every subdivision hangs, through is_part_of, from the expression
    E = g.identifier
    for s in g.subjects(RDF.type, ELI.LegalResourceSubdivision):
        node, hops = s, 0
        while node != E:
            node = g.value(node, ELI.is_part_of)
            hops += 1
            assert node is not None and hops < 20, s
    assert (None, ELI.is_realized_by, E) in g


def test_uris_derive_from_frbr_uris_under_the_base(corpus):
    g = rdf.graph(need(corpus / CORPUS_XML[0]), base="https://example.gov/")
    E = URIRef("https://example.gov/akn/us/act/2011-11-29/112-61/eng@")
    assert g.identifier == E
    assert (URIRef("https://example.gov/akn/us/act/2011-11-29/112-61"), ELI.is_realized_by, E) in g
    sec = URIRef(str(E) + "/~sec_1")
    assert g.value(sec, ELI.number) == rdflib.Literal("SECTION 1.")
    assert g.value(sec, AKV.position) == rdflib.Literal(1)
    assert g.value(sec, ELI.is_part_of) == E
    assert "America's Cup Act of 2011" in str(g.value(sec, AKV.text))
    assert g.value(E, ELI.language) == URIRef("http://publications.europa.eu/resource/authority/language/ENG")


def test_absolute_frbr_uris_are_kept_and_work_differs_from_expression(corpus):
    g = rdf.graph(need(corpus / CORPUS_XML[2]))
    works = set(g.subjects(RDF.type, ELI.LegalResource))
    assert works == {URIRef("http://www.legislation.gov.uk/id/ukpga/2014/27/enacted")}
    assert g.identifier != next(iter(works))


def test_concept_links_carry_evidence():
    g = rdf.graph(rdf.EXAMPLE)
    para = URIRef(str(g.identifier) + "/~art_7__para_12")
    art = URIRef(str(g.identifier) + "/~art_7")
    bio = URIRef("https://w3id.org/akn-toolkit/concepts/biometric_data")
    assert (para, ELI.is_about, bio) in g and (art, ELI.is_about, bio) in g
    assert (art, RDF.type, AKV.Provision) in g
    m = URIRef(str(para) + "#biometric_data")
    assert (para, AKV.mention, m) in g
    assert str(g.value(m, AKV.evidence)) == "биометрических данных"
    assert g.value(m, AKV.evidence).language == "ru"


def test_graph_cli_writes_every_format(tmp_path, corpus):
    src = need(corpus / CORPUS_XML[0])
    for fmt, check in [("ttl", lambda b: rdflib.Graph().parse(data=b, format="turtle")),
                       ("nt", lambda b: rdflib.Graph().parse(data=b, format="nt")),
                       ("jsonld", lambda b: json.loads(b)),
                       ("xml", lambda b: rdflib.Graph().parse(data=b, format="xml"))]:
        out = tmp_path / f"g.{fmt}"
        r = subprocess.run([sys.executable, "-m", "akn", "graph", str(src), "-f", fmt, "-o", str(out),
                            "--base", "https://example.gov/"], capture_output=True, text=True, cwd=REPO, check=False)
        assert r.returncode == 0, r.stderr
        parsed = check(out.read_bytes())
        assert parsed
        assert "https://example.gov/akn/us/act" in out.read_text("utf-8")


def test_graph_cli_reports_bad_xml_in_one_line(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<akomaNtoso><act>")
    r = subprocess.run([sys.executable, "-m", "akn", "graph", str(bad)], capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "error" in r.stderr
    assert r.stderr.startswith(f"{bad}:1:"), r.stderr          # file:line:col: error: ...


def _parse(path):
    import akn
    return akn.parse_file(path)


@pytest.mark.parametrize("name", ["eu_gdpr_2016_679_oj_en.txt", "kz_digital_assets_law_2023_193-VII_ru.txt",
                                  "kz_digital_assets_law_2023_193-VII_kk.txt", "kz_aquaculture_law_2025_ru.md",
                                  "kz_aquaculture_law_2025_kk.md", "ru_air_code_1997_60-FZ_ru.txt",
                                  "in_protection_of_women_from_domestic_violence_act_2005_en.md"])
def test_parsed_acts_give_conforming_graphs(name, corpus, shapes_and_scheme):
    doc = _parse(need(corpus / name))
    g = rdf.graph(doc)
    ok, text = conforms(g, shapes_and_scheme)
    assert ok, text[:3000]
    assert len({u.eid for u in C.units(doc.root)}) == len(set(g.subjects(RDF.type, ELI.LegalResourceSubdivision)))


def test_akn_2_0_is_refused_with_a_clear_message(corpus):
    path = need(corpus / "in_aadhaar_act_2016_akn20.xml")
    r = subprocess.run([sys.executable, "-m", "akn", "graph", str(path)], capture_output=True, text=True, cwd=REPO, check=False)
    assert r.returncode == 1
    assert "not an Akoma Ntoso 3.0 document" in r.stderr and "http://www.akomantoso.org/2.0" in r.stderr
    assert "Traceback" not in r.stderr
