"""One table of languages: every command accepts the same --lang values, every output the same tags."""
import click
import pytest

import akn
from akn import languages
from akn.profiles import lang_choices, languages_parsed
from akn.cli import cli


def offered(command: str) -> list[str]:
    ctx = click.Context(cli)
    params = {p.name: p for p in cli.get_command(ctx, command).params}
    return list(params["lang"].type.choices)


def test_every_command_offers_the_same_languages():
    want = lang_choices()
    assert {"en", "eng", "ru", "rus", "kk", "kaz"} <= set(want)
    for command in ("parse", "lint", "batch"):
        assert offered(command) == want, command


def test_every_parsed_language_has_a_profile_and_a_tag():
    from akn.profiles import REGISTRY

    assert {lang.code for lang in languages_parsed()} == {p.lang for p in REGISTRY.values()}
    for lang in languages_parsed():
        assert languages.code(lang.short) == languages.code(lang.code) == lang.code
        assert languages.tag(lang.code) == lang.short


@pytest.mark.parametrize("spelling", ["kk", "KAZ", "kz"])
def test_any_spelling_of_a_parsed_language_reaches_its_profile(spelling):
    doc = akn.parse("1-бап. Мақсаты\nОсы Заң.", lang=spelling)
    assert doc.lang == "kaz"


def test_a_language_without_a_profile_is_refused_by_name():
    with pytest.raises(ValueError, match="no profile for the language 'fr'; expected one of en, eng"):
        akn.parse("Article 1\nObjet", lang="fr")


def test_rendering_and_graph_tag_the_language_from_the_same_table():
    doc = akn.parse("1-бап. Мақсаты\nОсы Заң қолданылады.", lang="kk")
    assert '<html lang="kk"' in akn.render(doc, to="html")
    graph = akn.graph(doc)
    assert {o.language for o in graph.objects() if getattr(o, "language", None)} == {"kk"}


FRENCH = """LOI RELATIVE À LA PROTECTION DES DONNÉES

CHAPITRE Ier – Dispositions générales

Article 1er – Définitions
Au sens du présent texte, on entend par :
a) « donnée biométrique » : une donnée relative au visage d'une personne ;
b) « responsable » : la personne qui traite les données.

Article 2 – Traitement
1. Le responsable (ci-après « l'exploitant ») ne traite une donnée biométrique qu'avec le consentement de la personne.
2. Les exceptions de l'article 3, paragraphe 1 s'appliquent.

Article 3 – Exceptions
1. L'exploitant peut traiter une donnée biométrique pour la sécurité publique.
"""


@pytest.fixture
def french():
    """French, loaded from tests/fixtures/languages/fr alone; unloaded afterwards."""
    from pathlib import Path

    from akn import lang
    from akn.profiles import REGISTRY

    before_packs, before_profiles = dict(lang.PACKS), dict(REGISTRY)
    pack = lang.load(Path(__file__).parent / "fixtures" / "languages" / "fr")
    yield pack
    lang.PACKS.clear()
    lang.PACKS.update(before_packs)
    REGISTRY.clear()
    REGISTRY.update(before_profiles)


def test_a_language_added_from_a_folder_gets_structure_references_and_definitions(french):
    from lxml import etree

    doc = akn.parse(FRENCH, lang="fr")
    assert doc.lang == "fra" and akn.validate(doc.xml) == []
    root = etree.fromstring(doc.xml)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    eids = [el.get("eId") for el in root.iterfind(".//a:article", ns)]
    assert eids == ["chp_I__art_1", "chp_I__art_2", "chp_I__art_3"]
    assert [el.get("eId") for el in root.iterfind(".//a:article[@eId='chp_I__art_1']//a:point", ns)] == \
        ["chp_I__art_1__point_a", "chp_I__art_1__point_b"]
    refs = {r.text: r.get("href") for r in root.iterfind(".//a:ref", ns)}
    assert refs == {"article 3, paragraphe 1": "#chp_I__art_3__para_1"}
    defined = sorted(d.text for d in root.iterfind(".//a:def", ns))
    assert defined == ["donnée biométrique", "l'exploitant", "responsable"]
    # uses are marked outside the texts that define (Article 3's paragraph; Article 2's defines "l'exploitant")
    used = [t.text for t in root.iterfind(".//a:term", ns)]
    assert used == ["L'exploitant", "donnée biométrique"]
    assert not [w for w in doc.warnings if w.code in ("no-reference-rules", "no-definition-rules")]


def test_a_french_text_is_detected_as_french_once_the_language_is_there(french):
    assert akn.parse(FRENCH).lang == "fra"


def test_a_language_without_rules_is_told_so_and_gets_no_other_languages_rules(french):
    """A profile with no citation or definition rules: the passes say so, they do not fall back to English."""
    import dataclasses

    from akn import lang

    bare = dataclasses.replace(french, references=None, definitions=None)
    lang.register(bare)
    doc = akn.parse(FRENCH, lang="fr")
    codes = {w.code for w in doc.warnings}
    assert {"no-reference-rules", "no-definition-rules"} <= codes
    assert b"<ref " not in doc.xml and b"<def " not in doc.xml and b"<term " not in doc.xml


def test_a_folder_without_a_pack_is_refused_by_name(tmp_path):
    from akn import lang

    with pytest.raises(ValueError, match="not a language folder"):
        lang.load(tmp_path)
    (tmp_path / "__init__.py").write_text("X = 1\n")
    with pytest.raises(ValueError, match="defines no PACK"):
        lang.load(tmp_path)
