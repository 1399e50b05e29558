"""``akn lint``: drafting diagnostics on plain-text acts."""
from __future__ import annotations

import click

from akn.cli.common import DataError, INPUT_FILE, LANG_CHOICES, read_input


@click.command("lint")
@click.argument("files", nargs=-1, metavar="FILE...", type=INPUT_FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one 'file:line:col: severity: message [check]' line per finding; "
                   "json: one JSON array of findings (source, line, col, severity, code, message).")
@click.option("--disable", "disabled", multiple=True, metavar="CHECK",
              help="Switch a check off by its id (repeat, or give a comma-separated list). See --list-checks.")
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False), default=None,
              help="Language of the text (detected when not given).")
@click.option("--tradition", type=click.Choice(["eu", "uk", "us", "kz", "ru"]), default=None,
              help="Drafting tradition (detected when not given).")
@click.option("--context/--no-context", "show_context", default=False, show_default=True,
              help="With --format text, also print the source line and a caret under the column.")
@click.option("--list-checks", is_flag=True, help="List the checks with their ids and severities, then exit.")
def lint(files, fmt, disabled, lang, tradition, show_context, list_checks):
    """Check plain-text acts the way a reviewer would.

    Finds numbering gaps, duplicates and disorder (1, 2, 4; two Article 7;
    (a), (c)), lists numbered in two styles, references to units that do not
    exist, terms defined but never used and terms quoted as defined without a
    definition, list intros that do not end with ':' (or a dash), empty units
    and editorial notes left inside the law text. Every finding names the
    line and column of the source text and the id of its check.

    FILE is a plain-text act (the text that `akn parse` reads), or - for
    standard input; Akoma Ntoso XML is refused (lint the text it was made
    from, or `akn render act.xml --to txt | akn lint -`). Exit status: 0 when
    no check found an error (warnings alone do not fail), 1 when any error
    was found or a file could not be read, 2 for bad usage (an XML FILE, a
    FILE that does not exist).
    """
    from akn.lint import CHECKS

    if list_checks:
        for check in CHECKS.values():
            click.echo(f"{check.id:22} {check.severity:8} {check.description}")
        return
    if not files:
        raise click.UsageError("give at least one FILE (or - for standard input)")
    ids = [part.strip() for item in disabled for part in item.split(",") if part.strip()]
    unknown = [i for i in ids if i not in CHECKS]
    if unknown:
        raise click.UsageError(f"unknown check id {', '.join(unknown)}; known: {', '.join(CHECKS)}")

    import json

    from akn.errors import AknError
    from akn.lint import lint_text
    from akn.xmlio import looks_like_xml

    options = {}
    if lang:
        options["lang"] = lang
    if tradition:
        options["tradition"] = tradition
    findings = []
    unreadable = 0
    for path in files:
        try:
            data, name = read_input(path)
        except DataError as exc:
            click.echo(exc.format_message(), err=True)
            unreadable += 1
            continue
        if looks_like_xml(data):
            raise click.UsageError(f"{name} is XML; akn lint checks plain-text acts (lint the text the XML was "
                                   f"made from, or: akn render {name if path != '-' else 'FILE.xml'} --to txt "
                                   f"| akn lint -)")
        try:
            found = lint_text(data, source=name, disable=ids, **options)
        except AknError as exc:
            click.echo(exc.format(), err=True)
            unreadable += 1
            continue
        findings.extend(found)
        if fmt == "text":
            for d in found:
                line = d.format(with_context=show_context)
                head, _, rest = line.partition("\n")
                click.echo(f"{head} [{d.code}]" + (f"\n{rest}" if rest else ""))
    if fmt == "json":
        click.echo(json.dumps([d.to_dict() for d in findings], ensure_ascii=False, indent=1))
    errors = sum(1 for d in findings if d.severity == "error")
    if fmt == "text" and findings:
        warnings = len(findings) - errors
        click.echo(f"{errors} error(s), {warnings} warning(s) in {len(files)} file(s)", err=True)
    if errors or unreadable:
        raise click.exceptions.Exit(1)


command = lint
