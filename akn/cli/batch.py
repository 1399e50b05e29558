"""``akn batch``: convert a whole corpus, in parallel, resumably."""
from __future__ import annotations

import json
import signal
import sys
import time

import click

from akn.cli.common import LANG_CHOICES


@click.command("batch")
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@click.option("-o", "--output", "outdir", required=True, metavar="OUTDIR",
              type=click.Path(file_okay=False),
              help="Folder receiving the outputs; the source tree is mirrored inside it. "
                   "It also holds the manifest and lock in OUTDIR/.akn-batch/.")
@click.option("-f", "--formats", default="xml", show_default=True, metavar="LIST",
              help="Comma-separated output formats: xml, html, md, txt, ttl.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (local) or LocalCluster workers (dask without "
                   "--scheduler). Default: the number of CPU cores.")
@click.option("--lang", type=click.Choice(LANG_CHOICES, case_sensitive=False),
              help="Language of every input. Default: detected per file.")
@click.option("--country", metavar="CODE",
              help="Country of every input, for the FRBR URI (e.g. eu, gb, kz). Default: "
                   "detected per file.")
@click.option("--tradition", type=click.Choice(["eu", "uk", "us", "kz", "ru"]),
              help="Drafting tradition of every input. Default: detected per file.")
@click.option("--doctype", type=click.Choice(["act", "bill"]),
              help="Document type of every input. Default: detected per file.")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN",
              help="Which files inside SRC folders to convert (repeatable). A pattern without "
                   "'/' matches the file name, with '/' the path inside the folder. "
                   "Default: *.txt and *.md. Files named on the command line are always converted.")
@click.option("--report", type=click.Path(dir_okay=False, allow_dash=True), metavar="FILE",
              help="Write one JSON line per input to FILE ('-' for stdout): path, status "
                   "(ok/warning/error), outputs, warnings and errors with line and column, "
                   "duration, content hash.")
@click.option("--fail-fast", is_flag=True,
              help="Stop at the first input that fails (files already running finish).")
@click.option("--force", is_flag=True,
              help="Convert every input again, even those the manifest shows as up to date.")
@click.option("-q", "--quiet", is_flag=True,
              help="No progress bar and no per-file messages; only the summary.")
@click.option("--store", metavar="DIR", type=click.Path(file_okay=False),
              help="Also load each document's RDF graph into the embedded store in DIR "
                   "(one named graph per expression; implies the xml format).")
@click.option("--replace", is_flag=True,
              help="With --store: replace expressions that other files loaded into the store (without it, "
                   "an input whose expression URI another file's differing graph holds is not loaded, "
                   "and the batch exits with status 1).")
@click.option("--metadata", "metadata", metavar="MANIFEST", type=click.Path(exists=True, dir_okay=False),
              help="CSV or JSON file giving metadata per input (title, date, number, type, country, "
                   "frbr_uri ...; see docs/metadata-sources.md), over each input's sidecar NAME.meta.yaml.")
@click.option("--no-sidecar", is_flag=True,
              help="Do not read the inputs' sidecar files (NAME.meta.yaml, .meta.yml, .meta.json).")
@click.option("--endpoint", metavar="URL",
              help="Also load each document's RDF graph into the SPARQL endpoint at URL "
                   "(Graph Store Protocol; implies the xml format).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True,
              help="local: worker processes on this machine. dask: a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Address of a running Dask scheduler (tcp://HOST:PORT), with --executor dask. "
                   "Without it a LocalCluster is started on 127.0.0.1.")
@click.option("--shared-fs/--no-shared-fs", "shared_fs", default=None,
              help="With --executor dask: the workers see SRC and OUTDIR at the same paths "
                   "(a shared filesystem) and read and write the files themselves; with "
                   "--no-shared-fs this process sends them the input bytes and writes the "
                   "outputs they return. Default: shared for the LocalCluster, not shared "
                   "with --scheduler.")
def batch(sources, outdir, formats, jobs, lang, country, tradition, doctype, patterns, report,
          fail_fast, force, quiet, store, replace, metadata, no_sidecar, endpoint, executor, scheduler,
          shared_fs):
    """Convert every plain-text act under SRC... into OUTDIR.

    Each SRC is a file, a folder (searched recursively) or a quoted glob
    ('acts/**/*.txt'). Encoding and language are detected per file. Every
    output is written to a temporary file and renamed into place, so a run
    that is killed leaves only complete files; the next run skips inputs
    whose content and options have not changed since they were converted.
    Two runs on one OUTDIR at once are refused.

    A progress bar shows on a terminal; errors print as FILE:LINE:COL, and
    a summary ends the run. Two inputs with one expression URI (an identity
    collision) are both named at the end; with --store or --endpoint only
    the first goes there. Exit status: 0 every input converted (warnings
    allowed), 1 some input failed (all others are still converted unless
    --fail-fast), or an identity collision with --store/--endpoint, or the
    store refused an input (see --replace), 2 bad usage, 130 interrupted
    (Ctrl-C or SIGTERM).

    \b
    Examples:
      akn batch corpus/ -o out/ --formats xml,html --report report.jsonl
      akn batch 'laws/**/*.txt' -o out/ --jobs 8 --lang rus
      akn batch corpus/ -o out/ --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from akn.batch import (
        Batch,
        BatchError,
        BatchLocked,
        ExecutorError,
        FormatUnavailable,
    )
    from akn.batch.sinks import GraphSink, SinkError, make_sink
    from akn.sidecar import MetadataError

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    if shared_fs is not None and executor != "dask":
        raise click.UsageError("--shared-fs/--no-shared-fs need --executor dask")
    if store and endpoint:
        raise click.UsageError("give --store or --endpoint, not both")
    if (store or endpoint) and "xml" not in [f.strip() for f in formats.split(",")]:
        formats += ",xml"          # the store's graphs are built from the XML outputs
    try:
        run = Batch(list(sources), outdir, formats=formats, jobs=jobs, lang=lang, country=country,
                    tradition=tradition, doctype=doctype, patterns=list(patterns) or None, force=force,
                    fail_fast=fail_fast, executor=executor, scheduler=scheduler,
                    shared_fs=shared_fs, metadata=metadata, sidecars=not no_sidecar)
        if replace and not store:
            raise BatchError("--replace needs --store")
        sink = make_sink(store=store, endpoint=endpoint, replace=replace)
        run.discover()
    except (BatchError, FormatUnavailable, SinkError) as exc:
        raise click.UsageError(str(exc)) from None
    except MetadataError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)

    err = sys.stderr
    progress = None
    if not quiet and err.isatty():
        from akn.batch.progress import Progress
        progress = Progress(total=run.summary.total, stream=err)

    report_stream = None
    if report:
        try:
            report_stream = click.open_file(report, "w", encoding="utf-8", lazy=False)
        except OSError as exc:
            from akn.atomic import describe_os_error
            click.echo(f"error: {report}: cannot write the report: {describe_os_error(exc)}", err=True)
            sys.exit(1)

    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    interrupted = False
    results = run.run()
    flushed = time.monotonic()
    try:
        for result in results:
            if report_stream is not None:
                report_stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                now = time.monotonic()
                if now - flushed > 0.5:        # readers tailing the report see it grow
                    report_stream.flush()
                    flushed = now
            if sink is not None and result.ok and not result.collides_with:
                sink.add(result)
            if result.status == "error" and not quiet:
                if progress:
                    progress.clear()
                for diag in result.errors:
                    click.echo(_format(result.path, diag), err=True)

            if progress:
                progress.update(run.summary, force=result.status == "error")
        if sink is not None:
            sink.close()
    except KeyboardInterrupt:
        interrupted = True
        run.summary.interrupted = True
        results.close()     # stops the workers, journals nothing half-done, releases the lock
    except BatchLocked as exc:
        _finish(progress, report_stream, report)
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except (ExecutorError, SinkError) as exc:
        _finish(progress, report_stream, report)
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        # the output folder itself failed (read-only, full, over the file-size limit): the run
        # stops; every output already renamed into place is complete, the rest were never there
        _finish(progress, report_stream, report, failed=True)
        click.echo(f"error: {_os_error(exc, outdir)}", err=True)
        click.echo(run.summary.line(), err=True)
        sys.exit(1)
    finally:
        signal.signal(signal.SIGTERM, previous_term)
    if progress:
        progress.update(run.summary, force=True)
    _finish(progress, report_stream, report)
    summary = run.summary
    refused = sink.refused if isinstance(sink, GraphSink) else []
    for note in (sink.notes if isinstance(sink, GraphSink) else []):
        click.echo(f"note: {note}", err=True)
    for expression, first, also in sorted(summary.collisions):
        # into a store, the second is not loaded: an error; without one, no output replaces another
        level = "error" if sink is not None else "warning"
        click.echo(f"{level}: identity collision: {_display(also)} and {_display(first)} have one expression "
                   f"URI, {expression}"
                   + ("; only the first was loaded into the store" if sink is not None else "")
                   + ": give one of them its own number and date (a sidecar NAME.meta.yaml or a --metadata "
                     "manifest) or an frbr_uri", err=True)
    for message in refused:
        click.echo(f"error: {message}", err=True)
    line = summary.line()
    if refused:
        line += f"; the store refused {len(refused)} (see above)"
    click.echo(line, err=True)
    if interrupted or summary.interrupted:
        sys.exit(130)
    sys.exit(1 if summary.error or refused or (summary.collisions and sink is not None) else 0)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _finish(progress, report_stream, report, failed=False):
    if progress:
        progress.close()
    if report_stream is not None:
        try:
            if report == "-":
                report_stream.flush()
            else:
                report_stream.close()
        except OSError:
            if not failed:     # (after a failed run the report may fail for the same reason)
                raise


def _os_error(exc: OSError, outdir: str) -> str:
    """One line for an ``OSError`` met writing into OUTDIR."""
    from akn.atomic import describe_os_error
    where = exc.filename or outdir
    return f"{_display(str(where))}: cannot write: {describe_os_error(exc)}; the run stopped"


def _format(path: str, diag: dict) -> str:
    """``path:line:col: error: message`` plus the source line and a caret."""
    from akn.errors import Diagnostic
    d = Diagnostic(diag.get("message", ""), line=diag.get("line", 0) or 0,
                   col=diag.get("col", 0) or 0, source=_display(path),
                   severity=diag.get("severity", "error"), context=diag.get("context", "") or "")
    return d.format()


def _display(path: str) -> str:
    import os
    rel = os.path.relpath(path)
    return path if rel.startswith("../..") else rel


command = batch
