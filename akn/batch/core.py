"""The batch driver: discover, skip what is up to date, convert the rest, journal.

Order of events for one input, which is what makes a killed run safe:

1. hash the input (SHA-256); if the manifest holds an entry with the same
   hash and the same options, and every recorded output is still there with
   its recorded size, report it as ``skipped`` with the recorded status,
   warnings and errors (a file that failed fails the same way again, so it
   is not retried until it, the options or the akn version change; failures
   of the machinery rather than of the input, such as a dead worker or an
   unreadable file, are always retried);
2. otherwise convert it; each output is written to ``.akn-batch/tmp``,
   ``fsync``-ed and renamed into place (complete or absent, never partial);
   the folders holding the renamed files are ``fsync``-ed once, at the end;
3. only then append its entry to the manifest.

A run killed between 2 and 3 simply redoes that input next time, writing the
same bytes again.
"""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from akn.atomic import atomic_write, fsync_dir
from akn.batch.executors import make_executor
from akn.batch.formats import check_formats, parse_formats
from akn.batch.inputs import Input, discover, plan_outputs
from akn.batch.manifest import Lock, Manifest
from akn.batch.worker import FileResult, Task, error_dict, run_task


class BatchError(ValueError):
    """The batch cannot start: bad sources, output folder inside the inputs..."""


@dataclass
class Summary:
    """Counts for the whole batch, updated as results arrive."""

    total: int = 0          # inputs discovered
    done: int = 0           # inputs with a result so far
    ok: int = 0
    warning: int = 0
    error: int = 0
    skipped: int = 0        # up to date, not converted again
    converted: int = 0      # converted in this run (ok or warning, not skipped)
    bytes_in: int = 0       # size of the inputs converted (not skipped)
    elapsed: float = 0.0
    interrupted: bool = False
    stopped_early: bool = False   # --fail-fast stopped the batch
    #: identity collisions: (expression URI, the input that had it first, the input that has it too)
    collisions: list = field(default_factory=list)
    started: float = field(default_factory=time.monotonic, repr=False)

    def add(self, result: FileResult) -> None:
        self.done += 1
        setattr(self, result.status, getattr(self, result.status) + 1)
        if result.skipped:
            self.skipped += 1
        elif result.status != "error":
            self.converted += 1
            self.bytes_in += result.size
        self.elapsed = time.monotonic() - self.started

    @property
    def not_processed(self) -> int:
        return self.total - self.done

    def to_dict(self) -> dict:
        return {"total": self.total, "ok": self.ok, "warning": self.warning, "error": self.error,
                "skipped": self.skipped, "converted": self.converted,
                "not_processed": self.not_processed, "bytes_in": self.bytes_in,
                "elapsed": round(self.elapsed, 3), "interrupted": self.interrupted,
                "stopped_early": self.stopped_early,
                "collisions": [{"expression": e, "first": a, "also": b} for e, a, b in sorted(self.collisions)]}

    def line(self) -> str:
        """One human line, e.g. ``2013 inputs: 1990 ok, 12 with warnings, 11 failed (1900 up to date) in 41.2 s``."""
        parts = [f"{self.ok} ok", f"{self.warning} with warnings", f"{self.error} failed"]
        text = f"{self.total} input{'s' if self.total != 1 else ''}: " + ", ".join(parts)
        if self.skipped:
            text += f" ({self.skipped} already up to date)"
        if self.collisions:
            n = len(self.collisions)
            text += f"; {n} identity collision{'s' if n != 1 else ''} (two inputs, one expression URI)"
        text += f" in {self.elapsed:.1f} s"
        if self.interrupted:
            text += f"; interrupted, {self.not_processed} not processed"
        elif self.stopped_early:
            text += f"; stopped at the first failure, {self.not_processed} not processed"
        return text


class Batch:
    """One batch conversion; iterate it to run it and get a :class:`FileResult` per input.

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp()); out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "act.txt").write_text("Article 1\\nScope\\n1. Text.\\n")
    >>> def upper(data, *, source, formats, options):       # any converter will do
    ...     from akn.batch import Converted
    ...     return Converted(outputs={"xml": data.upper()})
    >>> [r.status for r in Batch([src], out, converter=upper, jobs=1)]
    ['ok']
    >>> (out / "act.xml").read_bytes()
    b'ARTICLE 1\\nSCOPE\\n1. TEXT.\\n'
    >>> [r.skipped for r in Batch([src], out, converter=upper, jobs=1)]   # unchanged: skipped
    [True]
    """

    def __init__(self, paths, outdir, *, formats="xml", jobs: int | None = None,
                 lang: str | None = None, country: str | None = None, doctype: str | None = None,
                 tradition: str | None = None,
                 patterns=None, force: bool = False, fail_fast: bool = False,
                 executor: str = "local", scheduler: str | None = None, client=None,
                 converter: Callable | None = None, durable: bool = True,
                 connect_timeout: float = 20, shared_fs: bool | None = None,
                 metadata: str | os.PathLike | None = None, sidecars: bool = True):
        self.sources = [os.fspath(p) for p in ([paths] if isinstance(paths, (str, os.PathLike))
                                               else paths)]
        self.outdir = os.fspath(outdir)
        self._abs_outdir = os.path.abspath(self.outdir)
        self.formats = parse_formats(formats)
        self.jobs = jobs
        self.options = {"lang": lang, "country": country, "doctype": doctype,
                        "tradition": tradition}
        self.patterns = patterns
        self.force = force
        self.fail_fast = fail_fast
        self.executor_kind = executor
        self.scheduler = scheduler
        self.client = client
        self.converter = converter
        self.durable = durable
        self.connect_timeout = connect_timeout
        self.shared_fs = shared_fs
        self.metadata = os.fspath(metadata) if metadata is not None else None
        self.sidecars = sidecars
        self._manifest_entries: dict = {}      # input path -> akn.sidecar.Given from --metadata
        self._identities: dict[str, str] = {}  # expression URI -> the input that has it
        self.summary = Summary()
        self.inputs: list[Input] | None = None
        self._duplicates: dict[str, str] = {}
        self._attempts: dict[str, int] = {}
        self._touched: set[str] = set()         # output folders written by this run

    # -- planning --------------------------------------------------------------
    def discover(self) -> list[Input]:
        """Find the inputs (once); raises :class:`BatchError` for bad sources."""
        if self.inputs is not None:
            return self.inputs
        from akn.batch.inputs import DiscoveryError
        if not self.sources:
            raise BatchError("no input given")
        try:
            found = discover(self.sources, self.patterns, exclude=[self.outdir])
        except DiscoveryError as exc:
            raise BatchError(str(exc)) from None
        if self.converter is None:
            check_formats(self.formats)
        inputs: list = []
        seen: dict = {}
        for item in found:
            if item.rel in seen:
                self._duplicates[item.path] = seen[item.rel]
            else:
                seen[item.rel] = item.path
            inputs.append(item)
        self.inputs = inputs
        self.summary.total = len(inputs)
        if self.metadata is not None:
            from akn.metadata_manifest import match_manifest, read_manifest
            self._manifest_entries = match_manifest(read_manifest(self.metadata),
                                                    [(i.path, i.rel) for i in inputs], self.metadata)
        self._plan = plan_outputs(sorted(seen), self.formats)
        # inputs inside the output folder could be overwritten by an output
        real_out = os.path.realpath(self.outdir)
        inside: dict[str, bool] = {}
        exposed = set()
        for item in inputs:
            folder = os.path.dirname(item.path)
            if folder not in inside:
                inside[folder] = _same_or_inside(folder, real_out)
            if inside[folder]:
                exposed.add(os.path.realpath(item.path))
        if exposed:
            for outs in self._plan.values():
                for out in outs.values():
                    target = os.path.join(self.outdir, out)
                    if os.path.realpath(target) in exposed:
                        raise BatchError(f"the output {target} would overwrite an input; choose "
                                         f"an output folder outside the sources")
        return inputs

    def options_key(self) -> str:
        """Fingerprint of everything besides the input bytes that shapes the outputs."""
        import akn
        conv = self.converter
        name = f"{conv.__module__}.{conv.__qualname__}" if conv else "akn.parse"
        blob = json.dumps({"formats": self.formats, "options": self.options, "akn": akn.__version__,
                           "converter": name}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    # -- running ---------------------------------------------------------------
    def __iter__(self) -> Iterator[FileResult]:
        return self.run()

    def run(self) -> Iterator[FileResult]:
        inputs = self.discover()
        self.summary.started = time.monotonic()
        Path(self.outdir).mkdir(parents=True, exist_ok=True)
        lock = Lock(self.outdir).acquire()
        manifest = Manifest(self.outdir, durable=self.durable)
        executor = None
        try:
            manifest.prepare()
            previous = {} if self.force else manifest.load()
            key = self.options_key()
            executor = make_executor(self.executor_kind, jobs=self.jobs, scheduler=self.scheduler,
                                     client=self.client, connect_timeout=self.connect_timeout,
                                     shared_fs=self.shared_fs)
            # a cluster is started or reached on the first submit: an unchanged corpus
            # re-runs without one
            yield from self._drive(inputs, executor, manifest, previous, key)
        finally:
            if executor is not None:
                executor.shutdown(wait=not self.summary.interrupted)
            try:
                if self.durable:       # the renames of this run, before the journal is synced
                    for folder in sorted(self._touched):
                        fsync_dir(folder)
                manifest.compact()
            finally:
                lock.release()
            self.summary.elapsed = time.monotonic() - self.summary.started

    def _drive(self, inputs, executor, manifest, previous, key) -> Iterator[FileResult]:
        tmp_dir = os.path.abspath(manifest.tmp_dir)
        # largest first: a long file started last would leave the other workers idle
        queue = deque(sorted(inputs, key=_size, reverse=True))
        inflight: dict = {}            # executor future -> list[Task]
        writing: dict = {}             # write future -> FileResult (outputs returned as bytes)
        writer = None
        if not executor.writes_outputs:
            # the client writes what the cluster returns; fsync waits overlap in a few threads
            writer = cf.ThreadPoolExecutor(max_workers=4, thread_name_prefix="akn-batch-write")
        retry: deque[Input] = deque()  # files of a worker that died, to run again alone
        chunk: list[Task] = []
        chunk_bytes = 0
        stopping = False

        def emit(result: FileResult) -> FileResult:
            self._finish(result, executor, manifest, key, tmp_dir)
            self._check_identity(result)
            self.summary.add(result)
            if result.status == "error" and self.fail_fast:
                nonlocal stopping
                if not stopping:
                    stopping = True
                    self.summary.stopped_early = True
                    executor.cancel_pending(set(inflight))
            return result

        try:
            while True:
                try:
                    # fill the executor up to its capacity
                    while not stopping and (queue or retry) and len(inflight) < executor.capacity:
                        if retry:
                            # after a worker died: each of its files again, alone, so that
                            # the one that kills workers cannot take others down with it
                            if chunk:
                                inflight[executor.submit(chunk)] = chunk
                                chunk, chunk_bytes = [], 0
                            if inflight:
                                break
                            task, ready = self._prepare(retry.popleft(), previous, key,
                                                        executor, tmp_dir)
                            if ready is not None:
                                yield emit(ready)
                                continue
                            inflight[executor.submit([task])] = [task]
                            break
                        item = queue.popleft()
                        task, ready = self._prepare(item, previous, key, executor, tmp_dir)
                        if ready is not None:
                            yield emit(ready)
                            continue
                        chunk.append(task)
                        chunk_bytes += _size(item)
                        if len(chunk) >= executor.chunk_size or not queue or \
                                chunk_bytes >= CHUNK_BYTES:
                            inflight[executor.submit(chunk)] = chunk
                            chunk, chunk_bytes = [], 0
                    if chunk and (stopping or not queue):
                        if not stopping:
                            inflight[executor.submit(chunk)] = chunk
                        chunk, chunk_bytes = [], 0
                    for future in [f for f in writing if f.done()]:
                        yield emit(writing.pop(future))
                    if not inflight:
                        if writing:
                            cf.wait(set(writing), timeout=0.25, return_when=cf.FIRST_COMPLETED)
                            continue
                        if stopping or not (queue or retry):
                            break
                        continue
                    done = executor.wait(set(inflight), 0.02 if writing else 0.25)
                    for future in done:
                        tasks = inflight.pop(future)
                        if future.cancelled():
                            continue
                        for result in self._results(future, tasks, executor, retry):
                            if writer is not None and result.data is not None:
                                writing[writer.submit(self._write, result, tmp_dir)] = result
                            else:
                                yield emit(result)
                except KeyboardInterrupt:
                    if self.summary.interrupted:      # second Ctrl-C: stop at once
                        raise
                    self.summary.interrupted = True
                    stopping = True
                    queue.clear()
                    chunk = []
                    executor.cancel_pending(set(inflight))
                    for future in [f for f in inflight if f.cancelled()]:
                        inflight.pop(future)
        finally:
            if writer is not None:
                writer.shutdown(wait=True)
        if self.summary.interrupted:
            raise KeyboardInterrupt

    def _prepare(self, item: Input, previous, key, executor, tmp_dir):
        """A :class:`Task` for *item*, or a ready result (skipped, unreadable, duplicate)."""
        outs = self._plan.get(item.rel, {})
        # absolute: workers (possibly on other machines) do not share our working directory
        abs_outs = {fmt: os.path.join(self._abs_outdir, rel_out) for fmt, rel_out in outs.items()}
        if item.path in self._duplicates:
            return None, FileResult(path=item.path, rel=item.rel, status="error", errors=[{
                "line": 0, "col": 0, "severity": "error", "code": "duplicate", "context": "",
                "message": f"{self._duplicates[item.path]} already maps to {item.rel} in the "
                           f"output folder"}])
        start = time.perf_counter()
        data = None
        digest = ""
        entry = previous.get(item.rel)
        try:
            given = self._given(item)
        except Exception as exc:  # noqa: BLE001 - a bad sidecar fails its input, with its file and line
            from akn.sidecar import MetadataError
            # (the line is one of the sidecar's, not of the input: the message names the sidecar with it)
            errors = [{"line": 0, "col": 0, "severity": "error", "code": "metadata", "context": "",
                       "message": str(exc)}] if isinstance(exc, MetadataError) else [error_dict(exc)]
            return None, FileResult(path=item.path, rel=item.rel, status="error", errors=errors,
                                    duration=time.perf_counter() - start)
        if given:
            blob = json.dumps(given.values, sort_keys=True, ensure_ascii=False)
            key = key + "-" + hashlib.sha256(blob.encode()).hexdigest()[:16]
        try:
            if not executor.writes_outputs:         # the client ships the bytes
                with open(item.path, "rb") as f:
                    data = f.read()
                digest, size = hashlib.sha256(data).hexdigest(), len(data)
            elif entry and entry.get("options") == key:
                # only a known input needs hashing here; a new one is hashed by its worker
                from akn.batch.worker import sha256_file
                digest, size = sha256_file(item.path)
        except OSError as exc:
            return None, FileResult(path=item.path, rel=item.rel, status="error",
                                    errors=[error_dict(exc)],
                                    duration=time.perf_counter() - start)
        if entry and digest and self._up_to_date(entry, digest, key):
            return None, FileResult(
                path=item.path, rel=item.rel, status=entry["status"], skipped=True, sha256=digest,
                size=size, outputs=abs_outs if entry["status"] != "error" else {},
                warnings=entry.get("warnings", []), errors=entry.get("errors", []),
                lang=entry.get("lang", ""), frbr_uri=entry.get("frbr_uri", ""),
                expression=entry.get("expression", ""), key=key,
                duration=time.perf_counter() - start)
        options = dict(self.options)
        if given:
            options["metadata"] = given
        return Task(path=item.path, rel=item.rel, outputs=abs_outs, formats=self.formats,
                    options=options, sha256=digest, data=data,
                    write=executor.writes_outputs, tmp_dir=tmp_dir, durable=self.durable,
                    converter=self.converter, key=key), None

    def _given(self, item: Input):
        """The metadata given for *item* from outside its text: its manifest entry over its sidecar."""
        from_manifest = self._manifest_entries.get(item.path)
        if not self.sidecars or self.converter is not None:
            return from_manifest
        from akn.api import with_sidecar
        return with_sidecar(item.path, from_manifest)

    def _check_identity(self, result: FileResult) -> None:
        """Two inputs of one batch with one expression URI: the later one names the earlier.

        Its status is left as it is (which of the two comes later depends on the order the
        conversions finish in); the summary lists the collision with both inputs.
        """
        if result.status == "error" or not result.expression:
            return
        first = self._identities.setdefault(result.expression, result.path)
        if first == result.path:
            return
        result.collides_with = first
        self.summary.collisions.append((result.expression, first, result.path))

    def _up_to_date(self, entry: dict, digest: str, key: str) -> bool:
        if entry.get("sha256") != digest or entry.get("options") != key:
            return False
        if entry.get("status") == "error":
            # the same bytes with the same parser and options fail the same way
            return entry.get("errors", [{}])[0].get("code") not in ("worker", "OSError", "internal")
        outputs = entry.get("outputs") or {}
        if sorted(outputs) != sorted(self.formats):
            return False
        for rel_out, meta in ((o["path"], o) for o in outputs.values()):
            try:
                if os.stat(os.path.join(self.outdir, rel_out)).st_size != meta.get("size"):
                    return False
            except OSError:
                return False
        return True

    def _results(self, future, tasks, executor, retry) -> list[FileResult]:
        try:
            return executor.result(future)
        except Exception as exc:  # noqa: BLE001 - a worker died or the cluster failed
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            results = []
            for t in tasks:
                # a dead worker takes every task it held down with it: retry each once
                if self._attempts.get(t.path, 0) < 1:
                    self._attempts[t.path] = self._attempts.get(t.path, 0) + 1
                    retry.append(Input(path=t.path, rel=t.rel))
                    continue
                results.append(FileResult(
                    path=t.path, rel=t.rel, sha256=t.sha256, status="error", errors=[{
                        "line": 0, "col": 0, "severity": "error", "code": "worker", "context": "",
                        "message": f"the worker converting this file died, twice, the second "
                                   f"time converting it alone ({reason})"}]))
            return results

    def _write(self, result: FileResult, tmp_dir: str) -> None:
        """Write the output bytes a cluster returned, atomically (runs in a writer thread)."""
        try:
            for fmt, blob in (result.data or {}).items():
                atomic_write(result.outputs[fmt], blob, tmp_dir=tmp_dir, durable=self.durable,
                             sync_dir=False)
        except OSError as exc:
            result.status = "error"
            result.errors = [{"line": 0, "col": 0, "severity": "error", "code": "OSError",
                              "context": "", "message": f"cannot write the output: {exc}"}]
            result.outputs = {}
        result.data = None

    def _finish(self, result: FileResult, executor, manifest: Manifest, key: str, tmp_dir) -> None:
        """Write returned bytes if still pending, then journal the result."""
        if result.skipped:
            return
        if result.data is not None:
            self._write(result, tmp_dir)
        for path in result.outputs.values():
            self._touched.add(os.path.dirname(path))
        entry = {"rel": result.rel, "sha256": result.sha256, "options": result.key or key,
                 "status": result.status, "lang": result.lang, "frbr_uri": result.frbr_uri,
                 "expression": result.expression,
                 "warnings": result.warnings, "errors": result.errors,
                 "outputs": {fmt: {"path": os.path.relpath(path, self._abs_outdir),
                                   "sha256": result.output_meta.get(fmt, ["", 0])[0],
                                   "size": result.output_meta.get(fmt, ["", 0])[1]}
                             for fmt, path in result.outputs.items()}}
        manifest.append(entry)


#: a chunk sent to a worker holds at most ``chunk_size`` inputs and about this many bytes
CHUNK_BYTES = 256 * 1024


def _size(item) -> int:
    """Size in bytes of an :class:`Input` or :class:`Task` (0 when it cannot be read)."""
    size = getattr(item, "_size", None)
    if size is None:
        try:
            size = os.stat(item.path).st_size
        except OSError:
            size = 0
        try:
            object.__setattr__(item, "_size", size)
        except AttributeError:
            pass
    return size


def _same_or_inside(path: str, folder: str) -> bool:
    """True when *path* (resolved) is *folder* or below it."""
    real = os.path.realpath(path)
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def convert(paths, outdir, **options) -> Iterator[FileResult]:
    """Convert *paths* (files, folders, globs) into *outdir*; yield one result per input.

    Keyword options are those of :class:`Batch`: ``formats`` (``"xml,html"``
    or a list), ``jobs``, ``lang``, ``country``, ``doctype``, ``tradition``, ``patterns``,
    ``force``, ``fail_fast``, ``executor`` (``"local"``/``"dask"``),
    ``scheduler``, ``client`` (an existing ``distributed.Client``),
    ``converter``, ``durable``, ``connect_timeout`` (seconds, Dask),
    ``shared_fs`` (Dask workers read and write the files themselves; default:
    true for a LocalCluster, false with a scheduler address or a client).

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> acts = pathlib.Path(tmp.name, "acts")
    >>> acts.mkdir()
    >>> _ = (acts / "empty.txt").write_text("   \\n")
    >>> for r in convert([acts], pathlib.Path(tmp.name, "out"), formats="xml,html", jobs=1):
    ...     if r.status == "error":
    ...         print(pathlib.Path(r.path).name, r.errors[0]["line"], r.errors[0]["message"])
    empty.txt 0 the file holds only blank space; expected the text of an act
    >>> tmp.cleanup()
    """
    return iter(Batch(paths, outdir, **options))


__all__ = ["Batch", "BatchError", "Summary", "convert", "run_task"]
