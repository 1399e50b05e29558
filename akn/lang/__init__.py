"""What each language knows, and the registry of languages.

A language is a :class:`Pack`: its ISO 639-2/T code and script, the
profiles that read its structure (:class:`akn.profiles.base.Profile`: heads,
numbering, editorial notes, metadata), the rules of its citations
(:class:`ReferenceRules`: how ``Article 5(1)``, ``пункт 2 статьи 10`` or
``7-баптың 2-тармағы`` are found) and of its definitions
(:class:`akn.definitions.DefinitionRules`: ``‘X’ means``, ``X – ...``,
``(далее – X)``, and how a term inflects). The passes and the lint checks
never name a language: they are handed the pack of the document's language
(``Context.language``) and do nothing, with a warning, for a language that
brings no rules for them.

The packs of English, Russian and Kazakh are built in (``akn/lang/en.py``,
``ru.py``, ``kk.py``). Another language is added by a folder whose
``__init__.py`` defines ``PACK``, loaded with :func:`load` (no other file
changes)::

    import akn.lang
    akn.lang.load("path/to/fr")           # registers PACK and its profiles
    akn.parse(text, lang="fr")

>>> sorted(PACKS)
['eng', 'kaz', 'rus']
>>> get("kk").code, get("klingon")
('kaz', None)
"""
from __future__ import annotations

from akn.lang import en, kk, ru
from akn.lang.pack import Pack, ReferenceRules
from akn.lang.registry import PACKS, get, load, register, script_of

__all__ = ["PACKS", "Pack", "ReferenceRules", "get", "load", "register", "script_of"]

# the languages built in: each module defines PACK
for _module in (en, ru, kk):
    register(_module.PACK)
