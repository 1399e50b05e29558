"""``akn parse``: plain text to Akoma Ntoso XML."""
from __future__ import annotations

import json

import click

from akn.cli.common import DataError, fail, read_input, write_output


@click.command("parse")
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="OUT", help="Write the XML here instead of standard output.")
@click.option("--lang", type=click.Choice(["en", "ru", "kk", "eng", "rus", "kaz"], case_sensitive=False),
              help="Language of the text (default: detected).")
@click.option("--country", metavar="CODE",
              help="FRBR country code, e.g. kz, ru, eu, gb, us (default: from the drafting tradition).")
@click.option("--tradition", type=click.Choice(["eu", "uk", "us", "kz", "ru"]),
              help="Drafting tradition (default: detected from the text).")
@click.option("--doctype", type=click.Choice(["act", "bill"]),
              help="Document type (default: act, or bill when the text says it is a draft or proposal).")
@click.option("--frbr-uri", metavar="URI", help="Work FRBR URI, e.g. /akn/kz/act/2025-11-17/230-VIII.")
@click.option("--json", "as_json", is_flag=True,
              help="Print metadata and warnings as JSON on standard error (the XML still goes to OUT/stdout).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when there are warnings.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def parse(file, output, lang, country, tradition, doctype, frbr_uri, as_json, strict, quiet):
    """Convert the plain text of an act or bill to Akoma Ntoso 3.0 XML.

    FILE is a text file in UTF-8 (with or without BOM), UTF-16 or
    Windows-1251, or - for standard input. Markdown conversions of acts are
    read too. Warnings (text kept but not recognised as a unit, missing
    date or number) are printed as file:line:col: warning: message.

    \b
    Examples:
      akn parse examples/ai_biometric_bill_ru.txt -o bill_ru.xml
      cat act.txt | akn parse - --lang en --tradition uk > act.xml
    """
    from akn.api import parse as parse_text
    from akn.errors import AknError

    data, name = read_input(file)
    try:
        doc = parse_text(data, lang=lang, country=country, tradition=tradition, doctype=doctype,
                         frbr_uri=frbr_uri, source=name, markdown=True if name.endswith(".md") else None)
    except AknError as exc:
        raise fail(exc) from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    write_output(doc.xml, output)
    if as_json:
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2), err=True)
    elif not quiet:
        for warning in doc.warnings:
            click.echo(warning.format(), err=True)
    if strict and doc.warnings:
        raise DataError(f"{name}: {len(doc.warnings)} warning(s) and --strict was given")


command = parse
