"""The registry of languages: :func:`register`, :func:`get`, :func:`load` (see :mod:`akn.lang`)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from akn import languages, profiles
from akn.lang.pack import Pack


#: ISO 639-2/T code -> the pack of that language
PACKS: dict[str, Pack] = {}


def register(pack: Pack) -> Pack:
    """Add *pack* and its profiles (replacing a pack of the same code); returns it."""
    if pack.code not in languages.LANGUAGES:
        raise ValueError(f"{pack.code!r} is not an ISO 639-2/T language code (eng, rus, kaz, fra ...)")
    PACKS[pack.code] = pack
    for profile in pack.profiles:
        if profile.lang != pack.code:
            raise ValueError(f"profile {profile.name} is for {profile.lang!r}, not {pack.code!r}")
        profiles.REGISTRY[profile.name] = profile
    return pack


def get(spelling: str | None) -> Pack | None:
    """The pack of a language however it is written (``en``, ``eng``, ``kk``), or None."""
    code = languages.code(spelling)
    return PACKS.get(code) if code else None


def load(folder: str | Path) -> Pack:
    """Load a language from a folder whose ``__init__.py`` defines ``PACK``, and register it.

    Raises :class:`ValueError` naming the folder when it holds no such module or no ``PACK``.
    """
    folder = Path(folder)
    init = folder / "__init__.py"
    if not init.is_file():
        raise ValueError(f"{folder}: not a language folder: expected {init}")
    name = f"akn_language_{folder.name}"
    spec = importlib.util.spec_from_file_location(name, init, submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        raise ValueError(f"{init}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    pack = getattr(module, "PACK", None)
    if not isinstance(pack, Pack):
        raise ValueError(f"{init}: defines no PACK (an akn.lang.Pack)")
    return register(pack)


def script_of(code: str) -> str | None:
    """The script of a registered language (``latin``, ``cyrillic``), or None."""
    pack = PACKS.get(code)
    return pack.script if pack else None
