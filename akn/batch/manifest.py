"""The state a batch keeps in ``OUTDIR/.akn-batch/``: a lock and a manifest.

``lock``
    held with ``fcntl.flock`` for the whole run; a second run on the same
    OUTDIR is refused with :class:`BatchLocked`. The kernel drops the lock
    when the holder dies, even by SIGKILL, so a stale lock never blocks.

``manifest.jsonl``
    an append-only journal: one JSON object per converted input, appended
    *after* its outputs were renamed into place, so an entry never claims an
    output that is not complete. A run killed mid-line leaves a torn last
    line, which the reader ignores. The last entry for a path wins. At the
    end of a run the journal is compacted (rewritten atomically).

``tmp/``
    temporary files of outputs being written; emptied at the start of a run.

>>> import tempfile
>>> m = Manifest(tempfile.mkdtemp())
>>> m.append({"rel": "a.txt", "sha256": "ab", "options": "k", "status": "ok", "outputs": {}})
>>> m.load()["a.txt"]["sha256"]
'ab'
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from akn.atomic import atomic_write, remove_stale_temps

STATE_DIR = ".akn-batch"


class BatchLocked(RuntimeError):
    """Another batch holds the lock of this OUTDIR."""


class Lock:
    """An exclusive, non-blocking ``flock`` on ``OUTDIR/.akn-batch/lock``.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> with Lock(d):
    ...     try:
    ...         Lock(d).acquire()
    ...     except BatchLocked as exc:
    ...         print("refused")
    refused
    """

    def __init__(self, outdir: str | os.PathLike):
        self.path = Path(outdir) / STATE_DIR / "lock"
        self._fd: int | None = None

    def acquire(self) -> Lock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            try:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            except OSError:  # pragma: no cover
                pass
            os.close(fd)
            who = f" ({holder})" if holder else ""
            raise BatchLocked(f"{self.path.parent.parent}: another `akn batch` is already writing "
                              f"to this output folder{who}; wait for it to finish or choose "
                              f"another output folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}\n"
                  .encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Lock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


class Manifest:
    """Append-only journal of converted inputs (see the module docstring)."""

    def __init__(self, outdir: str | os.PathLike, durable: bool = True):
        self.dir = Path(outdir) / STATE_DIR
        self.path = self.dir / "manifest.jsonl"
        self.tmp_dir = self.dir / "tmp"
        self.durable = durable
        self.appended = 0
        self._fd: int | None = None

    def prepare(self) -> int:
        """Create the state folder and remove stale temporary files; return their count."""
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        return remove_stale_temps(self.tmp_dir)

    def load(self) -> dict[str, dict]:
        """Latest entry per input path; unreadable lines (a torn tail) are ignored."""
        entries: dict[str, dict] = {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return entries
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and isinstance(entry.get("rel"), str):
                entries[entry["rel"]] = entry
        return entries

    def append(self, entry: dict) -> None:
        """Append one entry with a single ``write`` (whole line or, if killed, a torn tail)."""
        if self._fd is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            # a previous run killed mid-line left a torn tail: start on a fresh line
            size = os.fstat(self._fd).st_size
            if size:
                with open(self.path, "rb") as f:
                    f.seek(size - 1)
                    if f.read(1) != b"\n":
                        os.write(self._fd, b"\n")
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        os.write(self._fd, line.encode("utf-8"))
        self.appended += 1

    def close(self) -> None:
        if self._fd is not None:
            if self.durable:
                os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    def compact(self) -> None:
        """Rewrite the journal with one line per input, atomically (when it grew)."""
        self.close()
        if not self.appended:
            return
        entries = self.load()
        data = "".join(json.dumps(entries[k], ensure_ascii=False, sort_keys=True,
                                  separators=(",", ":")) + "\n" for k in sorted(entries))
        atomic_write(self.path, data.encode("utf-8"), durable=self.durable)
