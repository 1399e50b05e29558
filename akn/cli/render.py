"""``akn render``: Akoma Ntoso XML -> HTML page, Markdown or plain text."""
from __future__ import annotations

import sys

import click

from akn.cli.common import INPUT_FILE, DataError, write_output

_SUFFIX_FORMAT = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}


@click.command("render")
@click.argument("source", metavar="FILE.xml|-", type=INPUT_FILE)
@click.option("--to", "fmt", type=click.Choice(["html", "md", "txt"]), default=None,
              help="Output format: html (an accessible page with a table of contents), md "
                   "(Markdown with YAML front matter) or txt (plain text in the act's own "
                   "drafting layout, which `akn parse` reads back). Default: from the "
                   "suffix of --output, else html.")
@click.option("-o", "--output", metavar="FILE", default="-",
              show_default=True, help="Write the rendering to this file ('-' for standard output).")
@click.option("--template-dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of Jinja2 templates that replace the built-in ones of the same "
                   "name (e.g. html/page.html.j2, md/_units.md.j2); a replacement can extend "
                   "the original with {% extends \"default:html/page.html.j2\" %}.")
@click.option("--standalone/--fragment", default=True, show_default=True,
              help="A complete document (HTML page with <head> and CSS; Markdown with YAML "
                   "front matter), or a fragment to embed in another page.")
@click.option("--base-url", metavar="URL",
              help="Prefix for /akn/… references so that they become absolute links "
                   "(e.g. https://example.org).")
@click.option("--concepts", is_flag=True,
              help="Tag the concepts the text mentions (biometric data, consent … from the "
                   "toolkit's SKOS scheme) before rendering: HTML shows them as badges and "
                   "links to a concept index at the end of the page.")
def render(source, fmt, output, template_dir, standalone, base_url, concepts):
    """Render an Akoma Ntoso XML document for people to read.

    FILE.xml is any Akoma Ntoso 3.0 document (act, bill, amendment, debate,
    judgment, collection …); '-' reads it from standard input. Every unit is
    anchored by its eId (page.html#art_5__para_1), cross-references become
    links and notes are set apart.

    \b
    Examples:
      akn render act.xml -o act.html
      akn render act.xml --to md > act.md
      akn parse act.txt | akn render - --to txt
      akn render act.xml --template-dir my-templates -o act.html
    """
    from akn.errors import AknError
    from akn.render import load
    from akn.render import render as do_render

    if fmt is None:
        suffix = "" if output == "-" else "." + output.rpartition(".")[2].lower()
        fmt = _SUFFIX_FORMAT.get(suffix, "html")
    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
            if not data.strip():
                raise DataError("<stdin>: no input on standard input; expected Akoma Ntoso XML")
        else:
            with open(source, "rb") as fh:
                data = fh.read()
        root = load(data, name=name)
        text = do_render(root, to=fmt, standalone=standalone, template_dir=template_dir,
                         base_url=base_url, concepts=concepts)
    except AknError as exc:
        message = str(exc)
        raise DataError(message if message.startswith(name) else f"{name}: {message}") from None
    except OSError as exc:
        raise DataError(f"{source}: cannot read: {exc.strerror or exc}") from None
    write_output(text.encode("utf-8"), output)


command = render
