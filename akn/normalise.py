"""Turn the bytes or text a user gives us into clean, numbered lines.

Guarantees (each is tested in ``tests/test_normalise.py``):

1. **Encoding.** Bytes are decoded from UTF-8 (with or without BOM), UTF-16
   and UTF-32 (with BOM, or UTF-16 without BOM when every other byte is NUL),
   or Windows-1251 when they are not UTF-8. Bytes that are *mostly* UTF-8 (at
   least four of every five non-ASCII characters decode) are UTF-8 with a few
   bad bytes: each bad sequence becomes U+FFFD and a warning names its byte
   offset, line and column (``Source.warnings``); Windows-1251 text almost never
   forms a valid UTF-8 sequence, so one stray byte cannot turn a UTF-8 act into
   mojibake. Anything else, binary data (NUL bytes, many control characters)
   and empty input raise :class:`~akn.errors.InputError` with a message a
   person can act on. A ``str`` holding lone surrogates (which no encoding
   can write) has each replaced by U+FFFD, with a warning.
2. **Line breaks.** CRLF, CR, LF, NEL, LS and PS all end a line, and so do
   the information separators FS, GS and RS (``\\x1c``-``\\x1e``, which
   ``str.splitlines`` also breaks at) and VT and FF. Line numbers are those of
   the original text, 1-based, and survive every later step.
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
import threading
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
    #: problems met while decoding (bad bytes in UTF-8, lone surrogates): warnings, nothing refused
    warnings: list[Diagnostic] = field(default_factory=list)

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
    >>> decode(b"\\xff" + "Статья 1".encode())
    '\\ufffdСтатья 1'
    """
    return decode_report(data, name)[0]


def decode_report(data: bytes, name: str = "<bytes>") -> tuple[str, list[Diagnostic]]:
    """:func:`decode`, and the warnings about bytes that were not valid UTF-8.

    >>> text, warnings = decode_report(b"Article 1\\nText \\xff here.\\n" + "«цитата»".encode() * 2)
    >>> print(warnings[0].format(with_context=False))
    <bytes>:2:6: warning: byte 15 (0xff) is not valid UTF-8; read as U+FFFD (the rest of the file is UTF-8)
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
            if codec == "utf-8-sig" and _mostly_utf8(data[len(bom):]):   # (a BOM before Windows-1251 lies)
                return _decode_mostly_utf8(data[len(bom):], name, offset=len(bom))
            return _decode_with(data, codec, name), []
    head = data[:4096]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text[:4096] and not _mostly_control(text):
        return text, []
    utf16 = _utf16_without_bom(head)   # UTF-16 without BOM is not valid, or not sensible, UTF-8
    if utf16:
        return _decode_with(data, utf16, name), []
    if text is not None or b"\x00" in head:
        raise _binary(name)
    if _mostly_utf8(data):
        return _decode_mostly_utf8(data, name)
    text = data.decode("cp1251", errors="replace")
    if text.count("\ufffd") > len(text) // 100 or _mostly_control(text):
        raise _binary(name) from None
    return text, []


#: UTF-8 is chosen when at least this many valid non-ASCII characters stand for each bad byte
UTF8_EVIDENCE = 4
#: at most this many bad places are named one by one; the rest are counted in one more warning
MAX_BAD_BYTES_NAMED = 10
_ASCII = bytes(range(128))


def _mostly_utf8(data: bytes) -> bool:
    """Do at least four in five of the non-ASCII characters of *data* decode as UTF-8?

    Text in Windows-1251 forms a valid UTF-8 sequence for far fewer than one
    character in a hundred (a capital letter followed by ``»``, say), so the
    two are told apart by a wide margin.

    >>> _mostly_utf8(b"\\xff" + "Статья 1. Сфера".encode()), _mostly_utf8("Статья 1. Сфера".encode("cp1251"))
    (True, False)
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - (len(data) - len(data.translate(None, _ASCII)))   # ASCII bytes are ASCII characters
    valid = non_ascii - bad
    return valid > 0 and valid >= UTF8_EVIDENCE * bad


_BAD = threading.local()


def _record_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _BAD.places.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("akn-record-bad-bytes", _record_bad_bytes)


def _decode_mostly_utf8(data: bytes, name: str, offset: int = 0) -> tuple[str, list[Diagnostic]]:
    """UTF-8 with each bad sequence read as U+FFFD, and a warning naming where each one stands."""
    _BAD.places = []
    try:
        text = data.decode("utf-8", "akn-record-bad-bytes")
        places, _BAD.places = _BAD.places, []
    finally:
        _BAD.places = []
    if not places:
        return text, []
    if _mostly_control(text):
        raise _binary(name)
    warnings = []
    line, line_start, scanned = 1, 0, 0
    for start, end in places[:MAX_BAD_BYTES_NAMED]:
        # line and column of the bad bytes, counting line breaks as normalise_text does
        chunk = data[scanned:start]
        breaks = chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
        if breaks:
            line += breaks
            line_start = scanned + max(chunk.rfind(b"\n"), chunk.rfind(b"\r")) + 1
        scanned = start
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        shown = " ".join(f"0x{b:02x}" for b in data[start:end])
        many = "bytes" if end - start > 1 else "byte"
        msg = (f"{many} {offset + start} ({shown}) {'are' if end - start > 1 else 'is'} not valid UTF-8; "
               f"read as U+FFFD (the rest of the file is UTF-8)")
        warnings.append(Diagnostic(msg, line=line, col=col, source=name, severity="warning",
                                   code="bad-utf8"))
    if len(places) > MAX_BAD_BYTES_NAMED:
        rest = len(places) - MAX_BAD_BYTES_NAMED
        msg = f"{rest} more place(s) hold bytes that are not valid UTF-8; each was read as U+FFFD"
        warnings.append(Diagnostic(msg, source=name, severity="warning", code="bad-utf8"))
    return text, warnings


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
    warnings: list[Diagnostic] = []
    if not text.isascii():
        if _SURROGATE_RE.search(text):
            text, warnings = _replace_surrogates(text, name)
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
        if _holds_any(text, "\r\x0b\x0c\x1c\x1d\x1e"):
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
    return Source(lines, linenos, name, blank_before, indents=indents, warnings=warnings)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(text: str, name: str) -> tuple[str, list[Diagnostic]]:
    """Lone surrogates (a ``str`` from a broken decoder) become U+FFFD, each named in a warning.

    >>> text, warnings = _replace_surrogates("a\\nb\\udf34c", "<text>")
    >>> text, print(warnings[0].format(with_context=False))
    <text>:2:2: warning: U+DF34 is a lone surrogate, which no encoding can write; read as U+FFFD
    ('a\\nb\\ufffdc', None)
    """
    warnings = []
    for k, m in enumerate(_SURROGATE_RE.finditer(text)):
        if k == MAX_BAD_BYTES_NAMED:
            warnings.append(Diagnostic("more lone surrogates were read as U+FFFD", source=name,
                                       severity="warning", code="surrogate"))
            break
        before = _BREAKS_RE.sub("\n", text[:m.start()])
        line = before.count("\n") + 1
        col = len(before) - before.rfind("\n")   # (rfind is -1 on the first line: col is len + 1)
        warnings.append(Diagnostic(f"U+{ord(m.group()):04X} is a lone surrogate, which no encoding can "
                                   f"write; read as U+FFFD", line=line, col=col, source=name,
                                   severity="warning", code="surrogate"))
    return _SURROGATE_RE.sub("\ufffd", text), warnings


def normalise(data: bytes | str, name: str = "<text>") -> Source:
    """Decode (when given bytes) and normalise."""
    if isinstance(data, bytes):
        text, warnings = decode_report(data, name)
    else:
        text, warnings = data, []
    src = normalise_text(text, name)
    src.warnings[:0] = warnings
    return src
