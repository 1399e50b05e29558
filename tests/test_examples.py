"""The acts in examples/ parse to valid Akoma Ntoso with the structure they were written with.

The expected numbers below were counted by hand from the example texts (examples/README.md lists
them too). Each unit is located by the tail of its eId (``art_5-1``, ``sec_2A``) and the numbered
units inside it are counted by nesting depth, so a failure names the unit that came out wrong.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import akn

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
Q = f"{{{NS}}}"
KZ_LANGS = {"ru": "rus", "kk": "kaz", "en": "eng"}
ALL_FILES = [f"ai_biometric_bill_{lang}.txt" for lang in KZ_LANGS] + [
    "eu_style_regulation.txt", "uk_style_act.txt"]


@functools.cache
def parsed(name: str):
    return akn.parse_file(EXAMPLES / name)


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


def body(doc):
    found = doc.root.find(f".//{Q}body")
    assert found is not None, "no <body> in the output"
    return found


def has_num(el) -> bool:
    return el.find(f"{Q}num") is not None


def tail(el) -> str:
    return el.get("eId", "").split("__")[-1]


def units(doc, tag: str) -> list:
    """Top-level units (article/section) of the body, in document order."""
    return [el for el in body(doc).iter(f"{Q}{tag}") if has_num(el)]


def numbered_tags(doc, tag: str) -> int:
    return sum(1 for el in body(doc).iter(f"{Q}{tag}") if has_num(el))


def depth_profile(unit) -> tuple[int, ...]:
    """Numbered descendants of *unit* counted by depth: (children, grandchildren, ...).

    Depth counts numbered ancestors only, so lists and intros in between do not matter: Article 4
    of the Russian bill (points 1., 2., 3.; sub-points 1), 2), 3) in point 2.) gives (3, 3).
    """
    depths: Counter[int] = Counter()
    for el in unit.iter():
        if el is unit or not isinstance(el.tag, str) or not has_num(el):
            continue
        depth, parent = 1, el.getparent()
        while parent is not None and parent is not unit:
            depth += has_num(parent)
            parent = parent.getparent()
        depths[depth] += 1
    return tuple(depths[d] for d in range(1, max(depths, default=0) + 1))


def profiles(doc, tag: str) -> dict[str, tuple[int, ...]]:
    return {tail(u).lower(): depth_profile(u) for u in units(doc, tag)}


def headings(doc, tag: str) -> dict[str, str]:
    out = {}
    for u in units(doc, tag):
        h = u.find(f"{Q}heading")
        out[tail(u).lower()] = text_of(h) if h is not None else ""
    return out


# ---------------------------------------------------------------- every example

@pytest.mark.parametrize("name", ALL_FILES)
def test_example_parses_and_validates(name, official_schema):
    doc = parsed(name)
    assert akn.validate(doc.xml) == []
    tree = etree.fromstring(doc.xml, etree.XMLParser(resolve_entities=False, no_network=True))
    assert official_schema.validate(tree), official_schema.error_log.last_error


@pytest.mark.parametrize("name", ALL_FILES)
def test_example_parses_without_warnings(name):
    # The bill has no date or number yet, so it is given a work URI; the EU and UK acts carry theirs.
    options = {"frbr_uri": "/akn/kz/bill/2026-12-01/12"} if name.startswith("ai_") else {}
    doc = akn.parse_file(EXAMPLES / name, **options)
    assert [w.format(with_context=False) for w in doc.warnings] == []


@pytest.mark.parametrize("name", ALL_FILES)
def test_no_word_of_the_example_is_lost(name):
    source = (EXAMPLES / name).read_text(encoding="utf-8")
    output = Counter(re.findall(r"\w+", " ".join(parsed(name).root.itertext())))
    missing = sorted({w for w in re.findall(r"\w+", source) if not output[w]})
    assert missing == []


# ---------------------------------------------------------------- the Kazakhstan bill

KZ_ARTICLES = ["art_1", "art_2", "art_3", "art_4", "art_5", "art_5-1", "art_6", "art_7", "art_8",
               "art_9"]
# (points "1.", sub-points "1)") per article; Articles 1 and 3 have sub-points directly.
KZ_PROFILE = {"art_1": (9,), "art_2": (3, 2), "art_3": (5,), "art_4": (3, 3), "art_5": (2, 3),
              "art_5-1": (3, 3), "art_6": (2, 5), "art_7": (2, 4), "art_8": (2,), "art_9": (2,)}
KZ_HEADINGS = {
    "ru": ["Основные понятия, используемые в настоящем Законе",
           "Сфера действия настоящего Закона",
           "Принципы обработки биометрических данных системами искусственного интеллекта",
           "Запрет распознавания лиц в общественных местах",
           "Запрет анализа биометрических данных без правового основания",
           "Запрет манипуляции без информированного согласия",
           "Обязанности собственников и операторов систем искусственного интеллекта",
           "Уполномоченный орган",
           ("Ответственность за нарушение законодательства Республики Казахстан в области "
            "искусственного интеллекта"),
           "Порядок введения в действие настоящего Закона"],
    "kk": ["Осы Заңда пайдаланылатын негізгі ұғымдар",
           "Осы Заңның қолданылу аясы",
           "Биометриялық деректерді жасанды интеллект жүйелерімен өңдеу қағидаттары",
           "Қоғамдық орындарда бетті тануға тыйым салу",
           "Биометриялық деректерді құқықтық негізсіз талдауға тыйым салу",
           "Ақпараттандырылған келісімсіз манипуляцияға тыйым салу",
           "Жасанды интеллект жүйелерінің меншік иелері мен операторларының міндеттері",
           "Уәкілетті орган",
           ("Қазақстан Республикасының жасанды интеллект саласындағы заңнамасын бұзғаны үшін "
            "жауаптылық"),
           "Осы Заңды қолданысқа енгізу тәртібі"],
    "en": ["Basic concepts used in this Law",
           "Scope of this Law",
           "Principles of the processing of biometric data by artificial intelligence systems",
           "Prohibition of face recognition in public places",
           "Prohibition of the analysis of biometric data without a legal basis",
           "Prohibition of manipulation without informed consent",
           "Duties of owners and operators of artificial intelligence systems",
           "Authorised body",
           ("Liability for violation of the legislation of the Republic of Kazakhstan on "
            "artificial intelligence"),
           "Procedure for the entry into force of this Law"],
}
KZ_CHAPTER_1 = {"ru": "ОБЩИЕ ПОЛОЖЕНИЯ", "kk": "ЖАЛПЫ ЕРЕЖЕЛЕР", "en": "GENERAL PROVISIONS"}
KZ_PREAMBLE = {"ru": "Настоящий Закон регулирует", "kk": "Осы Заң биометриялық деректерді",
               "en": "This Law regulates"}
KZ_SIGNATORY = {"ru": "К. ТОКАЕВ", "kk": "Қ. Тоқаев", "en": "K. TOKAYEV"}


def kz(lang: str):
    return parsed(f"ai_biometric_bill_{lang}.txt")


@pytest.mark.parametrize("lang", KZ_LANGS)
def test_kz_bill_language(lang):
    assert kz(lang).lang == KZ_LANGS[lang]


@pytest.mark.parametrize("lang", KZ_LANGS)
def test_kz_bill_chapters(lang):
    chapters = units(kz(lang), "chapter")
    assert len(chapters) == 4
    assert text_of(chapters[0].find(f"{Q}heading")) == KZ_CHAPTER_1[lang]


@pytest.mark.parametrize("lang", KZ_LANGS)
def test_kz_bill_articles_and_headings(lang):
    found = headings(kz(lang), "article")
    assert list(found) == KZ_ARTICLES
    assert list(found.values()) == KZ_HEADINGS[lang]


@pytest.mark.parametrize("lang", KZ_LANGS)
def test_kz_bill_points_per_article(lang):
    assert profiles(kz(lang), "article") == KZ_PROFILE


@pytest.mark.parametrize("lang", KZ_LANGS)
def test_kz_bill_points_are_paragraphs_and_subpoints_are_points(lang):
    doc = kz(lang)
    assert numbered_tags(doc, "paragraph") == 19
    assert numbered_tags(doc, "point") == 34
    tails = [tail(el) for el in body(doc).iter(f"{Q}point") if has_num(el)]
    assert tails[:4] == ["point_1", "point_2", "point_2-1", "point_3"]


@pytest.mark.parametrize("lang", KZ_LANGS)
def test_kz_bill_is_a_bill_with_preamble_and_signature(lang):
    doc = kz(lang)
    assert doc.root[0].tag == f"{Q}bill"
    preamble = doc.root.find(f".//{Q}preamble")
    assert preamble is not None and KZ_PREAMBLE[lang] in text_of(preamble)
    conclusions = doc.root.find(f".//{Q}conclusions")
    assert conclusions is not None and KZ_SIGNATORY[lang] in text_of(conclusions)


def unit_eids(doc) -> set[str]:
    return {el.get("eId") for tag in ("chapter", "article", "paragraph", "point")
            for el in body(doc).iter(f"{Q}{tag}") if has_num(el)}


def test_kz_bill_language_versions_share_article_eids():
    eids = {lang: [el.get("eId") for el in units(kz(lang), "article")] for lang in KZ_LANGS}
    assert eids["ru"] == eids["kk"] == eids["en"]
    assert len(set(eids["ru"])) == 10


def test_kz_bill_language_versions_share_all_unit_eids():
    ru, kk, en = (unit_eids(kz(lang)) for lang in KZ_LANGS)
    assert len(ru) == 4 + 10 + 19 + 34
    assert ru ^ kk == set()
    assert ru ^ en == set()


# ---------------------------------------------------------------- EU regulation

EU_HEADINGS = {
    "art_1": "Subject matter and scope", "art_2": "Definitions",
    "art_3": "Real-time remote biometric identification", "art_4": "Biometric categorisation",
    "art_4a": "Manipulation without informed consent", "art_5": "Obligations of deployers",
    "art_6": "National supervisory authorities", "art_7": "Penalties",
    "art_8": "Entry into force and application"}
# (paragraphs "1.", points "(a)"/"(1)", sub-points "(i)") per article
EU_PROFILE = {"art_1": (2,), "art_2": (6,), "art_3": (3, 3, 2), "art_4": (2, 10),
              "art_4a": (2, 3), "art_5": (2, 3, 5), "art_6": (2, 3), "art_7": (2,), "art_8": (2,)}


def eu():
    return parsed("eu_style_regulation.txt")


def test_eu_chapters_articles_and_headings():
    doc = eu()
    chapters = units(doc, "chapter")
    assert [text_of(c.find(f"{Q}heading")) for c in chapters] == [
        "GENERAL PROVISIONS", "PROHIBITED PRACTICES", "OBLIGATIONS AND SUPERVISION",
        "FINAL PROVISIONS"]
    assert headings(doc, "article") == EU_HEADINGS


def test_eu_units_per_article():
    assert profiles(eu(), "article") == EU_PROFILE


def test_eu_unit_elements():
    doc = eu()
    assert numbered_tags(doc, "paragraph") == 17
    assert numbered_tags(doc, "point") == 35
    nums = [text_of(el.find(f"{Q}num")) for el in body(doc).iter(f"{Q}point")]
    assert "(3a)" in nums


def test_eu_letter_i_after_h_is_a_letter_and_roman_i_under_a_letter_is_roman():
    doc = eu()
    art4 = next(u for u in units(doc, "article") if tail(u) == "art_4")
    letters = [tail(p) for p in art4.iter(f"{Q}point")]
    assert letters == [f"point_{c}" for c in "abcdefghij"]
    nested = [p for p in body(doc).iter(f"{Q}point")
              if any(a.tag == f"{Q}point" for a in p.iterancestors())]
    assert [tail(p) for p in nested] == ["point_i", "point_ii",
                                         "point_i", "point_ii", "point_iii", "point_iv", "point_v"]


def test_eu_preamble_recitals_conclusions_annexes():
    doc = eu()
    preamble = doc.root.find(f".//{Q}preamble")
    assert preamble is not None
    ptext = text_of(preamble)
    for line in ("Having regard to the Treaty on the Functioning of the European Union",
                 "Having regard to the proposal from the European Commission",
                 "Acting in accordance with the ordinary legislative procedure"):
        assert line in ptext
    assert len(preamble.findall(f".//{Q}recital")) == 6
    assert "HAVE ADOPTED THIS REGULATION" in ptext + text_of(doc.root.find(f".//{Q}body"))
    conclusions = doc.root.find(f".//{Q}conclusions")
    assert conclusions is not None and "Done at Brussels" in text_of(conclusions)
    attachments = doc.root.findall(f".//{Q}attachment")
    assert len(attachments) == 2
    assert "LIST OF CRIMINAL OFFENCES" in text_of(attachments[0])
    assert "INFORMATION TO BE NOTIFIED" in text_of(attachments[1])


# ---------------------------------------------------------------- UK act

UK_HEADINGS = {
    "sec_1": "Live facial recognition in public places",
    "sec_2": "Analysis of biometric data without lawful basis",
    "sec_2a": "Manipulation without informed consent",
    "sec_3": "Warrants for live facial recognition", "sec_4": "The Biometrics Commissioner",
    "sec_5": "Duties of operators", "sec_6": "Offences", "sec_7": "Interpretation",
    "sec_8": "Short title, commencement and extent"}
# (subsections "(1)", paragraphs "(a)", sub-paragraphs "(i)") per section
UK_PROFILE = {"sec_1": (3, 2), "sec_2": (2, 3, 2), "sec_2a": (2, 3), "sec_3": (4, 4),
              "sec_4": (3, 2), "sec_5": (2, 4), "sec_6": (2, 2), "sec_7": (), "sec_8": (3,)}


def uk():
    return parsed("uk_style_act.txt")


def test_uk_parts_sections_and_headings():
    doc = uk()
    parts = units(doc, "part")
    assert [text_of(p.find(f"{Q}heading")) for p in parts] == [
        "PROHIBITIONS", "WARRANTS AND OVERSIGHT", "GENERAL"]
    assert headings(doc, "section") == UK_HEADINGS


def test_uk_units_per_section():
    assert profiles(uk(), "section") == UK_PROFILE


def test_uk_unit_elements():
    doc = uk()
    assert numbered_tags(doc, "subsection") == 21
    assert numbered_tags(doc, "paragraph") == 20
    assert numbered_tags(doc, "subparagraph") == 2
    assert "subsec_2A" in {tail(el) for el in body(doc).iter(f"{Q}subsection")}


def test_uk_preface_enacting_formula_and_schedule():
    doc = uk()
    preface = doc.root.find(f".//{Q}preface")
    assert preface is not None
    assert "An Act to prohibit the use of live facial recognition" in text_of(preface)
    preamble = doc.root.find(f".//{Q}preamble")
    assert "BE IT ENACTED" in text_of(preface) + text_of(preamble if preamble is not None else preface)
    attachments = doc.root.findall(f".//{Q}attachment")
    assert len(attachments) == 1
    assert "THE BIOMETRICS COMMISSIONER" in text_of(attachments[0])
