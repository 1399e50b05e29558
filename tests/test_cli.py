"""The ``akn`` command as a user runs it: a real process, real files, exit codes, messages."""
import json
import os
import resource
import subprocess
import sys

import click
import pytest

from akn.cli import COMMANDS, cli
from conftest import FIXTURES

AKN = [sys.executable, "-m", "akn"]


def run(*args, input=None, limit_mb=None, cwd=None):
    def limit():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 2**20, limit_mb * 2**20))
    return subprocess.run([*AKN, *args], input=input, capture_output=True, preexec_fn=limit, cwd=cwd, timeout=120)


def test_parse_to_stdout_and_to_a_file(tmp_path):
    out = run("parse", str(FIXTURES / "eu_regulation.txt"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"<?xml") and b"<akomaNtoso" in out.stdout
    target = tmp_path / "out.xml"
    assert run("parse", str(FIXTURES / "eu_regulation.txt"), "-o", str(target)).returncode == 0
    assert target.read_bytes() == out.stdout


def test_parse_reads_stdin_and_options():
    text = "Статья 1. Понятия\n1) термин – значение.\n".encode("cp1251")
    out = run("parse", "-", "--lang", "ru", "--frbr-uri", "/akn/kz/act/2025-11-17/230-VIII", input=text)
    assert out.returncode == 0, out.stderr
    assert b'FRBRuri value="/akn/kz/act/2025-11-17/230-VIII/rus@2025-11-17"' in out.stdout


def test_json_reports_metadata_and_warnings_on_stderr():
    out = run("parse", "-", "--json", "--lang", "en", input=b"Loose text.\nArticle 1\nTitle\nText.\n")
    report = json.loads(out.stderr)
    assert report["lang"] == "eng" and report["frbr_uri"].startswith("/akn/")
    assert {w["code"] for w in report["warnings"]} >= {"no-date"}


def test_warnings_point_at_the_line():
    out = run("parse", "-", "--lang", "en", "--tradition", "eu",
              input=b"Article 1\nTitle\nText.\n\nCHAPTER II\nHeading\nA loose line in a chapter.\nArticle 2\nT\nX.\n")
    assert out.returncode == 0
    assert b"<stdin>:7:1: warning:" not in out.stderr or b"A loose line" in out.stderr


@pytest.mark.parametrize("data, message", [
    (b"", b"the file is empty"),
    (b"\x00\x01\x02\x03" * 1000, b"binary file"),
    (b"  \n \n\t\n", b"only blank space"),
])
def test_bad_data_gets_a_message_exit_1_and_no_traceback(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    out = run("parse", str(path))
    assert out.returncode == 1
    assert message in out.stderr
    assert str(path).encode() in out.stderr
    assert b"Traceback" not in out.stderr


def test_a_50_mb_single_line_file_is_refused_within_bounded_memory(tmp_path):
    path = tmp_path / "one-line.txt"
    with open(path, "wb") as handle:
        chunk = b"word " * 200_000
        for _ in range(50):
            handle.write(chunk)
    out = run("parse", str(path), limit_mb=1200)
    assert out.returncode == 1, out.stderr[-500:]
    assert b":1:1:" in out.stderr and b"characters long" in out.stderr
    assert b"Traceback" not in out.stderr and b"MemoryError" not in out.stderr


def test_garbage_text_is_kept_with_warnings_not_a_crash(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_text("}{ ~~ @@@ 12)) ((( ]] asdf qwer\n###\n(((())))\n" * 50, encoding="utf-8")
    out = run("parse", str(path))
    assert out.returncode == 0, out.stderr
    assert b"asdf qwer" in out.stdout and b"warning" in out.stderr


def test_missing_file_and_bad_usage():
    missing = run("parse", "/nonexistent/act.txt")   # a path that does not exist is bad usage, in every command
    assert missing.returncode == 2 and b"does not exist" in missing.stderr
    usage = run("parse", str(FIXTURES / "eu_regulation.txt"), "--doctype", "decree")
    assert usage.returncode == 2
    bad_uri = run("parse", str(FIXTURES / "eu_regulation.txt"), "--frbr-uri", "not-a-uri")
    assert bad_uri.returncode == 2 and b"FRBR URI" in bad_uri.stderr
    assert run("no-such-command").returncode == 2


def test_validate_command(tmp_path):
    good = tmp_path / "good.xml"
    good.write_bytes(run("parse", str(FIXTURES / "uk_act.txt")).stdout)
    ok = run("validate", str(good))
    assert ok.returncode == 0 and b"valid" in ok.stdout
    bad = tmp_path / "bad.xml"
    bad.write_bytes(good.read_bytes().replace(b"<num>(1)</num>", b"<nom>(1)</nom>", 1))
    out = run("validate", str(good), str(bad))
    assert out.returncode == 1
    assert f"{bad}:".encode() in out.stderr and b"error:" in out.stderr
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<akomaNtoso>\n  <act>\n</akomaNtoso>\n")
    out = run("validate", str(broken))
    assert out.returncode == 1 and f"{broken}:3:".encode() in out.stderr


def test_validate_refuses_a_schema_element_that_is_not_a_document(tmp_path):
    """Every element of the XSD is global, so ``<b>`` alone passes the schema; it is not a document."""
    lone = tmp_path / "lone.xml"
    lone.write_bytes(b'<b xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">Article 1</b>')
    out = run("validate", str(lone))
    assert out.returncode == 1
    assert f"{lone}:1:0: error: the root element is 'b'; expected 'akomaNtoso'".encode() in out.stderr


def test_validate_does_not_resolve_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    evil = tmp_path / "evil.xml"
    evil.write_text(f'<!DOCTYPE a [<!ENTITY e SYSTEM "file://{secret}">]>'
                    '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&e;</akomaNtoso>')
    out = run("validate", str(evil))
    assert b"TOP-SECRET" not in out.stdout + out.stderr


def test_every_command_and_option_has_help():
    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert {"parse", "validate"} <= set(names)
    for name in names:
        command = cli.get_command(ctx, name)
        assert command.help and len(command.help) > 40, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"akn {name} {param.opts[0]} has no help"
    top = run("--help")
    assert top.returncode == 0 and b"parse" in top.stdout
    for name in names:
        assert run(name, "--help").returncode == 0


def test_parse_does_not_import_the_heavy_parts():
    code = ("import sys, akn; akn.parse('Article 1\\nT\\nX.\\n');"
            "print(sorted(m for m in ('rdflib', 'jinja2', 'dask', 'pyoxigraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_command_registry_names_modules_that_exist():
    import importlib.util
    missing = [m for m in COMMANDS.values() if importlib.util.find_spec(m) is None]
    assert not missing, missing


def test_no_passes_gives_structure_only():
    with_passes = run("parse", str(FIXTURES / "us_act.txt"))
    without = run("parse", str(FIXTURES / "us_act.txt"), "--no-passes")
    assert b"<ref " in with_passes.stdout and b"<ref " not in without.stdout
    assert without.stdout.count(b"eId=") == with_passes.stdout.count(b"eId=") - with_passes.stdout.count(b"<TLCTerm")


@pytest.mark.parametrize("body", ["import a_module_that_does_not_exist\n", "raise ImportError('broken on purpose')\n"])
def test_a_command_that_cannot_import_fails_loudly(tmp_path, body):
    """A command whose module is missing or broken is an error, never a command silently left out of help."""
    (tmp_path / "akn_broken_command.py").write_text(body)
    code = ("import sys; from akn import cli; cli.COMMANDS['broken'] = 'akn_broken_command';"
            "sys.exit(cli.main(sys.argv[1:]))")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    for args in (["broken"], ["--help"]):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        assert out.returncode != 0, args
        assert "akn broken: the command's module akn_broken_command cannot be imported" in out.stderr, out.stderr
