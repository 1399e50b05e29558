"""The batch on dask.distributed: a LocalCluster, and a scheduler and a worker
started as separate processes on 127.0.0.1; outputs byte-identical to the
local executor's."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="dask.distributed is not installed (extra 'dask')")

from test_batch import fake_converter, make_tree, tree_bytes
from test_batch_real import AKN, make_corpus

from akn.batch import Batch

HERE = Path(__file__).resolve().parent


def corpus(tmp_path: Path) -> Path:
    src = make_tree(tmp_path)
    for i in range(10):
        (src / "eu" / f"act{i}.txt").write_text(f"Article {i}\nodd\n" * (i + 1))
    (src / "eu" / "empty.txt").write_bytes(b"")
    (src / "eu" / "binary.txt").write_bytes(b"\x00\x01\x02")
    return src


def results(batch) -> dict:
    return {r.rel: (r.status, r.skipped, [(e["line"], e["col"], e["message"]) for e in r.errors])
            for r in batch}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_local_cluster_matches_local_executor_with_the_real_parser(tmp_path):
    src = make_corpus(tmp_path / "src", 16)
    formats = "xml,html,md,txt,ttl"
    local = results(Batch([src], tmp_path / "local", jobs=2, formats=formats))
    failed = {rel for rel, (status, _, _) in local.items() if status == "error"}
    assert failed and all(rel.startswith("broken/") for rel in failed)
    # workers writing the files themselves (the LocalCluster default) and workers
    # exchanging bytes with the client: both give the local executor's bytes
    for shared in (None, False):
        out = tmp_path / f"dask-{shared}"
        got = results(Batch([src], out, jobs=2, formats=formats, executor="dask",
                            shared_fs=shared))
        assert got == local
        assert tree_bytes(out) == tree_bytes(tmp_path / "local")
    # the manifest written by a dask run makes the next run a no-op
    again = results(Batch([src], out, jobs=2, formats=formats, executor="dask"))
    assert all(skipped for _, skipped, _ in again.values())


@pytest.mark.slow
def test_separate_scheduler_and_worker_processes(tmp_path):
    """`dask scheduler` and `dask worker` as their own processes on 127.0.0.1."""
    src = corpus(tmp_path)
    port = free_port()
    bindir = Path(sys.executable).parent
    # the stand-in converter lives in tests/: the worker must be able to import it
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    scheduler = subprocess.Popen(
        [str(bindir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen(
        [str(bindir / "dask"), "worker", f"tcp://127.0.0.1:{port}", "--host", "127.0.0.1",
         "--nworkers", "1", "--nthreads", "2", "--no-dashboard"], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port(port)
        address = f"tcp://127.0.0.1:{port}"
        local = results(Batch([src], tmp_path / "local", converter=fake_converter, jobs=1))
        remote = results(Batch([src], tmp_path / "remote", converter=fake_converter,
                               executor="dask", scheduler=address))
        assert remote == local
        assert tree_bytes(tmp_path / "remote") == tree_bytes(tmp_path / "local")
        # the real parser, through the command line
        real = make_corpus(tmp_path / "real", 6)
        ref = subprocess.run(AKN + ["batch", str(real), "-o", str(tmp_path / "ref"), "-q",
                                    "-j", "1"], capture_output=True, text=True, timeout=300)
        r = subprocess.run(AKN + ["batch", str(real), "-o", str(tmp_path / "cluster"), "-q",
                                  "--executor", "dask", "--scheduler", address],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == ref.returncode == 1, r.stderr
        assert r.stderr.splitlines()[-1].split(" in ")[0] == \
            ref.stderr.splitlines()[-1].split(" in ")[0]
        assert tree_bytes(tmp_path / "cluster") == tree_bytes(tmp_path / "ref")
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
        for proc in (worker, scheduler):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_unreachable_scheduler_is_a_clean_error(tmp_path):
    from akn.batch import ExecutorError
    src = corpus(tmp_path)
    batch = Batch([src], tmp_path / "o", converter=fake_converter, executor="dask",
                  scheduler=f"tcp://127.0.0.1:{free_port()}", connect_timeout=2)
    with pytest.raises(ExecutorError, match="cannot reach the Dask scheduler"):
        list(batch)


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the Dask scheduler did not open port {port}")
