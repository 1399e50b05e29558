"""The shipped ontology: concept scheme, vocabulary, shapes, canned queries."""
from __future__ import annotations

import csv
from importlib.resources import files

import pytest
import rdflib
from conftest import SHARED
from rdflib.namespace import RDF, SKOS

ONTO = files("akn.ontology")
AKC = rdflib.Namespace("https://w3id.org/akn-toolkit/concepts/")


@pytest.fixture(scope="module")
def scheme():
    return rdflib.Graph().parse(data=ONTO.joinpath("concepts.ttl").read_text("utf-8"), format="turtle")


def test_scheme_has_at_least_50_concepts_labelled_in_three_languages(scheme):
    concepts = set(scheme.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 50
    for c in concepts:
        langs = {o.language for o in scheme.objects(c, SKOS.prefLabel)}
        assert langs == {"en", "ru", "kk"}, c
        assert any(scheme.objects(c, SKOS.definition)), c


def test_hierarchy_is_symmetric_and_acyclic(scheme):
    for a, b in scheme.subject_objects(SKOS.broader):
        assert (b, SKOS.narrower, a) in scheme
    for c in scheme.subjects(RDF.type, SKOS.Concept):
        seen, todo = set(), [c]
        while todo:
            for b in scheme.objects(todo.pop(), SKOS.broader):
                assert b != c, f"cycle through {c}"
                if b not in seen:
                    seen.add(b)
                    todo.append(b)


def test_required_concepts_exist(scheme):
    for name in ["biometric_data", "biometric_identification", "remote_biometric_identification", "facial_recognition",
                 "emotion_recognition", "informed_consent", "behavioural_manipulation", "exploitation_of_vulnerabilities",
                 "prohibited_ai_practice", "high_risk_ai_system", "regulatory_sandbox", "personal_data", "profiling",
                 "automated_decision_making", "transparency", "deepfake", "synthetic_content"]:
        assert (AKC[name], RDF.type, SKOS.Concept) in scheme, name


def test_consent_is_not_mapped_to_the_legislative_consent_procedure(scheme):
    assert not [o for o in scheme.objects(AKC.consent) if "eurovoc" in str(o)]
    assert not list(scheme.subjects(None, rdflib.URIRef("http://eurovoc.europa.eu/445178")))


def test_guessed_kazakh_labels_carry_an_editorial_note(scheme):
    path = SHARED / "reference" / "concepts.tsv"
    if not path.exists():
        pytest.skip("reference concepts.tsv is absent")
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    for r in rows:
        notes = [str(o) for o in scheme.objects(AKC[r["id"]], SKOS.editorialNote)]
        if r["kk_status"].strip() != "law":
            assert notes and "Kazakh label status" in notes[0], r["id"]
        labels = {o.language: str(o) for o in scheme.objects(AKC[r["id"]], SKOS.prefLabel)}
        assert labels.get("en") == r["pref_en"] and labels.get("ru") == r["pref_ru"], r["id"]


def test_eurovoc_mappings_are_skos_mapping_properties(scheme):
    props = {p for s, p, o in scheme if str(o).startswith("http://eurovoc.europa.eu/")}
    assert props <= {SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch}
    assert (AKC.biometric_data, SKOS.closeMatch, rdflib.URIRef("http://eurovoc.europa.eu/7410")) in scheme


def test_vocabulary_and_shapes_parse():
    for name in ("akn-vocab.ttl", "shapes.ttl"):
        g = rdflib.Graph().parse(data=ONTO.joinpath(name).read_text("utf-8"), format="turtle")
        assert len(g) > 20, name


def test_the_scheme_conforms_to_its_shape(scheme):
    import pyshacl
    shapes = rdflib.Graph().parse(data=ONTO.joinpath("shapes.ttl").read_text("utf-8"), format="turtle")
    ok, _, text = pyshacl.validate(scheme, shacl_graph=shapes)
    assert ok, text


def test_canned_queries_parse_and_are_described():
    import pyoxigraph as ox

    from akn import sparql
    queries = sparql.canned()
    assert {"biometric-data", "consent", "face-recognition-public", "count-per-concept", "acts"} <= set(queries)
    for name, text in queries.items():
        assert sparql.describe(text), name
        sparql.check(text)
        ox.Store().query(text)  # parses (and runs on an empty store)
