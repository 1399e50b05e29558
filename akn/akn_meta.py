"""Reading back the identity of an Akoma Ntoso document: its FRBR metadata.

The builder writes ``<meta><identification>`` with the three FRBR levels
(work, expression, manifestation) and ``<publication>``; renderers, the
concept tagger and the graph read them back. :func:`read_identity` is that one reader. It goes by
local names, so documents in the 2.0 and 1.0 namespaces read alike; values
come stripped, ``""`` where absent.

>>> from lxml import etree
>>> act = etree.fromstring(
...     '<act xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" name="law"><meta><identification>'
...     '<FRBRWork><FRBRthis value="/akn/kz/act/2020/1/!main"/><FRBRuri value="/akn/kz/act/2020/1"/>'
...     '<FRBRdate date="2020-01-01" name="enactment"/><FRBRauthor href="#parliament"/>'
...     '<FRBRcountry value="kz"/><FRBRnumber value="1"/></FRBRWork>'
...     '<FRBRExpression><FRBRthis value="/akn/kz/act/2020/1/rus@/!main"/>'
...     '<FRBRlanguage language=" rus "/></FRBRExpression></identification>'
...     '<publication date="2020-01-10" name="Kazakhstanskaya Pravda" showAs="KP"/></meta></act>')
>>> ident = read_identity(act)
>>> ident.work, ident.expression, ident.language, ident.country, ident.date, ident.authors
('/akn/kz/act/2020/1', '/akn/kz/act/2020/1/rus@/!main', 'rus', 'kz', '2020-01-01', ['#parliament'])
>>> ident.published
'2020-01-10'
>>> read_identity(etree.fromstring("<act/>")).work
''
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Identity:
    """The FRBR identification of one document element (``<act>``, ``<bill>``, an attachment's ``<doc>`` ...)."""

    work_uri: str = ""              # FRBRWork/FRBRuri
    work_this: str = ""             # FRBRWork/FRBRthis
    expression_uri: str = ""
    expression_this: str = ""
    manifestation_uri: str = ""
    manifestation_this: str = ""
    country: str = ""
    number: str = ""
    subtype: str = ""
    name: str = ""                  # FRBRWork/FRBRname
    alias: str = ""                 # FRBRWork/FRBRalias
    date: str = ""                  # FRBRWork/FRBRdate/@date
    date_name: str = ""             # FRBRWork/FRBRdate/@name
    expression_date: str = ""
    language: str = ""              # FRBRExpression/FRBRlanguage/@language (eng, rus, kaz)
    authors: list[str] = field(default_factory=list)   # FRBRWork/FRBRauthor/@href
    published: str = ""             # meta/publication/@date

    @property
    def work(self) -> str:
        """The work's URI: FRBRuri, else FRBRthis."""
        return self.work_uri or self.work_this

    @property
    def expression(self) -> str:
        return self.expression_uri or self.expression_this

    @property
    def manifestation(self) -> str:
        return self.manifestation_uri or self.manifestation_this


def _local(el) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child(el, name: str):
    if el is None:
        return None
    for c in el:
        if _local(c) == name:
            return c
    return None


def _value(level, name: str, attr: str = "value") -> str:
    el = _child(level, name)
    return (el.get(attr) or "").strip() if el is not None else ""


def read_identity(doc) -> Identity:
    """The FRBR identification in ``doc/meta/identification`` (empty when there is none)."""
    meta = _child(doc, "meta")
    ident = _child(meta, "identification")
    if ident is None:
        return Identity()
    work, expression, manifestation = (_child(ident, level)
                                       for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"))
    return Identity(
        work_uri=_value(work, "FRBRuri"), work_this=_value(work, "FRBRthis"),
        expression_uri=_value(expression, "FRBRuri"), expression_this=_value(expression, "FRBRthis"),
        manifestation_uri=_value(manifestation, "FRBRuri"), manifestation_this=_value(manifestation, "FRBRthis"),
        country=_value(work, "FRBRcountry"), number=_value(work, "FRBRnumber"), subtype=_value(work, "FRBRsubtype"),
        name=_value(work, "FRBRname"), alias=_value(work, "FRBRalias"),
        date=_value(work, "FRBRdate", "date"), date_name=_value(work, "FRBRdate", "name"),
        expression_date=_value(expression, "FRBRdate", "date"),
        language=_value(expression, "FRBRlanguage", "language"),
        authors=[a.get("href", "") for a in (work if work is not None else ())
                 if _local(a) == "FRBRauthor" and a.get("href")],
        published=_value(meta, "publication", "date"),
    )
