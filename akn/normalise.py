"""Turn the bytes or text a user gives us into clean, numbered lines.

Guarantees (each is tested in ``tests/test_normalise.py``):

1. **Encoding.** Bytes are decoded from UTF-8 (with or without BOM), UTF-16
   and UTF-32 (with BOM, or UTF-16 without BOM when every other byte is NUL),
   or Windows-1251 when they are not valid UTF-8. Anything else, binary data
   (NUL bytes, many control characters) and empty input raise
   :class:`~akn.errors.InputError` with a message a person can act on.
2. **Line breaks.** CRLF, CR, LF, NEL, LS and PS all end a line. Line numbers
   are those of the original text, 1-based, and survive every later step.
3. **Spaces.** Tabs, NBSP and the other Unicode spaces become ASCII spaces;
   runs of spaces (justified or hard-wrapped text) become one space; leading
   indentation and trailing spaces are removed from the text. The width of
   the indentation is kept beside each line (``Source.indents``): it never
   decides a unit's level, but a line indented less than the paragraph it
   follows shows that paragraph was hard-wrapped.
4. **Invisible characters.** Soft hyphens, zero-width spaces/joiners, word
   joiners, BOMs inside the text, C0/C1 control characters and the
   noncharacters U+FFFE/U+FFFF (which XML forbids) are removed.
5. **Unicode.** The text is in NFC.
6. **Nothing else changes**: no word is added, dropped or reordered.

>>> src = normalise_text("\\ufeffArticle\\u00a01\\r\\n\\r\\n  Sub\\u00adject-matter\\t \\n")
>>> src.lines, src.linenos
(['Article 1', 'Subject-matter'], [1, 3])
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from akn.errors import Diagnostic, InputError

#: Characters mapped to an ASCII space.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
#: Invisible characters deleted outright.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\ufffe\uffff"  # (the last two are not allowed in XML)
#: Line separators other than \n.
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_TABLE: dict[int, str | None] = {ord(c): " " for c in _SPACES}
_TABLE.update({ord(c): None for c in _INVISIBLE})
for _c in range(0x20):
    if chr(_c) not in "\n\t\r\x0b\x0c\x1c\x1d\x1e":
        _TABLE[_c] = None
for _c in range(0x7F, 0xA0):
    if _c != 0x85:
        _TABLE[_c] = None
_TABLE.update({ord(c): "\n" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})

_MULTISPACE = re.compile(" {2,}")   # applied to stripped lines: every run left is inside the line
_INVISIBLE_RE = re.compile("[" + _INVISIBLE + "]")
_SPACES_RE = re.compile("[" + _SPACES + "]")
_BREAKS_RE = re.compile("\r\n?|[" + _BREAKS[1:] + "]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
#: The control characters deleted (those not turned into a space or a line break).
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, *range(0x7F, 0x85), *range(0x86, 0xA0)])


def _holds_any(text: str, chars: str) -> bool:
    """Whether *text* holds any of *chars*: one fast substring scan per character, far quicker on a
    whole act than a regular expression's character class."""
    return any(c in text for c in chars)

#: Largest input accepted (bytes of text). Bigger files are refused, not half-read.
MAX_INPUT_BYTES = 256 * 1024 * 1024
#: Longest single line accepted; longer lines are not legislation.
MAX_LINE_CHARS = 1_000_000


@dataclass
class Source:
    """Normalised non-blank lines and, for each, its 1-based line number in the input."""

    lines: list[str]
    linenos: list[int]
    name: str = "<text>"
    blank_before: list[bool] = field(default_factory=list)
    #: for Markdown input: whether each line was a ``#`` heading
    md_heading: list[bool] = field(default_factory=list)
    #: leading spaces of each line in the input (tabs count as one space)
    indents: list[int] = field(default_factory=list)

    def diagnostic(self, index: int, message: str, severity: str = "warning", col: int = 1,
                   code: str = "") -> Diagnostic:
        """A diagnostic pointing at the *index*-th kept line."""
        return Diagnostic(message, line=self.linenos[index], col=col, source=self.name,
                          severity=severity, code=code, context=self.lines[index])


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Decode input bytes as described in guarantee 1 of the module docstring.

    >>> decode("Статья 1".encode("cp1251"))
    'Статья 1'
    >>> decode("Article 1".encode("utf-16"))
    'Article 1'
    """
    if not data:
        raise InputError(f"{name}: the file is empty; expected the text of an act",
                         Diagnostic("the file is empty; expected the text of an act", source=name))
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: the file is larger than {MAX_INPUT_BYTES // 2**20} MiB",
                         Diagnostic(f"the file is larger than {MAX_INPUT_BYTES // 2**20} MiB", source=name))
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_with(data, codec, name)
    head = data[:4096]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text[:4096] and not _mostly_control(text):
        return text
    utf16 = _utf16_without_bom(head)   # UTF-16 without BOM is not valid, or not sensible, UTF-8
    if utf16:
        return _decode_with(data, utf16, name)
    if text is not None or b"\x00" in head:
        raise _binary(name)
    text = data.decode("cp1251", errors="replace")
    if text.count("\ufffd") > len(text) // 100 or _mostly_control(text):
        raise _binary(name) from None
    return text


def _utf16_without_bom(head: bytes) -> str:
    """``utf-16-le``/``utf-16-be`` when *head* reads as UTF-16 text without a BOM, else ``""``.

    In UTF-16 text of Latin and Cyrillic scripts the high byte of every
    code unit takes a handful of values (0x00 for ASCII, 0x04 for Cyrillic,
    0x20-0x21 for dashes and ``№``), while the low bytes vary.
    """
    if len(head) < 4:
        return ""
    even, odd = head[0::2], head[1::2]
    high = {0x00, 0x04, 0x05, 0x20, 0x21}
    for codec, high_bytes, low_bytes in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if sum(b in high for b in high_bytes) >= 0.95 * len(high_bytes) and high_bytes.count(0) < len(high_bytes) \
                or (high_bytes.count(0) >= 0.3 * len(high_bytes) and low_bytes.count(0) == 0):
            try:
                sample = head[: len(head) - len(head) % 2].decode(codec)
            except UnicodeDecodeError:
                continue
            if not _mostly_control(sample):
                return codec
    return ""


def _decode_with(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        msg = f"the file starts like {codec.upper()} but byte {exc.start} is not valid {codec.upper()}"
        raise InputError(f"{name}: {msg}", Diagnostic(msg, source=name)) from None


def _mostly_control(text: str) -> bool:
    sample = text[:65536]
    if "\x00" in sample:
        return True
    bad = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\x0c")
    return bad > max(8, len(sample) // 200)


def _binary(name: str) -> InputError:
    msg = "this looks like a binary file, not text; expected a plain-text act (UTF-8, UTF-16 or Windows-1251)"
    return InputError(f"{name}: {msg}", Diagnostic(msg, source=name))


def normalise_text(text: str, name: str = "<text>") -> Source:
    """Apply guarantees 2 to 6 and return the non-blank lines with their numbers."""
    if not text.isascii():
        if _holds_any(text, _INVISIBLE):
            text = _INVISIBLE_RE.sub("", text)
        if _holds_any(text, _SPACES):
            text = _SPACES_RE.sub(" ", text)
        if _holds_any(text, _BREAKS):
            text = _BREAKS_RE.sub("\n", text.replace("\r\n", "\n"))
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    else:
        if "\t" in text:
            text = text.replace("\t", " ")
        if "\r" in text or "\x0b" in text or "\x0c" in text:
            text = _BREAKS_RE.sub("\n", text.replace("\r\n", "\n"))
    if _holds_any(text, _CONTROLS):
        text = _CONTROL_RE.sub("", text)
    raws = text.split("\n")
    stripped = [raw.strip(" ") for raw in raws]
    if "  " in text:   # runs of spaces inside a line become one (line by line: indentation is no match)
        stripped = [_MULTISPACE.sub(" ", line) if "  " in line else line for line in stripped]
    keep = [k for k, line in enumerate(stripped) if line]   # (whole-list steps: a loop per line costs more)
    lines = [stripped[k] for k in keep]
    if lines and max(map(len, lines)) > MAX_LINE_CHARS:
        k = next(k for k in keep if len(stripped[k]) > MAX_LINE_CHARS)
        number, length = k + 1, len(stripped[k])
        msg = (f"line {number} is {length:,} characters long; an act's lines are "
               f"at most {MAX_LINE_CHARS:,} (is this really a plain-text act?)")
        raise InputError(f"{name}:{number}:1: {msg}",
                         Diagnostic(msg, line=number, col=1, source=name))
    linenos = [k + 1 for k in keep]
    blank_before = [k == 0 or not stripped[k - 1] for k in keep]
    indents = [len(raws[k]) - len(raws[k].lstrip(" ")) for k in keep]
    if not lines:
        msg = "the file holds only blank space; expected the text of an act"
        raise InputError(f"{name}: {msg}", Diagnostic(msg, source=name))
    return Source(lines, linenos, name, blank_before, indents=indents)


def normalise(data: bytes | str, name: str = "<text>") -> Source:
    """Decode (when given bytes) and normalise."""
    text = decode(data, name) if isinstance(data, bytes) else data
    return normalise_text(text, name)
