"""The filters and tests templates use to walk an Akoma Ntoso tree.

Templates receive lxml elements. They recurse with ``{{ child|render }}`` and
``{{ node|children }}`` and ask questions with filters and tests::

    {% set u = node|unit %}                 {# num, heading, groups of the rest … #}
    <section{{ {"id": node|anchor}|xmlattr }}>
    {% if node is major %} … {% endif %}
    {{ node|get("href")|link }}

Filters are used (rather than global functions) because Jinja calls them
directly, which makes a page render several times faster. They act on the
rendering in progress, which :class:`akn.render.engine.Renderer` makes
*active* for the time of :meth:`~akn.render.engine.Renderer.page`.
"""
from __future__ import annotations

from contextvars import ContextVar

from akn.render import units
from akn.render.model import is_major, local, plain_text, title_sep

ACTIVE: ContextVar = ContextVar("akn_render_active")


def render(node):
    """The element rendered by the macro of its family's partial template."""
    return ACTIVE.get().render(node)


def children(node):
    """The text and child elements of *node*, rendered in document order."""
    return ACTIVE.get().children(node)


def anchor(node):
    """The page id of *node* (its eId, made unique on the page), or None."""
    return ACTIVE.get().info.anchor(node)


def get(node, name: str, default=None):
    """An XML attribute of *node* (``node|get("href")``)."""
    return node.get(name, default)


def link(href):
    """A safe link target for an AKN href, or None (see Renderer.link)."""
    return ACTIVE.get().link(href)


def concepts(node, own_anchor: bool = False):
    """The concepts *node* refers to, each recorded as a use for the concept index."""
    return ACTIVE.get().concepts(node, own_anchor)


def footnote(node):
    """Register an authorialNote; returns the marker to print (a NoteRef)."""
    return ACTIVE.get().footnote(node)


def note_ref(node):
    """Resolve a noteRef to its note in meta/notes (a NoteRef, or None)."""
    return ACTIVE.get().note_ref(node)


def unit(node):
    """A unit split for its template (see :class:`akn.render.units.Parts`)."""
    renderer = ACTIVE.get()
    u = renderer.unit
    if u is not None and u.node is node:
        return u
    return units.parts(node, renderer)


groups = units.groups
rows = units.table_rows
is_block = units.is_block


def holding_blocks(node) -> bool:
    """Does *node* contain a block (a table, a quoted structure …) outside its notes?"""
    return units.has_block(node)


def mixed(node) -> bool:
    """Does *node* hold text of its own, not only white space between elements?"""
    if node.text and node.text.strip():
        return True
    return any(c.tail and c.tail.strip() for c in node)


FILTERS = {
    "render": render, "children": children, "anchor": anchor, "get": get, "link": link,
    "concepts": concepts, "footnote": footnote, "note_ref": note_ref, "unit": unit,
    "groups": groups, "rows": rows, "name": local, "plain": plain_text,
    "title_sep": title_sep,
}

TESTS = {"major": is_major, "block": is_block, "holding_blocks": holding_blocks,
         "mixed": mixed}


def unit_notes(node):
    """The editorial notes (in meta/notes) that the num or heading of *node* points at."""
    renderer = ACTIVE.get()
    out = []
    for part in node:
        if local(part) in ("num", "heading"):
            for ref in part.iter("{*}noteRef"):
                note = renderer._meta_note((ref.get("href") or "").lstrip("#"))
                if note is not None and note not in out:
                    out.append(note)
    return out


def free_notes(doc):
    """The editorial notes in meta/notes that no noteRef of the document points at."""
    renderer = ACTIVE.get()
    targets = {(r.get("href") or "").lstrip("#") for r in doc.iter("{*}noteRef")}
    return [n for n in renderer._meta_notes()
            if (n.get("eId") or n.get("id") or "") not in targets]


def parenthetical(note) -> bool:
    """Is this editorial note a parenthetical ("(в ред. ...)") written inside a line?"""
    return plain_text(note).startswith("(")


def note_of(ref):
    """The note in meta/notes that a noteRef points at, or None."""
    return ACTIVE.get()._meta_note((ref.get("href") or "").lstrip("#"))


FILTERS.update({"unit_notes": unit_notes, "free_notes": free_notes, "note_of": note_of})
TESTS.update({"parenthetical": parenthetical})
