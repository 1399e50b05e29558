"""Compound citations: one reference over the whole citation, to the deepest unit it names.

The three acts in ``fixtures/refs/*_compound_citations*.txt`` are written for these tests in
the style of an EU regulation and of a Kazakh law (Russian and Kazakh texts). Every citation
in them is listed below with the unit that holds it and the unit it must point at, checked
by hand against the act.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import akn
from akn.references import Index, find_english, find_kazakh, find_russian, resolve

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
REFS = Path(__file__).parent / "fixtures" / "refs"

EU = [  # (unit holding the text, text of the reference, target)
    ("chp_I__art_2__para_1__point_c", "point (b)", "chp_I__art_2__para_1__point_b"),
    ("chp_I__art_2__para_2", "Points (a)", "chp_I__art_2__para_2__point_a"),
    ("chp_I__art_2__para_2", "(b)", "chp_I__art_2__para_2__point_b"),
    ("chp_I__art_2__para_2", "paragraph 2", "chp_I__art_2__para_2"),
    ("chp_II__art_3__para_1", "first subparagraph, point (h)", "chp_II__art_3__para_1__point_h"),
    ("chp_II__art_3__para_2", "paragraph 1, first subparagraph, point (h)", "chp_II__art_3__para_1__point_h"),
    ("chp_II__art_4__para_1", "Article 3(1), first subparagraph, point (h)", "chp_II__art_3__para_1__point_h"),
    ("chp_II__art_4__para_3", "Article 3(1), first subparagraph, point (g)", "chp_II__art_3__para_1__point_g"),
    ("chp_II__art_5__para_2", "Article 2(1), point (c)", "chp_I__art_2__para_1__point_c"),
    # paragraph 1's point (b), not that of paragraph 2 or 3 where the text stands
    ("chp_II__art_5__para_3", "paragraph 1, point (b)", "chp_II__art_5__para_1__point_b"),
    ("chp_II__art_5__para_4", "paragraph 1, point (a)", "chp_II__art_5__para_1__point_a"),
]
RU = [
    ("chp_1__art_1__para_2", "подпунктом 3) пункта 1 настоящей статьи", "chp_1__art_1__para_1__point_3"),
    ("chp_1__art_1__para_2", "Абзац второй пункта 2 настоящей статьи", "chp_1__art_1__para_2"),
    ("chp_1__art_2__para_1__point_2", "подпункте 3) пункта 1 статьи 1", "chp_1__art_1__para_1__point_3"),
    ("chp_1__art_2__para_2", "подпункте 1) пункта 1 настоящей статьи", "chp_1__art_2__para_1__point_1"),
    ("chp_1__art_2__para_2", "пункта 1 статьи 1", "chp_1__art_1__para_1"),
    ("chp_1__art_3__para_1", "подпунктах 1)", "chp_1__art_1__para_1__point_1"),
    ("chp_1__art_3__para_1", "2)", "chp_1__art_1__para_1__point_2"),
    ("chp_1__art_3__para_1", "пункта 1 статьи 1", "chp_1__art_1__para_1"),
    ("chp_1__art_3__para_2", "Абзац второй пункта 2 статьи 1", "chp_1__art_1__para_2"),
    ("chp_1__art_3__para_3", "пунктами 1", "chp_1__art_3__para_1"),
    ("chp_1__art_3__para_3", "2", "chp_1__art_3__para_2"),
    ("chp_1__art_3__para_3", "настоящей статьи", "chp_1__art_3"),
    ("chp_1__art_3__para_3", "подпунктом 2) пункта 1 статьи 2", "chp_1__art_2__para_1__point_2"),
]
KK = [
    ("chp_1__art_1__para_2", "Осы баптың 1-тармағының 3) тармақшасында", "chp_1__art_1__para_1__point_3"),
    ("chp_1__art_2__para_1__point_2", "1-бабы 1-тармағының 3) тармақшасында", "chp_1__art_1__para_1__point_3"),
    ("chp_1__art_2__para_2", "Осы баптың 1-тармағының 1) тармақшасында", "chp_1__art_2__para_1__point_1"),
    ("chp_1__art_3__para_1", "1-бабы 1-тармағының", "chp_1__art_1__para_1"),
    ("chp_1__art_3__para_1", "1)", "chp_1__art_1__para_1__point_1"),
    ("chp_1__art_3__para_1", "2) тармақшаларында", "chp_1__art_1__para_1__point_2"),
    ("chp_1__art_3__para_2", "1-баптың 2-тармағының екінші абзацы", "chp_1__art_1__para_2"),
    ("chp_1__art_3__para_3", "2-баптың 1-тармағының 2) тармақшасына", "chp_1__art_2__para_1__point_2"),
    ("chp_1__art_3__para_3", "осы баптың 1", "chp_1__art_3__para_1"),
    ("chp_1__art_3__para_3", "2-тармақтарында", "chp_1__art_3__para_2"),
]


def refs_of(doc) -> list[tuple[str, str, str]]:
    out = []
    for p in doc.root.iter(NS + "p"):
        unit = p.getparent()
        while unit is not None and unit.get("eId") is None:
            unit = unit.getparent()
        where = unit.get("eId") if unit is not None else ""
        for el in p.iter(NS + "ref", NS + "rref"):
            assert el.text, f"an empty <{el.tag[len(NS):]}> in {where}"
            if el.get("href", "").startswith("#"):   # refs to other acts are not this test's subject
                out.append((where, el.text, el.get("href")[1:]))
    return out


@pytest.mark.parametrize("name, lang, expected", [
    ("eu_compound_citations.txt", "en", EU),
    ("kz_compound_citations_ru.txt", "ru", RU),
    ("kz_compound_citations_kk.txt", "kk", KK),
])
def test_compound_citations_resolve_as_one_reference(name, lang, expected):
    text = (REFS / name).read_text(encoding="utf-8")
    doc = akn.parse(text, lang=lang)
    assert refs_of(doc) == expected
    plain = akn.parse(text, lang=lang, passes=())
    assert _texts(doc) == _texts(plain)


def _texts(doc) -> list[str]:
    return ["".join(p.itertext()) for p in doc.root.iter(NS + "p")]


def _index(*eids: str) -> Index:
    from lxml import etree
    return Index(etree.Element("akomaNtoso"), eids)


EIDS = ("art_5", "art_5__para_1", "art_5__para_1__point_g", "art_5__para_1__point_h",
        "art_5__para_1__point_h__point_iii", "art_5__para_2", "art_5__para_2__point_b", "art_5__para_1__point_b")


@pytest.mark.parametrize("text, citation, context, target", [
    ("under Article 5(1), first subparagraph, point (g), the", "Article 5(1), first subparagraph, point (g)",
     [], "art_5__para_1__point_g"),
    ("for point (h)(iii) of Article 5(1) only", "point (h)(iii) of Article 5(1)", [],
     "art_5__para_1__point_h__point_iii"),
    ("in paragraph 1, first subparagraph, point (h).", "paragraph 1, first subparagraph, point (h)",
     ["art_5", "art_5__para_2"], "art_5__para_1__point_h"),
    ("see paragraph 1, point (b), and", "paragraph 1, point (b)", ["art_5", "art_5__para_2"],
     "art_5__para_1__point_b"),
    ("in Article 5(1), first subparagraph shall", "Article 5(1), first subparagraph", [], "art_5__para_1"),
    ("the second subparagraph of Article 5(1) applies", "second subparagraph of Article 5(1)", [],
     "art_5__para_1"),
])
def test_english_compound_forms(text, citation, context, target):
    (found,) = find_english(text)
    (t,) = found.targets
    assert text[t.start:t.end] == citation
    assert resolve(_index(*EIDS), t.path, context, t.relative_to) == target


def test_english_new_style_list_keeps_one_reference_per_member():
    text = "referred to in Article 5(1), points (g) and (h), the"
    (found,) = find_english(text)
    ix = _index(*EIDS)
    got = [(text[t.start:t.end], resolve(ix, t.path, [], t.relative_to)) for t in found.targets]
    assert got == [("points (g)", "art_5__para_1__point_g"), ("(h)", "art_5__para_1__point_h"),
                   ("Article 5(1)", "art_5__para_1")]


def test_russian_and_kazakh_compound_forms():
    ix = _index("art_7", "art_7__para_1", "art_7__para_1__point_3", "art_7__para_2", "art_5", "art_5__para_1",
                "art_5__para_1__point_3")
    text = "в соответствии с подпунктом 3) пункта 1 статьи 7 настоящего Закона"
    (found,) = find_russian(text)
    (t,) = found.targets
    assert (text[t.start:t.end], resolve(ix, t.path, [])) == ("подпунктом 3) пункта 1 статьи 7",
                                                              "art_7__para_1__point_3")
    text = "абзац второй пункта 2 настоящей статьи"
    (found,) = find_russian(text)
    (t,) = found.targets
    assert (text[t.start:t.end], resolve(ix, t.path, ["art_7", "art_7__para_1"], t.relative_to)) == (
        text, "art_7__para_2")
    text = "5-баптың 1-тармағының 3) тармақшасы"
    (found,) = find_kazakh(text)
    (t,) = found.targets
    assert (text[t.start:t.end], resolve(ix, t.path, [])) == (text, "art_5__para_1__point_3")
