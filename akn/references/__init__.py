"""Internal references: find the units a text points at and mark them ``<ref href="#eId">``.

The pass :func:`link` reads every ``<p>`` of the body (and of recitals,
citations and annexes), finds the references a reader sees and resolves
them against the document's own units:

* **English** (EU, UK, US): ``Article 5``, ``Article 5(1)``, ``Article 5(1),
  point (h)``, ``point (h) of Article 5(1)``, ``Articles 3 to 7``,
  ``paragraphs 2 and 3``, ``section 12(2)(b)``, ``subsection (2)``, relative
  ``paragraph 1`` (in the same article), ``this Article``.
* **Russian** (smallest unit first): ``статья 5``, ``пункт 2 статьи 10``,
  ``подпунктом 3) пункта 1 статьи 7 настоящего Закона``, ``частью 2 статьи
  5.1``, ``пунктами 1, 2 и 4 настоящей статьи``, ranges ``статьями 3–5``.
* **Kazakh** (largest unit first, numbers glued to inflected nouns): ``осы
  Заңның 7-бабы 2-тармағының 6), 7) және 9) тармақшаларында``, ``осы баптың
  2-тармағында``.

A reference is a *path* of numbered steps, largest first (``art 7 > 1 > 3``).
A path that starts with an article (section, chapter ...) is looked up among
the document's units; one that starts lower (``paragraph 1``) is relative:
it is looked up in the unit that holds the text, then in its parents, up to
the article. Each step may name the kind of unit (``point``) or not (the
brackets of ``5(1)(h)``). A reference that does not resolve is left as text
(the pass warns ``ref-unresolved`` with its line; ``akn lint`` reports it); a reference followed by another act's name
(``Article 4(1) of Directive 95/46/EC``, ``статьи 45 Закона ...``) is not
internal and is left to :mod:`akn.external_refs`.

Lists give one ``<ref>`` per member; ranges (``Articles 15 to 22``) give an
``<rref from upTo>``. A chain with a single target is one ``<ref>`` over the
whole phrase::

    point (a) of Article 6(1)   -> <ref href="#chp_II__art_6__para_1__point_a">point (a) of Article 6(1)</ref>
    Articles 13 and 14          -> <ref href="#..art_13">Articles 13</ref> and <ref href="#..art_14">14</ref>
    статьями 3–5                -> <rref from="#art_3" upTo="#art_5">статьями 3–5</rref>
    Article 5(1), first subparagraph, point (g)
                                -> <ref href="#..art_5__para_1__point_g">Article 5(1), first subparagraph, point (g)</ref>
    абзац второй пункта 2       -> <ref href="#..para_2">абзац второй пункта 2</ref> (the paragraph has no eId)

One module per job: :mod:`~akn.references.model` (paths and targets),
:mod:`~akn.references.english`, :mod:`~akn.references.russian` and
:mod:`~akn.references.kazakh` (finding the phrases, with each language's
words from ``akn/profiles/refs_*.py``), :mod:`~akn.references.index`
(resolving a path to an eId), :mod:`~akn.references.blocks` and
:mod:`~akn.references.scan` (the blocks searched and the units around them),
:mod:`~akn.references.markup` (the pass, through :func:`akn.inline.wrap_spans`).
"""
from __future__ import annotations

from akn.references.english import find_english
from akn.references.index import Index, resolve
from akn.references.kazakh import find_kazakh
from akn.references.markup import link
from akn.references.model import Found, Step, Target
from akn.references.russian import find_russian
from akn.references.scan import Link, scan

__all__ = ["Found", "Index", "Link", "Step", "Target", "find_english", "find_kazakh", "find_russian",
           "link", "resolve", "scan"]
