"""Find the input files of a batch and plan where each output goes.

Each SRC is a file, a directory (walked recursively) or a glob pattern
(``laws/**/*.txt``). Files inside directories are kept when their name
matches one of the patterns (default ``*.txt`` and ``*.md``); files named
explicitly are always kept. Hidden files and folders (``.name``) are skipped.

The source tree is mirrored under OUTDIR: a directory SRC contributes its
*contents*, a file SRC lands at the top of OUTDIR, a glob contributes paths
relative to the part of the pattern before the first wildcard.

>>> plan_outputs(["eu/act.txt", "eu/act.md", "kz/law.txt"], ["xml"])["eu/act.txt"]
{'xml': 'eu/act.txt.xml'}
>>> plan_outputs(["eu/act.txt", "eu/act.md", "kz/law.txt"], ["xml", "html"])["kz/law.txt"]
{'xml': 'kz/law.xml', 'html': 'kz/law.html'}

Two inputs in one folder that differ only by suffix (``act.txt`` and
``act.md``) keep their whole name so that neither overwrites the other.
"""
from __future__ import annotations

import fnmatch
import glob as globmod
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATTERNS = ("*.txt", "*.md")

#: output format -> file suffix
SUFFIXES = {"xml": ".xml", "html": ".html", "md": ".md", "txt": ".txt", "ttl": ".ttl"}

_WILDCARDS = set("*?[")


@dataclass(frozen=True)
class Input:
    """One input file: its absolute path and its place in the mirrored tree."""

    path: str   # absolute path of the source file
    rel: str    # POSIX path relative to the OUTDIR mirror, e.g. "eu/2016/679.txt"


class DiscoveryError(ValueError):
    """A SRC that names nothing (missing file, glob matching nothing)."""


def discover(sources: list[str | os.PathLike], patterns: list[str] | tuple[str, ...] | None = None,
             exclude: list[str | os.PathLike] | tuple[str | os.PathLike, ...] = ()) -> list[Input]:
    """Expand *sources* into a sorted, de-duplicated list of :class:`Input`.

    *exclude* lists directories never entered (the output folder when it
    sits inside a source folder). Raises :class:`DiscoveryError` for a
    source that does not exist or a glob that matches no file.
    """
    pats = tuple(patterns) if patterns else DEFAULT_PATTERNS
    skip = {os.path.realpath(p) for p in exclude}
    found: dict[str, Input] = {}          # real path -> Input (first wins)

    def add(path: str, rel: str) -> None:
        path = os.path.abspath(path)
        # resolving every path costs a system call per component: resolve only symlinks
        real = os.path.realpath(path) if os.path.islink(path) else path
        if real not in found:
            found[real] = Input(path=path, rel=_posix(os.path.normpath(rel)))

    for src in sources:
        src = os.fspath(src)
        if os.path.isdir(src):   # walk the resolved folder, so that files get real paths
            src = os.path.realpath(src)
        if os.path.isfile(src):
            add(src, os.path.basename(src))
        elif os.path.isdir(src):
            for path, rel in _walk(src, pats, skip):
                add(path, rel)
        elif _WILDCARDS & set(src):
            base = _glob_base(src)
            hits = sorted(globmod.glob(src, recursive=True))
            files = []
            for hit in hits:
                if os.path.isdir(hit):
                    files += [(p, os.path.join(os.path.relpath(hit, base), r))
                              for p, r in _walk(hit, pats, skip)]
                elif os.path.isfile(hit) and not _hidden(os.path.relpath(hit, base)):
                    files.append((hit, os.path.relpath(hit, base)))
            if not files:
                raise DiscoveryError(f"{src}: the pattern matches no file")
            for path, rel in files:
                add(path, rel)
        else:
            raise DiscoveryError(f"{src}: no such file or directory")
    return sorted(found.values(), key=lambda i: i.rel)


def _walk(root: str, patterns: tuple[str, ...], skip: set[str]):
    """(path, path relative to *root*) of matching files; symlinked folders are not followed."""
    todo = [("", root)]
    while todo:
        prefix, folder = todo.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if os.path.realpath(entry.path) not in skip:
                    subdirs.append((rel + os.sep, entry.path))
            elif matches(rel, patterns) and entry.is_file():
                yield entry.path, rel
        todo.extend(reversed(subdirs))


def matches(rel: str, patterns: tuple[str, ...]) -> bool:
    """True when *rel* matches a pattern: on the file name, or on the whole
    relative path when the pattern contains ``/``.

    >>> matches("eu/act.txt", ("*.txt",)), matches("eu/act.txt", ("kz/*",))
    (True, False)
    """
    posix = _posix(rel)
    name = posix.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(posix if "/" in p else name, p) for p in patterns)


def _posix(rel: str) -> str:
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _glob_base(pattern: str) -> str:
    parts = Path(pattern).parts
    base: list[str] = []
    for part in parts:
        if _WILDCARDS & set(part):
            break
        base.append(part)
    return os.path.join(*base) if base else "."


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in Path(rel).parts if part not in (".", ".."))


def plan_outputs(rels: list[str], formats: list[str]) -> dict[str, dict[str, str]]:
    """Map each (unique) input's relative path to ``{format: relative output path}``."""
    stripped = {rel: _strip(rel) for rel in rels}
    counts: dict[str, int] = {}
    for stem in stripped.values():
        counts[stem] = counts.get(stem, 0) + 1
    base = {rel: stem if counts[stem] == 1 else rel for rel, stem in stripped.items()}
    while True:  # a stripped name may equal another input's whole name: keep whole names
        seen: dict[str, int] = {}
        for b in base.values():
            seen[b] = seen.get(b, 0) + 1
        clash = [rel for rel, b in base.items() if seen[b] > 1 and b != rel]
        if not clash:
            break
        for rel in clash:
            base[rel] = rel
    return {rel: {fmt: base[rel] + SUFFIXES[fmt] for fmt in formats} for rel in rels}


def _strip(rel: str) -> str:
    head, _, name = rel.rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return f"{head}/{stem}" if head else stem
