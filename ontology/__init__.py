"""Turtle ontology, detection lexicon and canned SPARQL queries (akn.ontology)."""
