"""Concept tagging: which provisions of an Akoma Ntoso document talk about which concepts.

The concepts are the SKOS scheme shipped in ``akn.ontology`` (``concepts.ttl``);
the words that reveal them are data beside it: ``lexicon.tsv`` (one regular
expression per row, per language, *strong* or *weak*) and ``lexicon-rules.tsv``
(which concepts must be present for a *weak* match to count).

The algorithm, per document:

1. Walk the hierarchical units (article, section, paragraph, point, item,
   recital, ... anything with an ``eId`` in the body, see :func:`units`).
2. Match the lexicon of the document's language against the text blocks
   (``p``, ``heading``, ...) that belong to each unit itself, not to a child
   unit. Text is normalised first (NBSP -> space, Kazakh Latin ``i`` -> ``і``,
   Russian ``ё`` -> ``е``), character for character, so offsets stay valid.
3. Group units by *scope*: the nearest enclosing article (or section, or
   whatever the document's basic unit is). Concepts with a strong match in the
   scope are accepted; a weak match is accepted when the scope also holds a
   concept its rule asks for; repeat until nothing changes. So "consent" in
   "the consent of the Minister" is dropped, while "consent" in an article on
   personal data is kept.
4. A unit is *about* the accepted concepts of its own text and, inside the
   scope, of its child units (an article is about what its paragraphs say).

>>> from lxml import etree
>>> xml = b'''<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>
... <meta><identification source="#x"><FRBRExpression><FRBRthis value="/a"/><FRBRuri value="/a"/>
... <FRBRdate date="2020-01-01" name="x"/><FRBRauthor href="#x"/><FRBRlanguage language="eng"/>
... </FRBRExpression></identification></meta><body>
... <article eId="art_1"><num>1</num><paragraph eId="art_1__para_1"><content>
... <p>Biometric data shall be processed only with the consent of the data subject.</p>
... </content></paragraph></article>
... <article eId="art_2"><num>2</num><content><p>The Minister may give consent.</p></content></article>
... </body></act></akomaNtoso>'''
>>> a = analyse(etree.fromstring(xml))
>>> sorted(a.about["art_1"])
['biometric_data', 'consent', 'data_subject']
>>> a.about["art_2"]
set()
"""
from __future__ import annotations

from akn.concepts.analysis import Analysis, analyse, document_language
from akn.concepts.lexicon import Lexicon, Mention, Pattern, concept_labels, normalise, trigger
from akn.concepts.tagging import TOOL_EID, tag, untag
from akn.concepts.units import (_A, BLOCK_NAMES, BODY_NAMES, INLINE_OK, PREAMBLE_UNITS, PROVISION_ORDER,
                                QUOTED_NAMES, SKIP_NAMES, UNIT_NAMES, Unit, _clean, _text, doc_element, local,
                                units)
from akn.vocab import AKN_NS, CONCEPT_NS

__all__ = ["AKN_NS", "BLOCK_NAMES", "BODY_NAMES", "CONCEPT_NS", "INLINE_OK", "PREAMBLE_UNITS", "PROVISION_ORDER",
           "QUOTED_NAMES", "SKIP_NAMES", "TOOL_EID", "UNIT_NAMES", "Analysis", "Lexicon", "Mention", "Pattern",
           "Unit", "_A", "_clean", "_text", "analyse", "concept_labels", "doc_element", "document_language", "local",
           "normalise", "tag", "trigger", "units", "untag"]
