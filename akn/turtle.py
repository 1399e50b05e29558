"""Turtle and TriG for graphs of any size, in time proportional to the graph.

rdflib's Turtle serializer looks each IRI up in a trie of every namespace seen so
far, and each unit of an act (``.../~art_7#concept``) adds one: an act of 3,000
articles took half a minute. Here a prefixed name is tried only against the
prefixes bound to the graph (a handful), each once per IRI, and the output is
written in one pass over the sorted triples, so it is the same bytes on every run.

Only the prefixes the output uses are declared. Subjects, predicates (``a`` first)
and objects are sorted by their Turtle text; objects of one predicate share a line
each, separated by ``,``; predicates of one subject by ``;``.

>>> from rdflib import Graph, Literal, Namespace, RDF
>>> EX = Namespace("https://example.org/ns#")
>>> g = Graph()
>>> g.bind("ex", EX)
>>> _ = g.add((EX.art_1, RDF.type, EX.Article))
>>> _ = g.add((EX.art_1, EX.title, Literal('"Data" and\\nfiles', lang="en")))
>>> _ = g.add((EX.art_1, EX.position, Literal(1)))
>>> print(turtle(g).decode())
@prefix ex: <https://example.org/ns#> .
<BLANKLINE>
ex:art_1 a ex:Article ;
    ex:position 1 ;
    ex:title "\\"Data\\" and\\nfiles"@en .
<BLANKLINE>
"""
from __future__ import annotations

import re

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_STRING_UNSAFE = re.compile(r'[\\"\x00-\x1f\x7f]')
_BARE = {_XSD + "integer": re.compile(r"[+-]?[0-9]+"), _XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
         _XSD + "boolean": re.compile(r"true|false")}


class _Names:
    """Writes terms, abbreviating IRIs with the bound prefixes and noting which were used."""

    def __init__(self, namespaces):
        # longest namespace first, so the most specific prefix wins
        self.prefixes = sorted(((str(ns), p) for p, ns in namespaces if p), key=lambda x: -len(x[0]))
        self.used: dict[str, str] = {}
        self.cache: dict[str, str] = {}

    def iri(self, value: str) -> str:
        out = self.cache.get(value)
        if out is None:
            out = self.cache[value] = self._iri(value)
        return out

    def _iri(self, value: str) -> str:
        for ns, prefix in self.prefixes:
            if value.startswith(ns) and _LOCAL.fullmatch(value, len(ns)):
                self.used[prefix] = ns
                return f"{prefix}:{value[len(ns):]}"
        return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", value) + ">"

    def term(self, t) -> str:
        from rdflib import BNode, Literal
        if isinstance(t, Literal):
            return self.literal(t)
        if isinstance(t, BNode):
            return f"_:{t}"
        return self.iri(str(t))

    def literal(self, lit) -> str:
        value = str(lit)
        quoted = '"' + _STRING_UNSAFE.sub(_escape, value) + '"'
        if lit.language:
            return f"{quoted}@{lit.language}"
        dt = str(lit.datatype) if lit.datatype is not None else None
        if dt is None or dt == _XSD + "string":
            return quoted
        bare = _BARE.get(dt)
        if bare is not None and bare.fullmatch(value):
            return value
        return f"{quoted}^^{self.iri(dt)}"


def _escape(m) -> str:
    c = m.group()
    return _STRING_ESCAPES.get(c) or f"\\u{ord(c):04X}"


def _statements(triples, names: _Names, indent: str = "") -> list[str]:
    subjects: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        ps = subjects.setdefault(names.term(s), {})
        pred = "a" if str(p) == _RDF_TYPE else names.iri(str(p))
        ps.setdefault(pred, []).append(names.term(o))
    out = []
    gap = indent + "    "
    for subj in sorted(subjects):
        preds = subjects[subj]
        order = sorted(preds, key=lambda k: (k != "a", k))
        parts = []
        for pred in order:
            objs = sorted(set(preds[pred]))
            parts.append(pred + " " + (",\n" + gap + "    ").join(objs))
        out.append(indent + subj + " " + (" ;\n" + gap).join(parts) + " .\n")
    return out


def _header(names: _Names) -> str:
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(names.used.items())]
    return "\n".join(lines) + "\n\n" if lines else ""


def turtle(g) -> bytes:
    """The Turtle text of rdflib graph *g* (UTF-8)."""
    names = _Names(g.namespaces())
    body = "\n".join(_statements(g, names))
    return (_header(names) + body).encode("utf-8")


def trig(graphs, namespaces=None) -> bytes:
    """The TriG text of *graphs* (rdflib graphs; each one's ``identifier`` names it), UTF-8.

    *namespaces*: (prefix, namespace) pairs; by default those bound to the first graph.
    """
    graphs = list(graphs)
    names = _Names(namespaces if namespaces is not None else (graphs[0].namespaces() if graphs else ()))
    blocks = []
    for g in sorted(graphs, key=lambda g: str(g.identifier)):
        body = "\n".join(_statements(g, names, indent="    "))
        blocks.append(names.term(g.identifier) + " {\n" + body + "}\n")
    return (_header(names) + "\n".join(blocks)).encode("utf-8")
