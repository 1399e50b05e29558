"""Where graphs live: an embedded Oxigraph store on disk, or any SPARQL 1.1 endpoint.

``Store(path)`` keeps one named graph per expression (its URI is the
expression URI), so loading the same act again replaces it instead of adding
a copy; the concept scheme sits in its own named graph. Queries see the union
of all graphs. A lock file (``DIR/.akn-lock``) keeps writers exclusive: a
second writer, or a reader while someone writes, waits up to *wait* seconds
and then gets :class:`StoreLocked` with a clear message, never a corrupt store.

>>> import tempfile, akn.rdf
>>> with tempfile.TemporaryDirectory() as d:
...     s = Store(d + "/db")
...     _ = s.load(akn.rdf.EXAMPLE)
...     _ = s.load(akn.rdf.EXAMPLE)          # replaces, does not duplicate
...     r = s.query("SELECT (COUNT(*) AS ?n) WHERE { ?u a <http://data.europa.eu/eli/ontology#LegalResourceSubdivision> }")
...     r.rows[0]["n"]["value"]
'2'

``Endpoint(url)`` does the same against a SPARQL server: graphs are pushed
with the SPARQL 1.1 Graph Store HTTP Protocol (``PUT ?graph=<expression>``,
replace semantics) and queries go through the SPARQL 1.1 Protocol.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from akn import sparql
from akn.sparql import QueryError, Result

LOCK_NAME = ".akn-lock"
ONTOLOGY_GRAPH = "https://w3id.org/akn-toolkit/concepts"
ONTOLOGY_FILES = ("concepts.ttl", "akn-vocab.ttl")


class StoreError(Exception):
    """A store that cannot be used (missing, locked, not a store)."""


class StoreLocked(StoreError):
    pass


@dataclass
class Loaded:
    """What one :meth:`Store.load` put where."""
    source: str
    graph: str
    triples: int


@lru_cache(maxsize=1)
def ontology_ntriples() -> dict[str, bytes]:
    """The shipped vocabularies as N-Triples, keyed by file name."""
    import rdflib
    out = {}
    for name in ONTOLOGY_FILES:
        g = rdflib.Graph().parse(data=files("akn.ontology").joinpath(name).read_text("utf-8"), format="turtle")
        out[name] = g.serialize(format="nt", encoding="utf-8")
    return out


def graphs_of(sources, base, parse_text=True):
    """(source name, rdflib graph) for each source: AKN XML files/bytes, Documents, graphs, or plain text files."""
    import rdflib

    from akn import rdf
    for src in sources:
        if isinstance(src, rdflib.Graph):
            yield str(src.identifier), src
            continue
        if hasattr(src, "root") and not isinstance(src, (str, bytes, Path)):
            yield getattr(src, "source", None) or getattr(src, "frbr_uri", "<document>"), rdf.graph(src, base)
            continue
        name = str(src) if isinstance(src, (str, Path)) and not str(src).lstrip().startswith("<") else "<xml>"
        if parse_text and isinstance(src, (str, Path)) and name != "<xml>" and not _looks_like_xml(Path(src)):
            import akn
            doc = akn.parse_file(src)
            yield name, rdf.graph(doc, base)
        else:
            yield name, rdf.graph(src, base)


def _looks_like_xml(path: Path) -> bool:
    with open(path, "rb") as f:
        head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


class Store:
    """An embedded Oxigraph store, on disk at *path* (or in memory with ``None``).

    *wait*: seconds to wait for another process's lock before giving up.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, wait: float = 10.0):
        self.path = Path(path) if path is not None else None
        self.wait = wait
        self._mem = None
        if self.path is None:
            import pyoxigraph as ox
            self._mem = ox.Store()

    # -- locking ---------------------------------------------------------------
    @contextmanager
    def _lock(self, exclusive: bool):
        if self.path is None:
            yield
            return
        if not exclusive and not self.exists():
            raise StoreError(f"no store at {self.path} (create one with: akn load FILE... --store {self.path})")
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        try:
            while True:
                try:
                    fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise
                    if time.monotonic() >= deadline:
                        holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
                        raise StoreLocked(
                            f"store {self.path} is being {'used' if exclusive else 'written'} by another process "
                            f"(pid {holder}); waited {self.wait:g} s — try again when it has finished") from None
                    time.sleep(0.05)
            if exclusive:
                os.ftruncate(fd, 0)
                os.pwrite(fd, str(os.getpid()).encode(), 0)
            yield
        finally:
            os.close(fd)   # closing releases the lock

    def exists(self) -> bool:
        return self.path is None or (self.path / "CURRENT").exists()

    def _open(self, read_only: bool):
        import pyoxigraph as ox
        if self._mem is not None:
            return self._mem
        if read_only:
            return ox.Store.read_only(str(self.path))
        assert self.path is not None  # a store without a path lives in memory (above)
        if self.path.exists() and any(self.path.iterdir()) and not self.exists() and \
                {p.name for p in self.path.iterdir()} != {LOCK_NAME}:
            raise StoreError(f"{self.path} is not an akn store (it holds other files)")
        return ox.Store(str(self.path))

    # -- writing ---------------------------------------------------------------
    def load(self, *sources, base: str | None = None, optimize: bool = False) -> list[Loaded]:
        """Load AKN documents (paths, XML, :class:`akn.Document`) or rdflib graphs.

        Each becomes the named graph of its expression, replacing what was there.
        The concept scheme and vocabulary are (re)loaded into their own graph.
        """
        from akn.rdf import DEFAULT_BASE
        built = list(graphs_of(sources, base or DEFAULT_BASE))
        with self._lock(exclusive=True):
            store = self._open(read_only=False)
            try:
                import pyoxigraph as ox
                out = []
                onto = ox.NamedNode(ONTOLOGY_GRAPH)      # always the scheme of this version
                if store.contains_named_graph(onto):
                    store.remove_graph(onto)
                for _name, data in ontology_ntriples().items():
                    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=onto)
                for name, g in built:
                    gname = ox.NamedNode(str(g.identifier))
                    data = g.serialize(format="nt", encoding="utf-8")
                    if store.contains_named_graph(gname):
                        store.remove_graph(gname)
                    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=gname)
                    out.append(Loaded(name, str(g.identifier), len(g)))
                if optimize:
                    store.optimize()
                store.flush()
                return out
            finally:
                del store

    def remove(self, graph: str) -> None:
        """Drop the named graph of one expression."""
        with self._lock(exclusive=True):
            store = self._open(read_only=False)
            import pyoxigraph as ox
            store.remove_graph(ox.NamedNode(graph))
            store.flush()
            del store

    # -- reading ---------------------------------------------------------------
    def graphs(self) -> list[str]:
        with self._lock(exclusive=False):
            store = self._open(read_only=True)
            return sorted(g.value for g in store.named_graphs())

    def query(self, text: str, *, timeout: float | None = sparql.DEFAULT_TIMEOUT, source: str = "query") -> Result:
        """Run a read query over the union of all graphs, within *timeout* seconds.

        Refuses updates, SERVICE and LOAD (see :mod:`akn.sparql`).
        """
        sparql.check(text, source)
        with self._lock(exclusive=False):
            if timeout is None:
                return _run(self, text, source)
            return sparql.run_limited(_run, (self, text, source), timeout)


def _run(st: Store, text: str, source: str) -> Result:
    """Execute *text* on *st* and collect every row (runs in the query process)."""
    import pyoxigraph as ox
    store = st._open(read_only=True)
    try:
        res = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise sparql.syntax_error(exc, source) from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}", source=source) from None
    if isinstance(res, (bool, ox.QueryBoolean)):
        return Result(boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        return Result(triples="".join(f"{t} .\n" for t in res))
    names = [v.value for v in res.variables]
    rows = []
    for sol in res:
        row = {}
        for n in names:
            t = sol[n]
            if t is not None:
                row[n] = sparql.term_json(t)
        rows.append(row)
    return Result(vars=names, rows=rows)


class Endpoint:
    """A SPARQL 1.1 server: query URL for queries, Graph Store Protocol URL for loading.

    ``Endpoint("http://127.0.0.1:7878")`` assumes Oxigraph's layout
    (``/query`` and ``/store``); give both URLs for other servers, e.g. Fuseki:
    ``Endpoint("http://host:3030/ds/query", graph_store="http://host:3030/ds/data")``.
    *union*: ask the server to query the union of named graphs (Oxigraph's
    ``union-default-graph`` parameter); configure the server instead when it has no such parameter.
    """

    def __init__(self, url: str, *, graph_store: str | None = None, union: bool = True, timeout: float = 60.0):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https"):
            raise StoreError(f"not an http(s) URL: {url}")
        root = url.rstrip("/")
        if parsed.path in ("", "/"):
            self.query_url, self.store_url = root + "/query", graph_store or root + "/store"
        else:
            self.query_url = url
            self.store_url = graph_store or (root[:-len("/query")] + "/store" if root.endswith("/query") else url)
        self.union = union
        self.timeout = timeout

    def _request(self, req):
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.status, resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            return exc.code, exc.headers.get("Content-Type", ""), body.encode()
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach {req.full_url}: {reason}") from None

    def put_graph(self, graph: str, ntriples: bytes) -> int:
        url = self.store_url + ("&" if "?" in self.store_url else "?") + urllib.parse.urlencode({"graph": graph})
        req = urllib.request.Request(url, data=ntriples, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        status, _ctype, body = self._request(req)
        if status not in (200, 201, 204):
            raise StoreError(f"{self.store_url}: PUT graph {graph} answered HTTP {status}: "
                             f"{body.decode('utf-8', 'replace')[:200]}")
        return status

    def load(self, *sources, base: str | None = None) -> list[Loaded]:
        import rdflib

        from akn.rdf import DEFAULT_BASE
        onto = rdflib.Graph()
        for data in ontology_ntriples().values():
            onto.parse(data=data, format="nt")
        self.put_graph(ONTOLOGY_GRAPH, onto.serialize(format="nt", encoding="utf-8"))
        out = []
        for name, g in graphs_of(sources, base or DEFAULT_BASE):
            self.put_graph(str(g.identifier), g.serialize(format="nt", encoding="utf-8"))
            out.append(Loaded(name, str(g.identifier), len(g)))
        return out

    def query(self, text: str, *, timeout: float | None = None, source: str = "query") -> Result:
        form = sparql.check(text, source)
        # a syntax error gets its position from the local parser before anything is sent
        sparql.run_limited(_parse_only, (text, source), 10.0)
        params = {"query": text}
        if self.union:
            params["union-default-graph"] = ""
        accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        req = urllib.request.Request(self.query_url, data=urllib.parse.urlencode(params).encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        if timeout is not None:
            old, self.timeout = self.timeout, timeout
        try:
            status, _ctype, body = self._request(req)
        finally:
            if timeout is not None:
                self.timeout = old
        if status != 200:
            msg = body.decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"{self.query_url} answered HTTP {status}: {msg[0] if msg else ''}", source=source)
        if form in ("CONSTRUCT", "DESCRIBE"):
            return Result(triples=body.decode("utf-8"))
        try:
            return Result.from_json(json.loads(body))
        except (ValueError, KeyError):
            raise QueryError(f"{self.query_url} sent an incomplete or invalid answer "
                             "(did the server stop the query at its time limit?)", source=source) from None


def _parse_only(text: str, source: str) -> None:
    import pyoxigraph as ox
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise sparql.syntax_error(exc, source) from None
