"""Kazakh profile: Kazakhstan's Kazakh texts (number before the word: ``5-бап.``, ``1-тарау.``)."""
from __future__ import annotations

import re

from akn.profiles.base import Head, Profile
from akn.profiles.common import GLUE, HEAD, MONTHS_KK, NKZ, ROM

KK_LOWER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_D = r"\s*-\s*"

KK_KZ = Profile(
    name="kk-kz", lang="kaz", script="cyrillic", distinctive_letters="әғқңөұүһі", tradition="kz", country="kz",
    heads=[
        Head("part", re.compile(r"(?:ЖАЛПЫ|ЕРЕКШЕ|Жалпы|Ерекше)\s+(?P<num>БӨЛ[ІI]М|бөл[іi]м)\s*$"), 5, False, label=""),
        Head("part", re.compile(rf"(?P<num>{NKZ}|{ROM})(?:{_D}|\s+)(?:БӨЛ[ІI]М|бөл[іi]м)(?![а-яәғқңөұүһі])\s*\.?{HEAD}"), 10, True, True, label="бөлім"),
        Head("subpart", re.compile(rf"(?P<num>{NKZ}|{ROM}){_D}(?:К[ІI]Ш[ІI] БӨЛ[ІI]М|к[іi]ш[іi] бөл[іi]м)(?![а-яәғқңөұүһі])\s*\.?{HEAD}"), 15, True, True, label="кіші бөлім"),
        Head("chapter", re.compile(rf"(?P<num>{NKZ}|{ROM}){_D}(?:ТАРАУ|тарау)(?![а-яәғқңөұүһі])\s*\.?{HEAD}"), 30, True, True, label="тарау"),
        Head("subchapter", re.compile(rf"(?:(?:ПАРАГРАФ|Параграф|§)\s*(?P<num>{NKZ})|(?P<num2>{NKZ}){_D}параграф)\s*\.?{HEAD}"), 40, False, label="Параграф"),
        Head("article", re.compile(rf"(?P<num>{NKZ})(?:{_D}|\s+)(?:БАП|бап)(?:\s*\.|\s*$){HEAD}"), 50, False, label="бап"),
        # the notes of an article, numbered ("Ескертпе. 1. ..." / "2. ..."), as Russian "Примечания. 1."
        # (adilet's editorial "Ескерту." and "ЗҚАИ-ның ескертпесі!" are other words)
        Head("notes", re.compile(r"(?P<heading>Ескертпе(?:лер)?\s*[.:])(?:\s*(?P<text>1\.\s*\S.*))?\s*$"), 55, False,
             label=""),
    ],
    items={"dot": "paragraph", "close_num": "point", "close_alpha": "point", "dash": "indent"},
    block_styles=frozenset({"dot"}),
    item_patterns={"dot": re.compile(rf"(?P<num>{NKZ})\.(?:{GLUE}(?P<text>.*)|$)"),
                   "close_num": re.compile(rf"(?P<num>{NKZ})\)(?:\s*(?P<text>\S.*)|$)"),
                   "close_alpha": re.compile(r"(?P<num>[аәбвгғдежзиклмнңоөпрстуұүфхһцчшы])\)(?:\s+(?P<text>\S.*)|$)"),
                   "dash": re.compile(r"(?P<num>[—–])\s+(?P<text>\S.*)")},
    conclusions_start=re.compile(r"Қазақстан\s+Республикасының(?:\s+Президент[іi])?"
                                 r"(?:\s+[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s*[А-ЯЁӘҒҚҢӨҰҮҺІ][А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі-]+)?\s*$"),
    annex=re.compile(rf"(?P<num>{NKZ}){_D}қосымша\s*$|(?:ҚОСЫМША|Қосымша)\s*$"),
    annex_label="қосымша",
    banner=re.compile(r"(?:ҚР\s+)?ЗҚАИ-ның\s+ескертпес[іi]\s*!"),
    footnote=re.compile(r"Ескерту\s*\."),
    toc_placeholder=re.compile(r"(?:МАЗМҰНЫ|МАЗМҰН)\s*$"),
    repealed=re.compile(r"^(?:[Аа]лып\s+тасталды|[Аа]лынып\s+тасталды|[Кк]үші\s+жойылды)\b"),
    bill_marker=re.compile(r"^(?:ЖОБА|Жоба)\b"),
    # "... туралы" (a law), "... кодексі" (a code), the Constitution ("... Конституциясы")
    # (or in quotation marks after the requisites: "... № 193-VII ҚРЗ Заңы «... туралы»": group title)
    title_pattern=re.compile(r"[^«]*«(?P<title>[^»]*\bтуралы)»|.*(?:\bтуралы|\bкодекс[іi]|\bКонституциясы|ТУРАЛЫ|КОДЕКС[ІI])»?\s*$"),
    title_pattern_only=True,
    authors=[(re.compile(r"ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ|Қазақстан Республикасының"), "legislature",
              "Parliament of the Republic of Kazakhstan")],
    # the kind of act and the state ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЗАҢЫ"), the requisites line
    title_skip=re.compile(r"(?![^«]*«)(?:(?:ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ|Қазақстан Республикасының)\s+(?:ЗАҢЫ|Заңы|КОДЕКСІ|Кодексі)"
                          r"|\d{4}\s+жылғы|Астана,|Ақорда|№\s*\d)"),
    #: legacy spelling writes the Latin letter i for і ("Нормативтiк"): patterns accept both
    #: requisites: "2025 жылғы 17 қарашадағы № 230-VIII ҚРЗ"
    date_patterns=[re.compile(r"(?P<year>\d{4})\s+жылғы\s+(?P<day>\d{1,2})\s+(?P<month>[а-яәғқңөұүһі]+)\s*№")],
    number_patterns=[re.compile(rf"№\s*(?P<number>{NKZ}-[IVXLCІ]+)"), re.compile(r"№\s*(?P<number>\d+(?:-[IVXLCІ]+)?)")],
    months=MONTHS_KK,
    detect=[(re.compile(r"\d+(?:-\d+)*-бап\."), 5.0), (re.compile(r"\d+-тарау\."), 4.0),
            (re.compile(r"Қазақстан\s+Республикасының"), 3.0), (re.compile(r"[әғқңөұүһ]"), 0.2),
            (re.compile(r"Ескерту\.|ЗҚАИ"), 4.0)],
    article_label="бап",
    letters=KK_LOWER,
)

PROFILES = [KK_KZ]
