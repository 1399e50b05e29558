"""``akn batch`` with the real parser: a generated corpus with broken files,
the shared corpus, SIGKILL and Ctrl-C in the middle of a run, every format."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need
from test_batch import tree_bytes

from akn.atomic import TMP_SUFFIX
from akn.batch import Batch
from akn.batch.manifest import Manifest

AKN = [sys.executable, "-m", "akn"]
TWIN = SHARED / "bench" / "twin_act.py"
CORPUS_RU = SHARED / "corpus" / "kz_digital_assets_law_2023_193-VII_ru.txt"


def make_corpus(dest: Path, count: int, max_articles: int = 4) -> Path:
    need(TWIN)
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import make_corpus
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    make_corpus.main([str(dest), "--count", str(count), "--max-articles", str(max_articles),
                      "--twin", str(TWIN)])
    return dest


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """24 generated acts in four encodings plus the nine broken files."""
    return make_corpus(tmp_path_factory.mktemp("corpus") / "src", 24, max_articles=10)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, small_corpus) -> Path:
    """An uninterrupted run of the CLI over the small corpus."""
    out = tmp_path_factory.mktemp("reference") / "out"
    r = subprocess.run(AKN + ["batch", str(small_corpus), "-o", str(out), "-q", "-j", "2"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr          # the broken files fail
    return out


def converted(journal: Path) -> int:
    """Inputs the manifest journal shows as converted (complete lines only)."""
    if not journal.exists():
        return 0
    n = 0
    for line in journal.read_bytes().split(b"\n")[:-1]:
        try:
            n += json.loads(line)["status"] != "error"
        except ValueError:
            pass
    return n


def descendants(pid: int) -> list[int]:
    """Every process below *pid* (Linux /proc); the workers of a batch."""
    if not Path("/proc").is_dir():
        return []
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kinds(corpus: Path) -> dict[str, str]:
    rows = (line.split("\t") for line in (corpus / "corpus.tsv").read_text().splitlines()[1:])
    return {row[0]: row[1] for row in rows}


def test_every_good_file_converts_and_every_bad_one_is_reported(small_corpus, corpus, tmp_path):
    from akn import validate
    out = tmp_path / "out"
    report = tmp_path / "report.jsonl"
    r = subprocess.run(AKN + ["batch", str(small_corpus), str(corpus), "-o", str(out),
                              "--report", str(report), "-j", "2"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1
    lines = {d["rel"]: d for d in map(json.loads, report.read_text().splitlines())}
    expected = kinds(small_corpus)
    shared = sorted(p.name for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    assert sorted(lines) == sorted(list(expected) + shared)
    for rel, kind in expected.items():
        d = lines[rel]
        if kind == "good":
            assert d["status"] in ("ok", "warning"), (rel, d["errors"])
            xml = Path(d["outputs"]["xml"]).read_bytes()
            assert validate(xml) == [], rel
            assert d["lang"] == "eng"
        elif kind != "truncated":          # a truncated text may still be a (short) act
            assert d["status"] == "error", rel
            assert d["errors"][0]["message"], rel
            assert d["errors"][0]["message"] in r.stderr
    for name in shared:                   # the real acts: Russian, Kazakh, English
        assert lines[name]["status"] in ("ok", "warning"), (name, lines[name]["errors"])
        assert lines[name]["lang"] in ("eng", "rus", "kaz")
    assert {lines[n]["lang"] for n in shared} >= {"eng", "rus", "kaz"}
    # empty, binary and mis-encoded files name their problem
    reasons = {rel: lines[rel]["errors"][0]["message"] for rel in expected if "broken/" in rel
               and lines[rel]["errors"]}
    assert "empty" in reasons["broken/00-empty-1.txt"]
    assert "blank" in reasons["broken/00-blank-1.txt"]
    for name in ("binary-random.txt", "binary-gzip.txt", "binary-png.md"):
        assert "binary" in reasons[f"broken/00-{name}"], name
    for name in ("wrong-encoding-bom-cp1251.txt", "wrong-encoding-utf16bom-utf8.txt",
                 "truncated-utf16-odd.txt"):
        assert "is not valid UTF" in reasons[f"broken/00-{name}"], name
    assert f"{len(lines)} inputs:" in r.stderr.splitlines()[-1]


def test_sigkill_mid_run_then_resume_gives_identical_outputs(small_corpus, reference, tmp_path):
    out = tmp_path / "out"
    cmd = AKN + ["batch", str(small_corpus), "-o", str(out), "-q", "-j", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = out / ".akn-batch" / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if converted(journal) >= 3:       # the nine broken files come first (sorted paths)
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the batch finished before it could be killed"
    helpers = descendants(proc.pid)
    assert helpers                       # the pool's worker processes
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_at_kill = converted(journal)
    journaled = len(Manifest(out).load())
    assert 3 <= done_at_kill < 24
    # the worker processes die with the batch: nothing goes on writing behind our back
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in helpers if alive(pid)]
    partial = tree_bytes(out)
    want = tree_bytes(reference)
    # only complete files in the output tree, each identical to the reference run
    assert partial and len(partial) < len(want)
    assert not [p for p in out.rglob("*") if p.name.endswith(TMP_SUFFIX)
                and ".akn-batch" not in p.parts]
    assert {k: want[k] for k in partial} == partial
    # resume: converted inputs are skipped, the rest done; the tree equals the reference
    r = subprocess.run(cmd + ["--report", str(tmp_path / "r.jsonl")], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert tree_bytes(out) == want
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert sum(d["skipped"] for d in lines) == journaled     # the rest was converted
    assert not list((out / ".akn-batch" / "tmp").iterdir())


def test_ctrl_c_stops_cleanly_with_a_summary(small_corpus, reference, tmp_path):
    out = tmp_path / "out"
    cmd = AKN + ["batch", str(small_corpus), "-o", str(out), "-j", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    journal = out / ".akn-batch" / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= 4:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err.splitlines()[-1] and "Traceback" not in err
    partial = tree_bytes(out)
    want = tree_bytes(reference)
    assert {k: want[k] for k in partial} == partial
    # the lock was released and the journal kept: the next run finishes the job
    r = subprocess.run(cmd + ["-q"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "already up to date" in r.stderr
    assert tree_bytes(out) == want


def test_unchanged_rerun_skips_everything(small_corpus, reference, tmp_path):
    import shutil
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    results = list(Batch([small_corpus], out, jobs=2))
    good = [r for r in results if r.status != "error"]
    assert good and all(r.skipped for r in good)
    assert tree_bytes(out) == tree_bytes(reference)


@pytest.mark.parametrize("fmt,marker", [
    ("html", b"<html"), ("md", b"Article"), ("txt", b"Article"), ("ttl", b"@prefix")])
def test_other_formats(small_corpus, tmp_path, fmt, marker):
    out = tmp_path / "out"
    src = small_corpus / "eu" / "000"
    results = list(Batch([src], out, formats=f"xml,{fmt}", jobs=1))
    assert results and all(r.ok for r in results)
    for r in results:
        data = Path(r.outputs[fmt]).read_bytes()
        assert marker in data, r.outputs[fmt]
        assert Path(r.outputs["xml"]).exists()


def test_progress_bar_on_a_terminal_only(small_corpus, tmp_path):
    """With stderr on a terminal the bar shows counts, rate and ETA; --quiet hides it."""
    import pty
    outputs = {}
    for name, extra in (("tty", []), ("quiet", ["-q"])):
        master, slave = pty.openpty()
        proc = subprocess.Popen(AKN + ["batch", str(small_corpus / "eu"), "-o",
                                       str(tmp_path / name), "-j", "1", *extra],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:         # the terminal closed: the batch ended
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=120)
        os.close(master)
        outputs[name] = b"".join(chunks).decode("utf-8", "replace")
    assert "files/s" in outputs["tty"] and "ETA" in outputs["tty"] and "\r" in outputs["tty"]
    assert "12/12 [" in outputs["tty"] and "12 inputs: " in outputs["tty"]
    assert "files/s" not in outputs["quiet"] and "12 inputs: " in outputs["quiet"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(small_corpus, tmp_path):
    r = subprocess.run(AKN + ["batch", str(small_corpus / "eu"), "-o", str(tmp_path / "o"),
                              "-j", "1"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "files/s" not in r.stderr and "\r" not in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("12 inputs: ")


def test_graphs_loaded_into_a_store(small_corpus, tmp_path):
    from akn.store import Store
    src = small_corpus / "uk"
    paths = [str(p) for p in sorted(src.rglob("*.txt"))[:4]] + [str(need(CORPUS_RU))]
    r = subprocess.run(AKN + ["batch", *paths, "-o", str(tmp_path / "o"), "-q",
                              "--store", str(tmp_path / "db"), "--report",
                              str(tmp_path / "r.jsonl")], capture_output=True, text=True,
                       timeout=300)
    # the four generated acts all read "2026 CHAPTER 1" of 2 March 2026: one identity for four different
    # texts, which the batch reports (exit 1) instead of letting one overwrite the other in the store
    assert r.returncode == 1, r.stderr
    assert "3 identity collisions" in r.stderr.splitlines()[-1]
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    works = {line["frbr_uri"] for line in lines}
    graphs = [g for g in Store(tmp_path / "db").graphs() if "/akn/" in g]
    assert sum(bool(line["collides_with"]) for line in lines) == 3
    # one named graph per expression: the first of the four, and the Russian act
    assert len(works) == 2 and len(graphs) == 2
    assert sorted(w for w in works) == sorted(g[g.index("/akn/"):].rsplit("/", 1)[0] for g in graphs)
