"""editorial-note: an editorial note left inside the law text."""
from __future__ import annotations

import re
from collections.abc import Iterable

from akn.errors import Diagnostic
from akn.lint.linter import NS, Linter
from akn.lint.registry import register

_EDITORIAL = re.compile(
    r"(?:^|\s)(?:Сноска\s*\.|Ескерту\s*\.|Footnote\s*\.|Примечание\s+(?:ИЗПИ|РЦПИ)\s*!|ЗҚАИ-ның\s+ескертпесі\s*!"
    r"|Вниманию\s+пользователей\s*!|\[Editor['’]s\s+note|\((?:[Вв]\s+ред\.|[Пп]ункт[^)]{0,20}введен|[Сс]тать[яи][^)]{0,20}"
    r"(?:введен|в\s+ред\.)|[Чч]асть[^)]{0,20}введен|[Пп]одпункт[^)]{0,20}введен|[Аа]бзац[^)]{0,30}введен)"
    r"|\(см\.\s+стар\.\s+ред\.\))")


def check_editorial(linter: Linter) -> Iterable[Diagnostic]:
    if linter.body is None:
        return
    for p in linter.body.iter(NS + "p"):
        text = "".join(p.itertext())
        m = _EDITORIAL.search(text)
        if m:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            fragment = text[start:]
            yield linter.at_text("editorial-note", f"editorial note inside the law text: {fragment[:50]!r}", p, start)


register("editorial-note", "warning", "an editorial note left inside the law text", check_editorial)
