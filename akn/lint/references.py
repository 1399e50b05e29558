"""ref-missing: a reference to a unit the act does not have."""
from __future__ import annotations

from collections.abc import Iterable

from akn.errors import Diagnostic
from akn.lint.linter import Linter, bare_linter
from akn.lint.registry import register


def check_references(linter: Linter) -> Iterable[Diagnostic]:
    from akn import lang
    from akn.profiles import REGISTRY
    from akn.references import scan

    doc = linter.doc
    pack = lang.get(doc.lang)
    if pack is None or pack.references is None:
        return   # (the parse has said that references are not read in this language)
    letters = next((p.letters for p in REGISTRY.values() if p.lang == doc.lang and p.tradition == doc.tradition),
                   "")
    bare = linter.bare()   # the text before other passes wrapped parts of it
    index, links = scan(bare.root, pack.references, doc.tradition, letters)
    kinds = {index.kind(e) for e in index.ids}
    for ln in links:
        if ln.href is not None:
            continue
        # only what can be judged: a kind of unit this act has ("clause (a)" in an act without clauses is not)
        if ln.kinds and not (ln.kinds <= kinds):
            continue
        yield bare_linter(linter, bare).at_text("ref-missing", f"{ln.text!r} refers to a unit that does not exist",
                                                ln.element, ln.start)


register("ref-missing", "error", "a reference to a unit that does not exist", check_references)
