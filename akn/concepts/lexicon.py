"""The lexicon of concept tagging: the words that reveal each concept, per language (``akn.ontology``)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from akn import languages
from akn.vocab import CONCEPT_NS

@dataclass(frozen=True)
class Pattern:
    concept: str
    lang: str
    strong: bool
    regex: re.Pattern
    trigger: str | None = None     # lower-case text every match contains (a cheap pre-check)


_META = set("\\()[]{}?*+|.^$")


def trigger(rx: str) -> str | None:
    """The literal text every match of *rx* starts with, lower-cased, when there is one.

    >>> trigger(r"\\bbiometric\\s+data"), trigger(r"labels?\\b"), trigger(r"(?-i:\\bAI\\b)")
    ('biometric', 'label', None)
    """
    body = rx.removeprefix("\\b")
    lit = ""
    for ch in body:
        if ch in _META:
            break
        lit += ch
    rest = body[len(lit):]
    if rest[:1] in ("?", "*", "{"):
        lit = lit[:-1]            # the last character is optional
    return lit.lower() if len(lit) >= 3 else None


@dataclass(frozen=True)
class Mention:
    """A match of a lexicon pattern in a text block of a unit."""
    concept: str
    text: str          # the words as they stand in the document
    strong: bool
    start: int         # offsets in the block text
    end: int
    block: int = 0     # index of the block within the unit


class Lexicon:
    """Patterns and co-occurrence rules read from ``akn.ontology``.

    >>> lex = Lexicon.load()
    >>> [m.concept for m in lex.find("биометриялық деректерін жинау", "kk")]
    ['biometric_data']
    """

    def __init__(self, patterns: list[Pattern], rules: dict[str, frozenset[str]]):
        self.patterns = patterns
        self.rules = rules
        self.by_lang: dict[str, list[Pattern]] = {}
        for p in patterns:
            self.by_lang.setdefault(p.lang, []).append(p)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        base = files("akn.ontology")
        return cls.parse(base.joinpath("lexicon.tsv").read_text("utf-8"),
                         base.joinpath("lexicon-rules.tsv").read_text("utf-8"))

    @classmethod
    def parse(cls, lexicon_tsv: str, rules_tsv: str) -> Lexicon:
        patterns = []
        for n, line in enumerate(_rows(lexicon_tsv), 1):
            if len(line) != 4 or line[2] not in ("strong", "weak"):
                raise ValueError(f"lexicon.tsv: bad row {n}: {line!r}")
            concept, lang, strength, rx = line
            try:
                compiled = re.compile(rx, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"lexicon.tsv: row {n} ({concept}): {exc}") from None
            patterns.append(Pattern(concept, lang, strength == "strong", compiled, trigger(rx)))
        groups: dict[str, list[str]] = {}
        raw: dict[str, list[str]] = {}
        for line in _rows(rules_tsv):
            name, req = line[0], line[1].split()
            (groups if name.startswith("@") else raw)[name] = req

        def expand(names):
            out = set()
            for n in names:
                out.update(groups[n] if n.startswith("@") else [n])
            return frozenset(out)

        return cls(patterns, {c: expand(r) for c, r in raw.items()})

    def find(self, text: str, lang: str | None) -> list[Mention]:
        """All matches (strong and weak) of the lexicon of *lang* in *text*."""
        langs = [languages.tag(lang)] if lang else []
        out = []
        for lg in langs:
            norm = normalise(text, lg)
            low = norm.lower()
            for p in self.by_lang.get(lg, ()):
                if p.trigger is not None and p.trigger not in low:
                    continue
                for m in p.regex.finditer(norm):
                    out.append(Mention(p.concept, text[m.start():m.end()], p.strong, m.start(), m.end()))
        return out

    def accept(self, mentions) -> set[str]:
        """Concepts accepted in one scope, given all its mentions (see module doc, step 3)."""
        mentions = list(mentions)
        accepted = {m.concept for m in mentions if m.strong}
        weak = {m.concept for m in mentions if not m.strong} - accepted
        changed = True
        while changed and weak:
            changed = False
            for c in sorted(weak):
                if self.rules.get(c, frozenset()) & accepted:
                    accepted.add(c)
                    weak.discard(c)
                    changed = True
        return accepted


def _rows(tsv: str):
    header = True
    for line in tsv.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        yield line.split("\t")


_KK = str.maketrans({"i": "і", "I": "І", "\u00a0": " "})
_RU = str.maketrans({"ё": "е", "Ё": "Е", "\u00a0": " "})
_OTHER = str.maketrans({"\u00a0": " "})


def normalise(text: str, lang: str) -> str:
    """Character-for-character normalisation before matching (offsets do not move).

    >>> normalise("Дербес деректердi", "kk")
    'Дербес деректерді'
    """
    return text.translate(_KK if lang == "kk" else _RU if lang == "ru" else _OTHER)


@lru_cache(maxsize=1)
def concept_labels() -> dict[tuple[str, str], str]:
    """(concept id, language) -> preferred label, read from concepts.ttl."""
    import rdflib
    from rdflib.namespace import SKOS
    g = rdflib.Graph().parse(data=files("akn.ontology").joinpath("concepts.ttl").read_text("utf-8"),
                             format="turtle")
    out = {}
    for s, o in g.subject_objects(SKOS.prefLabel):
        if str(s).startswith(CONCEPT_NS):
            out[(str(s)[len(CONCEPT_NS):], o.language)] = str(o)  # type: ignore[attr-defined]
    return out
