"""The languages the toolkit knows: one table for every place that names a language.

Akoma Ntoso names a language by its ISO 639-2/T code (``eng``, ``rus``,
``kaz``: ``FRBRlanguage``, the ``@eng`` of an expression URI), RDF literals and
HTML by a BCP 47 tag (``en``, ``ru``, ``kk``), and people by either, or by
the old bibliographic code (``fre`` for French). :data:`LANGUAGES` is the one
table of those codes; :func:`code` reads any spelling, :func:`tag` gives the
BCP 47 tag. Which of them can be parsed is the profiles' business
(:func:`akn.profiles.languages`, the ``--lang`` choices of every command).

>>> code("EN"), code("kk"), code("kaz"), code("fre"), code("fr")
('eng', 'kaz', 'kaz', 'fra', 'fra')
>>> tag("kaz"), tag("rus"), tag("fre"), tag("xyz"), tag("")
('kk', 'ru', 'fr', 'xyz', '')
>>> code("klingon") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language: its ISO 639-2/T code (as Akoma Ntoso writes it), ISO 639-1 code and name."""

    code: str                 # ISO 639-2/T: eng, rus, kaz
    short: str                # ISO 639-1, the BCP 47 tag: en, ru, kk
    name: str
    other_codes: tuple[str, ...] = ()   # ISO 639-2/B and other spellings people use (fre, ger, kz)


def _table(rows: str) -> dict[str, Language]:
    out = {}
    for row in rows.strip().splitlines():
        code3, code1, name, *others = row.split("|")
        out[code3.strip()] = Language(code3.strip(), code1.strip(), name.strip(),
                                      tuple(o.strip() for o in others if o.strip()))
    return out


#: ISO 639-2/T code -> language (the languages of European, Commonwealth and CIS legislation, and more)
LANGUAGES: dict[str, Language] = _table("""
eng | en | English
rus | ru | Russian
kaz | kk | Kazakh | kz
ita | it | Italian
fra | fr | French | fre
deu | de | German | ger
spa | es | Spanish
por | pt | Portuguese
nld | nl | Dutch | dut
pol | pl | Polish
ces | cs | Czech | cze
slk | sk | Slovak | slo
slv | sl | Slovenian
hrv | hr | Croatian
srp | sr | Serbian
bul | bg | Bulgarian
ron | ro | Romanian | rum
hun | hu | Hungarian
fin | fi | Finnish
swe | sv | Swedish
dan | da | Danish
nor | no | Norwegian
est | et | Estonian
lav | lv | Latvian
lit | lt | Lithuanian
ell | el | Greek | gre
gle | ga | Irish
mlt | mt | Maltese
ukr | uk | Ukrainian
bel | be | Belarusian
kir | ky | Kyrgyz
uzb | uz | Uzbek
tgk | tg | Tajik
tuk | tk | Turkmen
aze | az | Azerbaijani
hye | hy | Armenian | arm
kat | ka | Georgian | geo
tur | tr | Turkish
ara | ar | Arabic
heb | he | Hebrew
fas | fa | Persian | per
hin | hi | Hindi
zho | zh | Chinese | chi
jpn | ja | Japanese
kor | ko | Korean
swa | sw | Swahili
afr | af | Afrikaans
zul | zu | Zulu
xho | xh | Xhosa
mon | mn | Mongolian
cat | ca | Catalan
eus | eu | Basque | baq
glg | gl | Galician
isl | is | Icelandic | ice
sqi | sq | Albanian | alb
mkd | mk | Macedonian | mac
""")

_SPELLINGS: dict[str, str] = {}
for _lang in LANGUAGES.values():
    for _spelling in (_lang.code, _lang.short, *_lang.other_codes):
        _SPELLINGS.setdefault(_spelling, _lang.code)


def code(spelling: str | None) -> str | None:
    """The ISO 639-2/T code of a language however it is written (``en``, ``EN``, ``eng``, ``fre``), or None."""
    return _SPELLINGS.get((spelling or "").strip().lower())


def tag(spelling: str | None) -> str:
    """The BCP 47 tag of a language (``kaz`` -> ``kk``); an unknown code is returned as it is, lower-cased."""
    wanted = (spelling or "").strip().lower()
    known = _SPELLINGS.get(wanted)
    return LANGUAGES[known].short if known else wanted
