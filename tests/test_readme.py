"""The README stays true: every command is documented, the two fresh-machine commands exist."""
import re

from akn.cli import COMMANDS
from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_cli_reference():
    for name in COMMANDS:
        assert f"`akn {name} " in README, name


def test_the_test_command_is_what_ci_runs():
    assert "bash .ci/run" in README
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^pytest -q$", ci, re.M)
    assert re.search(r"^ruff check \.$", ci, re.M) and re.search(r"^mypy$", ci, re.M)


def test_the_main_command_uses_things_that_exist():
    command = next(line for line in README.splitlines() if line.startswith("python3 -m venv") and "batch" in line)
    assert "akn batch examples" in command
    assert (REPO / "examples").is_dir() and any((REPO / "examples").glob("*.txt"))
    name = re.search(r"--name (\S+)", command).group(1)
    assert (REPO / "ontology" / "queries" / f"{name}.rq").is_file()


def test_linked_documents_exist():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (REPO / target).exists(), target
