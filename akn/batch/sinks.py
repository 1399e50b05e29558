"""Where the RDF graphs of a batch go besides files: a store or a SPARQL endpoint.

``--store DIR`` (an embedded :class:`akn.store.Store`) and ``--endpoint URL``
(:class:`akn.store.Endpoint`, SPARQL 1.1 Graph Store Protocol) receive the
graph of every converted document, built from its XML output, in groups of
:data:`GROUP` files. Up-to-date (skipped) inputs are loaded too, so the store
always holds the whole corpus; each document is the named graph of its
expression, so loading it again replaces it rather than adding a copy.
"""
from __future__ import annotations

import importlib

GROUP = 200


class SinkError(RuntimeError):
    """The store or endpoint cannot be used."""


def make_sink(store: str | None = None, endpoint: str | None = None):
    """A :class:`GraphSink` for ``--store``/``--endpoint``, or ``None``."""
    if not store and not endpoint:
        return None
    try:
        module = importlib.import_module("akn.store")
    except ModuleNotFoundError as exc:
        if exc.name and "akn.store".startswith(exc.name):
            raise SinkError("--store/--endpoint need akn.store, which is not available in this "
                            "installation of akn") from None
        raise
    try:
        target = module.Store(store) if store else module.Endpoint(endpoint)
    except Exception as exc:  # noqa: BLE001 - reported as one clean line
        raise SinkError(f"cannot use {'store ' + store if store else f'endpoint {endpoint}'}: "
                        f"{exc}") from None
    return GraphSink(target)


class GraphSink:
    """Buffers the XML outputs of results and loads them into *target* in groups."""

    def __init__(self, target, group: int = GROUP):
        self.target = target
        self.group = group
        self.pending: list[str] = []
        self.loaded = 0

    def add(self, result) -> None:
        path = result.outputs.get("xml")
        if path:
            self.pending.append(path)
            if len(self.pending) >= self.group:
                self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        paths, self.pending = self.pending, []
        try:
            self.loaded += len(self.target.load(*paths))
        except Exception as exc:  # noqa: BLE001
            raise SinkError(f"cannot load graphs into the store: {exc}") from None

    def close(self) -> None:
        self.flush()
