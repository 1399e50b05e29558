"""Concept tags in the AKN tree: ``TLCConcept``, ``refersTo`` on units, ``<concept>`` around the words."""
from __future__ import annotations

from lxml import etree

from akn.concepts.analysis import Analysis, analyse
from akn.concepts.lexicon import Lexicon, Mention, concept_labels
from akn.concepts.units import _A, INLINE_OK, Unit, doc_element, local
from akn.vocab import CONCEPT_NS

#: eId and showAs of the TLCOrganization we add as ``source`` of our references
TOOL_EID = "akn-toolkit"


def tag(root, lang: str | None = None, *, inline: bool = True, lexicon: Lexicon | None = None) -> Analysis:
    """Record the concepts of every unit in the AKN tree *root* (modified in place).

    - a ``<TLCConcept eId="biometric_data" href="https://w3id.org/akn-toolkit/concepts/biometric_data"
      showAs="biometric data"/>`` in ``meta/references`` for every concept found;
    - ``refersTo="#biometric_data ..."`` on every unit about it;
    - with *inline*, the words themselves wrapped in ``<concept refersTo="#biometric_data">``
      where they sit inside one text node of an inline-content element.

    Tagging twice gives the same tree: earlier tags of ours are removed first.
    The result stays valid against the Akoma Ntoso 3.0 schema.
    """
    untag(root)
    a = analyse(root, lang, lexicon=lexicon)
    used = sorted({c for s in a.about.values() for c in s})
    if not used:
        return a
    ids = _add_references(root, used, a.lang)
    for u in a.units:
        if a.about[u.eid]:
            refs = [f"#{ids[c]}" for c in sorted(a.about[u.eid])]
            old = (u.el.get("refersTo") or "").split()
            u.el.set("refersTo", " ".join(old + [r for r in refs if r not in old]))
    if inline:
        for u in a.units:
            _wrap(u, a.mentions[u.eid], ids)
    return a


def _add_references(root, concepts, lang) -> dict[str, str]:
    meta = doc_element(root).find(_A + "meta")
    if meta is None:
        raise ValueError("the document has no <meta>")
    refs = meta.find(_A + "references")
    if refs is None:
        refs = etree.Element(_A + "references", source="#" + TOOL_EID)
        # meta: identification, publication, classification, lifecycle, workflow, analysis,
        # temporalData, references, notes, proprietary, presentation
        after = [c for c in meta if local(c) in ("identification", "publication", "classification", "lifecycle",
                                                  "workflow", "analysis", "temporalData")]
        meta.insert(meta.index(after[-1]) + 1 if after else 0, refs)
    taken = {e.get("eId") for e in root.iter() if isinstance(e.tag, str) and e.get("eId")}
    if TOOL_EID not in taken and refs.get("source") == "#" + TOOL_EID:
        etree.SubElement(refs, _A + "TLCOrganization", eId=TOOL_EID,
                         href="/ontology/organization/akn-toolkit", showAs="akn-toolkit")
        taken.add(TOOL_EID)
    labels = concept_labels()
    ids = {}
    for c in concepts:
        eid = c
        n = 1
        while eid in taken:
            n += 1
            eid = f"{c}_{n}"
        taken.add(eid)
        ids[c] = eid
        etree.SubElement(refs, _A + "TLCConcept", eId=eid, href=CONCEPT_NS + c,
                         showAs=labels.get((c, lang), labels.get((c, "en"), c.replace("_", " "))))
    return ids


def untag(root) -> None:
    """Remove the tags :func:`tag` added (inline concepts, refersTo, TLCConcepts)."""
    ours = {}
    for t in root.iter(_A + "TLCConcept"):
        if (t.get("href") or "").startswith(CONCEPT_NS):
            ours["#" + t.get("eId")] = t
    if not ours:
        return
    for el in list(root.iter(_A + "concept")):
        if el.get("refersTo") in ours:
            _unwrap(el)
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("refersTo") and local(el) != "concept":
            keep = [r for r in el.get("refersTo").split() if r not in ours]
            if keep:
                el.set("refersTo", " ".join(keep))
            else:
                del el.attrib["refersTo"]
    for t in ours.values():
        refs = t.getparent()
        refs.remove(t)
    for refs in list(root.iter(_A + "references")):
        for org in refs.findall(_A + "TLCOrganization"):
            if org.get("eId") == TOOL_EID:
                refs.remove(org)
        if len(refs) == 0 and refs.get("source") == "#" + TOOL_EID:
            refs.getparent().remove(refs)


def _unwrap(el):
    parent = el.getparent()
    idx = parent.index(el)
    text = (el.text or "")
    if len(el):
        raise ValueError("nested markup inside <concept>")  # we never create it
    tail = el.tail or ""
    if idx == 0:
        parent.text = (parent.text or "") + text + tail
    else:
        prev = parent[idx - 1]
        prev.tail = (prev.tail or "") + text + tail
    parent.remove(el)


def _wrap(u: Unit, mentions: list[Mention], ids: dict[str, str]) -> None:
    by_block: dict[int, list[Mention]] = {}
    for m in mentions:
        by_block.setdefault(m.block, []).append(m)
    for bi, ms in by_block.items():
        _block, _text, segs = u.blocks[bi]
        # longest first, no overlaps; spans of more than five words come from proximity
        # patterns ("in public places ... biometric") and are evidence, not a term to mark
        chosen: list[Mention] = []
        for m in sorted(ms, key=lambda m: (-(m.end - m.start), m.start)):
            if len(m.text.split()) > 5:
                continue
            if all(m.end <= c.start or m.start >= c.end for c in chosen):
                chosen.append(m)
        for m in sorted(chosen, key=lambda m: -m.start):
            for s0, s1, node, kind in segs:
                if s0 <= m.start and m.end <= s1:
                    holder = node if kind == "text" else node.getparent()
                    if holder is None or local(holder) not in INLINE_OK:
                        break
                    _split(node, kind, m.start - s0, m.end - s0, ids[m.concept])
                    break


def _split(node, kind, a, b, eid):
    s = node.text if kind == "text" else node.tail
    before, word, after = s[:a], s[a:b], s[b:]
    c = etree.Element(_A + "concept", refersTo="#" + eid)
    c.text, c.tail = word, after
    if kind == "text":
        node.text = before
        node.insert(0, c)
    else:
        node.tail = before
        parent = node.getparent()
        parent.insert(parent.index(node) + 1, c)
