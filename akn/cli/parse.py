"""``akn parse``: plain text to Akoma Ntoso XML."""
from __future__ import annotations

import json

import click

from akn.cli.common import DataError, INPUT_FILE, LANG_CHOICES, fail, read_input, write_output


@click.command("parse")
@click.argument("files", metavar="FILE|-...", nargs=-1, required=True, type=INPUT_FILE)
@click.option("-o", "--output", metavar="OUT",
              help="Write the XML here instead of standard output; with several FILEs, a directory "
                   "that receives NAME.xml for each.")
@click.option("--same-work", is_flag=True,
              help="The FILEs are language versions of one act: give them one work FRBR URI, check that "
                   "they align unit by unit (by number) and report each mismatch with its line.")
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False),
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
@click.option("--no-passes", is_flag=True,
              help="Skip the passes after parsing (cross-references, references to other acts, definitions): "
                   "structure and metadata only, faster.")
@click.option("--no-sidecar", is_flag=True,
              help="Do not read the metadata of FILE's sidecar (NAME.meta.yaml, .meta.yml or .meta.json "
                   "beside NAME.txt; see docs/metadata-sources.md).")
@click.option("--strict", is_flag=True, help="Exit with status 1 when there are warnings.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def parse(files, output, same_work, lang, country, tradition, doctype, frbr_uri, as_json, no_passes, no_sidecar,
          strict, quiet):
    """Convert the plain text of an act or bill to Akoma Ntoso 3.0 XML.

    FILE is a text file in UTF-8 (with or without BOM), UTF-16 or
    Windows-1251, or - for standard input. Markdown conversions of acts are
    read too. Warnings (text kept but not recognised as a unit, missing
    date or number) are printed as file:line:col: warning: message.

    A sidecar file beside FILE (NAME.meta.yaml for NAME.txt) gives metadata
    the text may lack: title, date, number, type, country ... (options of
    the command line win over it); front matter at the top of FILE
    (--- / title: ... / ---) is read the same way and kept out of the body.

    Several FILEs with --same-work are the language versions of one act
    (Kazakh and Russian, say): they become expressions of one work with
    the same eIds, and every unit one version has and another lacks is
    reported.

    \b
    Examples:
      akn parse examples/ai_biometric_bill_ru.txt -o bill_ru.xml
      cat act.txt | akn parse - --lang en --tradition uk > act.xml
      akn parse law_ru.txt law_kk.txt --same-work -o out/
    """
    from akn.errors import AknError

    if len(files) > 1 or same_work:
        if lang:
            raise click.UsageError("--lang applies to one file; with several FILEs each one's language is detected")
        if not output:
            raise click.UsageError("several FILEs need -o DIRECTORY")
        _parse_many(files, output, same_work, country=country, tradition=tradition, doctype=doctype,
                    frbr_uri=frbr_uri, as_json=as_json, strict=strict, quiet=quiet,
                    passes=() if no_passes else None, sidecar=not no_sidecar)
        return
    file = files[0]
    from akn.api import parse as parse_text

    from akn.api import with_sidecar

    data, name = read_input(file)
    try:
        metadata = with_sidecar(file) if file != "-" and not no_sidecar else None
        doc = parse_text(data, lang=lang, country=country, tradition=tradition, doctype=doctype,
                         frbr_uri=frbr_uri, source=name, markdown=True if name.endswith(".md") else None,
                         passes=() if no_passes else None, metadata=metadata)
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


def _parse_many(files, output, same_work, *, frbr_uri, as_json, strict, quiet, **options):
    import os

    from akn.api import parse_file
    from akn.errors import AknError

    if "-" in files:
        raise click.UsageError("standard input (-) cannot be one of several FILEs")
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        from akn.atomic import describe_os_error
        raise DataError(f"{output}: cannot create the output folder: {describe_os_error(exc)}") from None
    try:
        if same_work:
            from akn.align import parse_parallel
            docs, problems = parse_parallel(list(files), frbr_uri=frbr_uri, **options)
        else:
            docs = [parse_file(f, frbr_uri=frbr_uri, **options) for f in files]
            problems = []
    except AknError as exc:
        raise fail(exc) from None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for path, doc in zip(files, docs):
        target = os.path.join(output, os.path.splitext(os.path.basename(path))[0] + ".xml")
        write_output(doc.xml, target)
        if not quiet and not as_json:
            for warning in doc.warnings:
                click.echo(warning.format(), err=True)
    if as_json:
        report = {"documents": [d.to_dict() for d in docs], "alignment": [p.to_dict() for p in problems]}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2), err=True)
    else:
        for problem in problems:
            click.echo(problem.format(with_context=False), err=True)
        if same_work:
            click.echo(f"{len(docs)} expressions of {docs[0].frbr_uri}: "
                       f"{len(problems)} unit(s) without a counterpart", err=True)
    if strict and (problems or any(d.warnings for d in docs)):
        raise DataError("warnings or alignment mismatches and --strict was given")


command = parse
