"""Russian profiles: Kazakhstan's Russian texts (adilet, zan.gov.kz) and Russian Federation acts."""
from __future__ import annotations

import re

from akn.profiles.base import Head, Profile
from akn.profiles.common import GLUE, HEAD, MONTHS_RU, NKZ, NRF, ROM

_I = re.IGNORECASE
CYR_LOWER = "абвгдежзийклмнопрстуфхцчшщэюя"
_LETTER = re.compile(r"(?P<num>[а-яё](?:[.-]\d+)?)\)(?:\s+(?P<text>\S.*)|$)")
#: requisites: "от 17 ноября 2025 года № 230-VIII", "Астана, Акорда, 6 февраля 2023 года № 193-VII ЗРК"
_DATE_RU = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[а-я]+)\s+(?P<year>\d{4})\s*(?:года|г\.)\s*(?:№|N\b)")
_DATE_DOTS = re.compile(r"от\s+(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4})\s*(?:г\.\s*)?(?:№|N\b)")
#: Russian Federation: "от 19 марта 1997 года" in the title, or the date alone on its line after "Москва, Кремль"
_DATE_RF = re.compile(r"(?:^|от\s+|Кремль,?\s+)(?P<day>\d{1,2})\s+(?P<month>[а-я]+)\s+(?P<year>\d{4})\s*(?:года|г\.)"
                      r"\s*(?:N\s*\d+-ФК?З\s*)?$")
_BANNER_RU = re.compile(r"(?:Примечание\s+(?:ИЗПИ|РЦПИ)|Вниманию\s+пользователей)\s*!")
_FOOTNOTE_RU = re.compile(r"Сноска\s*\.")
_TOC_RU = re.compile(r"(?:СОДЕРЖАНИЕ|ОГЛАВЛЕНИЕ)\s*$")
_REPEALED_RU = re.compile(r"^(?:[Ии]сключ[её]н[аоы]?|[Уу]тратил[аи]?\s+силу)\b")
_BILL_RU = re.compile(r"^(?:ПРОЕКТ|Проект)\b")
#: the notes of an article, a unit below it whose numbered notes are its points:
#: "Примечания. 1. В настоящей статье ..." / "2. ...", or "Примечания:" alone before them
#: (a single unnumbered "Примечание. Текст." stays text of the article)
NOTES_HEAD = Head("notes", re.compile(r"(?P<heading>Примечани[ея]\s*[.:])(?:\s*(?P<text>1\.\s*\S.*))?\s*$"), 55,
                  False, label="")
#: ordinal numbers of parts written in words (masculine: "РАЗДЕЛ ПЕРВЫЙ")
_ORDINAL_M = ("ПЕРВЫЙ|ВТОРОЙ|ТРЕТИЙ|ЧЕТВ[ЕЁ]РТЫЙ|ПЯТЫЙ|ШЕСТОЙ|СЕДЬМОЙ|ВОСЬМОЙ|ДЕВЯТЫЙ|ДЕСЯТЫЙ"
              "|Первый|Второй|Третий|Четв[её]ртый|Пятый|Шестой|Седьмой|Восьмой|Девятый|Десятый")
#: the title of a law ("О ...", "Об аквакультуре"), of a code ("Воздушный кодекс ...", "Кодекс ... о ..."), of
#: the Constitution
#: the Constitution; or the title in quotation marks after the kind and requisites of the act ("Закон Республики
#: Казахстан от 6 февраля 2023 года № 193-VII ЗРК «О цифровых активах в Республике Казахстан»": group title)
_TITLE_RU = re.compile(r"^[«\"]?(?:Об?|Обо)\s+\S|^[А-ЯЁ][а-яё]+\s+(?:кодекс|КОДЕКС)|^(?:КОДЕКС|Кодекс)\b"
                       r"|^[А-ЯЁ]+\s+КОДЕКС\b|^(?:КОНСТИТУЦИЯ|Конституция)\b"
                       r"|^(?:ФЕДЕРАЛЬНЫЙ\s+|Федеральный\s+)?(?:ЗАКОН|Закон|закон)\b[^«]*«(?P<title>(?:Об?|Обо)\s[^»]+)»")
#: lines of the title block that are never the title: the kind of act and the state ("ЗАКОН РЕСПУБЛИКИ
#: КАЗАХСТАН", "РОССИЙСКАЯ ФЕДЕРАЦИЯ", "ФЕДЕРАЛЬНЫЙ ЗАКОН"), the requisites ("Принята всенародным голосованием
#: ...", "Принят Государственной Думой ..."), the list of amending acts ("(в ред. ...)"), place and date
_TITLE_SKIP_RU = re.compile(r"(?:(?![^«]*«)(?:ФЕДЕРАЛЬНЫЙ\s+)?(?:КОНСТИТУЦИОННЫЙ\s+)?(?:ЗАКОН|Закон)\b.*(?:РЕСПУБЛИКИ|Республики|ФЕДЕРАЦИИ|Федерации)\s*\S*\s*$"
                            r"|(?:ФЕДЕРАЛЬНЫЙ|Федеральный)\s+(?:КОНСТИТУЦИОННЫЙ\s+|конституционный\s+)?(?:ЗАКОН|закон)\s*$"
                            r"|(?:РОССИЙСКАЯ ФЕДЕРАЦИЯ|РЕСПУБЛИКА КАЗАХСТАН)\s*$"
                            r"|(?:Принят[аоы]?|Одобрен[аоы]?|Подписан[аоы]?)\s"
                            r"|\(\s*(?:[Вв]\s+ред|[Сс]\s+(?:изменениями|учетом))|Москва,|Астана,|Акорда"
                            r"|\d{1,2}\s+[а-я]+\s+\d{4}\s*(?:года|г\.)|(?:№|N)\s*\d)")
#: requisites glued after a title: "Воздушный кодекс Российской Федерации Принят Государственной Думой ..."
_TITLE_END_RU = re.compile(r"\s+(?:Принят[аоы]?|Одобрен[аоы]?|\(\s*[Вв]\s+ред)\s")

RU_KZ = Profile(
    name="ru-kz", lang="rus", script="cyrillic", tradition="kz", country="kz",
    heads=[
        Head("part", re.compile(r"(?:ОБЩАЯ|ОСОБЕННАЯ)\s+(?P<num>ЧАСТЬ)\s*$"), 5, False, label=""),
        Head("part", re.compile(rf"(?:РАЗДЕЛ|Раздел)\s+(?P<num>{NKZ}|{ROM})\.?{HEAD}"), 10, True, True, label="Раздел"),
        Head("subpart", re.compile(rf"(?:ПОДРАЗДЕЛ|Подраздел)\s+(?P<num>{NKZ}|{ROM})\.?{HEAD}"), 15, True, True, label="Подраздел"),
        Head("chapter", re.compile(rf"(?:ГЛАВА|Глава)\s+(?P<num>{NKZ}|{ROM})\.?{HEAD}"), 30, True, True, label="Глава"),
        Head("subchapter", re.compile(rf"(?:ПАРАГРАФ|Параграф|§)\s*(?P<num>{NKZ})\.?{HEAD}"), 40, False, label="Параграф"),
        Head("article", re.compile(rf"(?:СТАТЬЯ|Статья)\s+(?P<num>{NKZ})(?:\s*\.|\s*$){HEAD}"), 50, False, label="Статья"),
        NOTES_HEAD,
    ],
    items={"dot": "paragraph", "close_num": "point", "close_alpha": "point", "dash": "indent"},
    block_styles=frozenset({"dot"}),
    item_patterns={"dot": re.compile(rf"(?P<num>{NKZ})\.(?:{GLUE}(?P<text>.*)|$)"),
                   "close_num": re.compile(rf"(?P<num>{NKZ})\)(?:\s*(?P<text>\S.*)|$)"),
                   "close_alpha": _LETTER,
                   "dash": re.compile(r"(?P<num>[—–])\s+(?P<text>\S.*)")},
    conclusions_start=re.compile(r"Президент(?:\s+Республики\s+Казахстан)?(?:\s+[А-ЯЁ]\.\s*[А-ЯЁ][А-ЯЁа-яё-]+)?\s*$"),
    annex=re.compile(rf"(?:ПРИЛОЖЕНИЕ|Приложение)(?:\s+(?:№\s*)?(?P<num>{NKZ}))?(?:\s+(?P<heading>к\s.*))?\s*$"),
    annex_label="Приложение",
    banner=_BANNER_RU,
    footnote=_FOOTNOTE_RU,
    toc_placeholder=_TOC_RU,
    repealed=_REPEALED_RU,
    bill_marker=_BILL_RU,
    title_pattern=_TITLE_RU,
    title_pattern_only=True,
    title_skip=_TITLE_SKIP_RU,
    title_end=_TITLE_END_RU,
    authors=[(re.compile(r"РЕСПУБЛИКИ КАЗАХСТАН|Республики Казахстан"), "legislature",
              "Parliament of the Republic of Kazakhstan")],
    date_patterns=[_DATE_RU, _DATE_DOTS],
    number_patterns=[re.compile(rf"№\s*(?P<number>{NKZ}-[IVXLCІ]+)"), re.compile(r"№\s*(?P<number>\d+(?:-[IVXLCІ]+)?)")],
    months=MONTHS_RU,
    detect=[(re.compile(r"Статья\s+\d+(?:-\d+)*\.\s+\S"), 4.0), (re.compile(r"Республики\s+Казахстан"), 2.0),
            (re.compile(r"Глава\s+\d+\.\s"), 3.0), (re.compile(r"\d+-\d+\)"), 2.0),
            (re.compile(r"Сноска\.|ИЗПИ"), 4.0), (re.compile(r"ЗРК"), 4.0)],
    article_label="Статья",
    letters=CYR_LOWER,
)

RU_RF = Profile(
    name="ru-rf", lang="rus", script="cyrillic", tradition="ru", country="ru",
    heads=[
        Head("part", re.compile(r"ЧАСТЬ\s+(?P<num>ПЕРВАЯ|ВТОРАЯ|ТРЕТЬЯ|ЧЕТВЕРТАЯ|\d+)" + HEAD), 5, True, True, label="ЧАСТЬ"),
        Head("part", re.compile(rf"(?:РАЗДЕЛ|Раздел)\s+(?P<num>{ROM}(?:\.\d+)*|\d+)\.?{HEAD}"), 10, True, True, label="Раздел"),
        # a part numbered in words stands alone, its title on the next line in any case (the Constitution:
        # "РАЗДЕЛ ВТОРОЙ" / "Заключительные и переходные положения")
        Head("part", re.compile(rf"(?:РАЗДЕЛ|Раздел)\s+(?P<num>{_ORDINAL_M})\s*$"), 10, True, False, label="Раздел"),
        Head("chapter", re.compile(rf"(?:ГЛАВА|Глава)\s+(?P<num>{ROM}(?:\.\d+)*|{NRF})\.?{HEAD}"), 30, True, True, label="Глава"),
        Head("subchapter", re.compile(rf"§\s*(?P<num>{NRF})\.?{HEAD}"), 40, False, label="§"),
        Head("article", re.compile(rf"(?:СТАТЬЯ|Статья)\s+(?P<num>{NRF}(?:-\d+)*)(?:\s*\.|\s*$){HEAD}"), 50, False, label="Статья"),
        NOTES_HEAD,
    ],
    items={"dot": "paragraph", "close_num": "point", "close_alpha": "point", "dash": "indent"},
    block_styles=frozenset({"dot"}),
    item_patterns={"dot": re.compile(rf"(?P<num>{NRF}(?:-\d+)*)\.(?:{GLUE}(?P<text>.*)|$)"),
                   "close_num": re.compile(rf"(?P<num>{NRF}(?:-\d+)*)\)(?:\s*(?P<text>\S.*)|$)"),
                   "close_alpha": _LETTER,
                   "dash": re.compile(r"(?P<num>[—–])\s+(?P<text>\S.*)")},
    conclusions_start=re.compile(r"(?:Президент(?:\s+Российской\s+Федерации)?"
                                 r"(?:\s+[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.\s*)?[А-ЯЁ][А-ЯЁа-яё-]+)?\s*$"
                                 r"|Москва,\s+Кремль)"),
    annex=re.compile(rf"(?:ПРИЛОЖЕНИЕ|Приложение)(?:\s+(?:N|№)\s*(?P<num>{NRF}))?(?:\s+(?P<heading>к\s.*))?\s*$"),
    annex_label="Приложение",
    footnote=re.compile(r"Сноска\s*\."),
    history=re.compile(r"\((?:(?:[Нн]аименование|[Аа]бзац|[Пп]ункт|[Пп]одпункт|[Чч]асть|[Сс]татья|[Гг]лава|[Рр]аздел)"
                       r"[^)]{0,40}?\s)?(?:в\s+ред\.|введен|утратил|исключен|дополнен)"
                       r"|\((?:[А-Я][а-я]+)\s+[\d.-]+\S*\s+(?:введен|утратил|исключен|дополнен)"),
    toc_placeholder=_TOC_RU,
    inline_note=re.compile(r"\s*\((?:в\s+ред(?:\.|акции)|введен[аоы]?\s|утратил[аи]?\s+силу|исключен[аоы]?\s)"
                           r"[^()]*(?:\([^()]*\)[^()]*)*\)"),
    repealed=_REPEALED_RU,
    bill_marker=_BILL_RU,
    title_pattern=_TITLE_RU,
    title_pattern_only=True,
    title_skip=_TITLE_SKIP_RU,
    title_end=_TITLE_END_RU,
    # a constitution adopted by popular vote has the people for author
    authors=[(re.compile(r"^Принят[аоы]?\s+всенародным\s+голосованием"), "people", "Multinational people of the Russian Federation"),
             (re.compile(r"Государственной\s+Думой|РОССИЙСКАЯ ФЕДЕРАЦИЯ|Российской\s+Федерации"), "legislature",
              "Federal Assembly of the Russian Federation")],
    # (a constitution is dated by the vote that adopted it: "Принята всенародным голосованием 12 декабря 1993 года")
    date_patterns=[_DATE_RU, _DATE_RF,
                   re.compile(r"^Принят[аоы]?\s+всенародным\s+голосованием\s+(?P<day>\d{1,2})\s+(?P<month>[а-я]+)\s+"
                              r"(?P<year>\d{4})\s*(?:года|г\.)")],
    number_patterns=[re.compile(r"(?:N|№)\s*(?P<number>\d+-ФЗ|\d+-ФКЗ)")],
    publication=re.compile(r"(?P<name>Собрание законодательства (?:Российской Федерации|РФ)),\s+(?P<day>\d{2})\."
                           r"(?P<month>\d{2})\.(?P<year>\d{4}),\s+N\s+(?P<number>\d+)"),
    publication_name="Собрание законодательства Российской Федерации",
    months=MONTHS_RU,
    detect=[(re.compile(r"Российской\s+Федерации"), 3.0), (re.compile(r"ФЗ\b"), 3.0),
            (re.compile(r"Статья\s+\d+\.\d+"), 3.0), (re.compile(r"ГЛАВА\s+[IVXLC]+\."), 3.0),
            (re.compile(r"Статья\s+\d+\.\s+\S"), 2.0)],
    article_label="Статья",
    letters=CYR_LOWER,
)

PROFILES = [RU_KZ, RU_RF]
