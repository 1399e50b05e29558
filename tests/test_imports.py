"""The package's import graph has no cycle.

The graph is read from the source, not from a running interpreter: every
``import`` and ``from ... import`` in every module under ``akn/`` counts,
at module level and inside functions alike (a function-level import that
closes a cycle is still a cycle a reader must untangle).
"""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

#: folder -> the package its modules are installed as (see setup.cfg's package_dir)
PACKAGES = {REPO / "akn": "akn", REPO / "grammar": "akn.grammar", REPO / "ontology": "akn.ontology"}

#: cycles that are still there, each as the set of modules it runs through (none: an entry here
#: makes the test fail once its cycle is gone, so it cannot go stale)
KNOWN_CYCLES: set[frozenset[str]] = set()


def modules() -> dict[str, Path]:
    """Dotted module name -> source file, for every module of the package."""
    found = {}
    for folder, package in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([package, *parts])] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that *name* imports, anywhere in its source.

    ``from akn.render import families`` imports the submodule
    ``akn.render.families`` when there is one, else the package itself;
    relative imports are resolved against the module's package.
    """
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
    return {m for m in out if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan).

    >>> sorted(sorted(c) for c in cycles({"a": {"b"}, "b": {"a", "c"}, "c": set()}))
    [['a', 'b']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def describe(cycle: frozenset[str], graph: dict[str, set[str]]) -> str:
    edges = sorted(f"{a} -> {b}" for a in cycle for b in graph[a] if b in cycle)
    return "{" + ", ".join(sorted(cycle)) + "}: " + "; ".join(edges)


def test_the_graph_sees_every_kind_of_import():
    graph = import_graph()
    assert "akn.render.engine" in graph["akn.render"]          # module level, in a package's __init__
    assert "akn.render.text" in graph["akn.render"]            # inside a function
    assert "akn.render.families" in graph["akn.render.engine"]  # "from package import submodule"


def test_no_import_cycles():
    graph = import_graph()
    found = cycles(graph)
    new = [describe(c, graph) for c in found - KNOWN_CYCLES]
    gone = [sorted(c) for c in KNOWN_CYCLES - found]
    assert not new, "import cycles:\n" + "\n".join(new)
    assert not gone, f"these cycles are gone: remove them from KNOWN_CYCLES: {gone}"
