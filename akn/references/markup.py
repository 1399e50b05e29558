"""The ``references`` pass: mark each resolved reference ``<ref>`` / ``<rref>``.

References that name a kind of unit the act has but resolve to none of its
units stay plain text and are reported as warnings (``ref-unresolved``) at
the line of the unit that holds them.
"""
from __future__ import annotations

from lxml import etree

from akn.errors import Diagnostic
from akn.inline import Skipped, Span, wrap_spans
from akn.references.model import NS
from akn.references.scan import Link, scan


def link(root: etree._Element, context) -> list[Diagnostic]:
    """The post-parse pass: mark every resolved internal reference; warn about the unresolved ones.

    Registered in :mod:`akn.postprocess` as ``references``.
    """
    profile = context.profile
    pack = getattr(context, "language", None)
    if pack is None or pack.references is None:
        code = pack.code if pack is not None else profile.lang
        return [Diagnostic(f"references are not marked: no citation rules for the language {code!r}",
                           source=getattr(context, "source", "<text>"), severity="warning",
                           code="no-reference-rules")]
    lines = getattr(context, "lines", None) or {}
    index, links = scan(root, pack.references, profile.tradition, profile.letters, lines or None,
                        getattr(context, "contexts", None))
    by_p: dict[etree._Element, list[Link]] = {}
    unresolved: list[Link] = []
    for ln in links:
        if ln.href is None:
            unresolved.append(ln)
        else:
            by_p.setdefault(ln.element, []).append(ln)
    found: list[Diagnostic] = []
    source = getattr(context, "source", "<text>")
    for p, group in by_p.items():
        skipped: list[Skipped] = []
        wrap_spans(p, _spans(group), NS, skipped)
        for span, reason in skipped:
            found.append(Diagnostic(f"reference {_text(p, span)!r} not marked: {reason}", line=_line(p, lines),
                                    col=1, source=source, severity="warning", code="ref-not-marked"))
    if unresolved:
        kinds = {index.kind(e) for e in index.ids}
        for ln in unresolved:
            # only what can be judged: a kind of unit this act has ("clause (a)" in an act without clauses is not)
            if ln.kinds and ln.kinds <= kinds:
                found.append(Diagnostic(f"{ln.text!r} refers to a unit that does not exist; left as text",
                                        line=lines.get(ln.context, 0) or _line(ln.element, lines), col=1,
                                        source=source, severity="warning", code="ref-unresolved"))
    return found


def _spans(group: list[Link]) -> list[Span]:
    """The spans of a block's links, in order; of two that overlap the first is kept."""
    spans: list[Span] = []
    last = -1
    for ln in sorted(group, key=lambda x: x.start):
        if ln.start < last or ln.href is None:
            continue
        if ln.upto:
            spans.append((ln.start, ln.end, "rref", {"from": "#" + ln.href, "upTo": "#" + ln.upto}))
        else:
            spans.append((ln.start, ln.end, "ref", {"href": "#" + ln.href}))
        last = ln.end
    return spans


def _text(p: etree._Element, span: Span) -> str:
    return "".join(p.itertext())[span[0]:span[1]]


def _line(el: etree._Element | None, lines: dict[str, int]) -> int:
    """The source line of the innermost unit holding *el* (0 when unknown)."""
    while el is not None:
        eid = el.get("eId")
        if eid and eid in lines:
            return lines[eid]
        el = el.getparent()
    return 0
