"""Atomic file writes: a file is either absent, the old version or complete.

Data is written to a temporary file on the same filesystem, flushed and
``fsync``-ed, then renamed over the target with :func:`os.replace` (atomic on
POSIX). A reader, or a later run after the writer was killed with SIGKILL,
never sees a half-written file. With ``durable=True`` the directory entry is
also ``fsync``-ed, so the rename itself survives a power cut.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "sub" / "act.xml", b"<akomaNtoso/>")
PosixPath('...act.xml')
>>> (d / "sub" / "act.xml").read_bytes()
b'<akomaNtoso/>'
>>> sorted(p.name for p in (d / "sub").iterdir())   # no temporary file left behind
['act.xml']

The file gets the mode a plain ``open()`` would give it (``0o666`` less the
umask). :func:`write_file` is the front door for the commands: it turns
every failure (full disk, file-size limit, read-only folder, a folder in the
way) into an :class:`OutputError` with one clear line, and leaves no partial
file behind.

>>> write_file(d / "sub", b"x")
Traceback (most recent call last):
akn.atomic.OutputError: ...sub: cannot write: it is a directory; expected a file name
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from akn.errors import AknError, Diagnostic

#: suffix of the temporary files; :func:`remove_stale_temps` cleans them up
TMP_SUFFIX = ".akn-tmp"


def atomic_write(path: str | os.PathLike, data: bytes, *, tmp_dir: str | os.PathLike | None = None,
                 durable: bool = True, sync_dir: bool | None = None, mode: int = 0o666) -> Path:
    """Write *data* to *path* atomically and return the path.

    *tmp_dir* (default: the target's directory) must be on the same
    filesystem as *path*; keeping temporary files in a separate folder means
    the output tree never contains anything but complete files, even right
    after a SIGKILL. Missing parent directories are created. *sync_dir*
    (default: *durable*) also ``fsync``-s the target's directory; a caller
    writing many files into few folders may pass ``False`` and call
    :func:`fsync_dir` once per folder at the end. *mode* is masked by the
    umask, as ``open()`` does.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    where = Path(tmp_dir) if tmp_dir is not None else target.parent
    where.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + target.name[:60] + ".", suffix=TMP_SUFFIX, dir=where)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode & ~_umask())
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    if durable if sync_dir is None else sync_dir:
        fsync_dir(target.parent)
    return target


class OutputError(AknError):
    """An output file cannot be written; nothing (not even part of it) was left at its path."""


#: what an errno means for someone writing a file
_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EFBIG: "the file is larger than the file-size limit (ulimit -f)",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a directory; expected a file name",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ENOENT: "the folder does not exist",
}


def describe_os_error(exc: OSError) -> str:
    """A short reason for an ``OSError`` met while writing.

    >>> describe_os_error(OSError(errno.ENOSPC, "No space left on device"))
    'no space left on the device'
    """
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


def write_file(path: str | os.PathLike, data: bytes, **options) -> Path:
    """:func:`atomic_write`, raising :class:`OutputError` (one clear line) when it fails.

    The old file, if there was one, is left as it was.
    """
    target = Path(path)
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        return atomic_write(target, data, **options)
    except OSError as exc:
        message = f"cannot write: {describe_os_error(exc)}"
        raise OutputError(f"{path}: {message}", Diagnostic(message, source=str(path))) from None


def fsync_dir(path: str | os.PathLike) -> None:
    """``fsync`` a directory so that renames inside it are on disk."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse
        pass
    finally:
        os.close(fd)


def remove_stale_temps(directory: str | os.PathLike) -> int:
    """Delete temporary files left in *directory* by a killed writer; return the count.

    Only call this while holding the lock that excludes other writers.
    """
    removed = 0
    folder = Path(directory)
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if entry.name.endswith(TMP_SUFFIX) and entry.is_file():
            entry.unlink(missing_ok=True)
            removed += 1
    return removed


_UMASK: int | None = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        current = os.umask(0)
        os.umask(current)
        _UMASK = current
    return _UMASK
