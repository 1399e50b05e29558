"""Whatever lines a user pastes, the parser gives valid AKN or a clear InputError, never a crash."""
from hypothesis import given, settings
from hypothesis import strategies as st

import akn

FRAGMENTS = ["Article 5", "CHAPTER I", "Section 2", "(a) text", "(i) x", "(ii) y", "1. para", "2.", "(1)",
             "Whereas:", "HAVE ADOPTED THIS REGULATION:", "Having regard to x,", "Done at Brussels, 1 May 2020.",
             "ANNEX I", "Статья 1. Понятия", "1) пункт", "а) буква", "Глава 1. ОБЩИЕ", "5-бап. Ұғымдар",
             "1-тарау. ЖАЛПЫ", "Сноска. Статья 1", "Примечание ИЗПИ!", "Ескерту. x", "ЗҚАИ-ның ескертпесі!",
             "PART 1", "1 Short title", "SCHEDULE 1", "SEC. 2. DEFINITIONS.", "(A) cap", "— indent", "исключен",
             "Президент", "Москва, Кремль", "(в ред. ФЗ)", "# Heading", "**bold**", "> *Сноска. x*", "",
             "plain text line.", "lowercase continuation", "ТЕКСТ", "3-1) вставка", "8-1.", "12A Power",
             "(14a) inserted", "<script>&amp;</script>"]

lines = st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(["", "      ", "  "])), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(lines, st.sampled_from([{}, {"lang": "en"}, {"lang": "ru"}, {"lang": "kk"}, {"tradition": "uk"}]))
def test_any_arrangement_of_act_lines_gives_valid_akn(parts, options):
    text = "\n".join(indent + line for line, indent in parts)
    try:
        doc = akn.parse(text, **options)
    except akn.InputError:
        assert not text.strip()
        return
    assert akn.validate(doc.xml) == []
