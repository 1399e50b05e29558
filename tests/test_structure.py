"""Fragments: one article, one list, numbering ambiguities, intro and wrap-up."""
import pytest

import akn
from helpers import NS, find_all, text_of


def parse(text, **kw):
    doc = akn.parse(text, **kw)
    assert akn.validate(doc.xml) == []
    return doc.root


def eids(root, element):
    return [el.get("eId") for el in find_all(root, f".//a:{element}")]


def test_one_eu_article():
    root = parse("Article 5\nSubject-matter\n1. This Regulation lays down rules.\n2. It applies to all.\n",
                 lang="en", tradition="eu")
    assert eids(root, "article") == ["art_5"]
    assert eids(root, "paragraph") == ["art_5__para_1", "art_5__para_2"]
    art = find_all(root, ".//a:article")[0]
    assert text_of(art.find("a:heading", NS)) == "Subject-matter"


def test_letter_i_after_h_is_a_letter_and_roman_under_a_letter():
    text = """Article 1
Title
1. Intro:
(a) first;
(i) roman one;
(ii) roman two;
(b) second;
(c) c;
(d) d;
(e) e;
(f) f;
(g) g;
(h) h;
(i) letter i;
(j) letter j.
"""
    root = parse(text, lang="en", tradition="eu")
    points = eids(root, "point")
    assert "art_1__para_1__point_a__point_i" in points
    assert "art_1__para_1__point_a__point_ii" in points
    assert "art_1__para_1__point_i" in points      # the letter, after (h)
    assert "art_1__para_1__point_j" in points


@pytest.mark.parametrize("before, label, expected", [
    ("(u) u;", "v", "point_v"),        # (v) after (u) is the letter v
    ("(w) w;", "x", "point_x"),
    ("(k) k;", "l", "point_l"),
    ("(iv) four;", "v", "point_a__point_v"),  # (v) after (iv) is roman five
])
def test_v_x_l(before, label, expected):
    lines = ["Article 1", "Title", "1. Intro:", "(a) first:"]
    if before.startswith("(iv)"):
        lines += ["(i) one;", "(ii) two;", "(iii) three;", before]
    else:
        letters = "bcdefghijklmnopqrstuvw"
        for ch in letters[: letters.index(before[1]) + 1]:
            lines.append(f"({ch}) {ch};")
    lines.append(f"({label}) this one.")
    root = parse("\n".join(lines) + "\n", lang="en", tradition="eu")
    assert f"art_1__para_1__{expected}" in eids(root, "point")


def test_intro_and_wrap_up():
    root = parse("Article 2\nScope\n1. This applies where:\n(a) one;\n(b) two.\n"
                 "Point (b) does not apply to courts.\n2. Next.\n", lang="en", tradition="eu")
    para = find_all(root, ".//a:paragraph")[0]
    assert text_of(para.find("a:intro", NS)) == "This applies where:"
    assert text_of(para.find("a:wrapUp", NS)) == "Point (b) does not apply to courts."
    assert len(find_all(para, "a:point")) == 2


def test_unnumbered_lines_of_a_sub_point_stay_in_it():
    root = parse("Статья 1. Права\n1. Субъект вправе:\n1) требовать:\nизменить данные;\nблокировать данные;\n"
                 "2) отозвать согласие.\n", lang="ru")
    point = find_all(root, ".//a:point")[0]
    assert point.get("eId") == "art_1__para_1__point_1"
    assert [text_of(p) for p in point.findall("a:content/a:p", NS)] == [
        "требовать:", "изменить данные;", "блокировать данные;"]


def test_cyrillic_letter_is_not_a_digit():
    root = parse("Статья 1. Права\n1. Случаи:\n1) первый:\nж) буква ж;\nз) буква з;\n3) третий.\n", lang="ru")
    assert eids(root, "point") == ["art_1__para_1__point_1", "art_1__para_1__point_1__point_g",
                                   "art_1__para_1__point_1__point_h", "art_1__para_1__point_3"]


def test_inserted_numbers():
    root = parse("Статья 8-1. Вставка\n1. Один.\n2-1. Вставленный пункт:\n3-1) подпункт.\n", lang="ru")
    assert eids(root, "article") == ["art_8-1"]
    assert "art_8-1__para_2-1__point_3-1" in eids(root, "point")


def test_unrecognised_text_is_kept_and_reported():
    doc = akn.parse("Article 1\nTitle\nSome text.\n", lang="en", tradition="eu")
    assert "Some text." in text_of(doc.root)
    loose = akn.parse("A plain paragraph that belongs to nothing.\n\nArticle 1\nTitle\nText.\n"
                      "THIS IS NOT A HEADING BUT STANDS ALONE\n", lang="en", tradition="eu")
    assert "THIS IS NOT A HEADING BUT STANDS ALONE" in text_of(loose.root)


def test_repealed_units_keep_their_number():
    root = parse("Статья 1. Понятия\n1) первое;\n2) исключен Законом РК от 01.01.2026 № 1-VIII;\n3) третье.\n"
                 "Статья 2. Исключена Законом РК от 01.01.2026 № 1-VIII.\n", lang="ru")
    removed = [el.get("eId") for el in root.iter() if el.get("status") == "removed"]
    assert removed == ["art_1__point_2", "art_2"]


def test_duplicate_numbers_get_unique_eids_and_a_warning():
    doc = akn.parse("Article 7\nOne\nText.\nArticle 7\nTwo\nText.\n", lang="en", tradition="eu")
    assert eids(doc.root, "article") == ["art_7", "art_7_2"]
    assert any(w.code == "duplicate-number" for w in doc.warnings)


def test_bill_is_detected_and_can_be_forced():
    bill = akn.parse("ПРОЕКТ\n\nЗАКОН РЕСПУБЛИКИ КАЗАХСТАН\n\nОб искусственном интеллекте\n\n"
                     "Статья 1. Понятия\nТекст.\n", lang="ru")
    assert bill.root[0].tag.endswith("bill")
    act = akn.parse("Article 1\nTitle\nText.\n", lang="en", doctype="bill")
    assert act.root[0].tag.endswith("bill")


def test_output_is_deterministic():
    text = "Article 1\nTitle\n1. Text.\n"
    assert akn.parse(text).xml == akn.parse(text).xml


def test_amendment_history_inside_a_line_goes_to_the_notes():
    doc = akn.parse("Статья 10. Сертификаты\n1. Действие сертификатов может быть приостановлено "
                    "(в ред. Федерального закона от 08.11.2007 N 258-ФЗ - Собрание законодательства, 2007, N 46).\n",
                    lang="ru", tradition="ru")
    para = find_all(doc.root, ".//a:paragraph")[0]
    assert text_of(para.find("a:content", NS)) == "Действие сертификатов может быть приостановлено."
    notes = find_all(doc.root, ".//a:meta/a:notes/a:note")
    assert text_of(notes[0]).startswith("(в ред. Федерального закона от 08.11.2007 N 258-ФЗ")
    assert para.find("a:num/a:noteRef", NS).get("href") == "#" + notes[0].get("eId")


def test_indents_are_counted_not_numbered():
    root = parse("Article 1\nTitle\n1. The following:\n\u2014 first indent;\n\u2014 second indent.\n",
                 lang="en", tradition="eu")
    assert eids(root, "indent") == ["art_1__para_1__indent_1", "art_1__para_1__indent_2"]


def test_official_publication_named_in_the_title_block():
    doc = akn.parse("REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL\n\nof 27 April 2016\n\n"
                    "(OJ L 119, 4.5.2016, p. 1)\n\nArticle 1\nSubject\nText.\n")
    pub = doc.root.find(".//a:meta/a:publication", NS)
    assert (pub.get("date"), pub.get("name"), pub.get("number")) == ("2016-05-04", "L", "119")


def test_a_repeated_number_is_reported_at_its_line():
    doc = akn.parse("Article 7\nOne\nText.\nArticle 7\nTwo\nText.\n", lang="en", tradition="eu", source="x.txt")
    warning = next(w for w in doc.warnings if w.code == "duplicate-number")
    assert (warning.source, warning.line) == ("x.txt", 4)
