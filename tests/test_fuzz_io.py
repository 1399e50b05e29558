"""Fuzzing the library's front doors with hypothesis: whatever comes in, a clear error or a valid result.

* :func:`akn.parse` on arbitrary text, on bytes in every supported encoding and on act-like text
  built from headings, numbers and words: it raises nothing but :class:`akn.InputError` or
  :class:`akn.ParseError`, its XML is always valid against the AKN schema, and the words come out
  as they went in: the law text in order, the editorial notes (moved to ``<meta>``) with nothing
  added, dropped or duplicated.
* :func:`akn.validate`, :func:`akn.render` and :func:`akn.graph` on AKN XML made from parsed
  generated text and then mutated (elements deleted, moved, renamed; attributes set to hostile
  values; bytes cut off or flipped): each gives an answer or an :class:`akn.AknError`, and the
  Markdown it renders holds no HTML element of the document's own.

The example counts here keep a CI run short, and the CI profile is derandomised: every run tries
the same examples, so that a red run is a change of the code, reproducible, never a lucky draw.
Exploring is the job of ``HYPOTHESIS_PROFILE=long`` (random, many more examples;
``docs/security.md`` gives the command and the figures of the last long run); what it finds is
fixed and kept here as an ``@example``.
"""
from __future__ import annotations

import os
import random
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

import akn
from akn.normalise import normalise

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

EXPECTED = (akn.InputError, akn.ParseError)

HEADS = ["Article 5", "Article 12a", "CHAPTER I", "CHAPTER II", "Section 2", "PART 1", "TITLE III", "ANNEX I",
         "SCHEDULE 1", "SEC. 2. DEFINITIONS.", "Статья 1.", "Статья 2-1.", "Глава 1.", "Раздел II", "5-бап.",
         "1-тарау.", "1 Short title", "Whereas:", "HAVE ADOPTED THIS REGULATION:", "Done at Brussels, 1 May 2020."]
NUMBERS = ["(a)", "(b)", "(i)", "(ii)", "(1)", "(A)", "1.", "2.", "3-1)", "1)", "а)", "—", "-", "8-1.", "(14a)"]
NOTES = ["Сноска. Статья 1 с изменением, внесенным Законом РК от 01.01.2020.", "Примечание ИЗПИ!",
         "(в ред. Федерального закона от 01.01.2020 N 1-ФЗ)", "Ескерту. 1-бап өзгертілді.",
         "ЗҚАИ-ның ескертпесі!"]
WORDS = ["the", "processing", "of", "personal", "data", "shall", "be", "lawful;", "and", "or", "данные",
         "обработка", "деректер", "Regulation", "Member", "States", "«цитата»", "“quoted”", "5%", "§ 3",
         "<script>", "&amp;", "x]](y)", "*", "_", "#", "|", "`", "\\", "...", "—", "№ 12"]


def _line(draw) -> str:
    kind = draw(st.sampled_from(["head", "item", "text", "note", "blank"]))
    words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=8)))
    if kind == "head":
        return (draw(st.sampled_from(HEADS)) + " " + words).strip()
    if kind == "item":
        return (draw(st.sampled_from(NUMBERS)) + " " + words).strip()
    if kind == "note":
        return draw(st.sampled_from(NOTES))
    if kind == "blank":
        return ""
    return words


@st.composite
def act_like(draw) -> str:
    lines = [_line(draw) for _ in range(draw(st.integers(1, 40)))]
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    return "\n".join(indent + line if k % 3 == 0 else line for k, line in enumerate(lines))


#: any text, with a good share of the characters that have tripped parsers: controls, separators,
#: surrogates, noncharacters, combining marks, bidi controls, the markup characters
TRICKY = st.sampled_from(list("\x00\x01\x08\x0b\x0c\x1c\x1d\x1e\x1f\x7f\x85\xa0\xad\u2028\u2029\u200b\u200e"
                              "\u202e\ufeff\ufffe\uffff\ufffd\u0301\udf34\ud800<>&\"'#*_[]()|`\\")
                         + ["\r\n", "\r", "\n\n", "Article 1\n", "(a) ", "1. ", "Статья 1. "])
ANY_TEXT = st.lists(st.one_of(st.text(max_size=20), TRICKY), max_size=40).map("".join)


def _chars(text: str) -> str:
    """The letters and digits of *text*, in order: the words without the spaces and punctuation
    between them (a separator such as the dash of "Article 5 — Scope" becomes markup)."""
    return "".join(ch for ch in text if ch.isalnum())


def _law_and_notes(doc) -> tuple[str, str]:
    """(the non-space characters of the law text in document order, those of the editorial notes)."""
    law, notes = [], []
    document = doc.root[0]
    for part in document:
        name = etree.QName(part).localname
        if name == "meta":
            for note in part.iter("{*}note"):
                notes.append(_chars("".join(note.itertext())))
        else:
            law.append(_chars("".join(part.itertext())))
    return "".join(law), "".join(notes)


def _letters(chars: str) -> str:
    return "".join(ch for ch in chars if not ch.isdigit())


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def check_parse(source, text_for_words: str | None, **options):
    """Parse *source*: an expected error, or valid XML that keeps every word."""
    try:
        doc = akn.parse(source, markdown=False, **options)
    except EXPECTED:
        return None
    assert akn.validate(doc.xml) == [], doc.xml.decode()[:2000]
    if text_for_words is not None:
        expected = _chars("".join(normalise(text_for_words).lines))
        law, notes = _law_and_notes(doc)
        assert sorted(law + notes) == sorted(expected), (law, notes, expected)   # nothing added or dropped
        # and the law text in order: its letters; a number may move to <num>, before a heading printed
        # above it ("Definitions" / "1. In this Act"), as tests/test_fidelity.py explains
        assert _is_subsequence(_letters(law), _letters(expected)), (law, expected)
    return doc


@settings(settings.get_profile(PROFILE))
@given(ANY_TEXT)
def test_parse_any_text(text):
    try:
        normalise(text)
    except akn.InputError:
        words = None
    else:
        words = text
    check_parse(text, words)


@settings(settings.get_profile(PROFILE))
@given(act_like(), st.sampled_from([{}, {"lang": "en"}, {"lang": "ru"}, {"lang": "kk"}, {"tradition": "uk"},
                                    {"tradition": "us"}, {"tradition": "kz"}]))
# what the fuzzing found, kept as regression examples:
@example("Article 5\n1.\nArticle 5\nArticle 5\nArticle 5\n1.\nArticle 5", {"tradition": "uk"})   # number first
@example("Article 5 <script> — the the # | № 12 «цитата»\nSection 2\nArticle 5 the the\nSection 2", {})
#        (the last "Section 2" took the line above as its heading: the word "Section" moved before it)
@example("Article 5 — the", {})                                   # a separator is markup, not a word
@example("SCHEDULE 1 the", {})                                    # the heading was written twice
@example("5-бап.\nЗҚАИ-ның ескертпесі!\nArticle 5\n1.", {"lang": "kk"})   # a banner before a one-line unit
@example("Article 5\nANNEX I\n\nthe", {})                         # an annex's continued line was dropped
@example("Article 5\nArticle 5\n(a)\n\n(i)\nArticle 5 the\nArticle 5 the", {})   # text after a nested unit
@example("Ескерту. 1-бап өзгертілді.\n\nArticle 5\n1.\n3-1) the\nСноска. Статья 1 с изменением.", {})
def test_parse_act_like_text(text, options):
    words = None if not text.strip() else text
    check_parse(text, words, **options)


@settings(settings.get_profile(PROFILE))
@given(act_like(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1251"]))
def test_parse_bytes_in_every_supported_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:                     # (Kazakh letters have no Windows-1251 byte)
        data = text.encode(encoding, "replace")
        text = data.decode(encoding)
    decoded = None
    if encoding != "cp1251" or text.isascii():     # (short Windows-1251 text may also be valid UTF-8)
        decoded = text
    doc = check_parse(data, decoded if text.strip() else None)
    if doc is not None and decoded is not None:
        assert _law_and_notes(doc) == _law_and_notes(akn.parse(text, markdown=False))


@settings(settings.get_profile(PROFILE))
@given(st.binary(max_size=300))
def test_parse_arbitrary_bytes(data):
    check_parse(data, None)


# -- validate, render and graph on generated, mutated AKN --------------------------------------------------

HOSTILE_VALUES = ['x"><img src=x onerror=alert(1)>', "javascript:alert(1)", "java\nscript:x", "a\x00b",
                  "#art_1", "/akn/xx/act/2020/1/!main#art_1", "", " ", "\u202e", "x)<img src=y>", "&amp;",
                  "&#58;", "data:text/html,<b>", "]]>", "--", "𝔘𝔫𝔦"]
ATTRIBUTES = ["eId", "href", "src", "class", "showAs", "refersTo", "startQuote", "name", "status", "GUID"]
TAGS = ["p", "ref", "img", "b", "i", "num", "heading", "article", "point", "noteRef", "authorialNote",
        "quotedText", "quotedStructure", "table", "tr", "td", "script", "a", "html"]
NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _mutate(root, rng: random.Random, steps: int) -> None:
    for _ in range(steps):
        elements = list(root.iter())
        el = rng.choice(elements)
        op = rng.randrange(7)
        if op == 0 and el is not root and el.getparent() is not None:
            el.getparent().remove(el)
        elif op == 1:
            el.set(rng.choice(ATTRIBUTES), rng.choice(HOSTILE_VALUES).replace("\x00", ""))
        elif op == 2:
            el.tag = NS + rng.choice(TAGS)
        elif op == 3:
            child = etree.SubElement(el, NS + rng.choice(TAGS))
            child.text = rng.choice(HOSTILE_VALUES).replace("\x00", "")
            child.set(rng.choice(ATTRIBUTES), rng.choice(HOSTILE_VALUES).replace("\x00", ""))
        elif op == 4 and el is not root:
            other = rng.choice(elements)
            if other is not el and el not in list(other.iterancestors()) and other is not root:
                try:
                    other.append(el)           # (moves it)
                except ValueError:
                    pass
        elif op == 5:
            el.text = rng.choice(HOSTILE_VALUES).replace("\x00", "") + (el.text or "")
        elif op == 6 and el.get("eId"):
            el.set("eId", rng.choice([e.get("eId") for e in elements if e.get("eId")]))   # duplicate ids


def _generated_xml(text: str, seed: int, steps: int, cut: bool) -> bytes:
    try:
        doc = akn.parse(text, markdown=False)
    except EXPECTED:
        doc = akn.parse("Article 1\nText.")
    rng = random.Random(seed)
    root = etree.fromstring(doc.xml)
    _mutate(root, rng, steps)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if cut and len(data) > 10:
        k = rng.randrange(len(data))
        data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1:] if rng.random() < 0.5 else data[:k]
    return data


class _Elements:
    """Names of the elements and attributes in an HTML text (html.parser)."""

    def __init__(self, page: str):
        import html.parser

        self.found: list[tuple[str, str]] = []
        outer = self

        class P(html.parser.HTMLParser):
            def handle_starttag(self, tag, attrs):
                outer.found.append((tag, " ".join(sorted(a for a, _ in attrs))))
        P().feed(page)


#: what the Markdown templates write (the CommonMark renderer turns it into these elements)
MARKDOWN_ELEMENTS = {("a", "id"), ("a", "href"), ("img", "alt src"), ("p", ""), ("strong", ""), ("em", ""),
                     ("ul", ""), ("ol", ""), ("li", ""), ("blockquote", ""), ("hr", ""), ("br", ""), ("code", ""),
                     ("pre", ""), ("h1", ""), ("h2", ""), ("h3", ""), ("h4", ""), ("h5", ""), ("h6", ""),
                     ("ol", "start")}


@settings(settings.get_profile(PROFILE))
@given(act_like(), st.integers(0, 2**32 - 1), st.integers(0, 12), st.booleans())
@example("Article 5\nArticle 5", 912, 6, False)     # a lone <b> as the root passed the schema check
def test_validate_render_graph_on_mutated_akn(text, seed, steps, cut):
    from markdown_it import MarkdownIt

    data = _generated_xml(text, seed, steps, cut)
    try:
        errors = akn.validate(data)
    except akn.AknError:
        errors = None
    assert errors is None or isinstance(errors, list)
    for fmt in ("html", "md", "txt"):
        try:
            out = akn.render(data, to=fmt)
        except akn.AknError:
            continue
        assert isinstance(out, str)
        if fmt == "md":
            found = set(_Elements(MarkdownIt("commonmark").render(out)).found)
            assert found <= MARKDOWN_ELEMENTS, found - MARKDOWN_ELEMENTS
    try:
        akn.graph(data)
    except akn.AknError:   # (XML that is not an Akoma Ntoso document: akn.NotAknError)
        pass
    if errors == [] and not cut:
        # schema-valid XML renders in every format
        for fmt in ("html", "md", "txt"):
            akn.render(data, to=fmt)


def test_the_character_check_sees_a_dropped_word():
    """The word check of :func:`check_parse` can fail: a document losing a word is caught."""
    doc = akn.parse("Article 1\nScope\n1. The processing of data.", markdown=False)
    law, notes = _law_and_notes(doc)
    expected = _chars("Article 1 — Scope 1. The processing of data.")
    assert sorted(law + notes) == sorted(expected)
    assert sorted(law.replace("processing", "") + notes) != sorted(expected)
    assert not _is_subsequence("dataThe", expected)
    assert unicodedata.is_normalized("NFC", law)
