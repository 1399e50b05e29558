"""A date or number the text does not state is shown to no reader: not in a rendering, not in the graph.

The XML keeps the schema's needs and says what it does not know: ``FRBRdate/@date`` stays 0001-01-01
with ``@name="unknown"``; there is no ``<FRBRnumber>``.
"""
from __future__ import annotations

import re

import pytest
from rdflib import URIRef

import akn
from akn.rdf import ELI

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}

#: a Kazakh law's Russian text with its title and no requisites: no date, no number
UNDATED = "ЗАКОН РЕСПУБЛИКИ КАЗАХСТАН\nО виджетах\nСтатья 1. Основные понятия\n1. Виджет – устройство.\n"
#: the same law signed: "Астана, Акорда, 6 февраля 2023 года № 193-VII ЗРК"
DATED = UNDATED + "Президент\nРеспублики Казахстан\nАстана, Акорда, 6 февраля 2023 года № 193-VII ЗРК\n"

PLACEHOLDERS = re.compile(r"0001-01-01|\bnn\b")


@pytest.fixture(scope="module")
def undated():
    return akn.parse(UNDATED, lang="ru")


@pytest.fixture(scope="module")
def dated():
    return akn.parse(DATED, lang="ru")


def test_the_xml_says_what_it_does_not_know(undated):
    dates = undated.root.xpath("//a:identification//a:FRBRdate", namespaces=NS)
    assert len(dates) == 3
    assert {(d.get("date"), d.get("name")) for d in dates} == {("0001-01-01", "unknown")}
    assert undated.root.xpath("//a:FRBRnumber", namespaces=NS) == []


def test_the_xml_holds_what_it_knows(dated):
    work_date = dated.root.xpath("//a:FRBRWork/a:FRBRdate", namespaces=NS)[0]
    assert (work_date.get("date"), work_date.get("name")) == ("2023-02-06", "Generation")
    assert dated.root.xpath("//a:FRBRWork/a:FRBRnumber/@value", namespaces=NS) == ["193-VII"]


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_no_rendering_shows_an_unknown_date_or_number(undated, dated, fmt):
    out = akn.render(undated, to=fmt)
    assert not PLACEHOLDERS.search(out), PLACEHOLDERS.search(out)
    assert "О виджетах" in out
    known = akn.render(dated, to=fmt)
    if fmt != "txt":   # (the plain text is the act's text; its facts are in HTML and the front matter)
        assert "2023-02-06" in known and "193-VII" in known


def test_the_html_facts_and_front_matter_leave_unknown_values_out(undated, dated):
    html = akn.render(undated, to="html")
    facts = re.search(r'<dl class="akn-facts">(.*?)</dl>', html, re.S).group(1)
    assert "<dt>Date</dt>" not in facts and "<dt>Number</dt>" not in facts and "<dt>Work</dt>" not in facts
    assert "<dt>Date</dt><dd>2023-02-06</dd>" in akn.render(dated, to="html")
    front = akn.render(undated, to="md").split("---")[1]
    assert "date:" not in front and "number:" not in front and "frbr_work:" not in front
    assert 'date: "2023-02-06"' in akn.render(dated, to="md").split("---")[1]


def _work(graph):
    return URIRef(next(iter(graph.subjects(ELI.is_realized_by, None))))


def test_the_graph_has_no_unknown_date_or_number(undated, dated):
    graph = akn.graph(undated)
    work = _work(graph)
    expression = next(iter(graph.objects(work, ELI.is_realized_by)))
    assert list(graph.objects(work, ELI.date_document)) == []
    assert list(graph.objects(work, ELI.number)) == []
    assert list(graph.objects(expression, ELI.version_date)) == []
    literals = [str(o) for _s, _p, o in graph if not isinstance(o, URIRef) and _p != ELI.id_local]
    assert not any(PLACEHOLDERS.search(v) for v in literals)
    known = akn.graph(dated)
    assert [str(d) for d in known.objects(_work(known), ELI.date_document)] == ["2023-02-06"]
    assert [str(n) for n in known.objects(_work(known), ELI.number)] == ["193-VII"]


def test_the_warnings_say_how_to_give_the_values(undated):
    by_code = {w.code: w.message for w in undated.warnings}
    for code in ("no-date", "no-number"):
        message = by_code[code]
        assert "0001-01-01" not in message and "'nn'" not in message
        assert "left out of the renderings and the graph" in message
        assert "--frbr-uri" in message and "NAME.meta.yaml" in message


def test_an_older_document_with_placeholders_is_shown_without_them():
    """AKN written before the contract (name "Generation", FRBRnumber "nn") renders without them too."""
    xml = akn.parse(UNDATED, lang="ru").xml.decode().replace('name="unknown"', 'name="Generation"').replace(
        "<FRBRcountry", '<FRBRnumber value="nn"/><FRBRcountry')
    for fmt in ("html", "md"):
        assert not PLACEHOLDERS.search(akn.render(xml.encode(), to=fmt))
    assert list(akn.graph(xml.encode()).objects(None, ELI.date_document)) == []
