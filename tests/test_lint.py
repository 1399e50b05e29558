"""akn lint: each planted defect found at its line, nothing on the clean originals; the command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from akn.cli import cli
from akn.lint import CHECKS, lint_file, lint_text, register

LINT = Path(__file__).parent / "fixtures" / "lint"


def expected_rows():
    rows = []
    for line in (LINT / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, check, lineno, col = line.split("\t")
        rows.append((name, check, int(lineno), int(col)))
    return rows


CLEAN = sorted(p.name for p in LINT.glob("*_clean*.txt"))


@pytest.mark.parametrize("name", CLEAN)
def test_clean_originals_give_nothing(name):
    assert lint_file(LINT / name) == []


@pytest.mark.parametrize("name, check, line, col", expected_rows())
def test_planted_defect_found_at_its_line(name, check, line, col):
    found = lint_file(LINT / name)
    assert [(d.code, d.line, d.col) for d in found] == [(check, line, col)], [d.format(False) for d in found]
    assert found[0].severity == CHECKS[check].severity
    assert found[0].source.endswith(name)


def test_every_check_has_a_planted_defect():
    planted = {check for _n, check, _l, _c in expected_rows()}
    # "parse" reports the parser's own warnings; the others each have a broken act
    assert set(CHECKS) - planted == {"parse"}


def test_each_broken_file_differs_from_a_clean_original_by_one_edit():
    import difflib
    for name, _check, _line, _col in expected_rows():
        broken = (LINT / name).read_text(encoding="utf-8").splitlines()
        best = min(CLEAN, key=lambda c: sum(1 for d in difflib.ndiff(
            (LINT / c).read_text(encoding="utf-8").splitlines(), broken) if d[:1] in "+-"))
        clean = (LINT / best).read_text(encoding="utf-8").splitlines()
        changed = [d for d in difflib.ndiff(clean, broken) if d[:1] in "+-"]
        assert 1 <= len(changed) <= 6, (name, changed)   # one edit: a line changed, or two lines swapped/added


def test_disable():
    text = (LINT / "eu_gap.txt").read_text(encoding="utf-8")
    assert [d.code for d in lint_text(text)] == ["numbering-gap"]
    assert lint_text(text, disable=["numbering-gap"]) == []
    with pytest.raises(ValueError):
        lint_text(text, disable=["no-such-check"])


def test_checks_keep_their_ids_in_order():
    assert list(CHECKS) == ["numbering-gap", "numbering-duplicate", "numbering-order", "numbering-mixed",
                            "ref-missing", "term-unused", "term-undefined", "intro-punctuation", "empty-unit",
                            "editorial-note", "parse"]


@pytest.fixture
def shouting_check():
    """A check added from outside the package: every article heading written in capitals."""
    def shouting(linter):
        for el in linter.units:
            heading = el.find(f"{{{linter.root.nsmap[None]}}}heading")
            if heading is not None and heading.text and heading.text.isupper():
                yield linter.at_unit("heading-capitals", "the heading is in capitals", el)
    check = register("heading-capitals", "warning", "a heading written in capitals", shouting)
    yield check
    del CHECKS[check.id]


def test_a_registered_check_runs_and_can_be_disabled(shouting_check):
    text = "Article 1\nSCOPE\n1. One.\n\nArticle 2\nDefinitions\n1. Two.\n"
    found = lint_text(text, lang="en", tradition="eu")
    assert [(d.code, d.line, d.severity) for d in found] == [("heading-capitals", 1, "warning")]
    assert lint_text(text, lang="en", tradition="eu", disable=["heading-capitals"]) == []
    with pytest.raises(ValueError, match="already registered"):
        register("heading-capitals", "warning", "again", shouting_check.run)


def test_bytes_in_another_encoding():
    data = (LINT / "kz_ru_gap.txt").read_text(encoding="utf-8").encode("cp1251")
    assert [(d.code, d.line) for d in lint_text(data, source="x.txt")] == [("numbering-gap", 27)]


def test_crlf_and_indentation_keep_lines_and_columns():
    text = (LINT / "eu_ref_missing.txt").read_text(encoding="utf-8")
    shifted = "\r\n".join("    " + line for line in text.split("\n"))
    found = lint_text(shifted)
    assert [(d.code, d.line, d.col) for d in found] == [("ref-missing", 71, 120)]


# -- the command ---------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(cli, ["lint", *args])


def test_cli_text_output_and_exit_status():
    result = run(str(LINT / "eu_gap.txt"))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first == (f"{LINT / 'eu_gap.txt'}:63:1: error: '4.' follows number 2: 1 number missing "
                     f"[numbering-gap]")
    assert run(str(LINT / "eu_clean.txt")).exit_code == 0


def test_cli_warnings_alone_exit_0():
    result = run(str(LINT / "eu_term_unused.txt"))
    assert result.exit_code == 0 and "[term-unused]" in result.output


def test_cli_json():
    result = run("--format", "json", str(LINT / "kz_kk_ref_missing.txt"), str(LINT / "kz_clean_kk.txt"))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["code"], d["line"], d["col"], d["severity"]) for d in data] == [("ref-missing", 35, 12, "error")]
    assert data[0]["source"].endswith("kz_kk_ref_missing.txt")


def test_cli_disable_and_usage_errors():
    assert run("--disable", "numbering-gap", str(LINT / "eu_gap.txt")).exit_code == 0
    assert run("--disable", "numbering-gap,ref-missing", str(LINT / "eu_gap.txt")).exit_code == 0
    bad = run("--disable", "nope", str(LINT / "eu_gap.txt"))
    assert bad.exit_code == 2 and "unknown check id nope" in bad.output
    assert run().exit_code == 2


def test_cli_unreadable_file_is_data_error(tmp_path):
    result = run(str(tmp_path / "missing.txt"))   # a path that does not exist: bad usage, as in every command
    assert result.exit_code == 2 and "does not exist" in result.output and "Traceback" not in result.output
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run(str(empty))
    assert result.exit_code == 1 and "empty" in result.output


def test_cli_list_checks():
    result = run("--list-checks")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == list(CHECKS)


@pytest.mark.parametrize("text, expected", [
    ("Article 1\nOne\nText one.\nArticle 7\nSeven\nText seven.\nArticle 7\nSeven again\nText.\n",
     [("numbering-gap", 4), ("numbering-duplicate", 7)]),
    ("Article 1\nScope\n1. It applies to:\n(a) one;\n(c) three.\n", [("numbering-gap", 5)]),
    ("Article 1\nScope\n1. It applies to:\n(a) these:\n(i) one;\n(ii) two;\n(iv) four.\n", [("numbering-gap", 7)]),
    ("Article 1\nScope\n1. It applies to:\n(h) eight;\n(i) nine;\n(j) ten.\n", []),
])
def test_numbering_cases(text, expected):
    found = lint_text(text, lang="en", tradition="eu", disable=["numbering-mixed"])
    assert [(d.code, d.line) for d in found] == expected
