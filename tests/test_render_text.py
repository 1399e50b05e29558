"""Plain text that parses back: text -> XML -> text -> XML gives the same XML.

For every plain-text fixture, example and shared plain-text act, the XML
parsed from our own rendering must equal the XML parsed from the original
text (after canonicalisation).
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from lxml import etree

import akn
from conftest import FIXTURES, REPO

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TEXT_FIXTURES = sorted(FIXTURES.glob("*.txt"))
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
SHARED_OK = ["eu_gdpr_2016_679_oj_en.txt", "kz_digital_assets_law_2023_193-VII_ru.txt",
             "kz_digital_assets_law_2023_193-VII_kk.txt", "ru_air_code_1997_60-FZ_ru.txt",
             "in_protection_of_women_from_domestic_violence_act_2005_en.md",
             "kz_aquaculture_law_2025_ru.md", "kz_aquaculture_law_2025_kk.md"]


def canonical(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def round_trip(path: Path):
    first = akn.parse(path.read_bytes(), source=path.name)
    text = akn.render(first, to="txt")
    second = akn.parse(text, source=path.name)
    return first, text, second


def explain(first, second) -> str:
    diff = difflib.unified_diff(first.xml.decode().splitlines(), second.xml.decode().splitlines(),
                                "first parse", "parse of the rendering", lineterm="", n=1)
    return "\n".join(list(diff)[:40])


@pytest.mark.parametrize("path", TEXT_FIXTURES + EXAMPLES, ids=lambda p: p.name)
def test_round_trip_of_fixtures_and_examples(path):
    first, text, second = round_trip(path)
    assert canonical(first.xml) == canonical(second.xml), explain(first, second)
    assert akn.render(second, to="txt") == text                  # and the text is stable


@pytest.mark.parametrize("name", SHARED_OK)
def test_round_trip_of_shared_plain_text_acts(name, corpus):
    first, _, second = round_trip(corpus / name)
    assert canonical(first.xml) == canonical(second.xml), explain(first, second)


def lines_of(path: Path) -> list[str]:
    return akn.render(akn.parse(path.read_bytes()), to="txt").splitlines()


def test_acts_numbered_without_words_keep_markdown_headings(corpus):
    """Chapters numbered "I" (not "CHAPTER I") come from Markdown; only Markdown
    headings make them chapters again."""
    lines = lines_of(corpus / "in_protection_of_women_from_domestic_violence_act_2005_en.md")
    assert "## I - Preliminary" in lines
    assert "### 1. Short title, extent and commencement.—" in lines
    i = lines.index("#### (1)")
    assert lines[i + 1].startswith("This Act may be called")


def test_layout_follows_each_drafting_tradition():
    eu = lines_of(FIXTURES / "eu_regulation.txt")
    i = eu.index("Article 1")
    assert eu[i + 1] == "Subject-matter" and eu[i + 2] == ""        # heading on the next line
    assert any(line.startswith("1.   ") for line in eu)          # the OJ's three spaces
    assert "CHAPTER I" in eu and "ANNEX I" in eu
    uk = lines_of(FIXTURES / "uk_act.txt")
    assert uk[uk.index("PART 1") + 1] == "Consent"
    i = uk.index("1 Requirement for consent")
    assert uk[i + 1].startswith("(1) A school") and uk[i + 2].startswith("(2) ")  # no blank lines
    us = lines_of(FIXTURES / "us_act.txt")
    assert any(line.startswith("(1) FACIAL RECOGNITION.—The term") for line in us)
    ru = lines_of(FIXTURES / "kz_law_ru.txt")
    assert "Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ" in ru
    assert "Статья 1. Основные понятия, используемые в настоящем Законе" in ru
    assert any(line.startswith("1) биометрические данные") for line in ru)
    # an editorial footnote of an article is written after the article, as published
    i = ru.index("Статья 2. Запрет распознавания лиц в общественных местах")
    j = ru.index("Статья 2-1. Права субъекта биометрических данных")
    assert any(line.startswith("Сноска. Статья 2") for line in ru[i:j])
    kk = lines_of(FIXTURES / "kz_law_kk.txt")
    assert "1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР" in kk
    assert any(line.startswith("1-бап. ") for line in kk)


def test_plain_text_of_a_foreign_act_keeps_its_text(corpus):
    src = corpus / "us_act_2011-11-29_public_law_112-61.akn.xml"
    text = " ".join(akn.render(src, to="txt").split())
    root = etree.parse(str(src)).getroot()
    for el in root.iter(f"{{{AKN}}}heading", f"{{{AKN}}}p"):
        if any(etree.QName(a).localname in ("meta", "authorialNote") for a in el.iterancestors()):
            continue
        own = [el.text or ""] + [c.tail or "" for c in el]
        for piece in own:
            piece = " ".join(piece.split())
            if piece:
                assert piece in text


def test_cli_renders_plain_text_that_parses_back(tmp_path):
    from click.testing import CliRunner

    from akn.cli import cli
    src = FIXTURES / "kz_law_ru.txt"
    xml = tmp_path / "law.xml"
    xml.write_bytes(akn.parse(src.read_bytes()).xml)
    result = CliRunner().invoke(cli, ["render", str(xml), "-o", str(tmp_path / "law.txt")])
    assert result.exit_code == 0, result.output
    again = akn.parse((tmp_path / "law.txt").read_bytes())
    assert canonical(again.xml) == canonical(xml.read_bytes())


@pytest.mark.parametrize("style", ["eu", "uk"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_round_trip_of_generated_acts(style, seed, tmp_path):
    """Acts drawn at random (chapters, articles, paragraphs, points) by the shared
    twin-act generator, in the EU and UK layouts."""
    import subprocess
    import sys

    from conftest import SHARED, need
    twin = need(SHARED / "bench" / "twin_act.py")
    out = tmp_path / f"{style}-{seed}.txt"
    subprocess.run([sys.executable, str(twin), "--articles", "12", "--style", style,
                    "--seed", str(seed), "-o", str(out)], check=True)
    first, _, second = round_trip(out)
    assert canonical(first.xml) == canonical(second.xml), explain(first, second)
