"""The walk: each element goes to the macro of its family's partial template.

For an element ``<ref>`` and output format ``html``, :meth:`Renderer.render`
calls the macro ``ref`` of ``html/_inline.html.j2`` (the user's copy first,
then the built-in one), or that template's ``default`` macro. Macros call
``render(child)`` and ``children(node)`` to recurse, so the templates decide
every character of the output; this module only keeps the state a walk
needs (heading level, footnotes, concept uses) and the facts from
:mod:`akn.render.model`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from akn.render import families
from akn.render.environment import environment, overridden
from akn.render.model import (DOCUMENT_TYPES, Concept, Described, child, describe, find, title_sep,
                              is_akn, is_major, local, read_meta)

EXTENSIONS = {"html": "html", "md": "md", "txt": "txt"}

_SAFE_SCHEME = re.compile(r"^(https?:|mailto:|ftp:|#|/|\.|[^:/?#]*(?:[/?#]|$))", re.I)


@dataclass
class Footnote:
    number: int
    marker: str
    anchor: str          # id of the note in the notes list
    ref_anchor: str      # id of the (first) place that refers to it
    node: object
    content: object = ""
    kind: str = "authorialNote"
    uses: int = 1


@dataclass
class NoteRef:
    """One place in the text that refers to a footnote."""

    note: Footnote
    anchor: str          # id of this marker ('' after the first, which the note links back to)

    @property
    def marker(self) -> str:
        return self.note.marker


@dataclass
class ConceptUse:
    concept: Concept
    anchor: str          # id of this use, for the back-link from the index

    @property
    def label(self) -> str:
        return self.concept.label


@dataclass
class Parts:
    """A unit split into what goes in its title line and the rest."""

    num: object = None
    heading: object = None
    subheading: object = None
    rest: list = field(default_factory=list)


@dataclass
class Group:
    """Consecutive list members (points, items, indents) or one other element."""

    items: list
    is_list: bool

    def __iter__(self):
        return iter(self.items)


class Renderer:
    """One rendering of one document to one format."""

    def __init__(self, root, fmt: str, *, template_dir: str | None = None,
                 base_url: str | None = None, standalone: bool = True):
        if fmt not in EXTENSIONS:
            raise ValueError(f"unknown output format {fmt!r} (expected html, md or txt)")
        self.fmt = fmt
        self.ext = EXTENSIONS[fmt]
        self.root = root
        self.info: Described = describe(root)
        self.meta = self.info.meta
        self.base_url = (base_url or "").rstrip("/")
        self.standalone = standalone
        self.env = environment(str(template_dir) if template_dir else None)
        self.level = 1            # <h1> is the document title
        self.quoted = 0           # > 0 inside quotedStructure / embeddedStructure
        self.footnotes: list[Footnote] = []
        self._note_by_target: dict[str, Footnote] = {}
        self.concept_uses: dict[str, list[ConceptUse]] = {}
        self._uses = 0
        self._targets: set[str] | None = None
        self._self_uris = tuple(u for u in (self.meta.expression, self.meta.work) if u)
        self.globals = {
            "render": self.render, "state": self, "info": self.info, "meta": self.meta,
            "parts": parts, "groups": groups, "anchor": self.anchor, "link": self.link,
            "concepts": self.concepts, "footnote": self.footnote, "note_ref": self.note_ref,
            "local": local, "is_block": is_block, "has_block": has_block,
            "is_major": is_major, "plain": _plain, "standalone": standalone, "fmt": fmt,
            "table_rows": table_rows, "title_sep": title_sep, "mixed": mixed,
        }
        base = self._module("_base")
        self.globals["children"] = base.children
        self.children = base.children
        self._modules = {fam: self._modules_for(fam) for fam in families.FAMILIES}
        self._macros: dict[tuple[str, str], object] = {}

    # -- templates --------------------------------------------------------------------

    def template_name(self, stem: str) -> str:
        return f"{self.fmt}/{stem}.{self.ext}.j2"

    def _module(self, stem: str, default: bool = False):
        name = self.template_name(stem)
        template = self.env.get_template(("default:" if default else "") + name)
        return template.make_module(self.globals)

    def _modules_for(self, fam: str):
        name = self.template_name("_" + fam)
        mods = [self._module("_" + fam)]
        if overridden(self.env, name):
            mods.append(self._module("_" + fam, default=True))
        return mods

    def macro_for(self, name: str, fam: str):
        key = (name, fam)
        macro = self._macros.get(key)
        if macro is None:
            mods = self._modules[fam]
            for attr in (name, "default"):
                for mod in mods:
                    macro = getattr(mod, attr, None)
                    if macro is not None:
                        break
                if macro is not None:
                    break
            if macro is None:
                macro = self.macro_for(name, "fallback") if fam != "fallback" else None
            if macro is None:
                raise LookupError(f"no macro for <{name}> in {self.template_name('_' + fam)}"
                                  f" and no 'default' macro in the fallback template")
            self._macros[key] = macro
        return macro

    # -- the walk ---------------------------------------------------------------------

    def render(self, node):
        """Render one element (comments and processing instructions give '')."""
        tag = node.tag
        if not isinstance(tag, str):
            return ""
        name = local(node)
        fam = families.family(name) if is_akn(node) else "fallback"
        if fam == "skip":
            return ""
        macro = self.macro_for(name, fam)
        if (fam == "units" and is_major(node)) or (name in DOCUMENT_TYPES
                                                   and node is not self.info.doc):
            self.level += 1
            try:
                return macro(node)
            finally:
                self.level -= 1
        if name in ("quotedStructure", "embeddedStructure"):
            self.quoted += 1
            saved, self.level = self.level, 1
            try:
                return macro(node)
            finally:
                self.quoted -= 1
                self.level = saved
        return macro(node)

    def page(self) -> str:
        """Render the whole document through ``<fmt>/page.<ext>.j2``."""
        body = self.render(self.info.doc)
        self._unreferenced_notes()
        stem = "page" if self.standalone else "document"
        template = self.env.get_template(self.template_name(stem))
        return template.render(self.globals, body=body, toc=self.info.toc,
                               footnotes=self.footnotes, concepts=self.concept_index())

    # -- helpers the templates call ---------------------------------------------------

    @property
    def heading_level(self) -> int:
        return min(self.level, 6)

    def anchor(self, node):
        """The HTML id of *node* (its eId, made unique), or None."""
        return self.info.anchors.get(node)

    def link(self, href):
        """A safe link target for an AKN href, or None when it must not be a link.

        References into this very document become fragment links; other AKN IRIs
        are resolved against ``base_url`` when one is given.
        """
        href = (href or "").strip()
        if not href or not _SAFE_SCHEME.match(href):
            return None
        if href.startswith("#"):
            return href if self._is_target(href[1:]) else None
        for uri in self._self_uris:
            if href.startswith(uri):
                rest = href[len(uri):]
                for sep in ("#", "~"):
                    if sep in rest and rest.split(sep, 1)[0] in ("", "/", "/!main", "!main"):
                        target = rest.split(sep, 1)[1]
                        return "#" + target if self._is_target(target) else None
        if href.startswith("/akn/") and self.base_url:
            return self.base_url + href
        return href

    def _is_target(self, ident: str) -> bool:
        """Is there an element with this id on the page (so a link to it works)?"""
        if self._targets is None:
            self._targets = set(self.info.anchors.values())
            self._targets.update(n.get("eId") or n.get("id") or "" for n in self._meta_notes())
        return ident in self._targets

    def concepts(self, node, own_anchor: bool = False) -> list[ConceptUse]:
        """The concepts *node* refers to (``@refersTo="#a #b"`` naming TLCConcepts),
        each recorded as a new use so that the concept index can link back (to the
        element's own anchor with *own_anchor*, else to a badge made for the use)."""
        refs = node.get("refersTo")
        if not refs or not self.info.concepts:
            return []
        uses = []
        mine = self.anchor(node) if own_anchor else None
        for ref in refs.split():
            concept = self.info.concepts.get(ref.lstrip("#"))
            if concept is not None:
                self._uses += 1
                use = ConceptUse(concept, mine or f"{concept.anchor}-use-{self._uses}")
                self.concept_uses.setdefault(concept.key, []).append(use)
                uses.append(use)
        return uses

    def concept_index(self):
        """[(concept, [uses])] in the order the concepts are declared."""
        return [(c, self.concept_uses.get(k, [])) for k, c in self.info.concepts.items()]

    def footnote(self, node):
        """Register an ``<authorialNote>``; returns its :class:`Footnote`."""
        number = len(self.footnotes) + 1
        anchor = self.anchor(node) or f"note-{number}"
        note = Footnote(number, (node.get("marker") or str(number)).strip(), anchor,
                        f"{anchor}-ref", node)
        self.footnotes.append(note)
        note.content = self.children(node)
        return NoteRef(note, note.ref_anchor)

    def note_ref(self, node):
        """Resolve a ``<noteRef href="#id">`` to the note in ``meta/notes``."""
        target = (node.get("href") or "").lstrip("#")
        if target in self._note_by_target:
            note = self._note_by_target[target]
            note.uses += 1
            return NoteRef(note, f"{note.ref_anchor}-{note.uses}")
        note_el = self._meta_note(target)
        if note_el is None:
            return None
        number = len(self.footnotes) + 1
        anchor = note_el.get("eId") or f"note-{number}"
        note = Footnote(number, (node.get("marker") or str(number)).strip(), anchor,
                        f"{anchor}-ref", note_el, kind="note")
        self.footnotes.append(note)
        self._note_by_target[target] = note
        note.content = self.children(note_el)
        return NoteRef(note, note.ref_anchor)

    def _meta_notes(self):
        notes = find(self.info.doc, "meta", "notes")
        return [] if notes is None else [n for n in notes if local(n) == "note"]

    def _meta_note(self, target: str):
        for note in self._meta_notes():
            if note.get("eId") == target or note.get("id") == target:
                return note
        return None

    def _unreferenced_notes(self):
        for note_el in self._meta_notes():
            key = note_el.get("eId") or note_el.get("id") or ""
            if key and key in self._note_by_target:
                continue
            number = len(self.footnotes) + 1
            anchor = key or f"note-{number}"
            note = Footnote(number, str(number), anchor, "", note_el, kind="note")
            self.footnotes.append(note)
            self._note_by_target[key or anchor] = note
            note.content = self.children(note_el)

    def sub_meta(self, node):
        """Metadata of a nested document (attachment, component)."""
        return read_meta(node)


# -- structural helpers (pure functions of the tree) -----------------------------------

_TITLE_PARTS = {"num": "num", "heading": "heading", "subheading": "subheading"}


def parts(node) -> Parts:
    """Split a unit into num / heading / subheading and the remaining children."""
    p = Parts()
    for c in node:
        name = local(c)
        slot = _TITLE_PARTS.get(name)
        if slot and getattr(p, slot) is None and not p.rest:
            setattr(p, slot, c)
        elif name:
            p.rest.append(c)
    return p


def groups(elements) -> list[Group]:
    """Group consecutive points/items/indents so templates can wrap them in a list."""
    out: list[Group] = []
    for el in elements:
        if not isinstance(el.tag, str):
            continue
        item = local(el) in families.LIST_ITEMS
        if item and out and out[-1].is_list:
            out[-1].items.append(el)
        else:
            out.append(Group([el], item))
    return out


def mixed(node) -> bool:
    """Does *node* hold text of its own (not only white space between elements)?"""
    if node.text and node.text.strip():
        return True
    return any(c.tail and c.tail.strip() for c in node)


def is_block(node) -> bool:
    """Is this element laid out as a block?"""
    return local(node) in families.BLOCK_LEVEL


def has_block(node) -> bool:
    """Does *node* contain a block-level element (a table, a quoted structure …)?"""
    for el in node.iterdescendants():
        if isinstance(el.tag, str) and local(el) in families.BLOCK_LEVEL:
            if not _in_note(el, node):
                return True
    return False


def _in_note(el, stop) -> bool:
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if local(anc) == "authorialNote":
            return True
    return False


def table_rows(table) -> list[list]:
    """The rows of an AKN/HTML table as lists of cells, padded to equal width.

    A cell spanning *n* columns is followed by *n - 1* ``None`` entries, so a
    grid format (a Markdown pipe table) keeps its columns aligned.
    """
    rows: list[list] = []
    for el in table.iter("{*}tr"):
        row: list = []
        for cell in el:
            if local(cell) in ("th", "td"):
                row.append(cell)
                try:
                    span = max(1, min(int(cell.get("colspan", "1")), 100))
                except ValueError:
                    span = 1
                row.extend([None] * (span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    return rows


def _plain(node) -> str:
    from akn.render.model import plain_text
    return plain_text(node) if node is not None else ""


__all__ = ["Renderer", "parts", "groups", "is_block", "has_block", "child"]
