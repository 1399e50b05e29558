"""The law text, word for word: every input word comes out, in its order, and the passes change no text.

Run over every plain-text act of ``../shared/corpus`` (skipped when the folder is absent) and every
text fixture and example of the repository. The comparison is the one of the corpus scorer
(``../shared/bench/check_corpus.py``, ``fidelity``): the words of the output outside ``<meta>``, in
document order, against the words of the input, aligned with :class:`difflib.SequenceMatcher`.

* **added**: output words the alignment does not find at that place of the input (a word added,
  duplicated or moved);
* **dropped**: input words missing from the output, less the words of the editorial notes that
  were moved to ``<meta>`` (``Сноска. ...``, ``Примечание ИЗПИ!``: they leave the law text on purpose).

Words are compared case-folded, with punctuation and Markdown decoration (``#``, ``**``, ``|``)
taken as spaces, as the scorer does, and split where letters meet digits. Words of letters must come
out in their order; the digits of numbers must all come out, each as often as it went in, but not necessarily in
their place: a unit's number printed glued to its heading (``1Qualifications Scotland`` as a web
page copies) or after it (``Citation and commencement1.``, ``Definitions`` above ``1``) is the unit's
``<num>``, which Akoma Ntoso puts before the ``<heading>``.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import akn
from conftest import CORPUS

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
OWN = sorted([*FIXTURES.rglob("*.txt"), *(REPO / "examples").glob("*.txt")])
CORPUS_ACTS = sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".txt", ".md")) if CORPUS.exists() else []
LANG = {"en-eu": "en", "ru": "ru", "kk": "kk", "in-md": "en"}

#: acts whose word order is known to break, with why (each is a bug to fix, not an accepted result)
KNOWN: dict[str, str] = {
}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("\u00a0", " ").lower()
    s = re.sub(r"[\W_]+", " ", s)
    return re.sub(r"(?<=\d)(?=[^\W\d])|(?<=[^\W\d])(?=\d)", " ", s).strip()


def _split(words: list[str]) -> tuple[list[str], Counter]:
    """The words that hold letters, in order, and the digits of the numbers, counted.

    Digits, not numbers: ``Regulations 20122.`` as a web page prints it is the heading
    ``Regulations 2012`` of regulation ``2``.
    """
    return [w for w in words if not w.isdigit()], Counter("".join(w for w in words if w.isdigit()))


def law_words(root: etree._Element) -> tuple[list[str], Counter]:
    """The words outside ``<meta>``, in document order, and the words of the notes in ``<meta>``."""
    root = etree.fromstring(etree.tostring(root))
    notes: list[str] = []
    for meta in list(root.iter(NS + "meta")):
        notes += norm(" ".join(n.xpath("string()") for n in meta.iter(NS + "note"))).split()
        meta.getparent().remove(meta)
    return norm(" ".join(root.itertext())).split(), Counter(notes)


def fidelity(source: str, root: etree._Element, markdown: bool = False) -> tuple[int, int, list[str]]:
    """(added, dropped, a few of the places where they differ).

    In Markdown input, HTML tags are mark-up, not words; in plain text (``<all>`` at the end of a
    bill as GPO prints it) they are the document's own characters and must come out.
    """
    have_all, notes = law_words(root)
    want_all = norm(re.sub(r"<[^>]+>", " ", source) if markdown else source).split()
    have, have_numbers = _split(have_all)
    want, want_numbers = _split(want_all)
    added = sum((have_numbers - want_numbers).values())
    numbers_lost = want_numbers - have_numbers - Counter("".join(w for w in notes.elements() if w.isdigit()))
    lost: Counter = Counter()
    places = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, want, have, autojunk=False).get_opcodes():
        if op in ("insert", "replace"):
            added += j2 - j1
        if op in ("delete", "replace"):
            lost.update(want[i1:i2])
        if op != "equal" and len(places) < 5 and (op != "delete" or Counter(want[i1:i2]) - notes):
            places.append(f"{op}: input {' '.join(want[max(0, i1 - 4):i2 + 4])!r} / "
                          f"output {' '.join(have[max(0, j1 - 4):j2 + 4])!r}")
    if added or numbers_lost:
        places.append(f"digits added {dict(have_numbers - want_numbers)}, lost {dict(numbers_lost)}")
    return added, sum((lost - notes).values()) + sum(numbers_lost.values()), places


_parsed: dict[tuple[str, bool], akn.Document] = {}


def parsed(path: Path, lang: str | None, passes: bool) -> akn.Document:
    key = (str(path), passes)
    if key not in _parsed:
        _parsed[key] = akn.parse_file(path, lang=lang, **({} if passes else {"passes": ()}))
    return _parsed[key]


def inputs(known: bool = False):
    """The inputs as test parameters; with *known*, the acts of :data:`KNOWN` are expected to fail."""
    for path in OWN:
        yield pytest.param(path, None, id=str(path.relative_to(REPO)))
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8")) if CORPUS_ACTS else {}
    for name in CORPUS_ACTS:
        exp = expected.get(name, {})
        lang = exp.get("lang") or LANG.get(exp.get("rule", ""))
        marks = [pytest.mark.xfail(reason=KNOWN[name], strict=True)] if known and name in KNOWN else []
        yield pytest.param(CORPUS / name, lang, id=f"corpus/{name}", marks=marks)
    if not CORPUS_ACTS:
        yield pytest.param(None, None, id="corpus", marks=pytest.mark.skip(
            reason=f"{CORPUS} is absent (set AKN_SHARED to the folder holding corpus/)"))


@pytest.mark.parametrize("path, lang", list(inputs(known=True)))
def test_every_input_word_comes_out_in_order(path, lang):
    doc = parsed(path, lang, passes=True)
    added, dropped, places = fidelity(path.read_text(encoding="utf-8-sig"), doc.root, markdown=path.suffix == ".md")
    assert (added, dropped) == (0, 0), "\n".join(places)


@pytest.mark.parametrize("path, lang", list(inputs()))
def test_the_passes_change_no_text(path, lang):
    doc = parsed(path, lang, passes=True)
    plain = parsed(path, lang, passes=False)
    assert [w.format() for w in doc.warnings if w.code == "pass-changed-text"] == []
    blocks = [("".join(p.itertext())) for p in doc.root.iter(NS + "p")]
    assert blocks == ["".join(p.itertext()) for p in plain.root.iter(NS + "p")]
    empty = [etree.tostring(r).decode()[:120] for r in doc.root.iter(NS + "ref", NS + "rref", NS + "def", NS + "term")
             if not "".join(r.itertext()).strip()]
    assert empty == [], "mark-up around no text"


def test_the_word_check_sees_a_word_moved():
    doc = akn.parse("Article 1\nScope\nThis Regulation applies to ships.\n", lang="en", passes=())
    p = doc.root.find(f".//{NS}content/{NS}p")
    p.text = "This Regulation applies ships to."
    assert fidelity("Article 1\nScope\nThis Regulation applies to ships.\n", doc.root)[:2] == (1, 1)
