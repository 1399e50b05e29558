"""The walk: each element goes to the macro of its family's partial template.

For an element ``<ref>`` and output format ``html``, :meth:`Renderer.render`
calls the macro ``ref`` of ``html/_inline.html.j2`` (the user's copy first,
then the built-in one), or that template's ``default`` macro. Macros recurse
with the filters ``child|render`` and ``node|children`` (see
:mod:`akn.render.filters`), so the templates decide every character of the
output; this module only keeps the state a walk needs (heading level,
footnotes, concept uses) and the facts from :mod:`akn.render.model`.
"""
from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass

from jinja2 import TemplateNotFound
from markupsafe import Markup

from akn.render import families
from akn.render.environment import environment, html_escape, md_escape, overridden
from akn.render.filters import ACTIVE
from akn.render.model import AKN_NAMESPACES, DOCUMENT_TYPES, Concept, Described, describe, find, local, read_meta
from akn.render.units import Group, Parts, groups, has_block, is_block, parts, table_rows

EXTENSIONS = {"html": "html", "md": "md", "txt": "txt"}


def _html_text(value: str) -> Markup:
    return html_escape(_SPACES.sub(" ", value) if "\n" in value else value)


def _md_text(value: str) -> str:
    return md_escape(value)


_SPACES = re.compile(r"\s+")
def _plain_text(value: str) -> str:
    return _SPACES.sub(" ", value)


_TEXT_FILTERS = {"html": _html_text, "md": _md_text, "txt": _plain_text}
def _html_join(parts: list) -> Markup:
    """Join parts that are all escaped already (Markup) into one Markup."""
    return str.__new__(Markup, "".join(parts))


_JOINERS = {"html": _html_join, "md": "".join, "txt": "".join}

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


class Renderer:
    """One rendering of one document to one format."""

    def __init__(self, root, fmt: str, *, template_dir: str | os.PathLike | None = None,
                 base_url: str | None = None, standalone: bool = True, variant: str = ""):
        if fmt not in EXTENSIONS:
            raise ValueError(f"unknown output format {fmt!r} (expected html, md or txt)")
        self.fmt = fmt
        self.ext = EXTENSIONS[fmt]
        self.variant = variant
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
        # data for the templates; the walk itself goes through the filters of
        # akn.render.filters (node|render, node|children, node|unit …)
        self.globals = {"state": self, "info": self.info, "meta": self.meta,
                        "standalone": standalone, "fmt": fmt, "variant": variant}
        self.units = 0            # depth of hierarchical units around the element rendered
        self._tight = variant in ("uk", "us", "outline", "ru")
        token = ACTIVE.set(self)
        try:
            base = self._module("_base")
            if overridden(self.env, self.template_name("_base")) or fmt not in _TEXT_FILTERS:
                self.children = base.children
            else:
                self.children = self._children
                self._text = _TEXT_FILTERS[fmt]
                self._join = _JOINERS[fmt]
                self._empty = _JOINERS[fmt]([])
            self._modules = {fam: self._modules_for(fam) for fam in families.FAMILIES}
        finally:
            ACTIVE.reset(token)
        self._macros: dict[tuple[str, str], object] = {}
        self._routes: dict[str, tuple] = {}
        self.unit: Parts | None = None   # the unit being rendered (computed by render())

    # -- templates --------------------------------------------------------------------

    def template_name(self, stem: str) -> str:
        """The template for *stem*: ``txt/uk/_units.txt.j2`` when the format has a
        variant (the drafting tradition, for plain text) that provides one, else
        ``txt/_units.txt.j2``."""
        for name in self._candidates(stem):
            if self._exists(name):
                return name
        return self._candidates(stem)[-1]

    def _candidates(self, stem: str) -> list[str]:
        generic = f"{self.fmt}/{stem}.{self.ext}.j2"
        if self.variant:
            return [f"{self.fmt}/{self.variant}/{stem}.{self.ext}.j2", generic]
        return [generic]

    def _exists(self, name: str) -> bool:
        try:
            self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]  # always set
        except TemplateNotFound:
            return False
        return True

    def _module(self, stem: str, default: bool = False, name: str | None = None):
        name = name or self.template_name(stem)
        template = self.env.get_template(("default:" if default else "") + name)
        return template.make_module(self.globals)

    def _modules_for(self, fam: str):
        """The modules a macro for this family is looked up in, most specific first:
        the variant's partial, then the format's (each: the user's copy, then ours)."""
        mods = []
        for name in self._candidates("_" + fam):
            if not self._exists(name):
                continue
            mods.append(self._module("_" + fam, name=name))
            if overridden(self.env, name) and self._exists("default:" + name):
                mods.append(self._module("_" + fam, default=True, name=name))
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
            macro = _direct(macro)
            self._macros[key] = macro
        return macro

    # -- the walk ---------------------------------------------------------------------

    def _children(self, node):
        """The text and child elements of *node*, in order (the fast equivalent of the
        ``children`` macro of ``<fmt>/_base``, used unless a user overrides that file):
        text is escaped for the format, elements go through :meth:`render`."""
        text = self._text
        if not len(node):                       # text only: the commonest case
            return text(node.text) if node.text else self._empty
        render = self.render
        out = [text(node.text)] if node.text else []
        for c in node:
            out.append(render(c))
            if c.tail:
                out.append(text(c.tail))
        return self._join(out)

    def _route(self, tag: str):
        """(macro, kind) for an element tag; kind says what state the walk keeps."""
        name = tag.rpartition("}")[2]
        fam = families.family(name) if tag[1:].partition("}")[0] in AKN_NAMESPACES \
            else "fallback"
        if fam == "skip":
            route = (None, "skip")
        else:
            kind = ("unit" if fam == "units" else "doc" if name in DOCUMENT_TYPES
                    else "quoted" if name in ("quotedStructure", "embeddedStructure") else "")
            route = (self.macro_for(name, fam), kind)
        self._routes[tag] = route
        return route

    def render(self, node):
        """Render one element (comments and processing instructions give '')."""
        tag = node.tag
        if tag.__class__ is not str:
            return ""
        macro, kind = self._routes.get(tag) or self._route(tag)
        if not kind:
            return macro(node)
        if kind == "skip":
            return ""
        if kind == "unit":
            u = self.unit = parts(node, self)
            self.units += 1
            try:
                if not u.major:
                    return macro(node)
                self.level += 1
                try:
                    return macro(node)
                finally:
                    self.level -= 1
            finally:
                self.units -= 1
        if kind == "doc" and node is not self.info.doc:
            self.level += 1
            try:
                return macro(node)
            finally:
                self.level -= 1
        if kind == "quoted":
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
        token = ACTIVE.set(self)
        # the walk makes many short-lived objects and no cycles: pausing the
        # cyclic collector saves a fifth of the time on big documents
        collecting = gc.isenabled()
        gc.disable()
        try:
            body = self.render(self.info.doc)
            self._unreferenced_notes()
            stem = "page" if self.standalone else "document"
            template = self.env.get_template(self.template_name(stem))
            return template.render(self.globals, body=body, toc=self.info.toc,
                                   footnotes=self.footnotes, concepts=self.concept_index())
        finally:
            if collecting:
                gc.enable()
            ACTIVE.reset(token)

    # -- helpers the templates call ---------------------------------------------------

    @property
    def heading_level(self) -> int:
        return min(self.level, 6)

    @property
    def br(self) -> str:
        """Plain text: what ends a block. UK and US acts have no blank lines inside
        a section; other traditions (and every title block) separate blocks by one."""
        return "\n" if self._tight and self.units else "\n\n"

    def anchor(self, node):
        """The HTML id of *node* (its eId, made unique), or None."""
        return self.info.anchor(node)

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
            self._targets = set(self.info.targets)
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
            if note_el.get("class") == "frontMatter":   # the converter's metadata block: not the act's (akn.frontmatter)
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


def _direct(macro):
    """A faster way to call a one-argument macro with the same result.

    ``Macro.__call__`` sorts out keyword arguments, defaults, ``caller`` and
    ``varargs`` on every call; a macro taking exactly one positional argument
    needs none of that, so it is called through its compiled function. Any
    other macro (or a Jinja version without these attributes) is used as is.
    """
    func = getattr(macro, "_func", None)
    if (func is None or getattr(macro, "arguments", None) is None or len(macro.arguments) != 1
            or macro.catch_kwargs or macro.catch_varargs or macro.caller):
        return macro
    if getattr(macro, "_environment", None) is not None and macro._environment.is_async:
        return macro
    if getattr(macro, "explicit_caller", False):
        return macro
    autoescape = macro._default_autoescape

    if autoescape:
        # the compiled macro returns the str it built from escaped parts: mark it
        # safe without Markup.__new__'s checks
        def call_safe(node, _func=func, _new=str.__new__, _markup=Markup):
            return _new(_markup, _func(node))
        return call_safe

    def call(node, _func=func):
        return _func(node)
    return call


__all__ = ["Renderer", "Parts", "Group", "parts", "groups", "is_block", "has_block", "table_rows"]
