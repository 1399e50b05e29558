"""Where conversions run: in this process, a local process pool, or Dask.

All executors take *chunks* (lists of :class:`~akn.batch.worker.Task`) and
hand back futures whose result is the list of
:class:`~akn.batch.worker.FileResult`. The driver in :mod:`akn.batch.core`
keeps a bounded number of chunks in flight, so results stream out, memory
stays flat and a stop (first error, Ctrl-C) takes effect quickly.

``local`` with ``jobs == 1``
    runs in the calling process (no pool to start).
``local`` with ``jobs > 1``
    a :class:`~concurrent.futures.ProcessPoolExecutor` started from a
    ``forkserver`` (safe when the caller has threads). Workers ignore Ctrl-C
    (the parent handles it) and watch the batch process (a pidfd), dying
    with it, so a killed batch leaves no worker writing behind its back. Workers write outputs
    themselves (the output folder is local).
``dask``
    a ``dask.distributed`` cluster. By default for a remote scheduler the
    client ships input bytes to the workers and gets output bytes back, then
    writes them itself, so workers need no shared filesystem; with a shared
    filesystem (and always for the LocalCluster) the workers read and write
    the files themselves (see docs/batch.md).
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import threading
from concurrent.futures.process import BrokenProcessPool

from akn.batch.worker import run_chunk, worker_init

#: Dask settings for the LocalCluster the batch starts itself (measured on 2 cores:
#: client CPU per 2,000 files from 2.1 s to 0.7 s together with chunks of 32 files)
LOCAL_CLUSTER_CONFIG = {
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.scheduler.work-stealing": False,
}


class ExecutorError(RuntimeError):
    """The executor cannot run (cluster unreachable, workers without akn...)."""


def default_jobs() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class InlineExecutor:
    """Runs each chunk at submission, in the calling process."""

    name = "local"
    writes_outputs = True   # workers write the outputs themselves
    chunk_size = 1

    def __init__(self):
        self.capacity = 1

    def submit(self, chunk):
        future: cf.Future = cf.Future()
        future.set_result(run_chunk(chunk))
        return future

    def wait(self, futures, timeout):
        return set(futures)

    def result(self, future):
        return future.result()

    def cancel_pending(self, futures):
        return set()

    def shutdown(self, wait=True):
        pass


class PoolExecutor:
    """A local pool of worker processes."""

    name = "local"
    writes_outputs = True
    chunk_size = 4      # inputs per round trip: fewer wake-ups of the batch process

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.capacity = jobs * 3
        self._pool: cf.ProcessPoolExecutor | None = None

    def _ensure(self) -> cf.ProcessPoolExecutor:
        if self._pool is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["akn.batch.worker", "akn.api", "akn.document", "lxml.etree"])
            self._pool = cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=ctx,
                                                initializer=worker_init,
                                                initargs=(os.getpid(),))
        return self._pool

    def submit(self, chunk):
        try:
            return self._ensure().submit(run_chunk, chunk)
        except BrokenProcessPool:        # a worker died earlier: start a fresh pool
            self.shutdown(wait=False)
            return self._ensure().submit(run_chunk, chunk)

    def wait(self, futures, timeout):
        done, _ = cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return done

    def result(self, future):
        try:
            return future.result()
        except BrokenProcessPool:
            # a worker died (killed, out of memory, crashed in C code): start a new pool
            self.shutdown(wait=False)
            raise

    def cancel_pending(self, futures):
        return {f for f in futures if f.cancel()}

    def shutdown(self, wait=True):
        if self._pool is not None:
            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            self._pool.shutdown(wait=wait, cancel_futures=True)
            if not wait:
                for proc in processes:
                    try:
                        proc.terminate()
                    except Exception:  # pragma: no cover
                        pass
            self._pool = None


class DaskExecutor:
    """Runs chunks on a ``dask.distributed`` cluster.

    With no *scheduler* address a ``LocalCluster`` of *jobs* single-threaded
    worker processes is started on 127.0.0.1 for the duration of the batch.
    An existing ``distributed.Client`` may be passed instead (pipelines).

    *shared_fs* false (the default with a scheduler address or a client): the
    client ships input bytes and writes the output bytes it gets back; the
    workers need no access to the files. True (the default for the
    LocalCluster, which runs on this machine): workers read inputs and write
    outputs themselves, as local workers do, sparing the client that work.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, jobs: int | None = None, client=None,
                 chunk_size: int = 32, connect_timeout: float = 20,
                 shared_fs: bool | None = None):
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise ExecutorError("the dask executor needs dask.distributed: "
                                "pip install 'akn-toolkit[dask]'") from None
        self.scheduler = scheduler
        self.jobs = jobs or default_jobs()
        self.chunk_size = chunk_size
        self.connect_timeout = connect_timeout
        self.writes_outputs = (scheduler is None and client is None) if shared_fs is None \
            else shared_fs
        self._client = client
        self._own_client = client is None
        self._cluster: object = None
        self.capacity = 2
        self._started = False
        self._event = threading.Event()

    def start(self) -> None:
        if self._started:
            return
        from distributed import Client, LocalCluster
        if self._client is None:
            try:
                if self.scheduler:
                    self._client = Client(self.scheduler, timeout=self.connect_timeout,
                                          set_as_default=False)
                else:
                    import dask
                    # the scheduler and the nannies live in this process: keep their
                    # housekeeping from competing with the workers for the cores
                    with dask.config.set(LOCAL_CLUSTER_CONFIG):
                        self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1,
                                                     processes=True, host="127.0.0.1",
                                                     dashboard_address=None)
                    self._client = Client(self._cluster, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                self.shutdown()
                raise ExecutorError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from None
        self._check_workers()
        self._started = True

    def _check_workers(self) -> None:
        import akn
        client = self._client
        if self.scheduler and not client.scheduler_info().get("workers"):
            client.wait_for_workers(1, timeout=30)
        try:
            versions = client.run(_akn_version)
        except Exception as exc:  # noqa: BLE001
            raise ExecutorError(f"the Dask workers cannot run akn: {exc}") from None
        wrong = {w: v for w, v in versions.items() if v != akn.__version__}
        if wrong:
            worker, version = next(iter(wrong.items()))
            raise ExecutorError(f"Dask worker {worker} has akn {version}, this client has "
                                f"{akn.__version__}; install the same akn-toolkit on every worker")
        threads = sum(client.nthreads().values()) or 1
        self.capacity = max(4, threads * 4)

    def submit(self, chunk):
        self.start()
        future = self._client.submit(run_chunk, chunk, pure=False)
        future.add_done_callback(lambda _: self._event.set())
        return future

    def wait(self, futures, timeout):
        self._event.clear()
        done = {f for f in futures if f.done()}
        if not done:
            self._event.wait(timeout)
            done = {f for f in futures if f.done()}
        return done

    def result(self, future):
        return future.result()

    def cancel_pending(self, futures):
        for f in futures:
            if not f.done():
                f.cancel()
        return set()

    def shutdown(self, wait=True):
        if self._own_client and self._client is not None:
            try:
                self._client.close()
            except Exception:  # pragma: no cover
                pass
            self._client = None
        if self._cluster is not None:
            try:
                self._cluster.close()
            except Exception:  # pragma: no cover
                pass
            self._cluster = None
        self._started = False


def _akn_version() -> str:
    import akn
    return akn.__version__


def make_executor(kind: str = "local", *, jobs: int | None = None, scheduler: str | None = None,
                  client=None, connect_timeout: float = 20, shared_fs: bool | None = None):
    """Build the executor named *kind* (``local`` or ``dask``)."""
    if kind == "local":
        if scheduler:
            raise ExecutorError("--scheduler needs --executor dask")
        jobs = jobs or default_jobs()
        return InlineExecutor() if jobs == 1 else PoolExecutor(jobs)
    if kind == "dask":
        return DaskExecutor(scheduler=scheduler, jobs=jobs, client=client,
                            connect_timeout=connect_timeout, shared_fs=shared_fs)
    raise ExecutorError(f"unknown executor {kind!r} (choose local or dask)")
