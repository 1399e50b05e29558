"""Front matter: the ``---`` block of metadata at the top of a converted act, read as metadata.

Converted corpora put a YAML block before the act (Jekyll's "front matter")::

    ---
    title: "Personal Information Protection and Electronic Documents Act"
    language: "en"
    ---

It is not part of the act: :func:`split` takes it off the text before the
parse, so it never reaches the body, and returns its mapping for
:mod:`akn.sidecar` to read the known keys from (the others, such as
``long_title`` or ``line_limit``, are the converter's own and are left alone).
Nothing of the input is lost: :func:`keep` writes the block's lines, as they
were normalised, into a ``<note class="frontMatter">`` of ``<meta><notes>``,
outside the law text.

A block is front matter when the file's first line is ``---``, a later line
within the first :data:`MAX_LINES` is ``---`` (or ``...``), and the lines
between are a YAML mapping. When they are not valid YAML, or not a mapping,
the lines stay text and a warning (``front-matter``) says where YAML failed.
The YAML is read with ``yaml.SafeLoader`` (no tags, no objects; dates left as text) from the lines
as normalised (indentation kept; runs of spaces inside a line are one space).

>>> from akn.normalise import normalise_text
>>> src, front, warnings = split(normalise_text('---\\ntitle: "Data Act"\\n---\\nArticle 1\\n'))
>>> front.data, src.lines, src.linenos
({'title': 'Data Act'}, ['Article 1'], [4])
>>> src, front, warnings = split(normalise_text('---\\ntitle: [unclosed\\n---\\nArticle 1\\n'))
>>> front is None, len(src.lines), warnings[0].location()
(True, 4, '<text>:2:17')
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from lxml import etree

from akn.errors import Diagnostic
from akn.normalise import Source
from akn.vocab import AKN_NS

#: the closing ``---`` must come within this many lines of the opening one
MAX_LINES = 200
_OPEN = "---"
_CLOSE = ("---", "...")


@dataclass
class FrontMatter:
    """A front matter block: its mapping and its lines (with their line numbers in the input)."""

    data: dict
    lines: list[str]
    linenos: list[int]
    #: the line in the input of each top-level key
    key_lines: dict[str, int] = field(default_factory=dict)


def split(src: Source) -> tuple[Source, FrontMatter | None, list[Diagnostic]]:
    """The text without its front matter, the front matter (or None), and warnings about it."""
    if not src.lines or src.lines[0] != _OPEN or src.linenos[0] != 1:
        return src, None, []
    end = next((i for i in range(1, min(len(src.lines), MAX_LINES)) if src.lines[i] in _CLOSE), None)
    if end is None:
        return src, None, []
    indents = src.indents if len(src.indents) == len(src.lines) else [0] * len(src.lines)
    body = [" " * indents[i] + src.lines[i] for i in range(1, end)]
    import yaml
    try:
        from akn.sidecar import yaml_loader
        node = yaml.compose("\n".join(body), Loader=yaml_loader()) if body else None
        data = yaml.load("\n".join(body), Loader=yaml_loader()) if body else {}  # noqa: S506 - safe
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        index = 1 + min(mark.line, len(body) - 1) if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return src, None, [Diagnostic(
            f"the '---' block at the top looks like front matter but is not valid YAML ({problem}); "
            "it is kept as text of the act", line=src.linenos[index],
            col=(mark.column + 1) if mark is not None else 1, source=src.name, severity="warning",
            code="front-matter", context=src.lines[index])]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return src, None, [Diagnostic(
            "the '---' block at the top is YAML but not a mapping of keys to values "
            "(expected lines like 'title: ...'); it is kept as text of the act",
            line=src.linenos[1] if end > 1 else src.linenos[0], col=1, source=src.name,
            severity="warning", code="front-matter", context=src.lines[1] if end > 1 else src.lines[0])]
    keys = {}
    if isinstance(node, yaml.MappingNode):
        keys = {str(k.value): src.linenos[1 + k.start_mark.line] for k, _v in node.value}
    front = FrontMatter(data=data, lines=src.lines[:end + 1], linenos=src.linenos[:end + 1], key_lines=keys)
    return _drop(src, end + 1), front, []


def _drop(src: Source, count: int) -> Source:
    """*src* without its first *count* lines."""
    n = len(src.lines)

    def cut(values: list) -> list:
        return values[count:] if len(values) == n else values
    return dataclasses.replace(src, lines=src.lines[count:], linenos=src.linenos[count:],
                               blank_before=cut(src.blank_before), md_heading=cut(src.md_heading),
                               indents=cut(src.indents))


def keep(root: etree._Element, front: FrontMatter) -> None:
    """Write the front matter's lines into ``<meta><notes>`` of the document *root* (after any notes).

    >>> import akn
    >>> doc = akn.parse('---\\ntitle: "Data Act"\\n---\\nArticle 1\\nScope\\n1. Text.\\n', lang="en")
    >>> [p.text for p in doc.root.iter("{%s}note" % AKN_NS) for p in p]
    ['---\\ntitle: "Data Act"\\n---']
    """
    ns = "{%s}" % AKN_NS
    meta = next(root.iter(ns + "meta"))
    notes = meta.find(ns + "notes")
    if notes is None:
        notes = etree.Element(ns + "notes", source="#source")
        # <notes> follows <references> (and what comes before it) and precedes proprietary/presentation
        later = [c for c in meta if etree.QName(c).localname in ("proprietary", "presentation")]
        if later:
            later[0].addprevious(notes)
        else:
            meta.append(notes)
    note = etree.SubElement(notes, ns + "note", eId="note_frontMatter")
    note.set("class", "frontMatter")
    # one paragraph, its lines apart: the note's text is the block's text, word for word
    etree.SubElement(note, ns + "p").text = "\n".join(front.lines)
