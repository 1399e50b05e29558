"""The title of an act is the one a reader finds in it, in FRBRname, the HTML ``<h1>`` and ``eli:title``.

The expected titles, dates and numbers below were written by reading each file: its title block, the
clause that states its short title where the tradition has one (docs/metadata.md gives the rules),
its requisites or signature. ``None`` is "the text does not say": then nothing may be shown for it.
``ANY`` marks a value of a Markdown file whose front matter may give it (front matter is metadata read
elsewhere); the title of such a file is still checked.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import CORPUS, need
from lxml import etree
from rdflib import URIRef

import akn
from akn.rdf import ELI

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
ANY = object()

#: file -> (title, date, number), read from the file by hand
CORPUS_ACTS = {
    # "This Act may be cited as the *Personal Information Protection and Electronic Documents Act*."
    "ca_act_2000_5_pipeda_eng.md": ("Personal Information Protection and Electronic Documents Act", ANY, ANY),
    # the EU title in full: the title line, its date line and its subject line (not the notes after it)
    "eu_gdpr_2016_679_oj_en.txt": (
        "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL of 27 April 2016 on the protection "
        "of natural persons with regard to the processing of personal data and on the free movement of such data, "
        "and repealing Directive 95/46/EC (General Data Protection Regulation)", "2016-04-27", "679"),
    # "(1) This Act may be called the Digital Personal Data Protection Act, 2023."
    "in_act_2023_22_digital-personal-data-protection_eng.md": ("Digital Personal Data Protection Act, 2023", ANY, ANY),
    # "This Act may be called the Protection of Women from Domestic Violence Act, 2005."; "ACT NO. 43 OF 2005",
    # "[13th September, 2005.]"
    "in_protection_of_women_from_domestic_violence_act_2005_en.md": (
        "Protection of Women from Domestic Violence Act, 2005", "2005-09-13", "43"),
    "kz_aquaculture_law_2025_kk.md": ("Аквашаруашылық туралы", ANY, ANY),
    "kz_aquaculture_law_2025_ru.md": ("Об аквакультуре", ANY, ANY),
    # adilet's copies without their title block: editorial notes, then chapter 1; signed without a date
    "kz_digital_assets_law_2023_193-VII_kk.txt": (None, None, None),
    "kz_digital_assets_law_2023_193-VII_ru.txt": (None, None, None),
    # "Воздушный кодекс / Российской Федерации / Принят Государственной Думой ..."; "Москва, Кремль / 19 марта
    # 1997 года / N 60-ФЗ"
    "ru_air_code_1997_60-FZ_ru.txt": ("Воздушный кодекс Российской Федерации", "1997-03-19", "60-ФЗ"),
    "ru_code_1995_223-FZ_family-code_rus.txt": ("Семейный кодекс Российской Федерации", "1995-12-29", "223-ФЗ"),
    # "Принята всенародным голосованием 12 декабря 1993 года ..." above the title; no number of its own (the
    # "№ 1-ФКЗ" of its list of amendments is an amending law's)
    "ru_constitution_1993_kfz_rus.txt": ("КОНСТИТУЦИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ", "1993-12-12", None),
    # "2025 asp 11"; "received Royal Assent on 6th August 2025"; "The short title of this Act is the ..."
    "uk-sct_asp_2025_11_education-scotland_eng.txt": ("Education (Scotland) Act 2025", "2025-08-06", "11"),
    # under a correction slip: "Statutory Instruments / 2025 No. 3 / SOCIAL SECURITY / The Social Security ...";
    # "Made3rd January 2025"; "These Regulations may be cited as the ..."
    "uk_uksi_2025_3_social-security-misc-amendments_eng.txt": (
        "Social Security (Miscellaneous Amendments) Regulations 2025", "2025-01-03", "3"),
    # under a disclaimer: "IN THE SENATE ... / April 26, 2023"; "This Act may be cited as the “...”"
    "us_bill_2023_118-s1325-rs_eng.txt": ("Western Hemisphere Partnership Act of 2023", "2023-04-26", None),
    # running heads "127 STAT. ... PUBLIC LAW 113–44—OCT. 10, 2013"; "Approved October 10, 2013.";
    # "This joint resolution may be cited as the “...”"
    "us_public-law_2013_113-44_eng.txt": (
        "Department of Defense Survivor Benefits Continuing Appropriations Resolution, 2014", "2013-10-10", "113-44"),
    # "ACT" over the long title; "122. This Act is called the Consumer Protection Act, 2008, and comes into
    # operation ..."; no number or date printed (the "(Act No. 17 of 1941)" of its long title is another act)
    "za_act_2008_68_consumer-protection_eng.txt": ("Consumer Protection Act, 2008", None, None),
}
EXAMPLE_ACTS = {
    # "DRAFT / LAW OF THE REPUBLIC OF KAZAKHSTAN / On Artificial Intelligence ..."
    "ai_biometric_bill_en.txt": ("On Artificial Intelligence and the Protection of Biometric Data", None, None),
    "ai_biometric_bill_kk.txt": ("Жасанды интеллект және биометриялық деректерді қорғау туралы", None, None),
    "ai_biometric_bill_ru.txt": ("Об искусственном интеллекте и защите биометрических данных", None, None),
    # "... (Text with EEA relevance)" is a note below the title, not part of it
    "eu_style_regulation.txt": (
        "REGULATION (EU) 2026/412 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL of 2 March 2026 on the use of remote "
        "biometric identification systems in publicly accessible spaces", "2026-03-02", "412"),
    "uk_style_act.txt": ("Biometric Surveillance (Public Places) Act 2026", "2026-03-02", "14"),
}


@functools.cache
def _parsed(path: str):
    return akn.parse_file(path)


def facts(doc) -> dict:
    """What each output says the act is: FRBRname, <h1>, eli:title, FRBR date and number."""
    root = doc.root
    name = root.xpath("//a:FRBRWork/a:FRBRname/@value", namespaces=NS)
    html = akn.render(doc, to="html")
    h1 = re.search(r'<h1 id="akn-title">(.*?)</h1>', html, re.S)
    graph = akn.graph(doc)
    work = URIRef(next(iter(graph.subjects(ELI.is_realized_by, None))))
    expression = URIRef(next(iter(graph.objects(work, ELI.is_realized_by))))
    titles = [str(t) for t in graph.objects(expression, ELI.title)]
    dates = [str(d) for d in graph.objects(work, ELI.date_document)]
    numbers = [str(n) for n in graph.objects(work, ELI.number)]
    frbr_date = root.xpath("//a:FRBRWork/a:FRBRdate", namespaces=NS)[0]
    number = root.xpath("//a:FRBRWork/a:FRBRnumber/@value", namespaces=NS)
    return {"name": name[0] if name else None, "h1": _unescape(h1.group(1)) if h1 else None,
            "eli_title": titles[0] if titles else None, "eli_date": dates[0] if dates else None,
            "eli_number": numbers[0] if numbers else None,
            "date": None if frbr_date.get("name") == "unknown" else frbr_date.get("date"),
            "number": number[0] if number else None, "html": html}


def _unescape(text: str) -> str:
    import html
    return html.unescape(text)


def _check(path: Path, title, date, number):
    got = facts(_parsed(str(path)))
    assert got["name"] == title, "FRBRname"
    assert got["eli_title"] == title, "eli:title"
    if title is None:
        assert got["h1"] == "Untitled act", "a document without a title says so"
    else:
        assert got["h1"] == title, "HTML <h1>"
    if date is not ANY:
        assert got["date"] == date and got["eli_date"] == date, "date"
    if number is not ANY:
        assert got["number"] == number and got["eli_number"] == number, "number"


@pytest.mark.parametrize("name", sorted(CORPUS_ACTS))
def test_corpus_act_title_date_number(name):
    _check(need(CORPUS / name), *CORPUS_ACTS[name])


@pytest.mark.parametrize("name", sorted(EXAMPLE_ACTS))
def test_example_title_date_number(name):
    _check(EXAMPLES / name, *EXAMPLE_ACTS[name])


def test_every_corpus_text_is_listed():
    """A new act in the corpus needs its expected title written here."""
    present = {p.name for p in need(CORPUS).iterdir() if p.suffix in (".txt", ".md")}
    assert present == set(CORPUS_ACTS)
    assert {p.name for p in EXAMPLES.glob("*.txt")} == set(EXAMPLE_ACTS)


# --- the rules, one small act each ------------------------------------------------------------------------------

def title_of(text: str, **options) -> tuple[str | None, str | None, str | None]:
    got = facts(akn.parse(text, **options))
    return got["name"], got["h1"], got["eli_title"]


UK_ACT = """{head}
An Act to make provision about widgets.
[1st May 2026]
BE IT ENACTED by the King's most Excellent Majesty, as follows:—
1 Widgets
(1) A person must not sell a widget without a licence.
(2) Subsection (1) does not apply to a gift.
2 Short title
(1) {clause}
"""


@pytest.mark.parametrize("clause, title", [
    ("This Act may be cited as the Widgets Act 2026.", "Widgets Act 2026"),
    ("The short title of this Act is the Widgets (Scotland) Act 2026.", "Widgets (Scotland) Act 2026"),
    ("This Act is called the Widgets Act, 2026, and comes into operation on 1 June 2026.", "Widgets Act, 2026"),
    ("This Act may be called the *Widgets Act*.", "Widgets Act"),
])
def test_the_short_title_clause_gives_a_uk_act_its_title(clause, title):
    assert title_of(UK_ACT.format(head="ACT", clause=clause), lang="en", tradition="uk") == (title,) * 3


def test_a_us_short_title_is_the_quoted_name():
    text = """PUBLIC LAW 119–7—MAR. 3, 2026
Joint Resolution
Making appropriations for widgets.
Resolved by the Senate and House of Representatives of the United States of America in Congress assembled,
SECTION 1. SHORT TITLE.
This joint resolution may be cited as the “Widget Appropriations Resolution, 2026”.
SEC. 2. APPROPRIATIONS.
(a) In General.—Such sums as are necessary are appropriated.
Approved March 3, 2026.
"""
    doc = akn.parse(text, lang="en", tradition="us")
    assert title_of(text, lang="en", tradition="us") == ("Widget Appropriations Resolution, 2026",) * 3
    got = facts(doc)
    assert (got["number"], got["date"]) == ("119-7", "2026-03-03")


def test_a_quoted_short_title_clause_of_another_act_is_not_the_title():
    text = UK_ACT.format(head="Widgets Act 2026", clause="In the Gadgets Act 2020 after section 3 insert—").replace(
        "(2) Subsection (1)", "“This Act may be cited as the Gadgets Act 2020.”\n(2) Subsection (1)")
    assert title_of(text, lang="en", tradition="uk")[0] == "Widgets Act 2026"


@pytest.mark.parametrize("lang, text, title", [
    ("en", "ACT\nTo make provision about widgets.\n1. Widgets\n(1) A person must not sell a widget.\n",
     "To make provision about widgets."),
    ("en", "Statutory Instruments\n2026 No. 4\nThe Widgets Regulations 2026\nMade 2nd March 2026\n"
           "1. Citation\n(1) A widget must be licensed.\n", "The Widgets Regulations 2026"),
    ("ru", "ЗАКОН РЕСПУБЛИКИ КАЗАХСТАН\nО виджетах\nСтатья 1. Основные понятия\n1. Виджет – устройство.\n",
     "О виджетах"),
    ("ru", "РОССИЙСКАЯ ФЕДЕРАЦИЯ\nФЕДЕРАЛЬНЫЙ ЗАКОН\nО виджетах\nСтатья 1. Предмет\n1. Виджет – устройство.\n",
     "О виджетах"),
    ("kk", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЗАҢЫ\nВиджеттер туралы\n1-бап. Негізгі ұғымдар\n1. Виджет – құрылғы.\n",
     "Виджеттер туралы"),
])
def test_a_document_type_line_is_not_the_title(lang, text, title):
    assert title_of(text, lang=lang) == (title,) * 3


@pytest.mark.parametrize("lang, text, title", [
    ("ru", "Примечание ИЗПИ!\nПорядок введения в действие см.\nст.14\nО виджетах\nСтатья 1. Понятия\n1. Текст.\n",
     "О виджетах"),
    ("kk", "ЗҚАИ-ның ескертпесі!\nОсы Заңның қолданысқа енгізілу тәртібін 14-б.\nқараңыз.\nВиджеттер туралы\n"
           "1-бап. Ұғымдар\n1. Мәтін.\n", "Виджеттер туралы"),
    ("en", "Disclaimer: this copy is not the official text.\nEditorial note: generated from public data.\n"
           "Widgets Act 2026\n1 Widgets\n(1) A person must not sell a widget.\n", "Widgets Act 2026"),
])
def test_an_editorial_note_is_not_the_title(lang, text, title):
    assert title_of(text, lang=lang) == (title,) * 3


def test_a_note_alone_leaves_the_act_untitled():
    """A Kazakh or Russian act's title has one form; a text without it has no title, not its first line."""
    for lang, text in (("ru", "Примечание ИЗПИ!\nПорядок введения в действие см.\nст.14\nСтатья 1. Понятия\n1. Текст.\n"),
                       ("kk", "ЗҚАИ-ның ескертпесі!\nқараңыз.\n1-бап. Ұғымдар\n1. Мәтін.\n")):
        assert title_of(text, lang=lang) == (None, "Untitled act", None)


@pytest.mark.parametrize("lang, text, title", [
    ("en", "127 STAT. 555 PUBLIC LAW 113–44—OCT. 10, 2013\n113th Congress\nJoint Resolution\n"
           "Making appropriations for widgets.\nOct. 10, 2013\nResolved by the Senate and House of Representatives "
           "of the United States of America in Congress assembled,\nSEC. 1. WIDGETS.\n(a) In General.—Text.\n",
     "Making appropriations for widgets."),
    ("ru", "Принята всенародным голосованием 12 декабря 1993 года\nКОНСТИТУЦИЯ РЕСПУБЛИКИ\nСтатья 1\n"
           "1. Республика есть государство.\n", "КОНСТИТУЦИЯ РЕСПУБЛИКИ"),
    ("ru", "Воздушный кодекс Республики Принят Государственной Думой 19 февраля 1997 года\nСтатья 1. Предмет\n"
           "1. Текст.\n", "Воздушный кодекс Республики"),
    ("kk", "2025 жылғы 17 қарашадағы № 230-VIII ҚРЗ\nВиджеттер туралы\n1-бап. Ұғымдар\n1. Мәтін.\n",
     "Виджеттер туралы"),
])
def test_running_heads_and_requisites_are_not_the_title(lang, text, title):
    assert title_of(text, lang=lang) == (title,) * 3


def test_the_title_stays_in_the_text():
    """Reading the title changes no word of the act: the title line is in the preface, marked, not moved."""
    text = "Воздушный кодекс Республики Принят Государственной Думой 19 февраля 1997 года\nСтатья 1. Предмет\n1. Текст.\n"
    root = akn.parse(text, lang="ru").root
    long_title = root.xpath("//a:preface/a:longTitle", namespaces=NS)[0]
    assert "".join(long_title.itertext()) == text.splitlines()[0]
    assert root.xpath("string(//a:preface//a:docTitle)", namespaces=NS) == "Воздушный кодекс Республики"
    clause = akn.parse(UK_ACT.format(head="ACT", clause="This Act may be cited as the Widgets Act 2026."),
                       lang="en", tradition="uk").root
    p = clause.xpath("//a:shortTitle/..", namespaces=NS)[0]
    assert "".join(p.itertext()) == "This Act may be cited as the Widgets Act 2026."
    assert etree.QName(p).localname == "p"


def test_south_african_act_number_and_assent():
    text = """ACT
To provide for widgets.
Act No. 68, 2008
[Assented to 24 April 2009]
BE IT ENACTED by the Parliament of the Republic of South Africa, as follows:—
1. In this Act—
‘‘widget’’ means a small device;
2. This Act is called the Widgets Act, 2008.
"""
    doc = akn.parse(text, lang="en", tradition="uk")
    got = facts(doc)
    assert (got["name"], got["number"], got["date"]) == ("Widgets Act, 2008", "68", "2009-04-24")
    assert doc.root.xpath("string(//a:FRBRWork/a:FRBRcountry/@value)", namespaces=NS) == "za"


def test_an_untitled_act_is_reported():
    doc = akn.parse("Примечание ИЗПИ!\nст.14\nСтатья 1. Понятия\n1. Текст.\n", lang="ru")
    warning = next(w for w in doc.warnings if w.code == "no-title")
    assert "untitled" in warning.message
    assert "no-title" not in [w.code for w in akn.parse("О виджетах\nСтатья 1. Понятия\n1. Текст.\n", lang="ru").warnings]


#: file -> the author the text names (its enacting words, long title or first words), read by hand
CORPUS_AUTHORS = {
    "eu_gdpr_2016_679_oj_en.txt": "European Parliament and Council",
    "uk-sct_asp_2025_11_education-scotland_eng.txt": "Scottish Parliament",          # "An Act of the Scottish Parliament"
    "uk_uksi_2025_3_social-security-misc-amendments_eng.txt": "Secretary of State",  # "The Secretary of State makes ..."
    "us_public-law_2013_113-44_eng.txt": "United States Congress",
    "za_act_2008_68_consumer-protection_eng.txt": "Parliament of the Republic of South Africa",
    "in_protection_of_women_from_domestic_violence_act_2005_en.md": "Parliament of India",
    "ru_code_1995_223-FZ_family-code_rus.txt": "Federal Assembly of the Russian Federation",
    "kz_aquaculture_law_2025_ru.md": "Parliament of the Republic of Kazakhstan",
}


def _author(doc) -> str:
    return doc.root.xpath("string(//a:references/a:TLCOrganization[@eId='author']/@showAs)", namespaces=NS)


@pytest.mark.parametrize("name", sorted(CORPUS_AUTHORS))
def test_the_author_is_the_one_the_text_names(name):
    assert _author(_parsed(str(need(CORPUS / name)))) == CORPUS_AUTHORS[name]


def test_an_author_the_text_does_not_name_is_not_invented():
    doc = akn.parse("Widgets Bill\n1 Widgets\n(1) A person must not sell a widget.\n", lang="en", tradition="uk")
    assert _author(doc) == "Legislature"
    assert doc.root.xpath("string(//a:TLCOrganization[@eId='author']/@href)", namespaces=NS).endswith("/legislature")


def test_front_matter_is_never_the_title():
    """A Markdown file's front matter is metadata (read elsewhere); none of its lines is taken for the title."""
    text = ('---\ntitle: "Widgets Act 2026"\nlanguage: en\nsource: "https://example.org/widgets"\n---\n'
            "# Widgets Act 2026\n\nLanguage: English\n\n### 1 Widgets\n\n(1) A person must not sell a widget.\n")
    name, h1, eli_title = title_of(text, source="widgets.md", lang="en", tradition="uk")
    for title in (name, h1, eli_title):
        assert title is None or not (title.startswith("---") or re.match(r"[A-Za-z_]+:\s", title)), title
    cited = text + "(2) This Act may be cited as the Widgets Act 2026.\n"
    assert title_of(cited, source="widgets.md", lang="en", tradition="uk") == ("Widgets Act 2026",) * 3


@pytest.mark.parametrize("lang, text, title", [
    ("ru", "Закон Республики Казахстан от 6 февраля 2023 года № 193-VII ЗРК «О цифровых активах в Республике Казахстан»\n"
           "Статья 1. Понятия\n1. Текст.\n", "О цифровых активах в Республике Казахстан"),
    ("kk", "Қазақстан Республикасының 2023 жылғы 6 ақпандағы № 193-VII ҚРЗ Заңы «Қазақстан Республикасындағы цифрлық "
           "активтер туралы»\n1-бап. Ұғымдар\n1. Мәтін.\n", "Қазақстан Республикасындағы цифрлық активтер туралы"),
])
def test_a_title_in_quotation_marks_after_the_requisites(lang, text, title):
    assert title_of(text, lang=lang) == (title,) * 3
