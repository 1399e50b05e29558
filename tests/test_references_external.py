"""References to other acts: FRBR work URIs from the act-type table."""
from __future__ import annotations

import pytest
from lxml import etree

import akn
from akn.external_refs import act_types, find_acts

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@pytest.mark.parametrize("text, lang, expected", [
    ("Regulation (EU) 2016/679", "eng", "/akn/eu/act/regulation/2016/679"),
    ("Regulation (EC) No 45/2001", "eng", "/akn/eu/act/regulation/2001/45"),
    ("Directive (EU) 2022/2555", "eng", "/akn/eu/act/directive/2022/2555"),
    ("Directive 95/46/EC", "eng", "/akn/eu/act/directive/1995/46"),
    ("Directive 2002/58/EC", "eng", "/akn/eu/act/directive/2002/58"),
    ("Decision No 768/2008/EC", "eng", "/akn/eu/act/decision/2008/768"),
    ("the Data Protection Act 2018", "eng", "/akn/gb/act/ukpga/2018/data-protection-act"),
    ("section 551 of title 5, United States Code", "eng", "/akn/us/act/usc/5"),
    ("Public Law 112-61", "eng", "/akn/us/act/pl/112-61"),
    ("Закон Республики Казахстан от 21 мая 2013 года № 94-V", "rus", "/akn/kz/act/2013-05-21/94-V"),
    ("Законом РК от 25.11.2019 № 272-VI", "rus", "/akn/kz/act/2019-11-25/272-VI"),
    ("Федеральный закон от 27.07.2006 N 152-ФЗ", "rus", "/akn/ru/act/2006-07-27/152-ФЗ"),
    ("Федеральным законом от 8 ноября 2007 г. N 258-ФЗ", "rus", "/akn/ru/act/2007-11-08/258-ФЗ"),
    ("Қазақстан Республикасының 2013 жылғы 21 мамырдағы № 94-V Заңы", "kaz", "/akn/kz/act/2013-05-21/94-V"),
    ("ҚР 30.12.2021 № 96-VII Заңымен", "kaz", "/akn/kz/act/2021-12-30/96-VII"),
])
def test_citations(text, lang, expected):
    found = find_acts(f"as laid down in {text}, and", lang)
    marked = {"the Data Protection Act 2018": "Data Protection Act 2018",
              "section 551 of title 5, United States Code": "title 5, United States Code"}.get(text, text)
    assert [(t, uri) for _s, _e, t, uri in found] == [(marked, expected)]


def test_not_citations():
    assert find_acts("this Regulation and Article 5 apply", "eng") == []
    assert find_acts("законодательство Республики Казахстан", "rus") == []


def test_table_is_data():
    ids = [a.id for a in act_types()]
    assert len(ids) == len(set(ids)) and {"eu_regulation", "kz_law_ru", "kz_law_kk", "ru_federal_law"} <= set(ids)
    assert {a.jurisdiction for a in act_types()} >= {"eu", "kz", "ru", "gb", "us"}


def test_gdpr_external_refs(corpus):
    doc = akn.parse_file(corpus / "eu_gdpr_2016_679_oj_en.txt")
    ext = [(r.text, r.get("href")) for r in doc.root.iter(NS + "ref") if not r.get("href").startswith("#")]
    assert ext.count(("Directive 95/46/EC", "/akn/eu/act/directive/1995/46")) >= 15
    assert ("Regulation (EU) No 182/2011", "/akn/eu/act/regulation/2011/182") in ext
    # "Article 4(1) of Directive 95/46/EC": the article stays text, the directive is the ref
    assert all(not t.startswith("Article") for t, _h in ext)
    assert akn.validate(doc.xml) == []


def test_air_code_amendment_notes_cite_federal_laws(corpus, official_schema):
    doc = akn.parse_file(corpus / "ru_air_code_1997_60-FZ_ru.txt")
    hrefs = {r.get("href") for r in doc.root.iter(NS + "ref")}
    assert "/akn/ru/act/2007-11-08/258-ФЗ" in hrefs
    assert official_schema.validate(etree.fromstring(doc.xml))


def test_own_title_is_not_a_reference():
    text = ("REGULATION (EU) 2026/101 OF THE EUROPEAN PARLIAMENT\n\nArticle 1\nScope\n"
            "1. This Regulation amends Regulation (EU) 2016/679.\n")
    doc = akn.parse(text, lang="en", tradition="eu")
    refs = [(r.text, r.get("href")) for r in doc.root.iter(NS + "ref")]
    assert refs == [("Regulation (EU) 2016/679", "/akn/eu/act/regulation/2016/679")]
    assert akn.validate(doc.xml) == []
