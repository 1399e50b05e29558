"""SPARQL queries from users: safety checks, canned queries, time limits, result formats.

Stores run queries written by other people, so before anything runs:

- only read queries (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) are accepted:
  updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ...) are refused;
- ``SERVICE`` (federated queries, which Oxigraph and rdflib would follow) is refused;
- syntax errors are reported on one line with their position (``line:column``);
- every query runs under a time limit, in a child process that is killed when
  the limit passes (Oxigraph has no time limit of its own).

>>> try:
...     check("SELECT * WHERE { SERVICE <http://evil/> { ?s ?p ?o } }")
... except QueryError as e:
...     print(e)
query:1:18: SERVICE is not allowed (queries may not call other endpoints)
>>> check("SELECT ?service WHERE { ?service <http://x/load> 'DELETE' }")  # names and strings are fine
'SELECT'
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
from dataclasses import dataclass, field
from importlib.resources import files

#: keywords that never appear in a read query we accept
FORBIDDEN = {
    "SERVICE": "SERVICE is not allowed (queries may not call other endpoints)",
    "LOAD": "LOAD is not allowed (queries may not fetch data)",
}
UPDATES = ("INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
DEFAULT_TIMEOUT = 30.0


class QueryError(Exception):
    """A query refused or failed; ``str()`` is one line: ``query:LINE:COL: message``."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None, source: str = "query"):
        self.message, self.line, self.col, self.source = message, line, col, source
        where = f"{source}:{line}:{col}" if line is not None else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # survive the trip from the query process
        return (type(self), (self.message, self.line, self.col, self.source))


class QueryTimeout(QueryError):
    pass


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      |(?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      |(?P<iri><[^<>"{}|^`\\\s]*>)
      |(?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
      |(?P<pname>[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?P<local>[\w.\-%\u00b7\u00c0-\uffff]*)
      |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
    """, re.VERBOSE | re.DOTALL)


def _keywords(query: str):
    """(KEYWORD, offset) for the bare words of *query* (not in strings, IRIs, comments or names)."""
    for m in _TOKEN.finditer(query):
        if m.lastgroup == "word":
            yield m.group("word").upper(), m.start()


def _pos(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    col = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return line, col


def check(query: str, source: str = "query") -> str:
    """Refuse updates, SERVICE and LOAD; return the query form (SELECT, ASK, ...).

    Raises :class:`QueryError` with the position of the offending keyword.
    """
    form = None
    for word, off in _keywords(query):
        if word in FORBIDDEN:
            raise QueryError(FORBIDDEN[word], *_pos(query, off), source=source)
        if form is None and word in UPDATES:
            raise QueryError(f"{word} is not allowed (the store is read-only for queries)", *_pos(query, off),
                             source=source)
        if form is None and word in FORMS:
            form = word
    if form is None:
        raise QueryError("not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", 1, 1, source=source)
    return form


def syntax_error(exc: Exception, source: str = "query") -> QueryError:
    """Turn Oxigraph's ``error at L:C: ...`` into a one-line :class:`QueryError`."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", msg)
    if m:
        detail = m.group(3)
        if len(detail) > 120:
            detail = detail[:117].rstrip(" ,[") + "..."
        return QueryError("syntax error: " + detail, int(m.group(1)), int(m.group(2)), source=source)
    return QueryError("syntax error: " + msg, source=source)


# ---------------------------------------------------------------- canned queries

def canned() -> dict[str, str]:
    """Name -> text of the queries shipped in ``akn.ontology/queries``."""
    base = files("akn.ontology").joinpath("queries")
    return {p.name[:-3]: p.read_text("utf-8") for p in sorted(base.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq")}


def describe(text: str) -> str:
    """The first comment line of a canned query (its one-line description)."""
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


# ---------------------------------------------------------------- results

@dataclass
class Result:
    """Query results in the shape of the SPARQL 1.1 JSON results format.

    ``rows`` hold terms as ``{"type": "uri"|"literal"|"bnode", "value": ...,
    "xml:lang"?: ..., "datatype"?: ...}``; ``boolean`` is set for ASK;
    ``triples`` (N-Triples text) for CONSTRUCT and DESCRIBE.
    """
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    triples: str | None = None

    def to_json(self) -> dict:
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        return {"head": {"vars": self.vars}, "results": {"bindings": self.rows}}

    @classmethod
    def from_json(cls, data: dict) -> Result:
        if "boolean" in data:
            return cls(boolean=bool(data["boolean"]))
        rows = []
        for b in data["results"]["bindings"]:
            row = {}
            for k, t in b.items():
                t = dict(t)
                if t.get("type") == "typed-literal":
                    t["type"] = "literal"
                if t.get("datatype") in ("http://www.w3.org/2001/XMLSchema#string",):
                    del t["datatype"]
                row[k] = t
            rows.append(row)
        return cls(vars=list(data["head"].get("vars", [])), rows=rows)

    def table(self) -> list[list[str]]:
        return [[_short(r.get(v)) for v in self.vars] for r in self.rows]


def term_json(t) -> dict | None:
    """A pyoxigraph term as a SPARQL JSON results term."""
    if t is None:
        return None
    import pyoxigraph as ox
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype is not None and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out


def _short(t: dict | None) -> str:
    if t is None:
        return ""
    return t["value"]


def format_result(res: Result, fmt: str = "table") -> str:
    """Render results as ``table``, ``json``, ``csv`` or ``tsv`` (CONSTRUCT: N-Triples)."""
    if res.triples is not None:
        return res.triples
    if res.boolean is not None:
        return json.dumps(res.to_json()) + "\n" if fmt == "json" else ("true\n" if res.boolean else "false\n")
    if fmt == "json":
        return json.dumps(res.to_json(), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(res.vars)
            w.writerows(res.table())
        else:
            buf.write("\t".join("?" + v for v in res.vars) + "\n")
            for binding in res.rows:
                buf.write("\t".join(_tsv(binding.get(v)) for v in res.vars) + "\n")
        return buf.getvalue()
    rows = [res.vars] + [[_cell(c) for c in r] for r in res.table()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(res.vars))] if res.vars else []
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(res.rows)} row{'s' if len(res.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(s: str, width: int = 80) -> str:
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= width else s[:width - 1] + "…"


def _tsv(t: dict | None) -> str:
    if t is None:
        return ""
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    v = '"' + t["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'
    if "xml:lang" in t:
        return v + "@" + t["xml:lang"]
    if "datatype" in t:
        return v + f"^^<{t['datatype']}>"
    return v


# ---------------------------------------------------------------- time limit

def run_limited(func, args=(), timeout: float = DEFAULT_TIMEOUT):
    """Run ``func(*args)`` in a forked child and return its result, or raise
    :class:`QueryTimeout` when it takes longer than *timeout* seconds.

    The child's exceptions come back as they were raised (QueryError stays QueryError).
    """
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def child():
        try:
            out = ("ok", func(*args))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            out = ("err", exc if isinstance(exc, QueryError) else QueryError(f"{type(exc).__name__}: {exc}"))
        try:
            send.send(out)
        finally:
            send.close()

    p = ctx.Process(target=child, daemon=True)
    p.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise QueryTimeout(f"query exceeded the time limit of {timeout:g} s and was stopped")
        try:
            status, value = recv.recv()
        except EOFError:
            raise QueryError("the query process ended without an answer") from None
    finally:
        if p.is_alive():
            p.kill()
        p.join(5)
        recv.close()
    if status == "err":
        raise value
    return value
