"""Real-world layout noise gives the same document as the clean text."""
import re

import pytest

import akn
from conftest import FIXTURES


def structure(doc):
    return [(el.tag.split("}")[1], el.get("eId"), el.get("status"))
            for el in doc.root.iter() if el.get("eId") and not el.get("eId").startswith("note")]


def words(doc):
    body = doc.root.find(".//{*}body")
    return " ".join("".join(body.itertext()).split())


CLEAN = {name: (FIXTURES / f"{name}.txt").read_text(encoding="utf-8") for name in ("kz_law_ru", "kz_law_kk")}


def indent_every_line(text):
    return "\n".join("      " + line for line in text.splitlines())


def blank_after_every_line(text):
    return "\n\n".join(text.splitlines())


def crlf(text):
    return text.replace("\n", "\r\n")


def justified(text):
    return "\n".join(re.sub(r" (?=\S)", "   ", line, count=3) for line in text.splitlines())


def markdown(text):
    out = []
    for line in text.splitlines():
        s = line.strip()
        if re.match(r"(Глава|\d+-тарау)", s):
            out.append("## " + s)
        elif re.match(r"(Статья|\d+(-\d+)?-бап)", s):
            out.append("**" + s + "**")
        elif re.match(r"(Сноска|Ескерту)", s):
            out.append("> *" + s + "*")
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("name", sorted(CLEAN))
@pytest.mark.parametrize("noise", [indent_every_line, blank_after_every_line, crlf, justified, markdown])
def test_noise_does_not_change_the_document(name, noise):
    clean = akn.parse(CLEAN[name])
    noisy = akn.parse(noise(CLEAN[name]))
    assert structure(noisy) == structure(clean)
    assert words(noisy) == words(clean)


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_windows_1251_and_utf16_files(name):
    clean = akn.parse(CLEAN[name])
    for codec in (["cp1251"] if name == "kz_law_ru" else []) + ["utf-16", "utf-8-sig"]:
        assert structure(akn.parse(CLEAN[name].encode(codec))) == structure(clean)


def test_heading_wrapped_onto_a_second_line():
    text = "Статья 4. Ответственность за нарушение\nзаконодательства о биометрии\n\n1. Текст.\n"
    doc = akn.parse(text, lang="ru")
    heading = doc.root.find(".//{*}article/{*}heading")
    assert heading.text == "Ответственность за нарушение законодательства о биометрии"


def test_hard_wrapped_paragraphs_are_joined():
    text = ("Статья 1. Понятия\n\n      1. Обработка биометрических\nданных допускается только с\n"
            "согласия субъекта.\n\n      2. Второй пункт.\n")
    doc = akn.parse(text, lang="ru")
    paras = doc.root.findall(".//{*}paragraph")
    assert " ".join(paras[0].itertext()).split() == "1. Обработка биометрических данных допускается только с согласия субъекта.".split()
    assert len(paras) == 2


def test_legacy_kazakh_spelling_with_latin_i():
    legacy = CLEAN["kz_law_kk"].replace("і", "i").replace("ЖАЛПЫ ЕРЕЖЕЛЕР", "ЖАЛПЫ ЕРЕЖЕЛЕР")
    clean = akn.parse(CLEAN["kz_law_kk"])
    doc = akn.parse(legacy)
    assert doc.lang == "kaz"
    assert structure(doc) == structure(clean)
    part = akn.parse("1-бөлiм. Жалпы ережелер\n1-бап. Ұғымдар\nМәтiн.\n", lang="kk")
    assert part.root.find(".//{*}part").get("eId") == "part_1"


def test_lines_indented_less_than_their_paragraph_continue_it():
    # fixed-width layout: a paragraph's first line is indented further than the lines it wraps onto
    text = ("          Статья 3. Права\n\n          1. Оператор уведомляет Министерство\n"
            "     Внутренних Дел о применении\n     Системы распознавания.\n\n          2. Второй пункт.\n")
    doc = akn.parse(text, lang="ru")
    paras = doc.root.findall(".//{*}paragraph")
    assert len(paras) == 2
    assert paras[0].find(".//{*}p").text == "Оператор уведомляет Министерство Внутренних Дел о применении Системы распознавания."
