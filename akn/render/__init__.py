"""Human-readable renderings of Akoma Ntoso: HTML, Markdown and plain text.

>>> import akn
>>> xml = b'''<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
... <act name="act"><meta><identification source="#s"><FRBRWork><FRBRthis value="/akn/xx/act/2020/1/!main"/>
... <FRBRuri value="/akn/xx/act/2020/1"/><FRBRdate date="2020-01-01" name="enacted"/>
... <FRBRauthor href="#p"/><FRBRcountry value="xx"/></FRBRWork><FRBRExpression>
... <FRBRthis value="/akn/xx/act/2020/1/eng@/!main"/><FRBRuri value="/akn/xx/act/2020/1/eng@"/>
... <FRBRdate date="2020-01-01" name="enacted"/><FRBRauthor href="#p"/><FRBRlanguage language="eng"/>
... </FRBRExpression><FRBRManifestation><FRBRthis value="/akn/xx/act/2020/1/eng@/!main.xml"/>
... <FRBRuri value="/akn/xx/act/2020/1/eng@.akn"/><FRBRdate date="2020-01-01" name="x"/>
... <FRBRauthor href="#p"/></FRBRManifestation></identification></meta>
... <body><article eId="art_1"><num>Article 1</num><heading>Scope</heading>
... <paragraph eId="art_1__para_1"><num>1.</num><content><p>Rules &amp; more.</p></content>
... </paragraph></article></body></act></akomaNtoso>'''
>>> html = akn.render(xml, to="html")
>>> '<html lang="en"' in html and 'id="art_1__para_1"' in html and 'Rules &amp; more.' in html
True
>>> print(akn.render(xml, to="md", standalone=False).strip().splitlines()[-1])
**1.** Rules & more.

Three formats, one walk: :class:`akn.render.engine.Renderer` sends every
element to the macro of its family's partial template (see
:mod:`akn.render.families`); the templates, in ``akn/templates/<format>/``,
build all the output. ``template_dir`` overrides any template.
"""
from __future__ import annotations

import os
import re
import sys
import types
from pathlib import Path

from akn.errors import AknError

FORMATS = ("html", "md", "txt")


class RenderError(AknError):
    """The input cannot be rendered (not AKN XML, a broken template …)."""


def _parse_xml(data: bytes, name: str | None):
    from akn.errors import XmlInputError
    from akn.xmlio import read_xml  # the toolkit's hardened reader
    try:
        return read_xml(data, name=name)
    except XmlInputError as exc:
        raise RenderError(str(exc), exc.diagnostic) from None


def load(source, name: str | None = None):
    """The ``<akomaNtoso>`` element of *source*.

    *source* may be an :class:`akn.Document`, an lxml element or tree, XML as
    ``bytes`` or ``str``, or a path (``str`` not starting with ``<``, or
    :class:`os.PathLike`).
    """
    from lxml import etree
    root = getattr(source, "root", None)
    if root is not None and isinstance(getattr(root, "tag", None), str):
        return root
    if isinstance(source, etree._ElementTree):
        return source.getroot()
    if isinstance(source, etree._Element):
        return source
    if isinstance(source, (bytes, bytearray)):
        return _parse_xml(bytes(source), name)
    if isinstance(source, str) and source.lstrip().startswith("<"):
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", source)   # the str is already decoded
        return _parse_xml(text.encode("utf-8"), name)
    if isinstance(source, (str, os.PathLike)):
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise RenderError(f"{source}: cannot read: {exc.strerror or exc}") from None
        return _parse_xml(data, name or str(source))
    raise TypeError(f"cannot render a {type(source).__name__}; give an akn.Document, "
                    "an lxml element, XML bytes/str or a path")


def render(source, to: str = "html", *, standalone: bool = True,
           template_dir: str | os.PathLike | None = None, base_url: str | None = None,
           concepts: bool = False) -> str:
    """Render an Akoma Ntoso document as ``html``, ``md`` (Markdown) or ``txt``.

    ``standalone`` gives a complete page (HTML with ``<head>`` and CSS,
    Markdown with YAML front matter); ``standalone=False`` gives a fragment to
    embed. ``template_dir`` is a folder whose templates replace the built-in
    ones of the same name (``html/page.html.j2``, ``md/_units.md.j2`` …).
    ``base_url`` turns ``/akn/…`` references into absolute links.
    ``concepts=True`` first tags the concepts the text mentions (the SKOS
    scheme of :mod:`akn.concepts`) on a copy of the tree, so that the HTML
    shows them as badges linked to a concept index.
    """
    if to not in FORMATS:
        raise ValueError(f"unknown format {to!r}; expected one of {', '.join(FORMATS)}")
    import jinja2

    from akn.render.engine import Renderer
    from akn.render.model import document_element
    root = load(source)
    if document_element(root) is None:
        raise RenderError("not an Akoma Ntoso document: expected <akomaNtoso> holding an "
                          "<act>, <bill>, <judgment>, <debate>, <doc> … element")
    if concepts and to != "txt":
        import copy

        from akn.concepts import tag
        root = copy.deepcopy(root)
        tag(root)
    try:
        if to == "txt":
            from akn.render.text import render_text
            out = render_text(root, standalone=standalone, template_dir=template_dir)
        else:
            renderer = Renderer(root, to, template_dir=template_dir, base_url=base_url,
                                standalone=standalone)
            out = renderer.page()
    except FileNotFoundError as exc:
        raise RenderError(str(exc)) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise RenderError(f"template refused: {exc} (templates from a template directory run in "
                          f"Jinja's sandbox and cannot reach Python's internals)") from None
    except jinja2.TemplateError as exc:
        where = f" ({exc.filename}:{exc.lineno})" if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename else ""
        raise RenderError(f"template error{where}: {exc.message or exc}") from None
    except RecursionError:
        raise RenderError("the document is nested too deeply to render") from None
    if to in ("md", "txt"):
        out = _tidy_text(out)
    return out


_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING = re.compile(r"[ \t]+\n")


def _tidy_text(out: str) -> str:
    """At most one blank line in a row, no trailing spaces, one final newline."""
    out = _TRAILING.sub("\n", out)
    out = _BLANKS.sub("\n\n", out)
    return out.strip("\n") + "\n"


class _CallableModule(types.ModuleType):
    """``akn.render`` is both this package and the function :func:`render`.

    Importing a submodule (``from akn.render import RenderError``) makes
    Python bind the package to the attribute ``akn.render``; calling the
    package forwards to :func:`render`, so ``akn.render(doc, to="html")``
    works whichever import came first.
    """

    def __call__(self, *args, **kwargs):
        return render(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["render", "load", "RenderError", "FORMATS"]
