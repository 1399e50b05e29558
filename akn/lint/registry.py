"""The registry of lint checks: each check has an id, a severity and a description.

A check is a function of a :class:`~akn.lint.linter.Linter` that yields
:class:`~akn.errors.Diagnostic` findings. One function may find several
kinds (the numbering check finds gaps, duplicates and disorder): it is
registered under each of its ids and runs once. Checks run, and are listed,
in the order they were registered.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from akn.errors import Diagnostic


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    description: str
    run: Callable[[Any], Iterable[Diagnostic]]   # called with the Linter


#: check id -> check, in the order of registration
CHECKS: dict[str, Check] = {}


def register(id: str, severity: str, description: str, run: Callable[[Any], Iterable[Diagnostic]]) -> Check:
    """Add a check under *id* (``error`` or ``warning``); an id is registered once."""
    if id in CHECKS:
        raise ValueError(f"a lint check {id!r} is already registered")
    if severity not in ("error", "warning"):
        raise ValueError(f"severity of {id!r} must be 'error' or 'warning', not {severity!r}")
    CHECKS[id] = check = Check(id, severity, description, run)
    return check
