"""What a language brings: :class:`Pack` and :class:`ReferenceRules` (see :mod:`akn.lang`)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:   # pragma: no cover
    from akn.definitions import DefinitionRules
    from akn.profiles.base import Profile
    from akn.references.model import Found


@dataclass(frozen=True)
class ReferenceRules:
    """How a language cites the units of an act.

    ``find(text, tradition, letters, survey)`` returns the reference phrases of
    one block of text (:class:`akn.references.model.Found`); ``may_hold(text)``
    is a cheap test that a block may hold one; ``survey(texts, tradition)``,
    when given, looks at every block of the document once before (Russian
    federal acts number "части" of articles: whether ``пункт`` means a point
    depends on it) and its answer is passed to every ``find``.
    """

    find: Callable[[str, str, str, Any], list[Found]]
    may_hold: Callable[[str], bool]
    survey: Callable[[Iterable[str], str], Any] | None = None


@dataclass(frozen=True)
class Pack:
    """Everything one language knows (see the module docstring)."""

    code: str                              # ISO 639-2/T: eng, rus, kaz
    script: str                            # latin, cyrillic: what detection tells from the characters
    profiles: tuple[Profile, ...] = ()
    references: ReferenceRules | None = None
    definitions: DefinitionRules | None = None
    #: lint: a term quoted as defined elsewhere ("‘X’ as defined in"), group ``term``
    quoted_as_defined: Any = None
    #: words that may start the citation of another act (a cheap test before the external-reference finder)
    act_words: tuple[str, ...] = ()
