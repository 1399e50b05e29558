"""Convert one input file; runs inside worker processes (local pool or Dask).

:func:`run_task` never raises for a bad input: every problem becomes an
``error`` :class:`FileResult` carrying the reason and, where the parser knows
it, the line and column. It either writes the outputs itself (atomically,
when workers share the output filesystem) or returns their bytes for the
client to write (the Dask executor).

A *converter* turns input bytes into output bytes. The default one calls
:func:`akn.parse` and the renderers; pipelines and tests may pass any
picklable function with the same signature::

    def converter(data: bytes, *, source: str, formats: list[str],
                  options: dict) -> Converted
"""
from __future__ import annotations

import hashlib
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from akn.atomic import atomic_write


@dataclass
class Converted:
    """What a converter returns for one input."""

    outputs: dict[str, bytes]
    warnings: list = field(default_factory=list)   # akn.errors.Diagnostic or dicts
    lang: str = ""
    frbr_uri: str = ""
    detection: dict = field(default_factory=dict)   # akn.profiles.Detection.to_dict()
    expression: str = ""     # the expression's FRBR URI: one per input (akn.batch.core checks it)


@dataclass
class FileResult:
    """The outcome for one input file (one line of the JSON report).

    ``status`` is ``ok`` (converted, no warnings), ``warning`` (converted,
    with warnings) or ``error`` (not converted; see ``errors``). ``skipped``
    is true when the manifest showed the outputs were already up to date.
    ``outputs`` maps each format to the path written. Diagnostics are dicts
    with ``line``, ``col``, ``severity``, ``code``, ``message`` (and the
    source line as ``context``).
    """

    path: str
    rel: str
    status: str = "ok"
    outputs: dict[str, str] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    duration: float = 0.0
    sha256: str = ""
    size: int = 0
    lang: str = ""
    frbr_uri: str = ""
    expression: str = ""
    skipped: bool = False
    #: the profile the text was read with, its runner-up and the confidence (see akn.profiles.Detection)
    detection: dict = field(default_factory=dict)
    #: the input whose expression URI this one shares (an identity collision), when there is one
    collides_with: str = ""
    #: fingerprint of the options and the per-file metadata this input was converted with
    key: str = ""
    # output bytes when the worker does not write them (never in the report)
    data: dict[str, bytes] | None = field(default=None, repr=False)
    # sha256 and size of each output, kept in the manifest
    output_meta: dict[str, list] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def to_dict(self) -> dict:
        """The JSON report line (without output bytes)."""
        return {"path": self.path, "rel": self.rel, "status": self.status,
                "outputs": dict(self.outputs), "warnings": self.warnings, "errors": self.errors,
                "duration": round(self.duration, 6), "sha256": self.sha256, "size": self.size,
                "lang": self.lang, "frbr_uri": self.frbr_uri, "expression": self.expression,
                "collides_with": self.collides_with, "skipped": self.skipped,
                **({"detection": self.detection} if self.detection else {})}


@dataclass
class Task:
    """Everything a worker needs to convert one input."""

    path: str                       # absolute input path
    rel: str                        # path in the mirrored tree; the parser's source name
    outputs: dict[str, str]         # format -> absolute output path
    formats: list[str]
    options: dict                   # lang / country / doctype
    sha256: str = ""
    data: bytes | None = None       # input bytes shipped by the client (Dask)
    write: bool = True              # write outputs here, else return their bytes
    tmp_dir: str | None = None
    durable: bool = True
    converter: Callable | None = None
    key: str = ""                   # options fingerprint (with the per-file metadata), journaled


def sha256_file(path: str) -> tuple[str, int]:
    """Hex SHA-256 and size of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def akn_converter(data: bytes, *, source: str, formats: list[str], options: dict) -> Converted:
    """The default converter: :func:`akn.parse` on the bytes, then each format."""
    import akn
    from akn.batch.formats import produce

    from akn.akn_meta import read_identity

    doc = akn.parse(data, source=source, **{k: v for k, v in options.items() if v is not None})
    return Converted(outputs=produce(doc, formats), warnings=list(doc.warnings),
                     lang=doc.lang, frbr_uri=doc.frbr_uri,
                     detection=doc.detection.to_dict() if doc.detection is not None else {},
                     expression=read_identity(doc.root.find("*")).expression_uri)


def run_task(task: Task) -> FileResult:
    """Convert one input; bad input becomes an ``error`` result, never an exception."""
    start = time.perf_counter()
    result = FileResult(path=task.path, rel=task.rel, sha256=task.sha256, key=task.key)
    try:
        data = task.data
        if data is None:
            with open(task.path, "rb") as f:
                data = f.read()
        result.size = len(data)
        if not result.sha256:
            result.sha256 = hashlib.sha256(data).hexdigest()
        converter = task.converter or akn_converter
        converted = converter(data, source=task.rel, formats=task.formats, options=task.options)
        result.warnings = [diag_dict(w, "warning") for w in converted.warnings]
        result.lang, result.frbr_uri = converted.lang or "", converted.frbr_uri or ""
        result.detection = dict(getattr(converted, "detection", None) or {})
        result.expression = getattr(converted, "expression", "") or ""
        missing = [fmt for fmt in task.formats if fmt not in converted.outputs]
        if missing:
            raise RuntimeError(f"the converter produced no {', '.join(missing)} output")
        for fmt in task.formats:
            blob = converted.outputs[fmt]
            result.output_meta[fmt] = [hashlib.sha256(blob).hexdigest(), len(blob)]
        if task.write:
            for fmt in task.formats:
                atomic_write(task.outputs[fmt], converted.outputs[fmt], tmp_dir=task.tmp_dir,
                             durable=task.durable, sync_dir=False)   # folders: once, at the end
        else:
            result.data = {fmt: converted.outputs[fmt] for fmt in task.formats}
        result.outputs = dict(task.outputs)
        result.status = "warning" if result.warnings else "ok"
    except Exception as exc:  # noqa: BLE001 - every failure is reported per file
        result.status = "error"
        result.errors = [error_dict(exc)]
        result.outputs = {}
        result.data = None
    result.duration = time.perf_counter() - start
    return result


def run_chunk(tasks: list[Task]) -> list[FileResult]:
    """Several tasks in one call (fewer round trips on a cluster)."""
    return [run_task(t) for t in tasks]


def diag_dict(diag, severity: str) -> dict:
    """A diagnostic (``akn.errors.Diagnostic`` or a dict) as a plain dict."""
    if isinstance(diag, dict):
        d = {"line": 0, "col": 0, "severity": severity, "code": "", "message": "", "context": ""}
        d.update({k: v for k, v in diag.items() if k != "source"})
        return d
    return {"line": getattr(diag, "line", 0), "col": getattr(diag, "col", 0),
            "severity": getattr(diag, "severity", severity) or severity,
            "code": getattr(diag, "code", ""), "message": getattr(diag, "message", str(diag)),
            "context": getattr(diag, "context", "")}


def error_dict(exc: BaseException) -> dict:
    """An exception as an error diagnostic; unexpected ones keep their type and traceback."""
    diag = getattr(exc, "diagnostic", None)
    if diag is not None:
        d = diag_dict(diag, "error")
        d["severity"] = "error"
        if not d["code"]:
            d["code"] = type(exc).__name__
        return d
    if isinstance(exc, OSError):
        return {"line": 0, "col": 0, "severity": "error", "code": "OSError",
                "message": f"cannot read the file: {exc.strerror or exc}", "context": ""}
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-4))
    return {"line": 0, "col": 0, "severity": "error", "code": "internal",
            "message": f"internal error: {type(exc).__name__}: {exc}", "context": "",
            "traceback": tb}


def worker_init(main_pid: int | None = None) -> None:
    """Initialise a local worker process: Ctrl-C is handled by the parent only,
    and the worker dies as soon as the batch process dies (even by SIGKILL), so
    no orphan goes on writing outputs behind the next run's back."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if main_pid:
        _watch(main_pid)


def _watch(pid: int) -> None:
    """Kill this process when process *pid* exits (a pidfd on Linux, polling elsewhere)."""
    import signal
    import threading

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        die()
        return
    except (AttributeError, OSError):     # no pidfd: poll every second
        def poll():
            while True:
                time.sleep(1.0)
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    die()
        threading.Thread(target=poll, name="akn-batch-watch", daemon=True).start()
        return

    def wait():
        import select
        select.select([fd], [], [])
        die()
    threading.Thread(target=wait, name="akn-batch-watch", daemon=True).start()
