"""Batch machinery: discovery, atomic writes, manifest, lock, report, executors.

These tests drive the batch with a small stand-in converter (defined below,
importable by worker processes) so that they pin the machinery itself; the
tests in test_batch_real.py run the same batch with the real parser.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from akn.atomic import TMP_SUFFIX, atomic_write
from akn.batch import (
    Batch,
    BatchError,
    BatchLocked,
    Converted,
    FormatUnavailable,
    discover,
)
from akn.batch.inputs import plan_outputs
from akn.batch.manifest import Lock, Manifest
from akn.errors import Diagnostic, InputError, ParseError


# -- a stand-in converter (module level, so worker processes can import it) --
def fake_converter(data: bytes, *, source: str, formats, options) -> Converted:
    """``<doc>TEXT</doc>``; empty/binary/undecodable input and BROKEN lines fail, 'odd' warns."""
    if not data:
        raise InputError("the file is empty", Diagnostic("the file is empty", source=source))
    if b"\0" in data:
        raise InputError("binary file", Diagnostic("binary data, not text", source=source))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError("bad bytes", Diagnostic("not UTF-8", line=line, col=col,
                                                 source=source)) from None
    warnings = []
    for n, line in enumerate(text.splitlines(), 1):
        if "BROKEN" in line:
            raise ParseError("broken", Diagnostic("cannot parse this line", line=n,
                                                  col=line.index("BROKEN") + 1, source=source,
                                                  context=line))
        if "odd" in line:
            warnings.append(Diagnostic("odd line kept as text", line=n, col=1, source=source,
                                       severity="warning", context=line))
        if "SLOW" in line:
            time.sleep(0.2)
    body = f"<doc lang='{options.get('lang') or 'eng'}'>{text}</doc>\n".encode()
    return Converted(outputs={fmt: body + fmt.encode() for fmt in formats}, warnings=warnings,
                     lang=options.get("lang") or "eng")


def crashing_converter(data: bytes, *, source: str, formats, options) -> Converted:
    """Kills its own worker process on CRASH, like a segfault in C code would."""
    if b"CRASH" in data:
        os.kill(os.getpid(), 9)
    return fake_converter(data, source=source, formats=formats, options=options)


def other_converter(data: bytes, *, source: str, formats, options) -> Converted:
    return Converted(outputs={fmt: b"other" for fmt in formats})


def make_tree(root: Path) -> Path:
    src = root / "src"
    (src / "eu" / "2016").mkdir(parents=True)
    (src / "kz").mkdir()
    (src / ".git").mkdir()
    (src / "eu" / "2016" / "gdpr.txt").write_text("Article 1\nScope\n")
    (src / "eu" / "dsa.md").write_text("Article 1\nodd line\n")
    (src / "kz" / "law.txt").write_text("Статья 1\n", encoding="utf-8")
    (src / "kz" / "broken.txt").write_text("Article 1\nthis is BROKEN here\n")
    (src / "kz" / "notes.pdf").write_bytes(b"%PDF")            # not matched by *.txt / *.md
    (src / ".git" / "config.txt").write_text("hidden")          # hidden folder: skipped
    (src / ".hidden.txt").write_text("hidden")
    return src


def run(src, out, **kw):
    kw.setdefault("converter", fake_converter)
    kw.setdefault("jobs", 1)
    batch = Batch(src if isinstance(src, list) else [src], out, **kw)
    return batch, {r.rel: r for r in batch}


# -- discovery -----------------------------------------------------------------
def test_discover_walks_folders_and_skips_hidden_and_unmatched(tmp_path):
    src = make_tree(tmp_path)
    rels = [i.rel for i in discover([src])]
    assert rels == ["eu/2016/gdpr.txt", "eu/dsa.md", "kz/broken.txt", "kz/law.txt"]


def test_discover_files_globs_and_patterns(tmp_path):
    src = make_tree(tmp_path)
    assert [i.rel for i in discover([src / "kz" / "notes.pdf"])] == ["notes.pdf"]
    assert [i.rel for i in discover([str(src / "eu" / "**" / "*.txt")])] == ["2016/gdpr.txt"]
    assert [i.rel for i in discover([src], ["kz/*"])] == ["kz/broken.txt", "kz/law.txt",
                                                          "kz/notes.pdf"]
    # the same file named twice is one input
    assert len(discover([src, src / "eu" / "dsa.md"])) == 4
    with pytest.raises(Exception, match="no such file"):
        discover([tmp_path / "missing"])
    with pytest.raises(Exception, match="matches no file"):
        discover([str(tmp_path / "*.nothing")])


def test_output_plan_mirrors_tree_and_avoids_collisions():
    plan = plan_outputs(["a/act.txt", "a/act.md", "a/law.txt", "a/act.txt.md"], ["xml", "txt"])
    assert plan["a/law.txt"] == {"xml": "a/law.xml", "txt": "a/law.txt"}
    outs = [p for o in plan.values() for p in o.values()]
    assert len(outs) == len(set(outs))          # nothing overwrites anything else


# -- atomic writes ---------------------------------------------------------------
def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "d" / "out.xml"
    atomic_write(target, b"old")
    atomic_write(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert [p.name for p in target.parent.iterdir()] == ["out.xml"]


def test_atomic_write_failure_keeps_previous_version(tmp_path):
    target = tmp_path / "out.xml"
    atomic_write(target, b"complete")
    with pytest.raises(TypeError):
        atomic_write(target, 12345)                     # fails while writing
    assert target.read_bytes() == b"complete"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TMP_SUFFIX)]


# -- a whole batch ---------------------------------------------------------------
def test_batch_converts_good_files_and_reports_bad_ones(tmp_path):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    batch, res = run(src, out, formats="xml,txt")
    assert {k: r.status for k, r in res.items()} == {
        "eu/2016/gdpr.txt": "ok", "eu/dsa.md": "warning", "kz/law.txt": "ok",
        "kz/broken.txt": "error"}
    assert (out / "eu" / "2016" / "gdpr.xml").read_bytes() == b"<doc lang='eng'>Article 1\nScope\n</doc>\nxml"
    assert (out / "kz" / "law.txt").read_bytes().endswith(b"txt")
    assert not (out / "kz" / "broken.xml").exists()
    err = res["kz/broken.txt"].errors[0]
    assert (err["line"], err["col"], err["message"]) == (2, 9, "cannot parse this line")
    warn = res["eu/dsa.md"].warnings[0]
    assert (warn["line"], warn["col"], warn["severity"]) == (2, 1, "warning")
    s = batch.summary
    assert (s.total, s.ok, s.warning, s.error, s.skipped) == (4, 2, 1, 1, 0)
    # only complete outputs and the state folder: no temporary files anywhere
    assert not [p for p in out.rglob("*") if p.name.endswith(TMP_SUFFIX)]


def test_rerun_skips_unchanged_and_redoes_what_changed(tmp_path):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    run(src, out)
    before = (out / "kz" / "law.xml").stat().st_mtime_ns
    _, res = run(src, out)
    assert all(r.skipped for r in res.values())
    # an unchanged bad file fails the same way: reported again from the manifest
    assert res["kz/broken.txt"].status == "error"
    assert res["kz/broken.txt"].errors[0]["line"] == 2
    assert res["eu/dsa.md"].status == "warning"          # warnings survive a skip
    assert res["eu/dsa.md"].warnings[0]["line"] == 2
    assert (out / "kz" / "law.xml").stat().st_mtime_ns == before
    # content change, deleted output, fixed file: converted again
    (src / "kz" / "law.txt").write_text("Статья 2\n", encoding="utf-8")
    (out / "eu" / "dsa.xml").unlink()
    (src / "kz" / "broken.txt").write_text("Article 1\nfixed\n")
    _, res = run(src, out)
    assert {k for k, r in res.items() if not r.skipped} == {"kz/law.txt", "eu/dsa.md",
                                                             "kz/broken.txt"}
    assert all(r.ok for r in res.values())
    assert "Статья 2".encode() in (out / "kz" / "law.xml").read_bytes()


def test_options_or_converter_change_invalidates_manifest(tmp_path):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    run(src, out)
    _, res = run(src, out, lang="kaz")
    assert not any(r.skipped for r in res.values())
    assert b"lang='kaz'" in (out / "kz" / "law.xml").read_bytes()
    _, res = run(src, out, lang="kaz", converter=other_converter)
    assert not any(r.skipped for r in res.values())
    _, res = run(src, out, lang="kaz", converter=other_converter, force=True)
    assert not any(r.skipped for r in res.values())


def test_manifest_ignores_torn_last_line(tmp_path):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    run(src, out)
    manifest = out / ".akn-batch" / "manifest.jsonl"
    lines = manifest.read_bytes().splitlines(keepends=True)
    assert len(lines) == 4                               # compacted: one line per input
    manifest.write_bytes(b"".join(lines[:-1]) + lines[-1][:25])   # killed mid-line
    torn = json.loads(lines[-1])["rel"]
    _, res = run(src, out)
    assert [rel for rel, r in res.items() if not r.skipped] == [torn]   # simply redone
    assert len(Manifest(out).load()) == 4


def test_fail_fast_stops_after_first_error(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(10):
        # same sizes: the batch takes the largest inputs first, equal ones in path order
        (src / f"a{i}.txt").write_text("BROKEN 22\n" if i == 2 else f"Article {i}\n")
    batch, res = run(src, tmp_path / "out", fail_fast=True)
    assert sorted(res) == ["a0.txt", "a1.txt", "a2.txt"]
    assert batch.summary.stopped_early and batch.summary.not_processed == 7


def test_second_batch_on_same_outdir_is_refused(tmp_path):
    src = make_tree(tmp_path)
    out = tmp_path / "out"
    with Lock(out):
        with pytest.raises(BatchLocked, match="another `akn batch` is already writing"):
            run(src, out)
    run(src, out)          # lock released: fine


def test_output_folder_may_not_overwrite_inputs(tmp_path):
    src = make_tree(tmp_path)
    with pytest.raises(BatchError, match="would overwrite an input"):
        run(src / "kz", src / "kz", formats="txt")


def test_unknown_format_is_refused():
    with pytest.raises(FormatUnavailable, match="unknown format 'pdf'"):
        Batch(["x"], "y", formats="xml,pdf")


def test_process_pool_gives_same_bytes_as_inline(tmp_path):
    src = make_tree(tmp_path)
    for i in range(12):
        (src / "eu" / f"extra{i}.txt").write_text(f"Article {i}\n" * (i + 1))
    _, one = run(src, tmp_path / "one", jobs=1)
    _, two = run(src, tmp_path / "two", jobs=2)
    assert {k: r.status for k, r in one.items()} == {k: r.status for k, r in two.items()}
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")


def test_a_dying_worker_costs_only_its_own_file(tmp_path):
    """The file that kills its worker is retried once, then reported; the rest convert."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):
        (src / f"a{i:02d}.txt").write_text("CRASH\n" if i == 5 else f"Article {i}\n")
    _, res = run(src, tmp_path / "out", jobs=2, converter=crashing_converter)
    assert len(res) == 12
    assert res["a05.txt"].status == "error"
    assert "died, twice" in res["a05.txt"].errors[0]["message"]
    assert all(r.status == "ok" for k, r in res.items() if k != "a05.txt")
    assert len(list((tmp_path / "out").glob("*.xml"))) == 11


def test_report_lines_and_cli_exit_codes(tmp_path, monkeypatch):
    """The CLI with the stand-in converter: report JSONL, exit status, summary."""
    from click.testing import CliRunner

    from akn.batch import core
    from akn.cli.batch import command

    src = make_tree(tmp_path)
    real_init = core.Batch.__init__

    def init(self, *a, **kw):
        kw["converter"] = fake_converter
        real_init(self, *a, **kw)

    monkeypatch.setattr(core.Batch, "__init__", init)
    report = tmp_path / "report.jsonl"
    result = CliRunner().invoke(
        command, [str(src), "-o", str(tmp_path / "out"), "--report", str(report), "-j", "1"])
    assert result.exit_code == 1, result.output + result.stderr
    assert "broken.txt:2:9: error: cannot parse this line" in result.stderr
    assert "4 inputs: 2 ok, 1 with warnings, 1 failed" in result.stderr
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    by_rel = {d["rel"]: d for d in lines}
    assert len(lines) == 4
    gdpr = by_rel["eu/2016/gdpr.txt"]
    assert gdpr["status"] == "ok"
    assert gdpr["sha256"] == hashlib.sha256(
        (src / "eu" / "2016" / "gdpr.txt").read_bytes()).hexdigest()
    assert gdpr["outputs"] == {"xml": str(tmp_path / "out" / "eu" / "2016" / "gdpr.xml")}
    assert gdpr["duration"] > 0 and gdpr["path"] == str(src / "eu" / "2016" / "gdpr.txt")
    assert by_rel["kz/broken.txt"]["errors"][0]["line"] == 2
    assert by_rel["eu/dsa.md"]["status"] == "warning"
    # everything good: exit 0
    (src / "kz" / "broken.txt").unlink()
    result = CliRunner().invoke(command, [str(src), "-o", str(tmp_path / "out"),
                                                          "-q", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "3 inputs: 2 ok, 1 with warnings, 0 failed (3 already up to date)" in result.stderr
    # an unchanged bad file is reported again, without converting it again
    (src / "kz" / "broken.txt").write_text("BROKEN\n")
    for _ in range(2):
        result = CliRunner().invoke(command, [str(src), "-o", str(tmp_path / "out"), "-j", "1"])
        assert result.exit_code == 1
        assert "broken.txt:1:1: error: cannot parse this line" in result.stderr


def test_cli_usage_errors(tmp_path):
    from click.testing import CliRunner

    from akn.cli.batch import command
    src = make_tree(tmp_path)
    r = CliRunner().invoke(command, [str(src), "-o", str(tmp_path / "o"),
                                                     "--formats", "xml,pdf"])
    assert r.exit_code == 2 and "unknown format 'pdf'" in r.stderr
    r = CliRunner().invoke(command, [str(tmp_path / "nope"), "-o", "o"])
    assert r.exit_code == 2 and "no such file or directory" in r.stderr
    r = CliRunner().invoke(command, [str(src), "-o", "o", "--scheduler", "tcp://x:1"])
    assert r.exit_code == 2 and "--scheduler needs --executor dask" in r.stderr


def test_unavailable_format_is_a_clear_usage_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from akn.batch import formats
    from akn.cli.batch import command
    monkeypatch.setitem(formats.NEEDS, "html", ("akn.not_built_yet", "render"))
    r = CliRunner().invoke(command, [str(make_tree(tmp_path)), "-o", "o",
                                                     "--formats", "xml,html"])
    assert r.exit_code == 2
    assert "format 'html' needs akn.not_built_yet.render, which is not available" in r.stderr


def test_lock_held_by_another_process_refuses_cli(tmp_path):
    """A real second process holds the lock; the CLI says so and exits 1."""
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from akn.batch.manifest import Lock; "
         f"l = Lock({str(out)!r}).acquire(); print('locked', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        r = subprocess.run([sys.executable, "-m", "akn", "batch", str(make_tree(tmp_path)), "-o",
                            str(out), "--formats", "xml"], capture_output=True, text=True,
                           timeout=60)
        assert r.returncode == 1
        assert "another `akn batch` is already writing to this output folder" in r.stderr
        assert f"pid {holder.pid}" in r.stderr
        assert "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.wait()


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every output file under *root* (the state folder aside) and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".akn-batch" not in p.parts}
