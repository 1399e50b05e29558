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
