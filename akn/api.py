"""The library's front door: :func:`parse` and :func:`parse_file`."""
from __future__ import annotations

import gc
import os
from dataclasses import replace
from pathlib import Path

from akn import lang as lang_packs
from akn.build import build
from akn.document import Document
from akn.errors import Diagnostic, InputError
from akn.classify import prepare
from akn.lexer import LexInput
from akn.markdown import looks_like_markdown, strip_markdown
from akn import frontmatter
from akn import sidecar as _sidecar
from akn.identity import derive_number, law_text
from akn.metadata import UNKNOWN_NUMBER, detect_metadata
from akn.sidecar import Given, from_mapping
from akn.normalise import normalise
from akn.parser import parse_lines
from akn.postprocess import Context, run_passes
from akn.profiles import COUNTRY_TRADITION, REGISTRY, Detection, detect, detect_with_evidence
from akn.structure_check import check_structure

#: accepted document types
DOCTYPES = ("act", "bill")


def parse(text: str | bytes, *, lang: str | None = None, country: str | None = None,
          doctype: str | None = None, frbr_uri: str | None = None, tradition: str | None = None,
          source: str = "<text>", markdown: bool | None = None,
          passes: tuple[str, ...] | None = None, metadata: dict | Given | None = None) -> Document:
    """Parse the plain text of an act or bill into an Akoma Ntoso document.

    ``text`` may be ``str`` or undecoded ``bytes`` (UTF-8 with or without BOM,
    UTF-16, Windows-1251). ``lang`` (``en``, ``ru``, ``kk``), ``tradition``
    (``eu``, ``uk``, ``us``, ``kz``, ``ru``) and ``country`` are detected when
    not given. ``doctype`` is ``act`` or ``bill`` (detected from markers such
    as ``ПРОЕКТ`` or ``Proposal for a``). ``frbr_uri`` sets the work's identity
    (``/akn/kz/act/2025-11-17/230-VIII``). ``source`` names the input in
    messages. ``markdown`` forces or disables the Markdown clean-up
    (detected by default). ``passes`` names the post-parse passes to run
    (references, definitions ...; all by default, ``()`` for none).
    ``metadata`` gives what the text may not say, with the keys of
    :data:`akn.sidecar.KEYS` (``{"title": ..., "date": "2025-11-17",
    "number": "230-VIII"}``): those values win over what is read from the
    text (a difference is a ``metadata-conflict`` warning), the options of
    the call win over them; an unknown key or a bad value raises
    :class:`akn.sidecar.MetadataError`. Front matter at the top of the text
    (``---`` / ``title: ...`` / ``---``) is read as metadata too, below
    ``metadata``, and kept out of the body (see :mod:`akn.frontmatter`).

    Raises :class:`~akn.errors.InputError` for input that is not text, and
    for text that would need more memory than the parser allows itself (see
    :class:`MemoryBudget`: numbered units a few bytes each, by the hundred
    thousand, are not an act). Text the grammar does not recognise is kept
    and reported in ``Document.warnings``.
    """
    if doctype is not None and doctype not in DOCTYPES:
        raise ValueError(f"doctype must be one of {', '.join(DOCTYPES)}, not {doctype!r}")
    if metadata is not None and not isinstance(metadata, Given):
        metadata = from_mapping(metadata, "metadata")
    # the cyclic garbage collector would walk the growing tree again and again; it holds no cycles
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, lang=lang, country=country, doctype=doctype, frbr_uri=frbr_uri,
                      tradition=tradition, source=source, markdown=markdown, passes=passes, metadata=metadata)
    except MemoryError:
        msg = "there is not enough memory to parse this text (a memory limit of the process was reached)"
        raise InputError(f"{source}: {msg}", Diagnostic(msg, source=source)) from None
    finally:
        if enabled:
            gc.enable()


#: memory a parse may take: this many bytes per byte of input (UTF-8) ...
MEMORY_PER_INPUT_BYTE = 56
#: ... and this many more, whatever the input (the first parse loads the grammar and the profiles)
MEMORY_ALLOWANCE = 16 * 2**20
#: what classifying one line of input costs, at most (``benchmarks/memory_bench.py``)
LINE_COST = 160
#: what one numbered unit costs from its classified line to its part of the XML bytes, at most
UNIT_COST = 2000


class MemoryBudget:
    """The memory one parse may use, checked between its stages.

    The parser's memory grows with the number of lines and of numbered units
    far more than with the number of bytes: an act's units hold text, so a
    real act takes about 26 bytes per input byte, but 8 MB of ``(a)`` lines
    (two million units of four bytes) would take 4 GB. So before each stage
    that builds something per line or per unit, the budget compares what the
    process holds already plus what the stage will need (:data:`LINE_COST`
    per line, :data:`UNIT_COST` per unit) with its limit,
    ``MEMORY_PER_INPUT_BYTE`` × input bytes + ``MEMORY_ALLOWANCE``, and
    refuses the input with :class:`~akn.errors.InputError` before using the
    memory; after each stage it checks what was really used.

    >>> budget = MemoryBudget(1000, "act.txt")
    >>> budget.check("reading", coming=10 * LINE_COST)   # within the limit: nothing happens
    >>> budget.check("building the units", coming=30_000 * UNIT_COST, units=30_000)
    Traceback (most recent call last):
    akn.errors.InputError: act.txt: the text has 30,000 numbered units in 1,000 bytes: ...
    """

    def __init__(self, size: int, source: str):
        self.size, self.source = size, source
        self.limit = MEMORY_PER_INPUT_BYTE * size + MEMORY_ALLOWANCE
        self.start = _resident()

    def used(self) -> int:
        now = _resident()
        return 0 if now is None or self.start is None else max(0, now - self.start)

    def check(self, stage: str, coming: int = 0, units: int | None = None) -> None:
        need = self.used() + coming
        if need <= self.limit:
            return
        what = f"{units:,} numbered units" if units is not None else "so many lines and units"
        msg = (f"the text has {what} in {self.size:,} bytes: {stage} would take about "
               f"{need / 2**20:,.0f} MiB, more than the {self.limit / 2**20:,.0f} MiB a text of this size may "
               f"use ({MEMORY_PER_INPUT_BYTE} bytes per input byte and {MEMORY_ALLOWANCE // 2**20} MiB); "
               f"the units of an act hold text (is this an act?)")
        raise InputError(f"{self.source}: {msg}", Diagnostic(msg, source=self.source))


def _resident() -> int | None:
    """The resident memory of this process in bytes (None where it cannot be read cheaply)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _input_size(text: str | bytes) -> int:
    if isinstance(text, bytes):
        return len(text)
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _parse(text, *, lang, country, doctype, frbr_uri, tradition, source, markdown, passes, metadata) -> Document:
    budget = MemoryBudget(_input_size(text), source)
    src = normalise(text, source)
    budget.check("classifying the lines", coming=len(src.lines) * LINE_COST)
    decoding = src.warnings   # bad bytes, lone surrogates: reported first, before the parse's own warnings
    src, front, external, outside = _outside(src, metadata, source)
    chosen, conflicts = _sidecar.options(external, {"lang": lang, "country": country, "tradition": tradition,
                                                "doctype": doctype, "frbr_uri": frbr_uri}, source)
    lang, country, tradition = chosen["lang"], chosen["country"], chosen["tradition"]
    doctype, frbr_uri = chosen["doctype"], chosen["frbr_uri"]
    outside += conflicts
    if markdown or (markdown is None and (source.endswith(".md") or looks_like_markdown(src))):
        src = strip_markdown(src)
        if not src.lines:
            raise InputError(f"{source}: the file holds no text once its Markdown decoration is removed")
    if tradition is None and country:
        tradition = COUNTRY_TRADITION.get(country.lower())
    detection = detect_with_evidence(src.lines, lang=lang, tradition=tradition)
    profile = REGISTRY[detection.profile]
    if external and "language" in external.values and lang == external.values["language"]:
        outside += _language_conflict(src, external, source)
    lines = prepare(src, profile)
    lines, profile, structure, checked = check_structure(src, lines, profile, keep_profile=tradition is not None)
    detection = _after_structure(detection, profile.name)
    if detection.weak:
        checked.insert(0, _weak_detection(detection, source))
    units = sum(1 for c in lines if c.kind in _UNIT_KINDS)
    budget.check("building the units", coming=units * UNIT_COST, units=units)
    head, tail = _title_block(lines), [c.text for c in lines[-12:] if c.kind == "text"]
    body = [c.text for c in lines if c.kind in ("text", "item", "head")]   # where a short title may be stated
    tree = parse_lines(LexInput(lines, profile, src))
    del lines   # (peak memory: each stage's data is let go once the next one holds what it needs)
    budget.check("building the units", units=units)
    meta = detect_metadata(head, tail, profile, country=country, doctype=doctype, frbr_uri=frbr_uri,
                           source=source, body=body)
    del body
    outside += _sidecar.apply(meta, external, source)
    if meta.frbr is None and meta.number == UNKNOWN_NUMBER:
        meta.identity_number = derive_number(meta.title, law_text(tree))
    root, builder = build(tree, meta)
    if front is not None:
        frontmatter.keep(root, front)
    budget.check("building the XML", units=units)
    unrecognised = _unrecognised(tree, src)
    del tree
    context = Context(profile=profile, source=source, frbr_uri=meta.work_uri(), lines=builder.lines,
                      contexts=builder.contexts, language=lang_packs.get(profile.lang),
                      plain=lambda: _parse(text, lang=lang, country=country, doctype=doctype, frbr_uri=frbr_uri,
                                           tradition=tradition, source=source, markdown=markdown, passes=(),
                                           metadata=metadata).root)
    warnings: list[Diagnostic] = run_passes(root, context, passes)
    warnings[:0] = decoding + outside
    context.contexts = builder.contexts = {}
    warnings.extend(meta.warnings)
    warnings.extend(checked)
    warnings.extend(unrecognised)
    where = {n: i for i, n in enumerate(src.linenos)} if builder.ids.duplicates else {}
    for wanted, given in builder.ids.duplicates:
        line = builder.lines.get(given, 0)
        shown = src.lines[where[line]] if line in where else ""
        warnings.append(Diagnostic(f"number repeats: this unit would have eId {wanted!r} like an earlier one; "
                                   f"it was given {given!r} (check the numbering)", line=line, col=1,
                                   source=source, severity="warning", code="duplicate-number", context=shown))
    return Document(root=root, warnings=warnings, frbr_uri=meta.work_uri(), lang=meta.language,
                    tradition=profile.tradition, source=source, lines=builder.lines, structure=structure,
                    detection=detection, given=external.to_dict() if external else {})


def _after_structure(detection: Detection, kept: str) -> Detection:
    """The detection once the structure check has read the text with the profiles of its language: when
    the numbering of the units fits another profile, that one is the choice (the numbering is evidence)."""
    if kept == detection.profile:
        return detection
    return replace(detection, profile=kept, runner_up=detection.profile,
                   confidence=max(detection.confidence, 0.6),
                   evidence=(*detection.evidence,
                             f"{kept}: the numbering of the units reads consistently with it, not with "
                             f"{detection.profile}"))


def _weak_detection(detection: Detection, source: str) -> Diagnostic:
    runner = f"; {detection.runner_up} came close" if detection.runner_up else ""
    return Diagnostic(f"the language and drafting tradition are not clear from the text: read as "
                      f"{detection.profile} (confidence {detection.confidence:.2f}){runner}; give --lang and "
                      f"--tradition to choose", source=source, severity="warning", code="weak-detection")


def _language_conflict(src, given: Given, source: str) -> list[Diagnostic]:
    """A warning when the language given from outside is not the one the text reads as."""
    from akn import languages
    read = detect(src.lines[:200]).lang
    wanted = languages.code(given.values["language"]) or given.values["language"]
    if read == wanted:
        return []
    return [Diagnostic(f"language: the text reads as {read!r} but {given.origins['language']} gives "
                       f"{given.values['language']!r}; using {given.values['language']!r}",
                       source=source, severity="warning", code="metadata-conflict")]


def _outside(src, metadata: Given | None, source: str):
    """The text without its front matter, the front matter, the metadata given from outside the text
    (*metadata* over the front matter's), and warnings about the front matter."""
    src, front, warnings = frontmatter.split(src)
    given = metadata
    if front is not None:
        from_front, bad = _sidecar.lenient(front.data, source, front.key_lines,
                                           dict(zip(front.linenos, front.lines)))
        warnings += bad
        given = metadata.over(from_front) if metadata is not None else from_front
    return src, front, given, warnings


#: kinds of classified lines that start a unit of their own
_UNIT_KINDS = frozenset(("head", "item", "annex"))


def read_file(path: str | Path) -> bytes:
    """The bytes of an input file; an unreadable file raises :class:`~akn.errors.InputError`."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}",
                         Diagnostic(f"cannot read: {exc.strerror}", source=str(path))) from None


def parse_file(path: str | Path, *, sidecar: bool = True, **options) -> Document:
    """Read a file (any supported encoding) and :func:`parse` it.

    With *sidecar*, a file ``NAME.meta.yaml`` (``.meta.yml``, ``.meta.json``) beside ``NAME.txt``
    gives metadata (see :mod:`akn.sidecar`); a ``metadata`` option wins over it.
    """
    options.setdefault("source", str(path))
    if sidecar:
        options["metadata"] = with_sidecar(path, options.get("metadata"))
    return parse(read_file(path), **options)


def with_sidecar(path: str | Path, metadata: dict | Given | None = None) -> Given | None:
    """*metadata* over the metadata of the sidecar of *path* (when there is one)."""
    found = _sidecar.sidecar_path(path)
    if metadata is not None and not isinstance(metadata, Given):
        metadata = from_mapping(metadata, "metadata")
    if found is None:
        return metadata
    side = _sidecar.read_sidecar(found)
    return metadata.over(side) if metadata is not None else side


def _title_block(lines) -> list[str]:
    """The plain lines before the first unit: where the title and requisites stand."""
    block = []
    for c in lines[:80]:
        if c.kind in ("head", "item", "annex"):
            break
        if c.kind == "text":
            block.append(c.text)
    return block


def _unrecognised(tree, src) -> list[Diagnostic]:
    """Warn about text that stands loose in the body, outside any numbered unit."""
    found = []
    for part in tree.children:
        if part.kind not in ("body",):
            continue
        for child in part.children:
            if child.kind == "p" and child.index >= 0:
                found.append(src.diagnostic(
                    child.index, "text outside any article or numbered unit; kept as a text block",
                    code="loose-text"))
    return found
