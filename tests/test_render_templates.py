"""Escaping, template overrides and the `akn render` command."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lhtml
from markupsafe import Markup

import akn
from akn.cli import cli
from akn.errors import AknError
from akn.render import RenderError
from conftest import FIXTURES

BILL = FIXTURES / "render" / "bill_escaping.akn.xml"
ACT = FIXTURES / "render" / "act_with_annex.akn.xml"


def test_html_escapes_script_and_ampersands():
    out = akn.render(BILL, to="html")
    page = lhtml.document_fromstring(out)
    assert page.xpath("//script") == []                      # text never becomes markup
    assert page.xpath("//b") == []
    assert page.xpath("//title")[0].text == "Scripts <script> & Ampersands"
    para = page.get_element_by_id("sec_1__subsec_1")
    assert 'such as <script>alert("x")</script> & the entity &amp; are text' \
        in para.text_content()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; the entity &amp;amp;" in out
    heading = page.xpath("//h2[@class='akn-title']")[0].text_content()
    assert heading == "1. Escaping <b>bold</b> & co"
    # a javascript: reference keeps its text but is not a link
    hostile = page.get_element_by_id("ref_1")
    assert hostile.tag == "span" and hostile.text == "a hostile link"
    assert not re.search(r"""href=["']?\s*javascript""", out, re.I)
    assert page.get_element_by_id("ref_2").get("href") == "#sec_1__subsec_1"
    # a term naming a concept links to the concept index, whose label (an attribute) is escaped
    term = page.get_element_by_id("trm_1")
    assert term.tag == "a" and term.text == "script" and term.get("href") == "#concept-scripting"
    entry = page.get_element_by_id("concept-scripting")
    assert entry.xpath("dt")[0].text == "Scripting & markup"
    assert entry.xpath(".//a[@href='#trm_1']")
    assert "<dt>Scripting &amp; markup</dt>" in out


class _Html:
    def __html__(self):
        return "<em>safe</em>"


@pytest.mark.parametrize("value", ['<a href="x">&\'', "", "plain", Markup("<b>kept</b>"), 5, None, _Html(),
                                   type("S", (str,), {})("<sub>")])
def test_html_templates_escape_every_value_as_markupsafe_does(value):
    from markupsafe import escape

    from akn.render.environment import environment

    template = environment(None).get_template("html/page.html.j2")   # a template of the package
    fast = template.root_render_func.__globals__["escape"]
    assert fast is not escape, "the HTML templates use the direct escape"
    assert type(fast(value)) is Markup and fast(value) == escape(value)


def test_markdown_escapes_markup_characters():
    md = akn.render(BILL, to="md")
    text = md.split("\n---\n", 1)[1]                          # after the front matter
    assert "<script" not in text.replace("\\<script", "")
    assert 'such as \\<script\\>alert("x")\\</script\\> & the entity \\&amp; are text' in md
    assert "\\*stars\\* \\_under\\_ \\[brackets\\] \\| pipes" in md
    title = next(line for line in md.splitlines() if line.startswith("title: "))
    assert "<" not in title and json.loads(title[len("title: "):]) == "Scripts <script> & Ampersands"
    # (YAML keeps the exact text, in \\u escapes a Markdown renderer cannot take for a tag)
    assert "[subsection (1)](#sec_1__subsec_1)" in md
    assert "a hostile link" in md and "javascript" not in md


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_template_dir_overrides_and_extends_builtin_templates(tmp_path):
    write(tmp_path, "html/page.html.j2", """{% extends "default:html/page.html.j2" %}
{% block style %}<style>body { color: rebeccapurple }</style>{% endblock %}
{% block head %}<meta name="publisher" content="Test Gazette">{% endblock %}""")
    # a partial that defines one macro; the others still come from the built-in partial
    write(tmp_path, "html/_inline.html.j2", """{% macro ref(node) -%}
<a class="my-ref" href="{{ node|get('href')|link or '#' }}">{{ node|children }} ↗</a>
{%- endmacro %}""")
    out = akn.render(ACT, to="html", template_dir=tmp_path)
    page = lhtml.document_fromstring(out)
    assert page.xpath("//meta[@name='publisher']/@content") == ["Test Gazette"]
    styles = page.xpath("//style")
    assert len(styles) == 1 and "rebeccapurple" in styles[0].text
    assert "akn-toc" in out and page.get_element_by_id("chp_1__art_1") is not None  # rest of the page kept
    bill = lhtml.document_fromstring(akn.render(BILL, to="html", template_dir=tmp_path))
    assert [a.text_content() for a in bill.xpath("//a[@class='my-ref']")] == \
        ["a hostile link ↗", "subsection (1) ↗"]
    assert bill.xpath("//span[contains(@class, 'akn-docTitle')]")   # default macro still used
    # without the folder, the built-in templates are back
    assert "rebeccapurple" not in akn.render(ACT, to="html")


def test_template_dir_for_markdown_and_unit_blocks(tmp_path):
    write(tmp_path, "md/document.md.j2", "TITLE: {{ meta.title }}\n\n{{ body }}\n")
    write(tmp_path, "md/_units.md.j2", """{% import "default:md/_units.md.j2" as base with context %}
{% macro article(node) %}

[ARTICLE {{ node|anchor }}]

{{ base.default(node) }}
{% endmacro %}""")
    md = akn.render(ACT, to="md", standalone=False, template_dir=tmp_path)
    assert md.startswith("TITLE: Collection and Attachments Act\n")
    assert "[ARTICLE chp_1__art_1]" in md.replace("\\[", "[").replace("\\]", "]")
    assert "### Article 1 — Scope" in md and "## CHAPTER I — General" in md


def test_broken_template_is_reported_with_its_name(tmp_path):
    write(tmp_path, "html/_units.html.j2", "{% macro default(node) %}{{ node. }}{% endmacro %}")
    with pytest.raises(RenderError, match=r"_units\.html\.j2"):
        akn.render(ACT, to="html", template_dir=tmp_path)


def test_render_rejects_what_is_not_akoma_ntoso():
    with pytest.raises(AknError, match=r"1:18"):
        akn.render(b"<akomaNtoso><act>", to="html")
    with pytest.raises(RenderError, match="not an Akoma Ntoso document"):
        akn.render(b"<html><body/></html>", to="html")
    with pytest.raises(ValueError, match="unknown format"):
        akn.render(ACT, to="pdf")


def test_xml_entities_are_not_expanded():
    xml = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>
<section eId="sec_1"><num>1</num><content><p>x &xxe; y</p></content></section></body></act>
</akomaNtoso>"""
    try:
        out = akn.render(xml, to="html")
    except RenderError:
        return                                              # refusing is fine too
    assert "root:" not in out


# -- command line --------------------------------------------------------------------------

def run(*args, input=None):
    return CliRunner().invoke(cli, ["render", *map(str, args)], input=input)


def test_cli_writes_html_markdown_and_fragments(tmp_path):
    result = run(ACT, "-o", tmp_path / "act.html")
    assert result.exit_code == 0, result.output
    page = lhtml.document_fromstring((tmp_path / "act.html").read_text(encoding="utf-8"))
    assert page.get("lang") == "en" and page.get_element_by_id("chp_1__art_1") is not None
    result = run(ACT, "-o", tmp_path / "act.md")            # the suffix chooses Markdown
    assert result.exit_code == 0
    assert (tmp_path / "act.md").read_text(encoding="utf-8").startswith("---\n")
    result = run("-", "--to", "html", "--fragment", input=ACT.read_bytes())
    assert result.exit_code == 0
    assert result.output.lstrip().startswith('<article class="akn-page akn-act" lang="en">')
    assert "<html" not in result.output and "<style" not in result.output
    result = run(ACT, "--to", "html", "--base-url", "https://example.org/")
    assert result.exit_code == 0


def test_cli_base_url_makes_akn_references_absolute(tmp_path):
    result = run(FIXTURES / "render" / "collection.akn.xml", "--base-url", "https://example.org/")
    page = lhtml.document_fromstring(result.output)
    assert page.xpath("//p[@class='akn-documentRef']/a/@href") == \
        ["https://example.org/akn/xx/act/2024/5/eng@/!main"]


def test_cli_errors_are_messages_not_tracebacks(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<akomaNtoso><act>")
    result = run(bad)
    assert result.exit_code == 1
    assert f"{bad}:1:18: Premature end of data" in result.output
    assert "Traceback" not in result.output
    other = tmp_path / "other.xml"
    other.write_bytes(b"<root/>")
    result = run(other)
    assert result.exit_code == 1 and "not an Akoma Ntoso document" in result.output
    assert run(tmp_path / "missing.xml").exit_code == 2
    assert run(ACT, "--to", "pdf").exit_code == 2
    assert run(ACT, "--template-dir", tmp_path / "nowhere").exit_code == 2
    result = run("-", input=b"")
    assert result.exit_code == 1 and "no input" in result.output


def test_cli_help_documents_every_option():
    result = CliRunner().invoke(cli, ["render", "--help"])
    assert result.exit_code == 0
    for option in ("--to", "--output", "--template-dir", "--standalone / --fragment",
                   "--base-url", "FILE.xml|-"):
        assert option in result.output


# -- any text survives --------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

XML_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"),
                                 blacklist_characters="\ufffe\uffff"), min_size=1, max_size=60)


def act_with(text: str) -> bytes:
    from lxml import etree
    ns = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    root = etree.Element(f"{{{ns}}}akomaNtoso", nsmap={None: ns})
    act = etree.SubElement(root, f"{{{ns}}}act")
    body = etree.SubElement(act, f"{{{ns}}}body")
    sec = etree.SubElement(body, f"{{{ns}}}section", eId="sec_1")
    etree.SubElement(sec, f"{{{ns}}}num").text = "1"
    etree.SubElement(sec, f"{{{ns}}}heading").text = text
    content = etree.SubElement(sec, f"{{{ns}}}content")
    p = etree.SubElement(content, f"{{{ns}}}p")
    p.text = text
    b = etree.SubElement(p, f"{{{ns}}}b")
    b.text = text
    b.tail = text
    return etree.tostring(root)


@settings(max_examples=60, deadline=None)
@given(XML_TEXT)
def test_html_shows_any_text_literally(text):
    page = lhtml.document_fromstring(akn.render(act_with(text), to="html"))
    squash = " ".join(text.split())
    para = page.xpath("//*[@id='sec_1']//p")[0]
    assert " ".join(para.text_content().split()) == " ".join((text + text + text).split())
    assert " ".join(page.xpath("//h2//span[@class='akn-heading']")[0].text_content().split()) \
        == squash
    assert not para.xpath(".//*[not(self::b)]")                 # no markup came from the text


# -- golden files (read and checked by hand; regenerate with AKN_REGEN_GOLDEN=1) ----------

import os  # noqa: E402

GOLDEN = [("act_with_annex.akn.xml", "md"), ("act_with_annex.akn.xml", "txt"),
          ("amendment.akn.xml", "md")]


@pytest.mark.parametrize("name,fmt", GOLDEN)
def test_golden_renderings(name, fmt):
    src = FIXTURES / "render" / name
    golden = src.with_name(name.replace(".akn.xml", f".golden.{fmt}"))
    out = akn.render(src, to=fmt)
    if os.environ.get("AKN_REGEN_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_template_dir_can_change_one_tradition_of_plain_text(tmp_path):
    write(tmp_path, "txt/uk/_units.txt.j2", """{% import "default:txt/_units.txt.j2" as base with context %}
{% macro section(node) %}

§ {{ base.default(node)|trim }}
{% endmacro %}""")
    uk = akn.parse((FIXTURES / "uk_act.txt").read_bytes())
    lines = akn.render(uk, to="txt", template_dir=tmp_path).splitlines()
    assert "§ 1 Requirement for consent" in lines
    eu = akn.parse((FIXTURES / "eu_regulation.txt").read_bytes())    # other traditions unchanged
    assert akn.render(eu, to="txt", template_dir=tmp_path) == akn.render(eu, to="txt")
