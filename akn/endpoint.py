"""A SPARQL 1.1 server as the store: queries checked here first, graphs loaded over the Graph Store Protocol."""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from akn import sparql
from akn.graph_inputs import graphs_of
from akn.sparql import QueryError, Result
from akn.store import ONTOLOGY_GRAPH, Loaded, StoreError, _check_limit, ontology_ntriples


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

    def _request(self, req, max_bytes: int | None = None):
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                body = resp.read() if max_bytes is None else resp.read(max_bytes + 1)
                if max_bytes is not None and len(body) > max_bytes:
                    raise QueryError(f"{req.full_url} sent more than {max_bytes // 2**20} MB; "
                                     "add LIMIT to the query")
                return resp.status, resp.headers.get("Content-Type", ""), body
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

    def query(self, text: str, *, timeout: float | None = None, source: str = "query",
              limit: int | None = sparql.DEFAULT_LIMIT, memory_mb: int | None = None) -> Result:
        """Send a read query (checked here first, as :meth:`Store.query` does); at most *limit* rows come back.

        *memory_mb* bounds the size of the answer read from the server (default 2048 MB).
        """
        if timeout is not None:
            timeout = sparql.check_timeout(timeout)
        limit = _check_limit(limit)
        # checked (and parsed by Oxigraph, for the errors only it finds) in a limited process before anything is sent
        sparql.grammar()
        form = sparql.run_limited(_check_only, (text, source), timeout or sparql.DEFAULT_TIMEOUT)
        params = {"query": text}
        if self.union:
            params["union-default-graph"] = ""
        accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else "application/sparql-results+json"
        req = urllib.request.Request(self.query_url, data=urllib.parse.urlencode(params).encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        if timeout is not None:
            old, self.timeout = self.timeout, timeout
        try:
            max_bytes = (memory_mb if memory_mb is not None else sparql.DEFAULT_MEMORY_MB) * 2**20
            status, _ctype, body = self._request(req, max_bytes)
        finally:
            if timeout is not None:
                self.timeout = old
        if status != 200:
            msg = body.decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"{self.query_url} answered HTTP {status}: {msg[0] if msg else ''}", source=source)
        if form in ("CONSTRUCT", "DESCRIBE"):
            lines = body.decode("utf-8").splitlines(keepends=True)
            cut = limit is not None and len(lines) > limit
            return Result(triples="".join(lines[:limit] if cut else lines), truncated=cut)
        try:
            res = Result.from_json(json.loads(body))
        except (ValueError, KeyError):
            raise QueryError(f"{self.query_url} sent an incomplete or invalid answer "
                             "(did the server stop the query at its time limit?)", source=source) from None
        if limit is not None and len(res.rows) > limit:
            res.rows, res.truncated = res.rows[:limit], True
        return res


def _check_only(text: str, source: str) -> str:
    import pyoxigraph as ox
    form = sparql.check(text, source)
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise sparql.syntax_error(exc, source, text) from None
    return form
