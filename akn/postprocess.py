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
there. The runner checks it: after the passes, the text of the document
outside ``<meta>`` must be the same, character for character, as before
them. Where it is not, each block (``<p>``) whose text differs from the
same document parsed without passes gets that text back, without the
passes' mark-up, and a warning (``pass-changed-text``) names the pass and
the line.

Switch passes off with ``akn.parse(..., passes=("references",))`` (only the
ones named) or ``passes=()`` (none).
"""
from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections.abc import Callable
from typing import Any
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
    #: the same document parsed without the passes (called only when a pass has changed the text)
    plain: Callable[[], etree._Element] | None = None
    #: what the document's language knows (an :class:`akn.lang.Pack`: citation and definition rules);
    #: None for a language without one (the passes that need it then say so and do nothing)
    language: Any = None


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

    The text of the document outside ``<meta>`` is compared before and after
    the passes (by a digest of its C-level serialisation, 3-4 ms per
    megabyte of input each time). Where it differs, which only a pass that bypasses
    :func:`akn.inline.wrap_spans` can cause, the passes are run again one by
    one on the plain document to name the one that did it, and the changed
    blocks are put back as :attr:`Context.plain` has them.
    """
    passes = [r for r in registered() if enabled is None or r.name in enabled]
    if not passes:
        return []
    found: list[Diagnostic] = []
    before = _text(root)
    for r in passes:
        found.extend(r.run(root, context) or [])
    if _text(root) != before:
        plain = context.plain() if context.plain is not None else None
        found.extend(_restore(root, plain, _culprit(passes, plain, before, context), context))
    return found


def _culprit(passes: list[Registered], plain: etree._Element | None, before: bytes, context: Context) -> str:
    """The name of the first pass that changes the text of a copy of *plain*."""
    if plain is None:
        return "a"
    trial = copy.deepcopy(plain)
    twin = dataclasses.replace(context, contexts={})   # the builder's contexts belong to the other tree
    for r in passes:
        r.run(trial, twin)
        if _text(trial) != before:
            return f"the {r.name}"
    return "a"


def _parts(root: etree._Element) -> list[etree._Element]:
    doc = root[0] if len(root) else root
    return [part for part in doc if isinstance(part.tag, str) and part.tag != NS + "meta"]


def _text(root: etree._Element) -> bytes:
    """A digest of the text of the document outside ``<meta>``, in document order.

    Serialised piece by piece (a part's text, then each child with its tail),
    so that no copy of the whole text is held at once.
    """
    digest = hashlib.sha1(usedforsecurity=False)   # a check against mistakes, not attacks: the fastest
    tostring = etree.tostring
    for part in _parts(root):
        digest.update((part.text or "").encode("utf-8"))
        for child in part:
            digest.update(tostring(child, method="text", encoding="utf-8", with_tail=True))
        digest.update(b"\x00")
    return digest.digest()


def _restore(root: etree._Element, plain: etree._Element | None, culprit: str, context: Context) -> list[Diagnostic]:
    """Give each block whose text a pass changed its text as parsed, without mark-up; a warning for each.

    When that is not enough (blocks added or removed, text changed outside
    the blocks), every part of the document goes back to *plain*, with one
    warning.
    """
    now = [p for part in _parts(root) for p in part.iter(NS + "p")]
    was = [p for part in _parts(plain) for p in part.iter(NS + "p")] if plain is not None else []
    found = []
    if len(now) == len(was):
        for p, twin in zip(now, was):
            if "".join(p.itertext()) == "".join(twin.itertext()):
                continue
            tail = p.tail
            p[:] = [copy.deepcopy(child) for child in twin]
            p.text, p.tail = twin.text, tail
            found.append(Diagnostic(f"{culprit} pass changed the text of this block; it keeps its text as parsed, "
                                    "without the passes' mark-up", line=_line(p, context.lines), col=1,
                                    source=context.source, severity="warning", code="pass-changed-text"))
    if plain is not None and _text(root) == _text(plain):
        return found
    if plain is not None:
        for part, twin in zip(_parts(root), _parts(plain)):
            part[:] = [copy.deepcopy(child) for child in twin]
            part.text = twin.text
    found.append(Diagnostic(f"{culprit} pass changed the text of the document; "
                            + ("it keeps its text as parsed, without the passes' mark-up" if plain is not None
                               else "it could not be put back"),
                            source=context.source, severity="warning", code="pass-changed-text"))
    return found


def _line(el: etree._Element | None, lines: dict[str, int]) -> int:
    while el is not None:
        eid = el.get("eId")
        if eid and eid in lines:
            return lines[eid]
        el = el.getparent()
    return 0
