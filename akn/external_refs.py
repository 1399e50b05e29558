"""References to other acts: ``<ref href="/akn/eu/act/regulation/2016/679">``.

The pass :func:`link` finds citations of other acts in the text and points
them at the FRBR work URI of the cited act. What a citation looks like in
each jurisdiction is data, not code: ``ontology/act_types.tsv`` (shipped as
``akn.ontology``) lists the known act types, each with a pattern and a URI
template::

    Regulation (EU) 2016/679                          -> /akn/eu/act/regulation/2016/679
    Regulation (EC) No 45/2001                        -> /akn/eu/act/regulation/2001/45
    Directive 95/46/EC                                -> /akn/eu/act/directive/1995/46
    Закон Республики Казахстан от 21 мая 2013 года № 94-V -> /akn/kz/act/2013-05-21/94-V
    Қазақстан Республикасының 2013 жылғы 21 мамырдағы № 94-V Заңы -> /akn/kz/act/2013-05-21/94-V
    Федеральный закон от 27.07.2006 N 152-ФЗ          -> /akn/ru/act/2006-07-27/152-ФЗ
    the Data Protection Act 2018                      -> /akn/gb/act/ukpga/2018/data-protection-act

Adding an act type means adding a row to the table. The URIs follow the
parser's own scheme (:mod:`akn.metadata`): a date when the citation gives
one, else the year.

>>> [(text, uri) for _s, _e, text, uri in find_acts("as Directive 95/46/EC and Regulation (EU) 2016/679 say", "eng")]
[('Directive 95/46/EC', '/akn/eu/act/directive/1995/46'), ('Regulation (EU) 2016/679', '/akn/eu/act/regulation/2016/679')]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lxml import etree

from akn.document import AKN_NS
from akn.errors import Diagnostic
from akn.inline import find_in_slots, wrap_spans
from akn.profiles.common import MONTHS_EN, MONTHS_KK, MONTHS_RU

NS = "{%s}" % AKN_NS

_MACROS = {
    "{DATE_RU}": r"(?:(?P<day>\d{1,2})\s+(?P<monthname>[а-яё]+)\s+(?P<year>\d{4})"
                 r"|(?P<day9>\d{1,2})\.(?P<month9>\d{1,2})\.(?P<year9>\d{4}))",
    "{DATE_KK}": r"(?:(?P<year>\d{4})\s+жылғы\s+(?P<day>\d{1,2})\s+(?P<monthname>[а-яәғқңөұүһі]+)"
                 r"|(?P<day9>\d{1,2})\.(?P<month9>\d{1,2})\.(?P<year9>\d{4})"
                 r"|(?P<year8>\d{4})\.(?P<month8>\d{2})\.(?P<day8>\d{2}))",
}
_MONTHS = {**MONTHS_EN, **MONTHS_RU, **MONTHS_KK}


@dataclass(frozen=True)
class ActType:
    id: str
    jurisdiction: str
    language: str
    pattern: re.Pattern
    uri: str


@functools.lru_cache(maxsize=1)
def act_types() -> tuple[ActType, ...]:
    """The table ``act_types.tsv`` of :mod:`akn.ontology`, compiled."""
    from importlib.resources import files

    text = (files("akn.ontology") / "act_types.tsv").read_text(encoding="utf-8")
    out = []
    header = True
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header:
            header = False
            continue
        pattern = cols[3]
        for macro, value in _MACROS.items():
            pattern = pattern.replace(macro, value)
        out.append(ActType(cols[0], cols[1], cols[2], re.compile(pattern), cols[4]))
    return tuple(out)


def _parts(m: re.Match) -> dict[str, str]:
    """Named groups with their trailing digits dropped (``year2`` -> ``year``), the set ones only."""
    out: dict[str, str] = {}
    for key, value in m.groupdict().items():
        if value:
            out.setdefault(key.rstrip("0123456789"), value)
    return out


def uri_for(act: ActType, m: re.Match) -> str | None:
    """The FRBR work URI of the act a match cites, or None when a part is missing."""
    g = _parts(m)
    year = g.get("year") or ""
    if "yy" in g:
        yy = g["yy"]
        year = yy if len(yy) == 4 else ("19" if int(yy) > 50 else "20") + yy
    month = g.get("month")
    if month is None and "monthname" in g:
        number = _MONTHS.get(g["monthname"].lower())
        month = str(number) if number else None
    date = ""
    if year and month and g.get("day"):
        date = f"{year}-{int(month):02d}-{int(g['day']):02d}"
    title = g.get("title", "")
    if title:
        title = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
        title = re.sub(r"^the-", "", title)
    values = {"year": year, "date": date, "number": (g.get("number") or "").replace("–", "-"), "title": title}
    needed = re.findall(r"{(\w+)}", act.uri)
    if any(not values.get(k) for k in needed):
        return None
    return act.uri.format(**values)


def find_acts(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """Citations of other acts in *text*: (start, end, text, work URI), in order, not overlapping."""
    found = []
    for act in act_types():
        if act.language != lang:
            continue
        for m in act.pattern.finditer(text):
            uri = uri_for(act, m)
            if uri:
                found.append((m.start(), m.end(), m.group(0), uri))
    found.sort(key=lambda f: (f[0], -f[1]))
    out = []
    last = -1
    for f in found:
        if f[0] >= last:
            out.append(f)
            last = f[1]
    return out


def link(root: etree._Element, context) -> list[Diagnostic]:
    """The post-parse pass: mark citations of other acts. Registered as ``external_refs``."""
    lang = context.profile.lang
    pack = getattr(context, "language", None)
    words = pack.act_words if pack is not None else ()
    own = context.frbr_uri or ""
    doc = root[0] if len(root) else root
    # the act's own short title ("This Act may be cited as the ... Act 2026") is not another act
    titles = [" ".join(" ".join(t.itertext()).split()).lower() for t in doc.iter(NS + "docTitle")]
    name = doc.find(f"{NS}meta/{NS}identification/{NS}FRBRWork/{NS}FRBRname")
    if name is not None:
        titles.append(" ".join((name.get("value") or "").split()).lower())
    titles = [t.removeprefix("the ") for t in titles if t]
    for part in doc:
        if not isinstance(part.tag, str) or part.tag[len(NS):] in ("meta", "preface"):
            continue
        for p in part.iter(NS + "p"):
            if len(p):
                if not any(w in t for t in _texts(p) for w in words):
                    continue
            else:
                text = p.text
                if not text or not _may_cite(text, words):
                    continue

            def find(text):
                spans = []
                for start, end, cited, uri in find_acts(text, lang):
                    if uri != own and not any(t.startswith(" ".join(cited.lower().split())) for t in titles):
                        spans.append((start, end, "ref", {"href": uri}))
                return spans
            wrap_spans(p, find_in_slots(p, find), NS)
    return []


def _may_cite(text: str, words) -> bool:
    for w in words:
        if w in text:
            return True
    return False


def _texts(p):
    yield p.text or ""
    for child in p:
        yield child.tail or ""
