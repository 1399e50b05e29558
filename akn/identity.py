"""An identity for an act whose number the text does not give: a URI that no other act shares.

The AKN naming convention builds a work's URI from its country, type, date
and number (``/akn/kz/act/2025-11-17/230-VIII``). When the number is not
found in the text (nor given by ``--frbr-uri``, a sidecar or a manifest),
the placeholder ``nn`` would give every such act of one country, type and
date the same URI, and each would replace the other in a store. So the
number component is *derived* from what is known, the same way on every run:

* the **slug of the title**: the title transliterated to ASCII by
  :data:`TRANSLIT` (Russian and Kazakh Cyrillic), other letters with their
  accents taken off, lower case, every run of other characters one hyphen,
  at most :data:`SLUG_LENGTH` characters (cut at a hyphen);
* followed, always, by a **hash of the law text**: the first
  :data:`HASH_LENGTH` hex digits of the SHA-256 of its words (sequences of
  letters and digits, case-folded, joined by one space; so the line breaks,
  spacing, punctuation and Markdown decoration of one copy or another do
  not change it). The law text is the parsed document's, in document order
  (:func:`law_text`): numbers, headings and text of its units, without the
  editorial notes that go to ``<meta>`` (nor any front matter), so that the
  plain-text rendering of a document parses back to the same URI. Without a
  title, the hash alone, :data:`BARE_HASH_LENGTH` digits.

The hash is added even when there is a title: different acts share titles
("Amendment Act", "О внесении изменений и дополнений в некоторые
законодательные акты"), and a title read from the text may be a generic
line ("ЗАКОН РЕСПУБЛИКИ КАЗАХСТАН"). The price is that a changed text gets a
new URI; the store then replaces what the same source file loaded before
(see :mod:`akn.store`), and an identity that outlives edits is what a
number (a sidecar, a manifest or ``--frbr-uri``) is for.

>>> slug("Закон о персональных данных и их защите")
'zakon-o-personalnykh-dannykh-i-ikh-zashchite'
>>> slug("Жасанды интеллект туралы заң")        # Kazakh letters: ң -> n, і -> i ...
'zhasandy-intellekt-turaly-zan'
>>> slug("Données à caractère personnel (Loi n° 78-17)")
'donnees-a-caractere-personnel-loi-n-78-17'
>>> words_hash(["Article 1", "Scope"]) == words_hash(["ARTICLE  1 —", "**Scope**"])
True
>>> derive_number("Amendment Act", ["Amendment Act", "1. Section 2 is repealed."])
'amendment-act-acfeafa4'
>>> derive_number("Amendment Act", ["Amendment Act", "1. Section 3 is repealed."])
'amendment-act-b7583294'
>>> derive_number("", ["Статья 1. Сфера действия"])
'84cc3784e7d1'
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator

#: Cyrillic -> ASCII. Russian letters as in Russian passports since 2013 (ICAO Doc 9303:
#: х kh, ц ts, щ shch, ю iu, я ia; ъ ь dropped); Kazakh letters as in the Kazakh Latin alphabet of
#: 2021 without its diacritics (ә ä -> a, ғ ğ -> g, қ q, ң ñ -> n, ө ö -> o, ұ ū -> u, ү ü -> u,
#: һ h, і ı -> i); and the Ukrainian and Belarusian є ї ґ ў.
TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "є": "ie", "ї": "i", "ґ": "g", "ў": "u",
}
_TABLE = str.maketrans(TRANSLIT)

#: longest slug of a title (characters, before the hash)
SLUG_LENGTH = 60
#: hex digits of the text's hash after a slug
HASH_LENGTH = 8
#: hex digits of the hash when there is no title to make a slug of
BARE_HASH_LENGTH = 12

_WORD = re.compile(r"\w+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(title: str, limit: int = SLUG_LENGTH) -> str:
    """The title in ASCII letters and digits, lower case, words joined by hyphens, at most *limit* long.

    >>> slug("The Digital Personal Data Protection Act, 2023.")
    'the-digital-personal-data-protection-act-2023'
    >>> slug("A" * 70 + " B", limit=10)        # one word longer than the limit is cut inside it
    'aaaaaaaaaa'
    >>> slug("中华人民共和国")                    # letters with no ASCII form leave nothing
    ''
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", title).lower().translate(_TABLE))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NOT_SLUG.sub("-", text.translate(_TABLE)).strip("-")   # (NFKD may give Cyrillic back: й)
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut[:limit] else cut[:limit]).strip("-")


def words_hash(lines: Iterable[str]) -> str:
    """Hex SHA-256 of the words of *lines*: letters and digits, case-folded, NFC, one space between."""
    h = hashlib.sha256()
    first = True
    for line in lines:
        for word in _WORD.findall(unicodedata.normalize("NFC", line).casefold()):
            h.update(word.encode("utf-8") if first else b" " + word.encode("utf-8"))
            first = False
    return h.hexdigest()


def law_text(tree) -> Iterator[str]:
    """The number, heading and text of every unit of a node tree (:mod:`akn.nodes`), notes left out.

    >>> from akn.nodes import Node
    >>> root = Node("root"); art = Node("article", num="1", heading="Scope"); root.children.append(art)
    >>> art.children += [Node("p", text="This Act applies."), Node("note", text="Footnote. Amended.")]
    >>> list(law_text(root))
    ['1', 'Scope', 'This Act applies.']
    """
    todo = [tree]
    while todo:
        node = todo.pop()
        if node.kind == "note":
            continue
        for value in (node.num, node.heading, node.text):
            if value:
                yield value
        todo.extend(reversed(node.children))


def derive_number(title: str, lines: Iterable[str]) -> str:
    """The number component of the URI of an act without a number: ``SLUG-HASH``, or ``HASH`` alone."""
    digest = words_hash(lines)
    name = slug(title)
    return f"{name}-{digest[:HASH_LENGTH]}" if name else digest[:BARE_HASH_LENGTH]
