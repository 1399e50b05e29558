"""The IRIs of the graph: documents' FRBR URIs placed under a base, and their subdivisions.

A document's FRBR URI (``/akn/kz/act/2020/1/rus@2020-01-01``) is relative: the
graph places it under a base (``https://example.gov/``). A unit of an
expression is ``<expression>/~<eId>`` (the ``~`` keeps eIds apart from any
further FRBR component).

>>> expression = resolve("/akn/kz/act/2020/1/rus@2020-01-01", "https://example.gov")
>>> expression
'https://example.gov/akn/kz/act/2020/1/rus@2020-01-01'
>>> subdivision(expression, "chp_1__art_7__para_2")
'https://example.gov/akn/kz/act/2020/1/rus@2020-01-01/~chp_1__art_7__para_2'
"""
from __future__ import annotations

import re
from urllib.parse import quote

#: where relative FRBR URIs are placed when no base is given
DEFAULT_BASE = "https://example.org/"


def resolve(uri: str, base: str = DEFAULT_BASE) -> str:
    """An IRI for a FRBR URI: relative ones go under *base*, absolute ones stay.

    >>> resolve("/akn/eu/act/regulation/2016/679/eng@", "https://example.gov")
    'https://example.gov/akn/eu/act/regulation/2016/679/eng@'
    >>> resolve("http://www.legislation.gov.uk/id/ukpga/2014/27")
    'http://www.legislation.gov.uk/id/ukpga/2014/27'
    """
    uri = uri.strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", uri):
        out = uri
    else:
        out = base.rstrip("/") + "/" + uri.lstrip("/")
    return quote(out, safe="/:@!~$&'()*+,;=-._%#?")


def subdivision(expression: str, eid: str) -> str:
    """The IRI of the unit *eid* of the expression whose IRI is *expression*."""
    return str(expression).rstrip("/") + "/~" + quote(eid, safe="-._~!$&'()*+,;=:@")
