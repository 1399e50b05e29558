"""Plain text in the act's own drafting layout, which ``akn parse`` reads back.

The layout follows the drafting tradition of the document, found from its
FRBR country: ``eu`` (Official Journal: "Article 1" then the heading on the
next line, "1.   text", "(a) text"), ``uk`` ("PART 1" + heading, "1 Heading",
"(1)", "(a)"), ``us`` ("SEC. 2. DEFINITIONS."), ``kz`` and ``ru`` ("Глава 1.
HEADING", "Статья 5. Heading", "1-бап. Heading", "1. text", "1) text").
Templates live in ``akn/templates/txt/`` (a tradition may have its own
partials in ``txt/<tradition>/``).

Round trip: for a document made by :func:`akn.parse`,
``akn.parse(render(doc, to="txt"))`` gives the same XML.
"""
from __future__ import annotations

import re

#: FRBR country (lower case) -> drafting tradition of the plain-text layout
TRADITIONS = {"eu": "eu", "gb": "uk", "uk": "uk", "gb-eng": "uk", "gb-sct": "uk",
              "gb-wls": "uk", "gb-nir": "uk", "gb-ukm": "uk", "ie": "uk", "in": "uk",
              "za": "uk", "au": "uk", "nz": "uk", "us": "us", "kz": "kz", "ru": "ru",
              "by": "ru", "kg": "ru"}


def tradition_of(meta) -> str:
    """The drafting tradition for a document's metadata (uk when unknown).

    >>> from akn.render.model import Meta
    >>> tradition_of(Meta(country="KZ")), tradition_of(Meta(country="gb-sct")), tradition_of(Meta())
    ('kz', 'uk', 'uk')
    """
    return TRADITIONS.get((meta.country or "").lower(), "uk")


#: a chapter (part, title) numbered without a word: "I", "2", "IV."
_BARE = re.compile(r"^[IVXLCDM\d]+\.?$")
_OUTLINE_UNITS = ("chapter", "part", "title", "book")


def numbered_without_words(root) -> bool:
    """Are the chapters (parts, titles) numbered "I", "II" rather than "CHAPTER I"?

    Such acts come from Markdown ("## I - Preliminary"); only the same
    heading marks make the parser see chapters there again.
    """
    for name in _OUTLINE_UNITS:
        for el in root.iter("{*}" + name):
            num = el.find("{*}num")
            if num is not None and _BARE.match(" ".join("".join(num.itertext()).split())):
                return True
    return False


def render_text(root, *, standalone: bool = True, template_dir=None) -> str:
    """The plain text of the AKN document *root* (see the module docstring)."""
    from akn.render.engine import Renderer
    from akn.render.model import describe
    tradition = tradition_of(describe(root).meta)
    if numbered_without_words(root):
        tradition = "outline"
    renderer = Renderer(root, "txt", template_dir=template_dir, standalone=standalone,
                        variant=tradition)
    return renderer.page()
