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
        candidates = [p for p in candidates if p.script == script] or candidates
        code = _language_by_letters(sample, candidates)
        if code:
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


#: share of the characters that must be letters only one language of the script uses
DISTINCTIVE_SHARE = 0.004


def _language_by_letters(sample: list[str], candidates: list[Profile]) -> str | None:
    """Tell apart languages of one script by the letters only one of them uses.

    Each profile names its language's distinctive letters (Kazakh ``әғқңөұүһі``);
    the language whose letters make up the largest share of the text, above
    :data:`DISTINCTIVE_SHARE`, is chosen; when none does, the language of the
    script that has no letters of its own (Russian among Cyrillic ones). A
    distinctive letter typed as its Latin look-alike inside a word of the script
    (``бiлiм`` for ``білім``) counts too. None when there is nothing to choose.

    >>> from akn.profiles import REGISTRY
    >>> cyrillic = [p for p in REGISTRY.values() if p.script == "cyrillic"]
    >>> _language_by_letters(["Статья 1. Основные понятия"], cyrillic)
    'rus'
    >>> _language_by_letters(["1-бап. Негізгі ұғымдар"], cyrillic), _language_by_letters(["1-бап. Негiзгi"], cyrillic)
    ('kaz', 'kaz')
    """
    langs: dict[str, str] = {}
    for p in candidates:
        langs[p.lang] = langs.get(p.lang, "") + p.distinctive_letters
    if len(langs) < 2:
        return None
    total = sum(len(line) for line in sample) or 1
    shares = {}
    for code, letters in langs.items():
        if not letters:
            continue
        mine = set(letters)
        count = sum(1 for line in sample for ch in line if ch in mine)
        if "і" in mine:   # the Latin i typed for і inside a Cyrillic word
            count += sum(1 for line in sample for k in range(1, len(line) - 1)
                         if line[k] == "i" and "а" <= line[k - 1].lower() <= "я")
        shares[code] = count / total
    best = max(shares, key=shares.__getitem__, default=None)
    if best is not None and shares[best] > DISTINCTIVE_SHARE:
        return best
    plain = [code for code, letters in langs.items() if not letters]
    return plain[0] if len(plain) == 1 else None


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
