"""The rendered page in a real browser: table-of-contents links scroll to their units.

Drives Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/run``) with
Playwright's Python package; skipped with a message where either is missing.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import akn

CHROMIUM = Path(os.environ.get("AKN_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def long_act(chapters: int = 4, articles: int = 6, paragraphs: int = 4) -> bytes:
    """A valid act long enough that every article starts below the first screen."""
    from lxml import etree
    E = lambda tag, **kw: etree.Element(f"{{{AKN}}}{tag}", **kw)  # noqa: E731
    root = E("akomaNtoso", nsmap={None: AKN})
    act = etree.SubElement(root, f"{{{AKN}}}act", name="act")
    meta = etree.SubElement(act, f"{{{AKN}}}meta")
    ident = etree.SubElement(meta, f"{{{AKN}}}identification", source="#x")
    expr = etree.SubElement(ident, f"{{{AKN}}}FRBRExpression")
    etree.SubElement(expr, f"{{{AKN}}}FRBRuri", value="/akn/xx/act/2024/1/eng@")
    etree.SubElement(expr, f"{{{AKN}}}FRBRlanguage", language="eng")
    preface = etree.SubElement(act, f"{{{AKN}}}preface")
    p = etree.SubElement(preface, f"{{{AKN}}}p")
    etree.SubElement(p, f"{{{AKN}}}docTitle").text = "Browser Test Act"
    body = etree.SubElement(act, f"{{{AKN}}}body")
    n = 0
    for c in range(1, chapters + 1):
        chp = etree.SubElement(body, f"{{{AKN}}}chapter", eId=f"chp_{c}")
        etree.SubElement(chp, f"{{{AKN}}}num").text = f"CHAPTER {c}"
        etree.SubElement(chp, f"{{{AKN}}}heading").text = f"Chapter heading {c}"
        for _ in range(articles):
            n += 1
            art = etree.SubElement(chp, f"{{{AKN}}}article", eId=f"chp_{c}__art_{n}")
            etree.SubElement(art, f"{{{AKN}}}num").text = f"Article {n}"
            etree.SubElement(art, f"{{{AKN}}}heading").text = f"Heading of article {n}"
            for k in range(1, paragraphs + 1):
                para = etree.SubElement(art, f"{{{AKN}}}paragraph",
                                        eId=f"chp_{c}__art_{n}__para_{k}")
                etree.SubElement(para, f"{{{AKN}}}num").text = f"{k}."
                content = etree.SubElement(para, f"{{{AKN}}}content")
                etree.SubElement(content, f"{{{AKN}}}p").text = (
                    f"Paragraph {k} of article {n}. " + "The controller shall keep a record. " * 8)
    return etree.tostring(root)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package "
                    "(apt-get install chromium) to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright's Python package is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def check_toc_scrolls(browser, page_file: Path, width: int = 1280, height: int = 800):
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(page_file.as_uri())
        links = page.locator("nav.akn-toc a")
        count = links.count()
        assert count > 0
        targets = [links.nth(i).get_attribute("href") for i in range(count)]
        checked = 0
        # from the top of the page, and then in reverse order from the bottom
        for order in (list(range(count)), list(reversed(range(count)))):
            for i in order:
                href = targets[i]
                links.nth(i).click()
                page.wait_for_function("h => location.hash === h", arg=href)
                box = page.evaluate(
                    """id => { const el = document.getElementById(id);
                               const r = el.getBoundingClientRect();
                               return {top: r.top, bottom: r.bottom, vh: innerHeight,
                                       maxed: Math.ceil(scrollY + innerHeight) >=
                                              document.documentElement.scrollHeight - 1,
                                       target: document.querySelector(':target') === el}; }""",
                    href[1:])
                assert box["target"], href
                if box["maxed"]:        # near the end the page cannot scroll further
                    assert 0 <= box["top"] < box["vh"], (href, box)
                else:                   # otherwise the unit's top is at the top of the window
                    assert abs(box["top"]) <= 2, (href, box)
                checked += 1
        return checked
    finally:
        page.close()


def test_toc_links_scroll_to_their_articles(browser, tmp_path):
    out = tmp_path / "act.html"
    out.write_text(akn.render(long_act(3, 5, 4), to="html"), encoding="utf-8")
    checked = check_toc_scrolls(browser, out)
    assert checked == 2 * (3 + 3 * 5)                      # chapters and articles, both ways


def test_toc_links_scroll_on_a_narrow_screen(browser, tmp_path):
    out = tmp_path / "act.html"
    out.write_text(akn.render(long_act(2, 3, 3), to="html"), encoding="utf-8")
    assert check_toc_scrolls(browser, out, width=420, height=700) == 2 * (2 + 2 * 3)


def test_toc_links_scroll_in_a_foreign_act(browser, tmp_path):
    from conftest import CORPUS, need
    src = need(CORPUS / "gb_ukpga_2014_27_data_retention_investigatory_powers_act.akn.xml")
    out = tmp_path / "gb.html"
    out.write_text(akn.render(src, to="html"), encoding="utf-8")
    assert check_toc_scrolls(browser, out) == 2 * 11
