"""Real legislation from ../shared/corpus (skipped when the folder is absent).

Counts come from ../shared/corpus/MANIFEST.tsv and expected.json, and from
reading the texts (the Indian act's 37 sections, the GDPR's 15 sections).
"""
import json
import re
import unicodedata
from collections import Counter

import pytest
from lxml import etree

import akn
from conftest import CORPUS, need
from helpers import NS, find_all, text_of

PLAIN = ["eu_gdpr_2016_679_oj_en.txt", "kz_digital_assets_law_2023_193-VII_ru.txt",
         "kz_digital_assets_law_2023_193-VII_kk.txt", "ru_air_code_1997_60-FZ_ru.txt",
         "kz_aquaculture_law_2025_ru.md", "kz_aquaculture_law_2025_kk.md",
         "in_protection_of_women_from_domestic_violence_act_2005_en.md"]
LANG = {"en-eu": "en", "ru": "ru", "kk": "kk"}
EDITORIAL = re.compile(r"^\W*(Сноска|Ескерту|Footnote)\s*\.|\b(ИЗПИ|ЗҚАИ|РЦПИ)\b|Вниманию пользователей")
_cache = {}


def parsed(name):
    if name not in _cache:
        _cache[name] = akn.parse_file(need(CORPUS / name))
    return _cache[name]


def expected():
    return json.loads(need(CORPUS / "expected.json").read_text(encoding="utf-8"))


def articles(root):
    out = []
    for el in find_all(root, ".//a:article"):
        num = text_of(el.find("a:num", NS))
        m = re.search(r"\d+[a-z]*(?:[-.]\d+)*", num)
        heading = el.find("a:heading", NS)
        out.append((m.group(0).rstrip(".") if m else "", text_of(heading) if heading is not None else "", el))
    return out


def norm(s):
    s = unicodedata.normalize("NFC", s or "").replace("\u00a0", " ").lower()
    return re.sub(r"[\W_]+", " ", s).strip()


@pytest.mark.parametrize("name", PLAIN)
def test_valid_against_the_official_schema(name, official_schema):
    doc = parsed(name)
    assert official_schema.validate(etree.fromstring(doc.xml)), official_schema.error_log.last_error


@pytest.mark.parametrize("name", [n for n in PLAIN if not n.startswith("in_")])
def test_every_article_with_its_number_and_heading(name):
    exp = expected()[name]
    got = articles(parsed(name).root)
    assert [n for n, _, _ in got] == exp["numbers"]
    for (number, heading, _), want in zip(got, exp["headings"]):
        if want:
            assert norm(heading) == norm(want) or norm(heading).startswith(norm(want)), (number, heading, want)


@pytest.mark.parametrize("name", PLAIN)
def test_no_word_of_the_input_is_lost(name):
    raw = need(CORPUS / name).read_text(encoding="utf-8-sig")
    want = Counter(norm(re.sub(r"<[^>]+>", " ", raw)).split())
    have = Counter(norm(" ".join(parsed(name).root.itertext())).split())
    missing = want - have
    assert not missing, list(missing.items())[:20]


@pytest.mark.parametrize("name", PLAIN)
def test_no_editorial_note_inside_article_text(name):
    for _, _, art in articles(parsed(name).root):
        for el in art.iter():
            assert not EDITORIAL.search(el.text or ""), (art.get("eId"), el.text)


def test_gdpr_structure():
    root = parsed("eu_gdpr_2016_679_oj_en.txt").root
    assert len(find_all(root, ".//a:body/a:chapter")) == 11
    assert [c.find("a:num", NS).text for c in find_all(root, ".//a:body/a:chapter")][:3] == [
        "CHAPTER I", "CHAPTER II", "CHAPTER III"]
    assert len(find_all(root, ".//a:chapter/a:section")) == 15
    recitals = find_all(root, ".//a:recitals/a:recital")
    assert len(recitals) == 173
    assert [r.get("eId") for r in recitals[:2]] == ["rec_1", "rec_2"]
    assert len(find_all(root, ".//a:citations/a:citation")) == 6
    art4 = root.find(".//a:article[@eId='chp_I__art_4']", NS)
    assert len(art4.findall("a:point", NS)) == 26
    assert root.find(".//a:article[@eId='chp_II__art_6']/a:paragraph[@eId='chp_II__art_6__para_1']/a:point"
                     "[@eId='chp_II__art_6__para_1__point_f']", NS) is not None
    assert root.find(".//a:conclusions", NS) is not None
    assert parsed("eu_gdpr_2016_679_oj_en.txt").frbr_uri == "/akn/eu/act/regulation/2016-04-27/679"


def test_gdpr_inner_units_match_the_numbered_lines():
    exp = expected()["eu_gdpr_2016_679_oj_en.txt"]
    got = {n: el for n, _, el in articles(parsed("eu_gdpr_2016_679_oj_en.txt").root)}
    for number, items in zip(exp["numbers"], exp["items"]):
        inner = sum(1 for _ in got[number].iterfind(".//a:num", NS)) - 1   # minus the article's own number
        assert inner == items, number


def test_indian_act_in_markdown_has_all_sections():
    root = parsed("in_protection_of_women_from_domestic_violence_act_2005_en.md").root
    sections = find_all(root, ".//a:section")
    assert [s.find("a:num", NS).text.rstrip(".") for s in sections] == [str(n) for n in range(1, 38)]
    assert len(find_all(root, ".//a:body/a:chapter")) == 5      # chapter IV's heading is glued to a list line
    sec2 = sections[1]
    assert text_of(sec2.find("a:heading", NS)) == "Definitions"
    assert len(sec2.findall("a:paragraph", NS)) >= 19


@pytest.mark.parametrize("name, chapters", [
    ("kz_digital_assets_law_2023_193-VII_ru.txt", 4), ("kz_digital_assets_law_2023_193-VII_kk.txt", 4),
    # MANIFEST.tsv counts 13 'Глава' lines for the air code; reading the text gives 18 (I to XVIII): five
    # chapter numbers (IХ, Х, ХI, ХII, ХIII) are written with the Cyrillic letter Х and escape a Latin pattern
    ("ru_air_code_1997_60-FZ_ru.txt", 18), ("kz_aquaculture_law_2025_ru.md", 6),
    ("kz_aquaculture_law_2025_kk.md", 6)])
def test_chapters_of_kazakh_and_russian_acts(name, chapters):
    assert len(find_all(parsed(name).root, ".//a:body/a:chapter")) == chapters


def test_aquaculture_points_and_sub_points_by_hand():
    # checked by reading kz_aquaculture_law_2025_ru.md: article 3 has points 1 and 2 with 3 and 6 sub-points
    for name in ("kz_aquaculture_law_2025_ru.md", "kz_aquaculture_law_2025_kk.md"):
        root = parsed(name).root
        art3 = root.find(".//a:article[@eId='chp_1__art_3']", NS)
        paras = art3.findall("a:paragraph", NS)
        assert [p.get("eId") for p in paras] == ["chp_1__art_3__para_1", "chp_1__art_3__para_2"]
        assert [len(p.findall("a:point", NS)) for p in paras] == [3, 6]


def test_editorial_notes_of_adilet_go_to_meta():
    root = parsed("kz_digital_assets_law_2023_193-VII_ru.txt").root
    notes = find_all(root, ".//a:meta/a:notes/a:note")
    assert any("Сноска. Статья 1" in text_of(n) for n in notes)
    assert any("Примечание ИЗПИ!" in text_of(n) for n in notes)
    # each footnote is pointed at from its article
    art1 = root.find(".//a:article[@eId='chp_1__art_1']", NS)
    assert art1.find("a:num/a:noteRef", NS) is not None


def test_roman_chapter_numbers_with_cyrillic_letters_get_latin_eids():
    root = parsed("ru_air_code_1997_60-FZ_ru.txt").root
    ids = [c.get("eId") for c in find_all(root, ".//a:body/a:chapter")]
    assert ids[8:13] == ["chp_IX", "chp_X", "chp_XI", "chp_XII", "chp_XIII"]


def test_kazakh_inserted_article_11_1():
    numbers = [n for n, _, _ in articles(parsed("kz_digital_assets_law_2023_193-VII_kk.txt").root)]
    assert "11-1" in numbers and numbers.index("11-1") == numbers.index("11") + 1


def test_air_code_metadata_from_its_signature():
    assert parsed("ru_air_code_1997_60-FZ_ru.txt").frbr_uri == "/akn/ru/act/1997-03-19/60-ФЗ"


def test_fixed_width_continuation_lines_starting_with_a_capital_are_joined():
    # air code, art. 52(4)(3): "... с государственной" / "Российской Федерации связаны ..." is one sub-point
    root = parsed("ru_air_code_1997_60-FZ_ru.txt").root
    para = root.find(".//a:article[@eId='chp_VII__art_52']/a:paragraph[@eId='chp_VII__art_52__para_4']", NS)
    assert [p.get("eId").rsplit("_", 1)[-1] for p in para.findall("a:point", NS)] == ["1", "2", "3", "4", "5"]
    assert para.find("a:hcontainer", NS) is None
