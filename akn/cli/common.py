"""Helpers shared by the CLI commands: reading inputs, reporting errors."""
from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from akn.errors import AknError


class DataError(click.ClickException):
    """Bad data (not bad usage): printed without a traceback, exit status 1."""

    exit_code = 1

    def show(self, file=None):
        click.echo(self.format_message(), err=True)


#: the type of every FILE argument: a path that does not exist (or is a directory) is bad usage,
#: exit status 2, in every command; a file that exists but cannot be read or holds bad data is 1
INPUT_FILE = click.Path(exists=True, dir_okay=False, allow_dash=True)


class _Languages(Sequence):
    """The ``--lang`` choices of every command (:func:`akn.profiles.lang_choices`), read when first asked for.

    (The parsing profiles behind them take a third of a second to load: ``akn --help`` need not.)
    """

    def _all(self) -> list[str]:
        from akn.profiles import lang_choices
        return lang_choices()

    def __getitem__(self, i):
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())


#: what --lang accepts, in every command
LANG_CHOICES = _Languages()


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
    """Write bytes to standard output, or atomically to a file (see :func:`akn.atomic.write_file`).

    A file that cannot be written (full disk, file-size limit, read-only
    folder, a directory at that path) is a :class:`DataError`: one line, exit
    status 1, and no partial file left behind.
    """
    if not output or output == "-":
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:   # the reader went away (akn parse act.txt | head): not an error of ours
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # (no second error at exit)
        except OSError as exc:
            from akn.atomic import describe_os_error
            raise DataError(f"<stdout>: cannot write: {describe_os_error(exc)}") from None
        return
    from akn.atomic import OutputError, write_file

    try:
        write_file(output, data)
    except OutputError as exc:
        raise DataError(str(exc)) from None
