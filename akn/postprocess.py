"""Passes over the built AKN tree, run in order after the parser.

A pass is a function ``(root, context) -> list[Diagnostic]`` that adds
inline mark-up to the tree (references, definitions, terms) and reports
what it could not do. Passes are registered with :func:`register` under a
name and a priority; :func:`run_passes` runs them by priority, smallest
first. The toolkit's own passes, in the order they run:

==========  ==============  =======================================================
priority    name            what it marks
==========  ==============  =======================================================
10          references      ``<ref>`` / ``<rref>`` to the act's own units
20          external_refs   ``<ref>`` to other acts (FRBR work URIs)
30          definitions     ``<def>`` where a term is defined, ``<term>`` where used
==========  ==============  =======================================================

References run first so that a term is never marked inside a reference,
and definitions last so that a term's uses are found in the text the
references left loose.

**A pass adds mark-up, never text.** Passes change a block only through
:func:`akn.inline.wrap_spans`, which can only wrap characters that are
there. The runner checks it: after each pass, every block (``<p>``) must
hold the same characters, in the same order, as before the passes. A block
a pass has changed gets its text back as it was, without the passes'
mark-up, and a warning (``pass-changed-text``) names the pass and the line.

Switch passes off with ``akn.parse(..., passes=("references",))`` (only the
ones named) or ``passes=()`` (none).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from akn import definitions, external_refs, references
from akn.document import AKN_NS
from akn.errors import Diagnostic
from akn.profiles.base import Profile

NS = "{%s}" % AKN_NS


@dataclass
class Context:
    """What a pass may know about the document besides its tree."""

    profile: Profile
    source: str = "<text>"
    frbr_uri: str = ""
    lines: dict[str, int] = field(default_factory=dict)   # eId -> source line where the unit starts
    #: element holding text blocks -> eIds of the units around it, outermost first (from the builder)
    contexts: dict[etree._Element, tuple[str, ...]] = field(default_factory=dict)
    options: dict = field(default_factory=dict)


Pass = Callable[[etree._Element, Context], list[Diagnostic]]


@dataclass(frozen=True)
class Registered:
    name: str
    run: Pass
    priority: int


_REGISTRY: dict[str, Registered] = {}


def register(pass_fn: Pass, name: str, priority: int) -> None:
    """Add *pass_fn* to the passes under *name*; passes run by *priority*, smallest first.

    Registering a name again replaces the pass of that name.
    """
    _REGISTRY[name] = Registered(name, pass_fn, priority)


def registered() -> list[Registered]:
    """The registered passes, in the order they run."""
    return sorted(_REGISTRY.values(), key=lambda r: (r.priority, r.name))


register(references.link, "references", 10)
register(external_refs.link, "external_refs", 20)
register(definitions.mark, "definitions", 30)


def run_passes(root: etree._Element, context: Context, enabled: tuple[str, ...] | None = None) -> list[Diagnostic]:
    """Run the registered passes (all, or those named in *enabled*) and collect their diagnostics.

    Each block's text is checked after each pass (see the module's docstring).
    """
    passes = [r for r in registered() if enabled is None or r.name in enabled]
    if not passes:
        return []
    found: list[Diagnostic] = []
    before = _snapshot(root)
    for r in passes:
        found.extend(r.run(root, context) or [])
        found.extend(_restore_changed(before, r.name, context))
    return found


#: a block before the passes: its text, its children with their tails, its full text
_Before = tuple[str | None, tuple[tuple[etree._Element, str | None], ...], str]


def _snapshot(root: etree._Element) -> dict[etree._Element, _Before]:
    """The text of every block outside ``<meta>``, before the passes."""
    out: dict[etree._Element, _Before] = {}
    doc = root[0] if len(root) else root
    for part in doc:
        if not isinstance(part.tag, str) or part.tag == NS + "meta":
            continue
        for p in part.iter(NS + "p"):
            if len(p):
                out[p] = (p.text, tuple((c, c.tail) for c in p), "".join(p.itertext()))
            else:
                out[p] = (p.text, (), p.text or "")
    return out


def _restore_changed(before: dict[etree._Element, _Before], name: str, context: Context) -> list[Diagnostic]:
    """Put back the text of every block whose characters differ from *before*; a warning for each."""
    found = []
    for p, (text, children, full) in before.items():
        now = "".join(p.itertext()) if len(p) else (p.text or "")
        if now == full:
            continue
        for child in list(p):
            p.remove(child)
        p.text = text
        for child, tail in children:
            child.tail = tail
            p.append(child)
        if "".join(p.itertext()) != full:   # a child's own text was changed: keep the text, plain
            for child in list(p):
                p.remove(child)
            p.text = full or None
        found.append(Diagnostic(f"the {name} pass changed the text of this block; it keeps its text as parsed, "
                                "without the passes' mark-up", line=_line(p, context.lines), col=1,
                                source=context.source, severity="warning", code="pass-changed-text"))
    return found


def _line(el: etree._Element | None, lines: dict[str, int]) -> int:
    while el is not None:
        eid = el.get("eId")
        if eid and eid in lines:
            return lines[eid]
        el = el.getparent()
    return 0
