"""The normaliser's written guarantees (akn/normalise.py module docstring)."""
import codecs

import pytest

from akn.errors import InputError
from akn.normalise import decode, normalise, normalise_text

TEXT = "Статья 1. Основные понятия\nҚазақстан Республикасының Заңы\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),                      # with BOM
    TEXT.encode("utf-16-le"),                   # without BOM
    TEXT.encode("utf-16-be"),
    TEXT.encode("utf-32"),
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32"])
def test_unicode_encodings_are_detected(data):
    assert decode(data) == TEXT


def test_windows_1251_is_detected():
    text = "Статья 1. Биометрические данные\nГлава 2. ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ\n"
    assert decode(text.encode("cp1251")) == text


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"   \n\t\n  \r\n", "blank space"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
])
def test_bad_input_gets_a_clear_message(data, words):
    with pytest.raises(InputError) as info:
        normalise(data, "in.txt")
    assert words in str(info.value)
    assert str(info.value).startswith("in.txt")


def test_line_breaks_and_line_numbers():
    src = normalise_text("Article 1\r\n\r\nTitle\rText one\n\nText two\u2028Text three")
    assert src.lines == ["Article 1", "Title", "Text one", "Text two", "Text three"]
    assert src.linenos == [1, 3, 4, 6, 7]


def test_spaces_invisible_characters_and_indentation():
    raw = ("      1.\tThe\u00a0controller\u2009shall   not pro\u00adcess bio\u200bmetric data\u200d.  \n"
           "\u3000\u3000(a)\u00a0first\x07 point\x1b;\n")
    src = normalise_text(raw)
    assert src.lines == ["1. The controller shall not process biometric data.", "(a) first point;"]


def test_nfc():
    decomposed = "Қазақстан".replace("Қ", "К\u0327")  # not a real Kazakh letter, but a combining mark
    composed = "e\u0301"
    src = normalise_text(f"{composed} {decomposed}")
    assert src.lines[0].startswith("\u00e9")


def test_every_word_is_kept():
    raw = "Article 5\n\n  Heading\twith   tabs\n(a) point — text\n"
    words = " ".join(normalise_text(raw).lines).split()
    assert words == raw.split()


def test_a_line_longer_than_any_act_line_is_refused():
    with pytest.raises(InputError) as info:
        normalise_text("x" * 2_000_001, "big.txt")
    assert "big.txt:1:1" in str(info.value)


def test_characters_xml_does_not_allow_are_removed():
    import akn
    doc = akn.parse("Article 1\nTitle\n1. Text\uffff with a noncharacter\ufffe.\n", lang="en", tradition="eu")
    assert b"Text with a noncharacter." in doc.xml
