"""Where the RDF graphs of a batch go besides files: a store or a SPARQL endpoint.

``--store DIR`` (an embedded :class:`akn.store.Store`) and ``--endpoint URL``
(:class:`akn.endpoint.Endpoint`, SPARQL 1.1 Graph Store Protocol) receive the
graph of every converted document, built from its XML output, in groups of
:data:`GROUP` files. Up-to-date (skipped) inputs are loaded too, so the store
always holds the whole corpus; each document is the named graph of its
expression, so loading it again replaces it rather than adding a copy.

The store is told which input each graph comes from, so that it refuses to
replace an expression another file loaded (:class:`akn.store.StoreCollision`);
the sink then loads the rest of the group and keeps the refusals in
:attr:`GraphSink.refused` for the batch to report. With *replace* the store
replaces them, and :attr:`GraphSink.notes` says which.
"""
from __future__ import annotations


GROUP = 200


class SinkError(RuntimeError):
    """The store or endpoint cannot be used."""


def make_sink(store: str | None = None, endpoint: str | None = None, replace: bool = False):
    """A :class:`GraphSink` for ``--store``/``--endpoint``, or ``None``."""
    if not store and not endpoint:
        return None
    from akn.endpoint import Endpoint
    from akn.store import Store
    try:
        target = Store(store) if store else Endpoint(endpoint or "")
    except Exception as exc:  # noqa: BLE001 - reported as one clean line
        raise SinkError(f"cannot use {'store ' + store if store else f'endpoint {endpoint}'}: "
                        f"{exc}") from None
    return GraphSink(target, replace=replace)


class GraphSink:
    """Buffers the XML outputs of results and loads them into *target* in groups."""

    def __init__(self, target, group: int = GROUP, replace: bool = False):
        self.target = target
        self.group = group
        self.replace = replace
        self.pending: list[tuple[str, str]] = []    # (XML output, the input it was converted from)
        self.loaded = 0
        self.refused: list[str] = []     # messages of the expressions the store would not replace
        self.notes: list[str] = []       # what was replaced or dropped on the way

    def add(self, result) -> None:
        path = result.outputs.get("xml")
        if path:
            self.pending.append((path, result.path))
            if len(self.pending) >= self.group:
                self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        from akn.store import Store, StoreCollision
        try:
            if not isinstance(self.target, Store):
                self.loaded += len(self.target.load(*(p for p, _ in pending)))
                return
            try:
                done = self._load(pending)
            except StoreCollision as exc:
                refused = {c.source for c in exc.collisions}
                store = str(self.target.path)
                self.refused += [c.message(store) for c in exc.collisions]
                rest = [(p, o) for p, o in pending if _real(o) not in refused]
                done = self._load(rest) if rest else []
            self.loaded += len(done)
            self.notes += [f"{d.source}: {d.note}" for d in done if d.note]
        except StoreCollision as exc:     # (the rest collided among themselves: not expected)
            self.refused += str(exc).splitlines()
        except Exception as exc:  # noqa: BLE001
            raise SinkError(f"cannot load graphs into the store: {exc}") from None

    def _load(self, pending):
        return self.target.load(*(p for p, _ in pending), origins=[o for _, o in pending],
                                replace=self.replace)

    def close(self) -> None:
        self.flush()


def _real(path: str) -> str:
    import os
    return os.path.realpath(path) if os.path.isfile(path) else path
