"""Shared helpers of the rendering tests: what text a reader must find."""
from __future__ import annotations

import re

from lxml import etree

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: elements laid out apart from the sentence around them (checked on their own)
SEPARATE = {"quotedStructure", "embeddedStructure", "table", "authorialNote", "subFlow",
            "blockList", "ul", "ol"}


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def runs(el) -> list[str]:
    """The pieces of running text of *el*, cut where a separate block starts."""
    out: list[list[str]] = [[]]

    def walk(node):
        if local(node) in ("quotedText", "embeddedText"):
            out[-1].append(node.get("startQuote", ""))
        if node.text:
            out[-1].append(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass
            elif local(child) in SEPARATE:
                out.append([])
            else:
                walk(child)
            if child.tail:
                out[-1].append(child.tail)
        if local(node) in ("quotedText", "embeddedText"):
            out[-1].append(node.get("endQuote", ""))

    walk(el)
    return [t for t in (squash("".join(p)) for p in out) if t]


def outside_meta(el) -> bool:
    return not any(local(a) == "meta" for a in el.iterancestors())


def expected_texts(root) -> list[str]:
    """Every heading's and every paragraph's text outside the metadata …
    plus the notes kept in the metadata, which renderings show as notes."""
    texts = []
    for el in root.iter(f"{{{AKN}}}heading", f"{{{AKN}}}p", f"{{{AKN}}}subheading"):
        if outside_meta(el) or any(local(a) == "notes" for a in el.iterancestors()):
            texts.extend(runs(el))
    return texts


def body_ids(root) -> set[str]:
    return {el.get("eId") for el in root.iter() if isinstance(el.tag, str) and el.get("eId")
            and outside_meta(el)}


# ---------------------------------------------------------------------------------------
import pytest  # noqa: E402
from lxml import html as lhtml  # noqa: E402

import akn  # noqa: E402
from conftest import CORPUS, FIXTURES  # noqa: E402

RENDER_FIXTURES = FIXTURES / "render"
CORPUS_AKN = ["us_act_2011-11-29_public_law_112-61.akn.xml",
              "it_decreto-legge_2025-03-28_36_cittadinanza.akn.xml",
              "gb_ukpga_2014_27_data_retention_investigatory_powers_act.akn.xml",
              "gb-sct_ssi_2017_126_commencement_order.akn.xml",
              "za_judgment_2008-11-26_fourway_haulage.akn.xml"]
LOCAL = sorted(p.name for p in RENDER_FIXTURES.glob("*.akn.xml"))
#: documents made by akn.parse, kept as fixtures of the parser
PARSED = sorted("../" + p.name for p in FIXTURES.glob("*.xml"))
DECORATION = ".akn-concept, .akn-noteref, .akn-note-marker, .akn-backlink"


_SIMPLE = re.compile(r"""(?P<tag>[a-zA-Z0-9*]+)?(?P<rest>(?:[.#][\w-]+|\[[^\]]+\])*)""")
_PART = re.compile(r"""[.#][\w-]+|\[([\w-]+)(?:(\^?=)['"]?([^'"\]]*)['"]?)?\]""")


def to_xpath(selector: str) -> str:
    """A CSS selector (tags, .class, #id, [attr], [attr='v'], [attr^='v'], ' ', '>', ',')
    as XPath, so that tests select HTML the way a stylesheet does without cssselect."""
    paths = []
    for alternative in selector.split(","):
        xpath, axis = ".", "//"
        for token in alternative.replace(">", " > ").split():
            if token == ">":
                axis = "/"
                continue
            m = _SIMPLE.fullmatch(token)
            assert m, token
            conds = []
            for part in _PART.finditer(m.group("rest")):
                text = part.group(0)
                if text[0] == ".":
                    conds.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {text[1:]} ')")
                elif text[0] == "#":
                    conds.append(f"@id='{text[1:]}'")
                elif part.group(2) == "=":
                    conds.append(f"@{part.group(1)}='{part.group(3)}'")
                elif part.group(2) == "^=":
                    conds.append(f"starts-with(@{part.group(1)}, '{part.group(3)}')")
                else:
                    conds.append(f"@{part.group(1)}")
            xpath += axis + (m.group("tag") or "*") + "".join(f"[{c}]" for c in conds)
            axis = "//"
        paths.append(xpath)
    return " | ".join(paths)


def css(el, selector: str) -> list:
    return el.xpath(to_xpath(selector))


def source(name: str):
    path = CORPUS / name if name in CORPUS_AKN else RENDER_FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is absent (set AKN_SHARED to the folder holding corpus/)")
    return etree.parse(str(path)).getroot(), path


def html_text(page) -> str:
    """The text a reader sees, without badges, note markers and quote marks."""
    for el in css(page, DECORATION):
        el.drop_tree()
    for el in css(page, "style, title, head"):
        el.drop_tree()
    return squash(page.text_content())


@pytest.mark.parametrize("name", CORPUS_AKN + LOCAL + PARSED)
def test_html_keeps_every_heading_and_paragraph(name):
    root, path = source(name)
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    text = html_text(page)
    missing = [t for t in expected_texts(root) if t not in text]
    assert not missing, f"{len(missing)} texts missing, first: {missing[:3]}"


@pytest.mark.parametrize("name", CORPUS_AKN + LOCAL + PARSED)
def test_html_anchors_every_unit_and_links_the_toc(name):
    root, path = source(name)
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    ids = [el.get("id") for el in page.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert body_ids(root) <= set(ids)
    toc = css(page, "nav.akn-toc a")
    for a in toc:
        assert a.get("href")[1:] in ids
    for a in css(page, 'a[href^="#"]'):
        assert a.get("href")[1:] in ids, a.get("href")
    assert len(css(page, "h1")) == 1


def test_html_page_structure_of_the_us_act():
    root, path = source(CORPUS_AKN[0])
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    assert page.get("lang") == "en"
    assert css(page, "h1")[0].text_content() == "America's Cup Act of 2011"
    # sections are headings of level 2, entries of the table of contents
    assert [h.text_content().split()[0] for h in css(page, "section.akn-section > h2")] \
        == ["SECTION", "SEC.", "SEC.", "SEC.", "SEC.", "SEC."]
    toc = [a.get("href") for a in css(page, "nav.akn-toc a")]
    assert toc == [f"#sec_{i}" for i in range(1, 7)]
    point = page.get_element_by_id("sec_2__list_1__point_1_list_1__point_a")
    assert css(point, ".akn-num")[0].text_content() == "(A)"
    assert point.getparent().tag == "li"                      # points are list items
    # authorial notes are set apart as numbered notes with links both ways
    notes = css(page, "section.akn-notes li")
    assert [li.get("id") for li in notes] == ["authorialNote_1", "authorialNote_2",
                                              "authorialNote_3"]
    ref = page.get_element_by_id("authorialNote_2-ref")
    assert ref.get("href") == "#authorialNote_2" and ref.getparent().tag == "sup"
    assert "America's Cup Act of 2011." in notes[1].text_content()
    # a concept named by @refersTo gets a badge pointing into the concept index
    badge = css(page, "a.akn-concept")[0]
    assert badge.get("href") == "#concept-statutePublicationRef"
    entry = page.get_element_by_id("concept-statutePublicationRef")
    assert css(entry, "dt")[0].text_content() == "United States Statutes at Large"
    assert css(entry, f'a[href="#{badge.get("id")}"]')


def test_html_cross_references_and_modifications_of_the_uk_act():
    root, path = source(CORPUS_AKN[2])
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    refs = css(page, "a.akn-ref")
    source_refs = [r for r in root.iter(f"{{{AKN}}}ref", f"{{{AKN}}}rref") if outside_meta(r)]
    assert len(refs) == len(source_refs) == 20
    assert refs[0].get("href") == "http://www.legislation.gov.uk/european/directive/2006/0024"
    assert css(page, "a.akn-ref[href='#sec_1']")[0].text_content() == "Sections 1 to 7"
    quoted = css(page, "blockquote.akn-quotedStructure")
    assert len(quoted) == 5
    # the inserted subsection is inside the quotation, anchored, and not in the contents
    inserted = page.get_element_by_id("mod_1__sec_11__subsec_2A")
    assert any(a.tag == "blockquote" for a in inserted.iterancestors())
    assert "#mod_1__sec_11__subsec_2A" not in {a.get("href") for a in css(page, "nav a")}
    # paragraphs that hold a quoted structure become <div class="akn-p">, never <p>
    for bq in quoted:
        assert not any(a.tag == "p" for a in bq.iterancestors())
    assert css(page, "section#crossheading-retention-of-relevant-communications-data > h2")


def test_html_table_and_notes_of_the_scottish_order():
    root, path = source(CORPUS_AKN[3])
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    tables = css(page, "table.akn-table")
    assert len(tables) == 2
    assert [c.text_content().strip() for c in css(css(tables[0], "tr")[0], "th")] \
        == ["Column 1", "Column 2", "Column 3"]
    assert not css(page, "[style]")                      # source styling is not copied
    marker = css(page, "sup.akn-noteref a")[0]
    assert marker.get("href") == "#f00001"
    assert "2015 asp 9" in page.get_element_by_id("f00001").text_content()


def test_html_judgment_and_italian_language():
    root, path = source(CORPUS_AKN[4])
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    assert css(page, "header.akn-header")
    items = css(page, ".akn-background .akn-item")
    assert items[0].get("id") == "background__list_1__item_1"
    assert css(items[0], ".akn-num")[0].text_content() == "[1]"
    root, path = source(CORPUS_AKN[1])
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    assert page.get("lang") == "it"
    assert len(css(page, "section.akn-article > h2")) == 4


def test_html_debate_amendment_collection_and_attachments():
    _, path = source("debate.akn.xml")
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    assert [h.tag for h in css(page, ".akn-title")] == ["h2", "h3"]
    assert css(page, ".akn-speech .akn-from")[0].text_content() == "Ms Smith"

    _, path = source("amendment.akn.xml")
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    bq = css(page, "blockquote.akn-quotedStructure")[0]
    assert css(bq, "#mod_1__qstr_1__art_1 .akn-title")[0].tag == "p"  # not an outline heading
    assert not css(page, "nav.akn-toc")                  # so the amendment has no contents
    assert css(page, "ins")[0].text == "privacy" and css(page, "del")[0].text

    _, path = source("collection.akn.xml")
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    nested = css(page, "article.akn-act")[0]
    assert nested.get("lang") == "ru"
    assert css(nested, "h2.akn-doc-title")[0].text_content() == "Закон о реестрах"
    assert css(nested, "h3.akn-title")[0].text_content().startswith("Статья 1.")
    assert css(page, ".akn-documentRef a")[0].get("href") == "/akn/xx/act/2024/5/eng@/!main"

    _, path = source("act_with_annex.akn.xml")
    page = lhtml.document_fromstring(akn.render(path, to="html"))
    toc = css(page, "nav.akn-toc > ol > li")
    assert [css(li, "a")[0].text_content() for li in toc] == \
        ["CHAPTER I — General", "Annex I — List of registers"] or \
        [css(li, "a")[0].text_content() for li in toc] == \
        ["CHAPTER I General", "Annex I — List of registers"]
    assert "Foreign text kept" in page.text_content()         # unknown elements keep their text
    assert css(page, "td[colspan='2']")
    notes = css(page, "section.akn-notes li")
    assert [n.get("id") for n in notes] == ["n_1", "chp_1__art_1__para_1__point_b__note_1"]
    assert [m.text_content() for m in css(page, "sup.akn-noteref")] == ["*", "a"]


# -- Markdown ---------------------------------------------------------------------------

def md_text(md: str) -> str:
    """What a reader of the rendered Markdown sees, as one line of text."""
    body = md.split("\n---\n", 1)[1] if md.startswith("---\n") else md
    t = re.sub(r'<a id="[^"]*"></a>', "", body)
    t = re.sub(r"\[\^\d+\]:?", "", t)                    # footnote marks and labels
    t = re.sub(r"(?<!\\)\]\([^)\s]*\)", "", t)           # link targets
    t = re.sub(r"(?<!\\)\[", "", t)                        # link openers
    t = re.sub(r"(?<!\\)(\*\*|\*|~~)", "", t)              # emphasis
    t = re.sub(r"^[ \t]*(#+ |> ?|- |\| ---.*$)", " ", t, flags=re.M)
    t = re.sub(r"(?<!\\)\|", " ", t)                       # table cells
    t = t.replace("\\\n", " ")                              # hard line breaks
    t = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", t)            # backslash escapes
    return squash(t)


@pytest.mark.parametrize("name", CORPUS_AKN + LOCAL + PARSED)
def test_markdown_keeps_every_heading_and_paragraph(name):
    root, path = source(name)
    text = md_text(akn.render(path, to="md"))
    missing = [t for t in expected_texts(root) if t not in text]
    assert not missing, f"{len(missing)} texts missing, first: {missing[:3]}"


def test_markdown_front_matter_headings_and_lists():
    import yaml
    _, path = source(CORPUS_AKN[0])
    md = akn.render(path, to="md")
    assert md.startswith("---\n")
    front = yaml.safe_load(md.split("---\n")[1])
    assert front["frbr_work"] == "/akn/us/act/2011-11-29/112-61"
    assert front["frbr_expression"] == "/akn/us/act/2011-11-29/112-61/eng@"
    assert front["language"] == "en" and front["country"] == "us"
    assert front["date"] == "2011-11-29" and front["number"] == "112-61"
    assert front["title"] == "America's Cup Act of 2011"
    lines = md.splitlines()
    assert lines.index("# America's Cup Act of 2011") < lines.index("## SECTION 1. SHORT TITLE. [^2]")
    assert '<a id="sec_2"></a>' in lines
    assert "## SEC. 2. DEFINITIONS." in lines
    # points are list items, nested points are indented list items
    assert any(line.startswith("- **(1)** ") for line in lines)
    assert any(line.startswith("  - **(A)** means the sailing competitions") for line in lines)
    assert not akn.render(path, to="md", standalone=False).startswith("---")


def test_markdown_levels_of_the_act_with_annex():
    _, path = source("act_with_annex.akn.xml")
    md = akn.render(path, to="md", standalone=False)
    lines = md.splitlines()
    assert lines[0] == "# Collection and Attachments Act"
    heads = [line for line in lines if line.startswith("#")]
    assert heads == ["# Collection and Attachments Act", "## CHAPTER I — General",
                     "### Article 1 — Scope", "## Annex I — List of registers"]
    assert "- **(a)** registers;[^1]" in lines and "- **(b)** archives[^2]." in lines
    assert "[^1]: Note kept in the metadata." in lines and "[^2]: Inline note text." in lines
    assert "| Item | Rate |" in lines and "| --- | --- |" in lines
    assert "| Spanning cell |  |" in lines
    assert "**2.** Rates:" in lines


def test_html_concept_badges_for_a_parsed_and_tagged_act():
    text = ("REGULATION (EU) 2026/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL\n\n"
            "of 2 March 2026\n\non biometric data\n\nHAVE ADOPTED THIS REGULATION:\n\n"
            "Article 1\n\nConsent\n\n1.   Biometric data shall be processed only with the "
            "informed consent of the data subject.\n\n2.   The controller shall keep a record.\n\n"
            "Article 2\n\nMinisters\n\n1.   The Minister may give consent.\n")
    doc = akn.parse(text)
    before = etree.tostring(doc.root)
    page = lhtml.document_fromstring(akn.render(doc, to="html", concepts=True))
    assert etree.tostring(doc.root) == before                 # the caller's tree is untouched
    art1 = page.get_element_by_id("art_1")
    about = [a.text_content() for a in css(art1, "p.akn-about a.akn-concept")]
    assert "biometric data" in about and "consent" in about
    assert not css(page.get_element_by_id("art_2"), "p.akn-about")  # "the Minister may give consent"
    words = css(art1, "a.akn-term")
    assert "Biometric data" in [w.text_content() for w in words]
    ids = {el.get("id") for el in page.iter() if isinstance(el.tag, str)}
    for a in css(page, "a.akn-concept, a.akn-term"):
        assert a.get("href")[1:] in ids and a.get("id") in ids
    index = {dt.text_content() for dt in css(page, "section.akn-concept-index dt")}
    assert {"biometric data", "consent"} <= index
    # without the option, the same act has no concept markup
    plain = lhtml.document_fromstring(akn.render(doc, to="html"))
    assert not css(plain, "a.akn-concept, a.akn-term, section.akn-concept-index")


def test_markdown_quoted_structures_are_block_quotations():
    _, path = source(CORPUS_AKN[2])
    lines = akn.render(path, to="md").splitlines()
    i = lines.index("> **2A** A copy of a warrant may be served under subsection (2) on a person "
                    "outside the United Kingdom (and may relate to conduct outside the United "
                    "Kingdom).")
    assert lines[i - 2:i] == ["> “", ">"]
    assert sum(1 for line in lines if line in ("> “", "> “")) == 5     # five quoted structures


WID_ONLY = """<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act">
<meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/xx/act/2024/1/!main"/>
<FRBRuri value="/akn/xx/act/2024/1"/><FRBRdate date="2024-01-01" name="x"/><FRBRauthor href="#x"/>
<FRBRcountry value="xx"/></FRBRWork><FRBRExpression><FRBRthis value="/akn/xx/act/2024/1/eng@/!main"/>
<FRBRuri value="/akn/xx/act/2024/1/eng@"/><FRBRdate date="2024-01-01" name="x"/><FRBRauthor href="#x"/>
<FRBRlanguage language="eng"/></FRBRExpression><FRBRManifestation>
<FRBRthis value="/akn/xx/act/2024/1/eng@/!main.xml"/><FRBRuri value="/akn/xx/act/2024/1/eng@.akn"/>
<FRBRdate date="2024-01-01" name="x"/><FRBRauthor href="#x"/></FRBRManifestation></identification></meta>
<body><section eId="sec_1"><num>1</num><heading>With an eId</heading><content><p>One.</p></content></section>
<section wId="sec_2"><num>2</num><heading>With a wId only</heading>
<subsection wId="sec_2__subsec_1"><num>(1)</num><content><p>Two.</p></content></subsection></section>
<section id="sec_3"><num>3</num><heading>With an AKN 2.0 id</heading><content><p>Three.</p></content></section>
</body></act></akomaNtoso>"""


def test_html_anchors_units_identified_by_wid_or_id():
    """A unit with only a wId or an AKN 2.0 id keeps it as its page id (also one outside the table of
    contents), and the TOC links to it."""
    page = lhtml.document_fromstring(akn.render(WID_ONLY.encode(), to="html"))
    ids = {el.get("id") for el in page.iter() if isinstance(el.tag, str)}
    assert {"sec_1", "sec_2", "sec_3", "sec_2__subsec_1"} <= ids
    assert {a.get("href") for a in css(page, "nav.akn-toc a")} >= {"#sec_1", "#sec_2", "#sec_3"}
