"""Passes over the built AKN tree, run in order after the parser.

Each pass is a function ``(root, context) -> list[Diagnostic]`` that may
change the tree (mark references, definitions, terms). Passes are listed by
name in :data:`PASSES` and can be switched off with
``akn.parse(..., passes=...)``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable

from lxml import etree

from akn.errors import Diagnostic
from akn.profiles.base import Profile


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

#: name -> dotted path of the pass function, in the order they run
PASSES: dict[str, str] = {"references": "akn.references.link", "external_refs": "akn.external_refs.link",
                         "definitions": "akn.definitions.mark"}


def run_passes(root: etree._Element, context: Context, enabled: tuple[str, ...] | None = None) -> list[Diagnostic]:
    """Run the registered passes (all, or those named in *enabled*) and collect their diagnostics."""
    from importlib import import_module

    found: list[Diagnostic] = []
    for name, target in PASSES.items():
        if enabled is not None and name not in enabled:
            continue
        module_name, func = target.rsplit(".", 1)
        found.extend(getattr(import_module(module_name), func)(root, context) or [])
    return found
