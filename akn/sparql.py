r"""SPARQL queries from users: safety checks, canned queries, limits, result formats.

Stores run queries written by other people, so before anything runs the query is
parsed with a SPARQL 1.1 grammar (``akn.grammar/sparql.lark``, the productions and
terminals of the recommendation, with every escape they allow) and its parse tree
is inspected:

- only read queries (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) are accepted:
  updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``, ``DROP``, ...) are refused;
- ``SERVICE`` (federated queries, which Oxigraph and rdflib would follow) is refused,
  wherever it is nested;
- syntax errors are reported on one line at the offending token,
  ``source:line:col: error: ...`` (1-based, as in the query text);
- every query runs in a forked child process (:func:`run_limited`) that cannot open
  network connections (:mod:`akn.sandbox`), under a time limit (the child is killed
  when it passes), a memory limit, and a row limit (the answer says when it was cut).

>>> try:
...     check("SELECT * WHERE { SERVICE <http://evil/> { ?s ?p ?o } }")
... except QueryError as e:
...     print(e)
query:1:18: error: SERVICE is not allowed (queries may not call other endpoints)
>>> check("SELECT ?service WHERE { ?service <http://x/load> 'DELETE' }")  # names and strings are fine
'SELECT'
>>> try:
...     check("PREFIX ex: <urn:ex:>\nSELECT * WHERE {\n  ?s ex:p\\#x ?o\n  SERVICE <http://evil/> { ?s ?p ?o } }")
... except QueryError as e:
...     print(e)
query:4:3: error: SERVICE is not allowed (queries may not call other endpoints)
"""
from __future__ import annotations

import csv
import io
import json
import math
import multiprocessing
import os
import re
import signal
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
FORMS = {"select_query": "SELECT", "ask_query": "ASK", "construct_query": "CONSTRUCT", "describe_query": "DESCRIBE"}
SERVICE_REFUSED = "SERVICE is not allowed (queries may not call other endpoints)"
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 86400.0
DEFAULT_LIMIT = 10_000
DEFAULT_MEMORY_MB = 2048
MAX_QUERY_CHARS = 1_000_000


class QueryError(Exception):
    """A query refused or failed; ``str()`` is one line: ``query:LINE:COL: error: message``."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None, source: str = "query"):
        self.message, self.line, self.col, self.source = message, line, col, source
        where = f"{source}:{line}:{col}" if line is not None else source
        super().__init__(f"{where}: error: {message}")

    def __reduce__(self):  # survive the trip from the query process
        return (type(self), (self.message, self.line, self.col, self.source))


class QueryTimeout(QueryError):
    pass


class QueryMemoryError(QueryError):
    pass


def check_timeout(value) -> float:
    """A usable time limit in seconds: finite, more than 0, at most a day.

    >>> check_timeout("2.5")
    2.5
    >>> check_timeout("inf")
    Traceback (most recent call last):
    ...
    ValueError: the time limit must be a number of seconds more than 0 and at most 86400, not 'inf'
    """
    try:
        t = float(value)
    except (TypeError, ValueError):
        t = math.nan
    if not (math.isfinite(t) and 0 < t <= MAX_TIMEOUT):
        raise ValueError(f"the time limit must be a number of seconds more than 0 and at most {MAX_TIMEOUT:g}, "
                         f"not {value!r}")
    return t


# ---------------------------------------------------------------- parsing

@lru_cache(maxsize=1)
def _parser():
    from lark import Lark
    return Lark.open_from_package("akn.grammar", "sparql.lark", parser="lalr", lexer="contextual")


def grammar():
    """The SPARQL parser, built on first use (about 0.4 s) and kept."""
    return _parser()


#: how the grammar's named terminals are shown in "expected ..." messages
_TERMINAL_NAMES = {
    "IRIREF": "an IRI", "PNAME_LN": "a prefixed name", "PNAME_NS": "a prefixed name", "VAR1": "a variable",
    "VAR2": "a variable", "INTEGER": "a number", "DECIMAL": "a number", "DOUBLE": "a number",
    "INTEGER_POSITIVE": "a number", "DECIMAL_POSITIVE": "a number", "DOUBLE_POSITIVE": "a number",
    "INTEGER_NEGATIVE": "a number", "DECIMAL_NEGATIVE": "a number", "DOUBLE_NEGATIVE": "a number",
    "STRING_LITERAL1": "a string", "STRING_LITERAL2": "a string", "STRING_LITERAL_LONG1": "a string",
    "STRING_LITERAL_LONG2": "a string", "LANGTAG": "a language tag", "BLANK_NODE_LABEL": "a blank node",
    "ANON": "a blank node", "NIL": "()", "FUNC0": "a function", "FUNC1": "a function", "FUNC2": "a function",
    "AGGREGATE1": "an aggregate", "A": "a",
}


def _expected(names) -> str:
    from lark.lexer import PatternStr
    terms = {t.name: t for t in _parser().terminals}
    shown = []
    for n in sorted(names):
        t = terms.get(n)
        if n in _TERMINAL_NAMES:
            label = _TERMINAL_NAMES[n]
        elif t is not None and isinstance(t.pattern, PatternStr):
            v = t.pattern.value
            label = v.upper() if v.replace("_", "").isalpha() else f'"{v}"'
        else:
            continue
        if label not in shown:
            shown.append(label)
    shown.sort(key=lambda x: (0 if x.startswith('"') else 1 if x[:1].islower() else 2, x))
    if not shown:
        return ""
    if len(shown) > 8:
        return "; expected one of " + ", ".join(shown[:8]) + ", ..."
    return "; expected " + (shown[0] if len(shown) == 1 else "one of " + ", ".join(shown))


def _pos(query: str, offset: int) -> tuple[int, int]:
    line = query.count("\n", 0, offset) + 1
    col = offset - (query.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _offset(query: str, line: int, col: int) -> int:
    """The character offset of 1-based (*line*, *col*)."""
    at = 0
    for _ in range(line - 1):
        nl = query.find("\n", at)
        if nl < 0:
            return len(query)
        at = nl + 1
    return min(at + col - 1, len(query))


_UPDATE_AT = re.compile(rf"(?i)({'|'.join(UPDATES)})(?![A-Za-z0-9_:])")
_WORD_AT = re.compile(r"[^\s{}()\[\];,.]+")


def parse(query: str, source: str = "query"):
    """The parse tree of *query* (a Lark tree of the SPARQL 1.1 grammar).

    Raises :class:`QueryError` at the offending token: for an update, at its first keyword.
    """
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken  # noqa: I001
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query):,} characters long; at most {MAX_QUERY_CHARS:,} are accepted",
                         1, 1, source=source)
    try:
        return _parser().parse(query)
    except UnexpectedInput as exc:
        if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
            end = len(query.rstrip())
            expected = _accepts(exc)
            raise QueryError("the query ends too early" + _expected(expected), *_pos(query, end),
                             source=source) from None
        offset = exc.pos_in_stream if exc.pos_in_stream is not None else 0
        m = _UPDATE_AT.match(query, offset)
        if m:
            raise QueryError(f"{m.group(1).upper()} is not allowed (the store is read-only for queries)",
                             *_pos(query, offset), source=source) from None
        if isinstance(exc, UnexpectedToken):
            tok = str(exc.token)
            expected = _accepts(exc)
        else:
            assert isinstance(exc, UnexpectedCharacters)
            w = _WORD_AT.match(query, offset)
            tok = w.group(0) if w else query[offset:offset + 1]
            expected = set()   # the lexer's set is too wide to be useful here
        shown = tok if len(tok) <= 40 else tok[:39] + "…"
        hint = ""
        if isinstance(exc, UnexpectedToken) and exc.token.type == "IRIREF" and "LESSTHAN" in expected:
            hint = " (put spaces around < when it compares)"
        raise QueryError(f"unexpected {shown!r}" + _expected(expected) + hint, *_pos(query, offset),
                         source=source) from None
    except RecursionError:
        raise QueryError("the query is nested too deeply", 1, 1, source=source) from None


def _accepts(exc) -> set[str]:
    """The terminals the parser could really take where it stopped (not the merged LALR lookahead)."""
    try:
        return set(exc.accepts) if getattr(exc, "accepts", None) else set(getattr(exc, "expected", ()) or ())
    except Exception:  # noqa: BLE001 - only for the message
        return set(getattr(exc, "expected", ()) or ())


def _walk(trees):
    """Every subtree and token of *trees*, depth first, in order, without recursion."""
    from lark import Tree
    stack = list(reversed(trees))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, Tree):
            stack.extend(reversed(node.children))


def check(query: str, source: str = "query") -> str:
    """Refuse updates, SERVICE, LOAD and undeclared prefixes; return the query form (SELECT, ASK, ...).

    Raises :class:`QueryError` with the position of the offending token.
    """
    from lark import Token, Tree
    tree = parse(query, source)
    prefixes = set()
    for decl in tree.children[0].children:
        if decl.data == "prefix_decl":
            prefixes.add(str(decl.children[0]))
    for node in _walk(tree.children[1:]):
        if isinstance(node, Tree) and node.data == "service_graph_pattern":
            kw = node.children[0]
            assert isinstance(kw, Token)
            raise QueryError(SERVICE_REFUSED, kw.line, kw.column, source=source)
        if isinstance(node, Token) and node.type in ("PNAME_LN", "PNAME_NS"):
            prefix = node[:node.index(":") + 1]
            if prefix not in prefixes:
                raise QueryError(f"prefix {prefix!r} is not declared (add PREFIX {prefix} <...>)",
                                 node.line, node.column, source=source)
    return FORMS[tree.children[1].data]


def syntax_error(exc: Exception, source: str = "query", query: str | None = None) -> QueryError:
    """Turn Oxigraph's ``error at L:C: ...`` into a one-line :class:`QueryError`.

    Oxigraph points one past the token it stopped at; with *query* the position is
    moved back to the start of that token.
    """
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", msg)
    if m:
        detail = m.group(3)
        if len(detail) > 120:
            detail = detail[:117].rstrip(" ,[") + "..."
        line, col = int(m.group(1)), int(m.group(2))
        if query is not None:
            line, col = _pos(query, _token_start(query, _offset(query, line, col) - 1))
        return QueryError("syntax error: " + detail, line, col, source=source)
    return QueryError("syntax error: " + msg, source=source)


def _token_start(query: str, offset: int) -> int:
    """The start of the token that holds character *offset* (or the last one before it)."""
    from lark.exceptions import LarkError
    best = 0
    try:
        for tok in _parser().lex(query):
            if tok.start_pos > offset:
                break
            best = tok.start_pos
    except LarkError:
        pass
    return best


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
    ``triples`` (N-Triples text) for CONSTRUCT and DESCRIBE; ``truncated``
    says the row limit cut the answer (``rows``/``triples`` hold the first ones).
    """
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool | None = None
    triples: str | None = None
    #: the answer was cut at the row limit (more rows, or triples, exist)
    truncated: bool = False

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


# ---------------------------------------------------------------- limits

def run_limited(func, args=(), timeout: float = DEFAULT_TIMEOUT, memory_mb: int | None = DEFAULT_MEMORY_MB):
    """Run ``func(*args)`` in a forked child and return its result.

    The child cannot open network connections (:func:`akn.sandbox.forbid_network`),
    may grow by at most *memory_mb* megabytes (``None``: no limit) and is killed after
    *timeout* seconds (:class:`QueryTimeout`). Running out of memory raises
    :class:`QueryMemoryError`. The child's exceptions come back as they were raised
    (QueryError stays QueryError).
    """
    timeout = check_timeout(timeout)
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def child():
        from akn import sandbox
        try:
            _quiet_stderr()                 # native code's own messages (an allocator's abort) stay out
            sandbox.forbid_network()
            if memory_mb is not None:
                sandbox.limit_memory(memory_mb * 1024 * 1024)
            out = ("ok", func(*args))
        except MemoryError:
            out = ("err", QueryMemoryError(_memory_message(memory_mb)))
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            out = ("err", exc if isinstance(exc, QueryError) else QueryError(f"{type(exc).__name__}: {exc}"))
        try:
            send.send(out)
        except MemoryError:
            send.send(("err", QueryMemoryError(_memory_message(memory_mb))))
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
            p.join(5)
            if p.exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
                raise QueryMemoryError(_memory_message(memory_mb)) from None
            raise QueryError("the query process ended without an answer") from None
    finally:
        if p.is_alive():
            p.kill()
        p.join(5)
        recv.close()
    if status == "err":
        raise value
    return value


def _quiet_stderr() -> None:
    import faulthandler
    faulthandler.disable()          # an abort in the child is reported by the parent, once
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    os.dup2(devnull, 2)
    os.close(devnull)


def _memory_message(memory_mb: int | None) -> str:
    limit = f"its memory limit of {memory_mb} MB" if memory_mb is not None else "the memory available"
    return f"the query needed more than {limit} and was stopped (add LIMIT, or narrow the patterns)"
