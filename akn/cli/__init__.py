"""The ``akn`` command: a thin click layer over the library.

Each sub-command lives in its own module under ``akn.cli`` and exports a
click command named ``command``. Modules are imported only when their
command runs (or when help lists them), so ``akn parse`` never pays for
rdflib, dask or the renderers.
"""
from __future__ import annotations

import importlib
import sys

import click

#: command name -> module that defines ``command`` in ``akn.cli``
COMMANDS: dict[str, str] = {
    "parse": "akn.cli.parse",
    "validate": "akn.cli.validate",
    "render": "akn.cli.render",
    "graph": "akn.cli.graph",
    "load": "akn.cli.load",
    "query": "akn.cli.query",
    "batch": "akn.cli.batch",
    "lint": "akn.cli.lint",
}


class LazyGroup(click.Group):
    """A click group that imports a sub-command's module on first use."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        return self._load(name)

    @staticmethod
    def _load(name):
        module_name = COMMANDS.get(name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:  # a broken command is a defect: never hide it
            exc.add_note(f"akn {name}: the command's module {module_name} cannot be imported")
            raise
        return module.command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="akn-toolkit", prog_name="akn")
def cli():
    """Turn legislation written as plain text into machine-readable law.

    Plain text (English, Russian, Kazakh; EU, UK, US, Kazakh and Russian
    drafting traditions) becomes Akoma Ntoso 3.0 XML, an RDF graph you can
    query with SPARQL, and HTML, Markdown or plain-text renderings.

    Run ``akn COMMAND --help`` for the options of each command.
    """


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status.

    Exit status: 0 success, 1 bad data (parse or validation errors), 2 bad usage.
    """
    try:
        cli.main(args=argv, prog_name="akn", standalone_mode=True)
    except SystemExit as exc:  # click exits through SystemExit
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except MemoryError:   # a memory limit of the process (ulimit -v, a container's): bad data, not a crash
        sys.stderr.write("akn: error: there is not enough memory for this input "
                         "(a memory limit of the process was reached); nothing was written\n")
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
