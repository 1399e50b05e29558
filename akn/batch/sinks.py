"""Where the RDF graphs of a batch go besides ``.ttl`` files: a store or an endpoint.

``--store DIR`` and ``--endpoint URL`` add the ``ttl`` format to the batch
and load each converted document's Turtle into the target, in the client
process, as results arrive (up-to-date inputs are loaded too, so the store
always reflects the whole corpus). The store module is imported only here.
"""
from __future__ import annotations

import importlib


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
    return GraphSink(module, store=store, endpoint=endpoint)


class GraphSink:
    """Loads the Turtle output of each result into an :class:`akn.Store`."""

    def __init__(self, module, store=None, endpoint=None):
        try:
            if store:
                self.target = module.Store(store)
            else:
                self.target = module.Store.remote(endpoint) if hasattr(module.Store, "remote") \
                    else module.Store(endpoint=endpoint)
        except Exception as exc:  # noqa: BLE001 - reported as a clean message
            raise SinkError(f"cannot open {'store ' + store if store else 'endpoint ' + endpoint}: "
                            f"{exc}") from None
        self.loaded = 0

    def add(self, result) -> None:
        path = result.outputs.get("ttl")
        if not path:
            return
        try:
            self.target.load(path, graph=result.frbr_uri or None)
        except TypeError:
            self.target.load(path)
        except Exception as exc:  # noqa: BLE001
            raise SinkError(f"cannot load {path}: {exc}") from None
        self.loaded += 1

    def close(self) -> None:
        close = getattr(self.target, "close", None)
        if close:
            close()
