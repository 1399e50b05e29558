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

from akn.batch import Batch  # noqa: E402
from test_batch import fake_converter, make_tree, tree_bytes  # noqa: E402
from test_batch_real import available, make_corpus  # noqa: E402

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
@pytest.mark.skipif(not available("akn.api"), reason="akn.parse (akn.api) is not available")
def test_local_cluster_matches_local_executor_with_the_real_parser(tmp_path):
    src = make_corpus(tmp_path / "src", 16)
    formats = "xml,html" if available("akn.render") else "xml"
    local = results(Batch([src], tmp_path / "local", jobs=2, formats=formats))
    dask = Batch([src], tmp_path / "dask", jobs=2, formats=formats, executor="dask")
    got = results(dask)
    assert got == local
    failed = {rel for rel, (status, _, _) in got.items() if status == "error"}
    assert failed and all(rel.startswith("broken/") for rel in failed)
    assert tree_bytes(tmp_path / "dask") == tree_bytes(tmp_path / "local")
    # the manifest written by the dask run makes the next run a no-op
    again = results(Batch([src], tmp_path / "dask", jobs=2, formats=formats, executor="dask"))
    assert all(skipped for status, skipped, _ in again.values() if status != "error")


@pytest.mark.slow
def test_separate_scheduler_and_worker_processes(tmp_path):
    src = corpus(tmp_path)
    port = free_port()
    bindir = Path(sys.executable).parent
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
        local = results(Batch([src], tmp_path / "local", converter=fake_converter, jobs=1))
        remote = results(Batch([src], tmp_path / "remote", converter=fake_converter,
                               executor="dask", scheduler=f"tcp://127.0.0.1:{port}"))
        assert remote == local
        assert tree_bytes(tmp_path / "remote") == tree_bytes(tmp_path / "local")
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
