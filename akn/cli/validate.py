"""``akn validate``: check AKN XML against the official schema."""
from __future__ import annotations

import click

from akn.cli.common import INPUT_FILE, DataError, read_input


@click.command("validate")
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=INPUT_FILE)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing for valid files.")
def validate(files, quiet):
    """Validate Akoma Ntoso 3.0 XML files against the official OASIS schema.

    Each error prints as file:line:col: error: message. Exit status 0 when
    every file is valid, 1 when any is not (or cannot be read), 2 when a
    FILE does not exist. FILE may be - for standard input.
    XML is read with entity resolution, DTD loading and network access off;
    a document that uses an entity is refused (its text would be lost).
    """
    from akn.errors import AknError
    from akn.schema import validate as check
    from akn.xmlio import read_xml

    bad = 0
    for path in files:
        try:
            data, name = read_input(path)
        except DataError as exc:
            click.echo(exc.format_message(), err=True)
            bad += 1
            continue
        path = name
        try:
            root = read_xml(data, name=name)
        except AknError as exc:
            click.echo(exc.format(), err=True)
            bad += 1
            continue
        errors = check(root)
        if errors:
            bad += 1
            for err in errors:
                click.echo(f"{path}:{err.split(': ', 1)[0]}: error: {err.split(': ', 1)[1]}", err=True)
        elif not quiet:
            click.echo(f"{path}: valid")
    if bad:
        raise DataError(f"{bad} of {len(files)} file(s) invalid")


command = validate
