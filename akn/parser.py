"""The LALR parser: classified lines in, a :class:`~akn.nodes.Node` tree out.

The grammar (``grammar/act.lark``, shipped as ``akn.grammar``) is compiled
once per process and cached on disk by lark. The tree is built while
parsing (``transformer=`` on an LALR parser), so there is no second pass
over a lark parse tree.
"""
from __future__ import annotations

import functools
import gc

from lark import Lark, Transformer
from lark.exceptions import UnexpectedInput, UnexpectedToken

from akn.errors import Diagnostic, ParseError
from akn.lexer import LexInput, LineLexer, LineToken
from akn.nodes import Node


class BuildNodes(Transformer):
    """Turn each grammar rule into a :class:`Node` with its children.

    Children arrive as line tokens (whose ``value`` is the line's Node) or as the
    Nodes of sub-rules; ``_END`` tokens are dropped by the grammar.
    """

    @staticmethod
    def _values(children):
        return [c.value if c.__class__ is LineToken else c for c in children]

    def start(self, children):
        root = Node("document")
        root.children = [c for c in children if isinstance(c, Node)]
        return root

    def _container(self, kind, children):
        node = Node(kind)
        node.children = self._values(children)
        return node

    def preface(self, children):
        return self._container("preface", children)

    def preamble(self, children):
        return self._container("preamble", children)

    def recitals(self, children):
        values = self._values(children)
        node = Node("recitals")
        if values and values[0].kind == "p":
            node.text = values[0].text
            node.line = values[0].line
            values = values[1:]
        node.children = values
        return node

    def formula(self, children):
        node = children[0].value
        node.kind = "formula"
        return node

    def body(self, children):
        return self._container("body", children)

    def conclusions(self, children):
        return self._container("conclusions", children)

    def attachments(self, children):
        return self._container("attachments", children)

    def _with_children(self, children):
        head = children[0].value
        head.children = [c.value if c.__class__ is LineToken else c for c in children[1:]]
        return head

    recital = hier = item = attachment = _with_children


@functools.lru_cache(maxsize=1)
def get_parser() -> Lark:
    return Lark.open_from_package("akn.grammar", "act.lark", parser="lalr", lexer=LineLexer,
                                  transformer=BuildNodes(), maybe_placeholders=False, strict=False)


def parse_lines(data: LexInput) -> Node:
    """Parse classified lines into a node tree.

    The cyclic garbage collector is paused while the tree is built: the
    tree holds no cycles and the collector would otherwise walk it again and
    again (see ``benchmarks/``).
    """
    parser = get_parser()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return parser.parse(data)  # type: ignore[return-value]  # the transformer makes Nodes
    except UnexpectedToken as exc:  # a bug in the lexer's bookkeeping, not in the user's text
        token = exc.token
        node = token.value if isinstance(getattr(token, "value", None), Node) else None
        line = node.line if node is not None else (getattr(token, "line", 0) or 0)
        context = data.source.lines[node.index] if node is not None and node.index >= 0 else ""
        expected = ", ".join(sorted(exc.expected)) if exc.expected else "end of document"
        msg = f"unexpected {token.type} here; expected {expected}"
        raise ParseError(f"{data.source.name}:{line}:1: {msg}",
                         Diagnostic(msg, line=line, col=1, source=data.source.name, context=context)) from None
    except UnexpectedInput as exc:  # pragma: no cover - defensive
        raise ParseError(str(exc), Diagnostic(str(exc), source=data.source.name)) from None
    finally:
        if enabled:
            gc.enable()
