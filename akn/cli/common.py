"""Helpers shared by the CLI commands: reading inputs, reporting errors."""
from __future__ import annotations

import sys

import click

from akn.errors import AknError


class DataError(click.ClickException):
    """Bad data (not bad usage): printed without a traceback, exit status 1."""

    exit_code = 1

    def show(self, file=None):
        click.echo(self.format_message(), err=True)


def read_input(path: str) -> tuple[bytes, str]:
    """Read a file argument, ``-`` meaning standard input; returns (bytes, display name)."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        with open(path, "rb") as handle:
            return handle.read(), path
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory; expected a file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror}") from None


def fail(exc: AknError) -> DataError:
    return DataError(exc.format())


def write_output(data: bytes, output: str | None) -> None:
    """Write bytes to a file (atomically: a temporary file renamed into place) or to stdout."""
    if not output or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    import os
    import tempfile

    directory = os.path.dirname(os.path.abspath(output))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".akn-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise DataError(f"{output}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, output)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
