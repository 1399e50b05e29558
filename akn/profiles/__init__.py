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

from dataclasses import dataclass, field

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

__all__ = ["Detection", "Head", "Profile", "REGISTRY", "detect", "detect_with_evidence", "choose"]


@dataclass(frozen=True)
class Detection:
    """Which profile a text was read with, and why: the choice, the runner-up and how sure.

    ``confidence`` (0..1) is 1.0 when --lang and --tradition leave one profile; otherwise it grows with
    the margin of the best score over the runner-up's and with the amount of evidence (a text with
    few telling lines is never read with much confidence). ``evidence`` says in words what counted.
    """

    profile: str
    runner_up: str | None = None
    confidence: float = 1.0
    script: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    given: bool = False         # --lang / --tradition chose or narrowed the choice

    #: below this, a choice the user did not make is reported as weak
    WEAK = 0.4

    @property
    def weak(self) -> bool:
        return not self.given and self.confidence < self.WEAK

    def to_dict(self) -> dict:
        return {"profile": self.profile, "runner_up": self.runner_up, "confidence": self.confidence,
                "script": self.script, "scores": dict(self.scores), "evidence": list(self.evidence),
                "given": self.given}


def detect(lines: list[str], lang: str | None = None, tradition: str | None = None) -> Profile:
    """Pick the profile whose patterns best fit a sample of *lines*.

    ``lang`` (``en``/``eng``, ``ru``/``rus``, ``kk``/``kaz``) and ``tradition``
    (``eu``, ``uk``, ``us``, ``kz``, ``ru``) narrow the choice when given.
    """
    return REGISTRY[detect_with_evidence(lines, lang, tradition).profile]


def detect_with_evidence(lines: list[str], lang: str | None = None, tradition: str | None = None) -> Detection:
    """:func:`detect`, with the evidence: the choice, the runner-up and a confidence.

    >>> d = detect_with_evidence(["Chapter 1. General provisions", "Article 1. Purpose", "1. This Law applies.",
    ...                           "(a) to operators;", "Article 2. Scope", "1. It covers:"])
    >>> d.profile, d.runner_up != "en-kz"           # an English text that does not name Kazakhstan
    ('en-eu', True)
    >>> detect_with_evidence(["Статья 1. Основные понятия"], lang="ru", tradition="kz").confidence
    1.0
    """
    candidates = list(REGISTRY.values())
    given = bool(lang or tradition)
    if lang:
        code = languages.code(lang)
        candidates = [p for p in candidates if p.lang == code]
        if not candidates:
            raise ValueError(f"no profile for the language {lang!r}; expected one of {', '.join(lang_choices())}")
    if tradition:
        narrowed = [p for p in candidates if p.tradition == tradition]
        candidates = narrowed or candidates
    sample = _sample(lines)
    script, letters = _script(sample)
    evidence = [f"script: {script} ({letters} letters in the sample)"]
    if len(candidates) == 1:
        return Detection(candidates[0].name, None, 1.0, script, {}, tuple(evidence + ["given: --lang/--tradition"]),
                         True)
    if not lang:
        candidates = [p for p in candidates if p.script == script] or candidates
        code = _language_by_letters(sample, candidates)
        if code:
            evidence.append(f"the letters of the {script} languages point to {code}")
            candidates = [p for p in candidates if p.lang == code] or candidates
    if not tradition:
        head = lines[:60]
        kept = [p for p in candidates
                if p.detect_requires is None or any(p.detect_requires.search(line) for line in head)]
        for p in candidates:
            if p not in kept and p.detect_requires is not None:
                evidence.append(f"{p.name}: left out, the text does not say {p.detect_requires.pattern!r}")
        candidates = kept or candidates
    scores: dict[str, float] = {}
    telling: dict[str, int] = {}
    for profile in candidates:
        score, hits = 0.0, 0
        for pattern, weight in profile.detect:
            n = sum(1 for line in sample if pattern.match(line) or (weight >= 2.0 and pattern.search(line)))
            score += n * weight
            hits += n
        scores[profile.name] = round(score, 2)
        telling[profile.name] = hits
    ranked = sorted(candidates, key=lambda p: -scores[p.name])   # (stable: the registry's order breaks ties)
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    confidence = _confidence(scores[best.name], scores[runner.name] if runner else 0.0, telling[best.name])
    evidence.append(f"{best.name}: score {scores[best.name]:g} from {telling[best.name]} telling lines")
    if runner is not None:
        evidence.append(f"{runner.name}: score {scores[runner.name]:g} (runner-up)")
    return Detection(best.name, runner.name if runner else None, confidence, script, scores, tuple(evidence), given)


def _confidence(best: float, runner: float, telling: int) -> float:
    """How sure a choice is: the best score's share of the two best, scaled by how much evidence there is.

    >>> _confidence(300.0, 30.0, 80), _confidence(10.0, 9.0, 3), _confidence(0.0, 0.0, 0)
    (0.9, 0.06, 0.0)
    """
    if best <= 0:
        return 0.0
    margin = (best - runner) / best              # 1.0 when no other profile scored at all
    amount = min(1.0, telling / 20)              # twenty telling lines are plenty
    return round(max(0.0, min(1.0, margin * (0.5 + 0.5 * amount))), 2)


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


def _script(lines: list[str]) -> tuple[str, int]:
    """The script of most letters of the sample, and how many letters it counted."""
    cyr = lat = 0
    for line in lines[:400]:
        for ch in line[:120]:
            if "а" <= ch.lower() <= "я" or ch in "әғқңөұүһіё":
                cyr += 1
            elif "a" <= ch.lower() <= "z":
                lat += 1
    return ("cyrillic", cyr) if cyr > lat else ("latin", lat)
