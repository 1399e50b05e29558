"""Every grammar, ontology and template file reaches the installed package (STYLE.md section 7)."""
from importlib.resources import files
from pathlib import Path

from lark import Lark

from akn.lexer import LineLexer
from conftest import REPO


def test_every_grammar_file_is_installed():
    sources = list((REPO / "grammar").glob("*.lark"))
    assert sources
    for src in sources:
        assert files("akn.grammar").joinpath(src.name).is_file(), src.name


def test_every_ontology_file_is_installed():
    sources = [p for p in (REPO / "ontology").rglob("*") if p.suffix in (".ttl", ".tsv", ".rq")]
    assert sources
    for src in sources:
        rel = src.relative_to(REPO / "ontology")
        assert files("akn.ontology").joinpath(*rel.parts).is_file(), str(rel)


def test_every_template_is_installed():
    sources = [p for p in (REPO / "akn" / "templates").rglob("*") if p.is_file()]
    for src in sources:
        rel = src.relative_to(REPO / "akn")
        assert files("akn").joinpath(*rel.parts).is_file(), str(rel)


def test_every_subpackage_is_listed_in_setup_cfg():
    listed = {line.strip() for line in (REPO / "setup.cfg").read_text().split("packages =")[1]
              .split("package_dir")[0].splitlines() if line.strip()}
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "akn").rglob("__init__.py")}
    assert found <= listed, found - listed


def test_the_grammar_is_lalr_without_conflicts():
    # strict=True turns any shift/reduce conflict into an error
    Lark.open_from_package("akn.grammar", "act.lark", parser="lalr", lexer=LineLexer, strict=True)


def test_grammar_and_ontology_are_read_through_their_subpackages():
    assert Path(str(files("akn.grammar").joinpath("act.lark"))).name == "act.lark"
