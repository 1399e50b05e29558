"""The Jinja2 environment: built-in templates, user overrides, filters.

Templates are looked up first in the user's ``--template-dir``, then in the
templates shipped in the package. A user's template replaces the built-in
one of the same name and can still extend it through the ``default:``
prefix, the way datasette does it::

    {# my-templates/html/page.html.j2 #}
    {% extends "default:html/page.html.j2" %}
    {% block style %}{{ super() }} body { font-family: serif; }{% endblock %}

Autoescaping is on for every ``*.html.j2`` template, off for Markdown and
plain text (those formats escape with their own filters).

With a template directory the environment is Jinja's
:class:`~jinja2.sandbox.ImmutableSandboxedEnvironment`: a user's template
may print, loop and call the toolkit's filters, but it cannot reach Python's
internals (``cycler.__init__.__globals__.os`` is refused with a
:class:`jinja2.exceptions.SecurityError`) nor change the lists and dicts it
is given. The built-in templates alone, which are part of the toolkit, run in
the plain environment, which is faster.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from akn.render.model import squash

_SPACE = re.compile(r"\s+")


def _text(value) -> str:
    """Text node -> one line: white space runs become one space (ends kept)."""
    if not value:
        return ""
    return _SPACE.sub(" ", value)


_MD_TABLE = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_escape(value) -> str:
    """Escape text so that Markdown shows it literally.

    >>> md_escape("a *b* [c] <script> & d_e")
    'a \\\\*b\\\\* \\\\[c\\\\] \\\\<script\\\\> & d\\\\_e'
    """
    if not value:
        return ""
    value = _text(value).translate(_MD_TABLE)
    return _MD_ENTITY.sub(r"\\&", value) if "&" in value else value


#: characters a Markdown link destination may hold as they are; every other one is percent-encoded
_URL_SAFE = "!#$%*+,-./:;=?@[]_~"   # (not & ( ) < > \\ " ' space or control: they could end or re-read the link)


def md_url(value) -> str:
    """A link target for Markdown: nothing in it can end the link, or read as HTML or an entity.

    Characters outside :data:`_URL_SAFE`, letters and digits are
    percent-encoded (the link goes to the same place), and ``&`` is
    backslash-escaped so that ``&#58;`` cannot turn into ``:``.

    >>> md_url("http://a\\n<img src=x>"), md_url("x)<img>"), md_url("/akn/x?a=1&b=2")
    ('http://a%0A%3Cimg%20src=x%3E', 'x%29%3Cimg%3E', '/akn/x?a=1\\\\&b=2')
    """
    from urllib.parse import quote
    return quote(str(value or ""), safe=_URL_SAFE + "&").replace("&", "\\&")


def html_attr(value) -> str:
    """An attribute value for the raw HTML a Markdown page holds (``<a id="…">``): every character
    that could end the value, the tag or the line is a character reference.

    >>> html_attr('x"><img src=x onerror=alert(1)>')
    'x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    """
    import html
    value = html.escape(str(value or ""), quote=True)
    return _ATTR_BREAKS.sub(lambda m: f"&#{ord(m.group())};", value)


_ATTR_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


_MD_LINE_START = re.compile(r"^(\s*)([#>+=~-]|\d+[.)](?=\s|$))")


def md_block(value) -> str:
    """Protect the start of a Markdown paragraph from reading as list/heading.

    >>> md_block("1. text"), md_block("# x"), md_block("- y"), md_block("plain")
    ('1\\\\. text', '\\\\# x', '\\\\- y', 'plain')
    """
    value = str(value).strip()

    def fix(m):
        lead, mark = m.group(1), m.group(2)
        if mark[0].isdigit():
            return lead + mark[:-1] + "\\" + mark[-1]
        return lead + "\\" + mark

    return _MD_LINE_START.sub(fix, value, count=1)


_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def blank_lines(value) -> str:
    r"""At most one blank line in a row (and none at the ends).

    >>> blank_lines("a\n\n\n\nb\n")
    'a\n\nb'
    """
    return _BLANK_RUNS.sub("\n\n", str(value).strip("\n"))


def yaml_str(value) -> str:
    """A YAML scalar that reads back as exactly *value* (JSON string syntax).

    ``<``, ``>``, ``&``, ``[`` and ``]`` are written as ``\\u`` escapes: a
    Markdown renderer that does not know front matter shows it as a paragraph,
    where they could otherwise open a tag, an entity or a link.

    >>> yaml_str('Act <script> & [x](y)')
    '"Act \\\\u003cscript\\\\u003e \\\\u0026 \\\\u005bx\\\\u005d(y)"'
    """
    import json
    return json.dumps("" if value is None else str(value), ensure_ascii=False).translate(_YAML_UNSAFE)


_YAML_UNSAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&[]"})


def _autoescape(name: str | None) -> bool:
    return name is not None and (name.endswith(".html.j2") or name.endswith(".htm.j2"))


def _loader(template_dir: str | None) -> jinja2.BaseLoader:
    builtin = jinja2.PackageLoader("akn", "templates")
    loaders: list[jinja2.BaseLoader] = []
    if template_dir:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PrefixLoader({"default": builtin}, delimiter=":"))
    loaders.append(builtin)
    return jinja2.ChoiceLoader(loaders)


def _fast_escape_function():
    """``markupsafe.escape`` with its two commonest cases taken directly, or None where it cannot be.

    An HTML template escapes every value it prints. markupsafe's ``escape``
    builds a new ``Markup`` through ``Markup.__new__`` even for a value that
    is already ``Markup``; here a ``Markup`` is returned as it is (it is
    immutable, so nothing can tell the difference) and a ``str`` is escaped
    by markupsafe's own escaping core. Any other value goes to ``escape``.
    """
    try:
        from markupsafe import _escape_inner
    except ImportError:   # another markupsafe: keep its escape
        return None
    new = str.__new__

    def fast_escape(s, /):
        cls = type(s)
        if cls is Markup:
            return s
        if cls is str:
            return new(Markup, _escape_inner(s))
        return escape(s)
    return fast_escape


_FAST_ESCAPE = _fast_escape_function()
#: escape a value for HTML (markupsafe's ``escape``, or its direct form above)
html_escape = _FAST_ESCAPE or escape


class _Template(jinja2.Template):
    """A template whose printed values are escaped by :func:`_fast_escape_function` (same result)."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        if _FAST_ESCAPE is not None and namespace.get("escape") is escape:
            namespace["escape"] = _FAST_ESCAPE   # the template's own module globals, nothing shared
        return super()._from_namespace(environment, namespace, globals)


@lru_cache(maxsize=8)
def environment(template_dir: str | None = None) -> jinja2.Environment:
    """The (cached) environment for one template directory (None: built-ins only).

    A template directory's templates are untrusted: they run sandboxed.
    """
    if template_dir is not None and not Path(template_dir).is_dir():
        raise FileNotFoundError(f"template directory not found: {template_dir}")
    kind = jinja2.Environment if template_dir is None else SandboxedTemplates
    env = kind(
        loader=_loader(template_dir),
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.template_class = _Template
    from akn.render.filters import FILTERS, TESTS
    env.filters.update(FILTERS)
    env.tests.update(TESTS)
    env.filters.update({
        "t": _text,
        "squash": squash,
        "md": md_escape,
        "mdurl": md_url,
        "htmlattr": html_attr,
        "mdblock": md_block,
        "blank_lines": blank_lines,
        "yaml": yaml_str,
    })
    return env


class SandboxedTemplates(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The environment of user templates: Jinja's immutable sandbox."""


def overridden(env: jinja2.Environment, name: str) -> bool:
    """Does the user's template directory provide *name*?"""
    loader = env.loader
    if not isinstance(loader, jinja2.ChoiceLoader) or len(loader.loaders) < 3:
        return False
    try:
        loader.loaders[0].get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    return True
