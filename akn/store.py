"""Where graphs live: an embedded Oxigraph store on disk, or any SPARQL 1.1 endpoint.

``Store(path)`` keeps one named graph per expression (its URI is the
expression URI), so loading the same act again replaces it instead of adding
a copy; the concept scheme sits in its own named graph. Queries see the union
of all graphs. A lock file (``DIR/.akn-lock``) keeps writers exclusive: a
second writer, or a reader while someone writes, waits up to *wait* seconds
and then gets :class:`StoreLocked` with a clear message, never a corrupt store.

>>> import tempfile, akn, akn.rdf
>>> with tempfile.TemporaryDirectory() as d:
...     s = Store(d + "/db")
...     _ = s.load(akn.rdf.EXAMPLE)
...     _ = s.load(akn.rdf.EXAMPLE)          # replaces, does not duplicate
...     r = s.query("SELECT (COUNT(*) AS ?n) WHERE { ?u a <http://data.europa.eu/eli/ontology#LegalResourceSubdivision> }")
...     r.rows[0]["n"]["value"]
'2'

No act silently replaces another: the store remembers the source file of
each expression (in ``DIR/.akn-sources.json``, beside the lock, outside the
graphs that queries see) and the SHA-256 of its triples. Loading an
expression whose URI the store holds already, with other triples, from
another file (or from no file) is refused with :class:`StoreCollision`,
which names the URI and the file that loaded it first, and nothing is
changed; ``replace=True`` replaces it and says so in :attr:`Loaded.note`.
Reloading from the same file replaces quietly, as does loading the same
triples from anywhere; when a file is loaded again under another URI (an
act without a number whose text changed, :mod:`akn.identity`), the graph it
loaded before is dropped, and the note says so.

>>> with tempfile.TemporaryDirectory() as d:
...     s = Store(d + "/db")
...     one, two = (akn.parse("Article 1\\nScope\\n1. " + w + "\\n", lang="en", frbr_uri="/akn/eu/act/2026-01-01/1")
...                 for w in ("Ships.", "Planes."))
...     _ = s.load(one, origins=["one.txt"])
...     try:
...         s.load(two, origins=["two.txt"])
...     except StoreCollision as exc:
...         print(exc.collisions[0].first)
...     print(s.load(two, origins=["two.txt"], replace=True)[0].note)
one.txt
replaced <https://example.org/akn/eu/act/2026-01-01/1/eng@2026-01-01>, loaded before from one.txt

:class:`akn.endpoint.Endpoint` does the same against a SPARQL server: graphs are pushed
with the SPARQL 1.1 Graph Store HTTP Protocol (``PUT ?graph=<expression>``,
replace semantics) and queries go through the SPARQL 1.1 Protocol.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from akn import sparql
from akn.graph_inputs import graphs_of
from akn.vocab import CONCEPT_SCHEME
from akn.sparql import QueryError, Result

LOCK_NAME = ".akn-lock"
ONTOLOGY_GRAPH = CONCEPT_SCHEME   # the named graph of the concept scheme and vocabulary
ONTOLOGY_FILES = ("concepts.ttl", "akn-vocab.ttl")


class StoreError(Exception):
    """A store that cannot be used (missing, locked, not a store)."""


class StoreLocked(StoreError):
    pass


#: the store's own record of where each expression came from (not a graph: queries never see it)
SOURCES_NAME = ".akn-sources.json"


@dataclass
class Collision:
    """An expression the store holds already, with other triples, loaded first from another file."""
    graph: str
    source: str        # the file being loaded now ("" when not a file)
    first: str         # the file that loaded it first ("" when not known)

    def message(self, store: str) -> str:
        first = self.first or "no file it recorded (a store written by an earlier akn, or a graph or text loaded directly)"
        now = self.source or "this document"
        return (f"{now}: the store {store} already holds <{self.graph}>, loaded from {first}, with other "
                "content; not loaded. Two acts have one identity: give this one its own (a sidecar "
                "NAME.meta.yaml with its number and date, a --metadata manifest, or --frbr-uri), "
                "or load it with --replace to replace the one in the store")


class StoreCollision(StoreError):
    """Loading would replace expressions that other files loaded; nothing was changed."""

    def __init__(self, collisions: list[Collision], store: str):
        self.collisions = collisions
        super().__init__("\n".join(c.message(store) for c in collisions))


@dataclass
class Loaded:
    """What one :meth:`Store.load` put where; *note* tells of a graph replaced or dropped on the way."""
    source: str
    graph: str
    triples: int
    note: str = ""


@lru_cache(maxsize=1)
def ontology_ntriples() -> dict[str, bytes]:
    """The shipped vocabularies as N-Triples, keyed by file name."""
    import rdflib
    out = {}
    for name in ONTOLOGY_FILES:
        g = rdflib.Graph().parse(data=files("akn.ontology").joinpath(name).read_text("utf-8"), format="turtle")
        out[name] = g.serialize(format="nt", encoding="utf-8")
    return out


def _origin(name: str | None) -> str:
    """The absolute path of a source that is a file, else ""."""
    if not name or name.startswith("<"):
        return ""
    path = Path(name)
    return str(path.resolve()) if path.is_file() else ""


def _digest(ntriples: bytes) -> str:
    """SHA-256 of a graph's N-Triples lines, in sorted order (the order of serialisation does not count)."""
    import hashlib
    return hashlib.sha256(b"\n".join(sorted(ntriples.splitlines()))).hexdigest()


def _same_triples(store, graph: str, ntriples: bytes) -> bool:
    """Whether the named *graph* of *store* holds exactly the triples of *ntriples* (both read by Oxigraph)."""
    import pyoxigraph as ox
    held = sorted(str(ox.Triple(q.subject, q.predicate, q.object))
                  for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    new = sorted(str(t) for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    return held == new


class Store:
    """An embedded Oxigraph store, on disk at *path* (or in memory with ``None``).

    *wait*: seconds to wait for another process's lock before giving up.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, wait: float = 10.0):
        self.path = Path(path) if path is not None else None
        self.wait = wait
        self._mem = None
        self._sources: dict = {}         # the record of sources of a store in memory
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
        fd = self._open_lock(exclusive)
        if fd is None:              # a store nobody can write: nothing to wait for
            yield
            return
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

    def _open_lock(self, exclusive: bool) -> int | None:
        """The lock file's descriptor; None for a reader of a store in a read-only directory."""
        assert self.path is not None  # a store without a path lives in memory and takes no lock
        lock = self.path / LOCK_NAME
        try:
            if exclusive:
                self.path.mkdir(parents=True, exist_ok=True)
            return os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except IsADirectoryError:
            raise StoreError(f"{lock} is a directory; it should be the store's lock file "
                             "(remove it, then try again)") from None
        except PermissionError as exc:
            if not exclusive:
                try:
                    return os.open(lock, os.O_RDONLY)     # a shared lock needs no write access
                except FileNotFoundError:
                    if not os.access(self.path, os.W_OK):
                        return None
                except OSError:
                    pass
            what = "write to" if exclusive else "read"
            raise StoreError(f"cannot {what} the store {self.path}: {exc.strerror} "
                             f"({'it is read-only' if exclusive else 'check its permissions'})") from None
        except OSError as exc:
            raise StoreError(f"cannot use the store {self.path}: {exc.strerror}") from None

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
    def load(self, *sources, base: str | None = None, optimize: bool = False, replace: bool = False,
             origins: list[str | None] | None = None) -> list[Loaded]:
        """Load AKN documents (paths, XML, :class:`akn.Document`) or rdflib graphs.

        Each becomes the named graph of its expression, replacing what the same
        source file loaded (see the module's docstring for when another file's
        expression is replaced: with *replace*, else :class:`StoreCollision`).
        *origins*, one per source, names the file each came from when that is
        not the source itself (the text a batch converted to the XML loaded here).
        The concept scheme and vocabulary are (re)loaded into their own graph.
        """
        from akn.rdf import DEFAULT_BASE
        built = list(graphs_of(sources, base or DEFAULT_BASE))
        if origins is not None and len(origins) != len(built):
            raise ValueError(f"{len(origins)} origins for {len(built)} sources")
        items = []
        for i, (name, g) in enumerate(built):
            data = g.serialize(format="nt", encoding="utf-8")
            given = origins[i] if origins is not None else None
            origin = (_origin(given) or given) if given else _origin(name)
            items.append((name, g, str(g.identifier), data, origin, _digest(data)))
        refusal = None
        with self._lock(exclusive=True):
            store = self._open(read_only=False)
            try:
                import pyoxigraph as ox
                book = self._read_sources()
                collisions, notes = self._check(store, items, book, replace)
                if collisions:
                    # raised once the store is closed: the exception must not keep it open
                    refusal = StoreCollision(collisions, str(self.path) if self.path is not None else "in memory")
                    return []
                graphs = {graph for _n, _g, graph, _d, _o, _h in items}
                dropped: dict[str, list[str]] = {}
                by_source: dict[str, list[str]] = {}
                for old, record in book.items():
                    if record.get("source"):
                        by_source.setdefault(record["source"], []).append(old)
                for _name, _g, graph, _data, origin, digest in items:
                    # what this file loaded before under another URI is gone from it
                    for old in by_source.get(origin, []) if origin else []:
                        if old != graph and old not in graphs and old in book:
                            dropped.setdefault(graph, []).append(old)
                            del book[old]
                    book[graph] = {"source": origin, "sha256": digest}
                self._write_sources(book)      # (first: a load cut short leaves the record of what it began)
                onto = ox.NamedNode(ONTOLOGY_GRAPH)      # always the scheme of this version
                if store.contains_named_graph(onto):
                    store.remove_graph(onto)
                for _name, data in ontology_ntriples().items():
                    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=onto)
                out = []
                for name, g, graph, data, _o, _h in items:
                    for old in dropped.get(graph, []):
                        if store.contains_named_graph(ox.NamedNode(old)):
                            store.remove_graph(ox.NamedNode(old))
                        notes[graph] = (notes.get(graph, "") + "; " if graph in notes else "") + \
                            f"dropped <{old}>, loaded before from the same file"
                    gname = ox.NamedNode(graph)
                    if store.contains_named_graph(gname):
                        store.remove_graph(gname)
                    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=gname)
                    out.append(Loaded(name, graph, len(g), notes.get(graph, "")))
                if optimize:
                    store.optimize()
                store.flush()
                return out
            finally:
                del store
                if refusal is not None:
                    raise refusal

    def _check(self, store, items, book: dict, replace: bool) -> tuple[list[Collision], dict[str, str]]:
        """The collisions: another file's expressions this load would replace (all of them, unless
        *replace*); and the notes of the graphs that will be replaced."""
        import pyoxigraph as ox
        collisions, notes = [], {}
        seen: dict[str, tuple[str, str]] = {}     # graph -> (origin, digest) earlier in this load
        for _name, _g, graph, _data, origin, digest in items:
            if graph in seen:
                first, first_digest = seen[graph]
                if first_digest != digest and not (origin and origin == first):
                    collisions.append(Collision(graph, origin, first))
                continue
            seen[graph] = (origin, digest)
            if not store.contains_named_graph(ox.NamedNode(graph)):
                continue
            record = book.get(graph, {})
            first = record.get("source", "")
            if record.get("sha256") == digest or (origin and origin == first):
                continue
            if not record and _same_triples(store, graph, _data):
                continue         # (a store written before the record was kept: the same triples again)
            if replace:
                notes[graph] = f"replaced <{graph}>, loaded before from {first or 'an unrecorded source'}"
            else:
                collisions.append(Collision(graph, origin, first))
        return collisions, notes

    def _read_sources(self) -> dict:
        if self.path is None:
            return dict(self._sources)
        try:
            data = json.loads((self.path / SOURCES_NAME).read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.path / SOURCES_NAME}: cannot read the store's record of sources ({exc}); "
                             "remove it to start the record afresh") from None
        graphs = data.get("graphs") if isinstance(data, dict) else None
        return dict(graphs) if isinstance(graphs, dict) else {}

    def _write_sources(self, book: dict) -> None:
        if self.path is None:
            self._sources = dict(book)
            return
        from akn.atomic import atomic_write
        blob = json.dumps({"graphs": book}, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")
        try:
            atomic_write(self.path / SOURCES_NAME, blob)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path / SOURCES_NAME}: {exc.strerror or exc}") from None

    def sources(self) -> dict[str, str]:
        """Expression graph -> the file it was loaded from ("" when not from a file)."""
        with self._lock(exclusive=False):
            return {g: r.get("source", "") for g, r in self._read_sources().items()}

    def remove(self, graph: str) -> None:
        """Drop the named graph of one expression."""
        with self._lock(exclusive=True):
            store = self._open(read_only=False)
            import pyoxigraph as ox
            book = self._read_sources()
            if book.pop(graph, None) is not None:
                self._write_sources(book)
            store.remove_graph(ox.NamedNode(graph))
            store.flush()
            del store

    # -- reading ---------------------------------------------------------------
    def graphs(self) -> list[str]:
        with self._lock(exclusive=False):
            store = self._open(read_only=True)
            return sorted(g.value for g in store.named_graphs())

    def query(self, text: str, *, timeout: float | None = sparql.DEFAULT_TIMEOUT, source: str = "query",
              limit: int | None = sparql.DEFAULT_LIMIT,
              memory_mb: int | None = sparql.DEFAULT_MEMORY_MB) -> Result:
        """Run a read query over the union of all graphs.

        Refuses updates, SERVICE and LOAD (see :mod:`akn.sparql`). The query runs in a
        child process without network access, for at most *timeout* seconds and
        *memory_mb* megabytes; at most *limit* rows (or CONSTRUCT triples) come back,
        and ``Result.truncated`` says when there were more. ``None`` lifts a limit
        (``timeout=None`` also runs the query in this process).
        """
        limit = _check_limit(limit)
        if timeout is None:
            sparql.check(text, source)
            with self._lock(exclusive=False):
                return _run(self, text, source, limit)
        timeout = sparql.check_timeout(timeout)
        sparql.grammar()                 # built here once, inherited by the query process
        with self._lock(exclusive=False):
            # the check runs in the query process too, so a huge or pathological query meets the limits
            return sparql.run_limited(_checked_run, (self, text, source, limit), timeout, memory_mb)


def _checked_run(st: Store, text: str, source: str, limit: int | None) -> Result:
    sparql.check(text, source)
    return _run(st, text, source, limit)


def _check_limit(limit):
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"the row limit must be a whole number of at least 1, not {limit!r}")
    return limit


def _run(st: Store, text: str, source: str, limit: int | None = None) -> Result:
    """Execute *text* on *st* and collect up to *limit* rows (runs in the query process)."""
    import pyoxigraph as ox
    try:
        store = st._open(read_only=True)
    except OSError as exc:
        raise QueryError(f"cannot open the store {st.path}: {exc}", source=source) from None
    try:
        res = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise sparql.syntax_error(exc, source, text) from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}", source=source) from None
    if isinstance(res, (bool, ox.QueryBoolean)):
        return Result(boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        lines, cut = _take(res, limit)
        return Result(triples="".join(f"{t} .\n" for t in lines), truncated=cut)
    names = [v.value for v in res.variables]
    solutions, cut = _take(res, limit)
    rows = []
    for sol in solutions:
        row = {}
        for n in names:
            t = sol[n]
            if t is not None:
                row[n] = sparql.term_json(t)
        rows.append(row)
    return Result(vars=names, rows=rows, truncated=cut)


def _take(items, limit):
    """The first *limit* of *items* and whether there were more (reads one past the limit at most)."""
    out = []
    for item in items:
        if limit is not None and len(out) == limit:
            return out, True
        out.append(item)
    return out, False
