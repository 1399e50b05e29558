"""The pass runner: a registry in a documented order, and passes that may add mark-up but never text."""
from __future__ import annotations

import pytest
from lxml import etree

import akn
from akn import postprocess
from akn.inline import find_in_slots, wrap_spans

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

ACT = """REGULATION (EU) 2027/9 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL

of 2 March 2027

on test procedures

HAVE ADOPTED THIS REGULATION:

Article 1

Scope

1.   This Regulation applies to the procedures referred to in Article 2.

2.   Paragraph 1 does not apply to the procedures listed in Article 9.

Article 2

Procedures

The procedures are those of Directive 95/46/EC.
"""


def test_passes_run_in_their_documented_order():
    assert [r.name for r in postprocess.registered()] == ["references", "external_refs", "definitions"]
    for name in ("references", "external_refs", "definitions"):
        assert f"  {name} " in postprocess.__doc__


@pytest.fixture
def extra_pass():
    """Register a pass for one test and take it away again."""
    added = []

    def add(fn, name, priority):
        postprocess.register(fn, name, priority)
        added.append(name)
    yield add
    for name in added:
        postprocess._REGISTRY.pop(name, None)


def test_a_pass_that_changes_the_text_is_undone_and_named(extra_pass):
    def sloppy(root, context):
        for p in root.iter(NS + "p"):
            if "Paragraph 1 does not apply" in "".join(p.itertext()):
                ref = p[0] if len(p) else None
                (ref if ref is not None else p).text = "Paragraph one"   # rewrites the law's words
        return []

    extra_pass(sloppy, "sloppy", 15)   # after the references, before the definitions
    doc = akn.parse(ACT, lang="en")
    plain = akn.parse(ACT, lang="en", passes=())
    texts = ["".join(p.itertext()) for p in doc.root.iter(NS + "p")]
    assert texts == ["".join(p.itertext()) for p in plain.root.iter(NS + "p")]
    (warning,) = [w for w in doc.warnings if w.code == "pass-changed-text"]
    assert "sloppy" in warning.message
    assert warning.line == 15   # the line of paragraph 2 of Article 1
    # the other blocks keep the references the first pass marked
    assert doc.root.find(f".//{NS}ref[@href='#art_2']") is not None


def test_passes_that_only_wrap_leave_no_warning():
    doc = akn.parse(ACT, lang="en")
    assert not [w for w in doc.warnings if w.code == "pass-changed-text"]
    assert doc.root.find(f".//{NS}ref[@href='/akn/eu/act/directive/1995/46']") is not None


def test_unresolved_internal_references_are_warnings_with_their_line():
    doc = akn.parse(ACT, lang="en")
    (warning,) = [w for w in doc.warnings if w.code == "ref-unresolved"]
    assert "'Article 9'" in warning.message and warning.line == 15
    # akn lint reports it once, as ref-missing, not a second time as a parse warning
    from akn.lint import lint_text
    codes = [d.code for d in lint_text(ACT, source="act.txt", lang="en")]
    assert codes.count("ref-missing") == 1 and "parse" not in codes


def test_only_named_passes_run():
    doc = akn.parse(ACT, lang="en", passes=("external_refs",))
    assert doc.root.find(f".//{NS}ref[@href='#art_2']") is None
    assert doc.root.find(f".//{NS}ref[@href='/akn/eu/act/directive/1995/46']") is not None


def test_wrap_spans_refuses_what_would_change_the_text():
    p = etree.fromstring("<p>see <b>Article 5</b> and Article 6</p>")
    skipped = []
    spans = [(0, 3, "x", {}), (2, 8, "x", {}), (5, 9, "x", {}), (18, 18, "x", {}), (18, 27, "ref", {}),
             (20, 24, "x", {}), (20, 40, "x", {})]
    assert wrap_spans(p, spans, skipped=skipped) == 2
    assert "".join(p.itertext()) == "see Article 5 and Article 6"
    assert [reason.split(" ")[0] for _s, reason in skipped] == ["overlaps", "crosses", "empty", "overlaps", "empty"]
    assert etree.tostring(p).decode() == '<p><x>see</x> <b>Article 5</b> and <ref>Article 6</ref></p>'


def test_find_in_slots_gives_offsets_in_the_whole_text():
    p = etree.fromstring("<p>Article 5 and <ref>Article 6</ref> and Article 7</p>")
    import re

    def find(text):
        return [(m.start(), m.end(), "ref", {}) for m in re.finditer(r"Article \d", text)]
    spans = find_in_slots(p, find)
    full = "".join(p.itertext())
    assert [full[s:e] for s, e, _t, _a in spans] == ["Article 5", "Article 7"]
    assert wrap_spans(p, spans) == 2
    assert "".join(p.itertext()) == full


def test_a_pass_that_changes_a_heading_puts_the_whole_document_back(extra_pass):
    def renames(root, context):
        for heading in root.iter(NS + "heading"):
            heading.text = heading.text.upper()
        return []

    extra_pass(renames, "renames", 40)
    doc = akn.parse(ACT, lang="en")
    (warning,) = [w for w in doc.warnings if w.code == "pass-changed-text"]
    assert "the renames pass changed the text of the document" in warning.message
    assert [h.text for h in doc.root.iter(NS + "heading")] == ["Scope", "Procedures"]
    assert doc.root.find(f".//{NS}ref") is None   # the parts as parsed, without any pass's mark-up


def test_without_a_plain_twin_the_change_is_reported():
    from akn.profiles import REGISTRY
    root = akn.parse(ACT, lang="en", passes=()).root
    context = postprocess.Context(profile=REGISTRY["en-eu"])

    def adds(root, context):
        root.find(f".//{NS}content/{NS}p").text += " and more"
        return []
    postprocess.register(adds, "adds", 50)
    try:
        found = postprocess.run_passes(root, context, enabled=("adds",))
    finally:
        postprocess._REGISTRY.pop("adds")
    assert [d.code for d in found] == ["pass-changed-text"] and "could not be put back" in found[0].message
