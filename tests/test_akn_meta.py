"""One reader of a document's FRBR identification agrees with what the graph reads from it."""
from __future__ import annotations

import re

import pytest
from conftest import CORPUS, FIXTURES, need
from lxml import etree

from akn import rdf
from akn.akn_meta import read_identity
from akn.concepts import doc_element

CORPUS_AKN = ["us_act_2011-11-29_public_law_112-61.akn.xml", "it_decreto-legge_2025-03-28_36_cittadinanza.akn.xml",
              "gb_ukpga_2014_27_data_retention_investigatory_powers_act.akn.xml",
              "gb-sct_ssi_2017_126_commencement_order.akn.xml", "uk_judgment_2023_uksc-42_eng.akn.xml"]
GOLDEN = sorted(p.name for p in FIXTURES.glob("*.xml"))


def _date(v: str, name: str = "") -> str | None:
    """A date the document states: not one named "unknown", not the 0001-01-01 the schema makes it write."""
    if name == "unknown" or v == "0001-01-01":
        return None
    return v if re.match(r"^\d{4}-\d{2}-\d{2}$", v) else None


@pytest.mark.parametrize("path", [FIXTURES / n for n in GOLDEN] + [CORPUS / n for n in CORPUS_AKN],
                         ids=lambda p: p.name)
def test_read_identity_agrees_with_the_graph(path):
    root = etree.parse(str(need(path))).getroot()
    graph = rdf.identity(root)
    ident = read_identity(doc_element(root))
    assert graph["work_frbr"] == (ident.work_uri or ident.work_this.replace("/!main", ""))
    assert graph["expr_frbr"] == (ident.expression_uri or ident.expression_this.replace("/!main", ""))
    assert graph["lang"] == ident.language
    assert graph["date"] == _date(ident.date, ident.date_name)
    assert graph["version_date"] == _date(ident.expression_date)
    assert graph["published"] == _date(ident.published)
    assert graph["number"] == (ident.number if ident.number not in ("", "nn") else None)
    assert graph["country"] == (ident.country or None)
    assert ident.work and ident.language
