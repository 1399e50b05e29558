"""Language and drafting-tradition profiles, and choosing one for a text.

>>> from akn.profiles import detect
>>> detect(["Статья 1. Основные понятия", "1) термин – значение;"]).name
'ru-kz'
>>> detect(["5-бап. Негізгі ұғымдар"]).name
'kk-kz'
>>> detect(["Article 5", "Subject-matter", "Having regard to the Treaty"]).name
'en-eu'
"""
from __future__ import annotations

from akn import languages
from akn.profiles.base import Head, Profile
from akn.profiles.english import PROFILES as _EN
from akn.profiles.kazakh import PROFILES as _KK
from akn.profiles.russian import PROFILES as _RU

#: every registered profile, by name
REGISTRY: dict[str, Profile] = {p.name: p for p in (*_EN, *_RU, *_KK)}

#: tradition of a FRBR country code, for --country
COUNTRY_TRADITION = {"eu": "eu", "gb": "uk", "uk": "uk", "in": "uk", "za": "uk", "ie": "uk", "au": "uk",
                     "nz": "uk", "ca": "uk", "us": "us", "kz": "kz", "ru": "ru"}

__all__ = ["Head", "Profile", "REGISTRY", "detect", "choose"]


def detect(lines: list[str], lang: str | None = None, tradition: str | None = None) -> Profile:
    """Pick the profile whose patterns best fit a sample of *lines*.

    ``lang`` (``en``/``eng``, ``ru``/``rus``, ``kk``/``kaz``) and ``tradition``
    (``eu``, ``uk``, ``us``, ``kz``, ``ru``) narrow the choice when given.
    """
    candidates = list(REGISTRY.values())
    if lang:
        code = languages.code(lang)
        candidates = [p for p in candidates if p.lang == code]
        if not candidates:
            raise ValueError(f"no profile for the language {lang!r}; expected one of {', '.join(lang_choices())}")
    if tradition:
        narrowed = [p for p in candidates if p.tradition == tradition]
        candidates = narrowed or candidates
    if len(candidates) == 1:
        return candidates[0]
    sample = _sample(lines)
    script = _script(sample)
    if not lang:
        wanted = {"cyrillic": ("rus", "kaz"), "latin": ("eng",)}[script]
        candidates = [p for p in candidates if p.lang in wanted] or candidates
        if script == "cyrillic":
            kazakh = sum(line.count(ch) for line in sample for ch in "әғқңөұүһі")
            kazakh += sum(1 for line in sample for k in range(1, len(line) - 1)
                          if line[k] == "i" and "а" <= line[k - 1].lower() <= "я")   # legacy Latin i
            total = sum(len(line) for line in sample) or 1
            code = "kaz" if kazakh / total > 0.004 else "rus"
            candidates = [p for p in candidates if p.lang == code] or candidates
    best, best_score = candidates[0], float("-inf")
    for profile in candidates:
        score = 0.0
        for pattern, weight in profile.detect:
            for line in sample:
                if pattern.match(line) or (weight >= 2.0 and pattern.search(line)):
                    score += weight
        if score > best_score:
            best, best_score = profile, score
    return best


def languages_parsed() -> list[languages.Language]:
    """The languages that have a profile, in the order of the profiles.

    >>> [lang.code for lang in languages_parsed()]
    ['eng', 'rus', 'kaz']
    """
    seen: dict[str, languages.Language] = {}
    for profile in REGISTRY.values():
        if profile.lang in languages.LANGUAGES:
            seen.setdefault(profile.lang, languages.LANGUAGES[profile.lang])
    return list(seen.values())


def lang_choices() -> list[str]:
    """What ``--lang`` accepts: the two- and three-letter codes of every language with a profile.

    >>> lang_choices()
    ['en', 'eng', 'ru', 'rus', 'kk', 'kaz', 'kz']
    """
    out = []
    for lang in languages_parsed():
        out += [lang.short, lang.code]
    for lang in languages_parsed():
        out += [o for o in lang.other_codes if o not in out]
    return out


def choose(name: str) -> Profile:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; known: {', '.join(sorted(REGISTRY))}") from None


def _sample(lines: list[str], limit: int = 600) -> list[str]:
    if len(lines) <= limit:
        return lines
    step = len(lines) // limit + 1
    return lines[::step]


def _script(lines: list[str]) -> str:
    cyr = lat = 0
    for line in lines[:400]:
        for ch in line[:120]:
            if "а" <= ch.lower() <= "я" or ch in "әғқңөұүһіё":
                cyr += 1
            elif "a" <= ch.lower() <= "z":
                lat += 1
    return "cyrillic" if cyr > lat else "latin"
