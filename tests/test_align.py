"""Language versions of one act: one work, the same eIds, mismatches reported with their lines."""
import subprocess
import sys

from lxml import etree

from akn.align import compare, parse_parallel
from akn.api import parse
from conftest import CORPUS, FIXTURES, need
from helpers import NS


def test_parallel_fixtures_align_and_share_one_work():
    docs, problems = parse_parallel([FIXTURES / "kz_law_ru.txt", FIXTURES / "kz_law_kk.txt"])
    assert problems == []
    assert {d.frbr_uri for d in docs} == {"/akn/kz/act/2025-11-17/230-VIII"}
    assert [d.lang for d in docs] == ["rus", "kaz"]


def test_order_of_definitions_is_not_a_mismatch_but_a_missing_unit_is():
    ru = parse("Статья 1. Понятия\n1) а;\n2) б;\n2-1) в.\n", lang="ru", source="ru.txt")
    kk = parse("1-бап. Ұғымдар\n2) б;\n1) а.\n", lang="kk", source="kk.txt")
    problems = compare([ru, kk])
    assert len(problems) == 1
    assert problems[0].source == "ru.txt" and problems[0].line == 4
    assert "art_1__point_2-1" in problems[0].message


def test_digital_assets_law_editions_differ_by_article_11_1():
    ru, kk = need(CORPUS / "kz_digital_assets_law_2023_193-VII_ru.txt"), CORPUS / "kz_digital_assets_law_2023_193-VII_kk.txt"
    docs, problems = parse_parallel([ru, kk], frbr_uri="/akn/kz/act/2023-02-06/193-VII")
    assert {d.frbr_uri for d in docs} == {"/akn/kz/act/2023-02-06/193-VII"}
    messages = [(p.source, p.line, p.message) for p in problems]
    assert (str(kk), 509, messages[0][2]) == messages[0] and "art_11-1" in messages[0][2]
    assert len(problems) == 1
    # the articles both editions have carry the same eIds
    ids = [{a.get("eId") for a in d.root.iterfind(".//a:article", NS)} for d in docs]
    assert ids[1] - ids[0] == {"chp_3__art_11-1"}


def test_cli_writes_two_expressions_of_one_work(tmp_path):
    out = subprocess.run([sys.executable, "-m", "akn", "parse", str(FIXTURES / "kz_law_ru.txt"),
                          str(FIXTURES / "kz_law_kk.txt"), "--same-work", "-o", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "0 unit(s) without a counterpart" in out.stderr
    works = set()
    for name, lang in (("kz_law_ru.xml", "rus"), ("kz_law_kk.xml", "kaz")):
        root = etree.parse(str(tmp_path / name)).getroot()
        works.add(root.find(".//a:FRBRWork/a:FRBRuri", NS).get("value"))
        assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == lang
    assert works == {"/akn/kz/act/2025-11-17/230-VIII"}


def test_several_files_need_an_output_directory():
    out = subprocess.run([sys.executable, "-m", "akn", "parse", str(FIXTURES / "kz_law_ru.txt"),
                          str(FIXTURES / "kz_law_kk.txt")], capture_output=True, text=True)
    assert out.returncode == 2 and "-o DIRECTORY" in out.stderr
