"""Definitions: <def> + TLCTerm where a term is defined, <term refersTo> where it is used."""
from __future__ import annotations

import pytest
from lxml import etree

import akn
from akn.definitions import term_pattern

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

#: GDPR Article 4, read from the Official Journal text: the term each point defines
GDPR_ART4 = [
    "personal data", "processing", "restriction of processing", "profiling", "pseudonymisation", "filing system",
    "controller", "processor", "recipient", "third party", "consent", "personal data breach", "genetic data",
    "biometric data", "data concerning health", "main establishment", "representative", "enterprise",
    "group of undertakings", "binding corporate rules", "supervisory authority", "supervisory authority concerned",
    "cross-border processing", "relevant and reasoned objection", "information society service",
    "international organisation",
]


def defs_of(doc) -> dict[str, list[str]]:
    """eId of the defining unit -> terms defined there."""
    out: dict[str, list[str]] = {}
    for d in doc.root.iter(NS + "def"):
        unit = d.getparent()
        while unit.get("eId") is None:
            unit = unit.getparent()
        out.setdefault(unit.get("eId"), []).append(d.text)
    return out


@pytest.fixture(scope="module")
def gdpr(corpus):
    return akn.parse_file(corpus / "eu_gdpr_2016_679_oj_en.txt")


def test_every_gdpr_article_4_definition_is_a_def(gdpr):
    defs = defs_of(gdpr)
    got = [defs.get(f"chp_I__art_4__point_{k}", [None])[0] for k in range(1, 27)]
    assert got == GDPR_ART4
    assert defs["chp_I__art_4__point_1"] == ["personal data", "data subject"]   # the inline (‘data subject’)


def test_gdpr_terms_are_registered_and_used(gdpr, official_schema):
    tlc = {t.get("eId"): t.get("showAs") for t in gdpr.root.iter(NS + "TLCTerm")}
    assert tlc["term_chp_I__art_4__point_11"] == "consent"
    for d in gdpr.root.iter(NS + "def"):
        assert d.get("refersTo")[1:] in tlc
    # TLCTerm sits in meta/references, after the organisations
    refs = gdpr.root.find(f".//{NS}meta/{NS}references")
    assert [etree.QName(c).localname for c in refs][-1] == "TLCTerm"
    # uses in Article 6(1)(a): "the data subject has given consent to the processing of his or her personal data"
    p = gdpr.root.find(f".//{NS}point[@eId='chp_II__art_6__para_1__point_a']/{NS}content/{NS}p")
    uses = [(t.text, t.get("refersTo")) for t in p.iter(NS + "term")]
    assert ("data subject", "#term_chp_I__art_4__point_1_2") in uses
    assert ("consent", "#term_chp_I__art_4__point_11") in uses
    assert ("personal data", "#term_chp_I__art_4__point_1") in uses
    # never inside headings or inside a definition's own text
    for h in gdpr.root.iter(NS + "heading"):
        assert h.find(f".//{NS}term") is None
    for d in gdpr.root.iter(NS + "def"):
        assert d.getparent().find(NS + "term") is None
    assert akn.validate(gdpr.xml) == []
    assert official_schema.validate(etree.fromstring(gdpr.xml))


@pytest.mark.parametrize("name, count", [
    ("kz_digital_assets_law_2023_193-VII_ru.txt", 12), ("kz_digital_assets_law_2023_193-VII_kk.txt", 12),
    ("kz_aquaculture_law_2025_ru.md", 12), ("kz_aquaculture_law_2025_kk.md", 12),
])
def test_every_point_of_article_1_is_a_def(corpus, name, count):
    doc = akn.parse_file(corpus / name)
    points = [p.get("eId") for p in doc.root.iter(NS + "point") if p.get("eId").startswith("chp_1__art_1__point_")
              and p.get("eId").count("__") == 2]
    assert len(points) == count
    defs = defs_of(doc)
    assert [pid for pid in points if pid not in defs] == []
    assert akn.validate(doc.xml) == []


def test_russian_and_kazakh_share_term_ids(corpus):
    ru = akn.parse_file(corpus / "kz_aquaculture_law_2025_ru.md")
    kk = akn.parse_file(corpus / "kz_aquaculture_law_2025_kk.md")
    ids = [{t.get("eId") for t in d.root.iter(NS + "TLCTerm")} for d in (ru, kk)]
    assert ids[0] == ids[1]
    ru_terms = {t.get("eId"): t.get("showAs") for t in ru.root.iter(NS + "TLCTerm")}
    kk_terms = {t.get("eId"): t.get("showAs") for t in kk.root.iter(NS + "TLCTerm")}
    assert ru_terms["term_chp_1__art_1__point_5"] == "уполномоченный орган"
    assert kk_terms["term_chp_1__art_1__point_5"] == "уәкілетті орган"


def test_digital_assets_inline_definition(corpus):
    doc = akn.parse_file(corpus / "kz_digital_assets_law_2023_193-VII_ru.txt")
    # "уполномоченный орган в сфере цифровых активов (далее – уполномоченный орган)"
    assert defs_of(doc)["chp_1__art_1__point_6"] == ["уполномоченный орган"]


@pytest.mark.parametrize("term, lang, text, expected", [
    ("цифровой актив", "rus", "оборот цифровых активов", "цифровых активов"),
    ("цифровой актив", "rus", "Цифровой актив признается", "Цифровой актив"),
    ("уполномоченный орган", "rus", "уполномоченным органом", "уполномоченным органом"),
    ("оборот цифрового актива", "rus", "для оборота цифровых активов", "оборота цифровых активов"),
    ("цифрлық актив", "kaz", "цифрлық активтерді сақтау", "цифрлық активтерді"),
    ("цифрлық актив айналымы", "kaz", "цифрлық активтер айналымын", "цифрлық активтер айналымын"),
    ("цифрлық активті шығару", "kaz", "цифрлық активтерді шығаруға", "цифрлық активтерді шығаруға"),
    ("уәкілетті орган", "kaz", "уәкілетті органға", "уәкілетті органға"),
    ("тармақ", "kaz", "2-тармағында", None),   # glued to a number: not a word of its own
    ("controller", "eng", "The controller's duty", "controller's"),
    ("controller", "eng", "Controllers shall", "Controllers"),
    ("Board", "eng", "the board of directors", None),   # defined with a capital: keeps it
    ("processing", "eng", "reprocessing", None),
])
def test_term_patterns(term, lang, text, expected):
    from akn import lang as languages
    m = term_pattern(term, languages.get(lang).definitions).search(text)
    assert (m.group(0) if m else None) == expected


def test_inline_english_definition_and_use():
    text = ("Article 1\nDefinitions\nFor the purposes of this Regulation:\n"
            "(1) ‘biometric data’ means personal data resulting from specific technical processing;\n"
            "(2) ‘provider’ means a natural or legal person (‘operator’);\n"
            "Article 2\nObligations\n1. A provider shall not process biometric data.\n"
            "2. Providers and the operator shall keep records.\n")
    doc = akn.parse(text, lang="en", tradition="eu")
    assert defs_of(doc) == {"art_1__point_1": ["biometric data"], "art_1__point_2": ["provider", "operator"]}
    p = doc.root.find(f".//{NS}paragraph[@eId='art_2__para_2']/{NS}content/{NS}p")
    assert [(t.text, t.get("refersTo")) for t in p.iter(NS + "term")] == [
        ("Providers", "#term_art_1__point_2"), ("operator", "#term_art_1__point_2_2")]
    assert "".join(p.itertext()) == "Providers and the operator shall keep records."
    assert akn.validate(doc.xml) == []


def test_no_definitions_no_change():
    doc = akn.parse("Article 1\nScope\n1. This Regulation applies.\n", lang="en", tradition="eu")
    assert doc.root.find(f".//{NS}TLCTerm") is None and doc.root.find(f".//{NS}term") is None
