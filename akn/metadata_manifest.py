"""A batch manifest: one CSV or JSON file giving the metadata of many inputs (``akn batch --metadata``).

The keys are those of a sidecar file (:data:`akn.sidecar.KEYS`); a row or an entry names its input
by its path relative to the batch's folder, or by its file name. See ``docs/metadata-sources.md``.
"""
from __future__ import annotations

import csv
import json
import io
from pathlib import Path

from akn.sidecar import FILE_KEY, KEYS, Given, _error, _json_key_lines, _load_json, _read_text, from_mapping
def read_manifest(path: str | Path) -> dict[str, Given]:
    """A batch manifest: input file (relative path or name) -> its :class:`Given` metadata.

    CSV: a header row with ``file`` and any of :data:`KEYS` (``title`` a string), one row per input.
    JSON: an object ``{"file": {key: value}}`` or a list ``[{"file": ..., key: value}]``.
    """
    name = str(path)
    text = _read_text(name)
    entries: dict[str, Given] = {}
    if name.lower().endswith(".csv"):
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        if FILE_KEY not in header:
            raise _error(name, 1, f"the header row has no {FILE_KEY!r} column; expected {FILE_KEY} and any of: "
                                  f"{', '.join(sorted(KEYS))}")
        for column in header:
            if column != FILE_KEY and column not in KEYS:
                raise _error(name, 1, f"unknown column {column!r}; expected {FILE_KEY} and any of: "
                                      f"{', '.join(sorted(KEYS))}")
        for row in reader:
            line = reader.line_num
            file = (row.pop(FILE_KEY) or "").strip()
            if not file:
                raise _error(name, line, f"the row has no {FILE_KEY}")
            values = {k: (v or "").strip() for k, v in row.items() if k is not None}
            _add(entries, file, from_mapping(values, name, dict.fromkeys(values, line)), name, line)
        return entries
    if not name.lower().endswith(".json"):
        raise _error(name, 0, "a manifest is a .csv or a .json file")
    data = _load_json(text, name)
    lines = _json_key_lines(text)
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = []
        for entry in data:
            if not isinstance(entry, dict) or not isinstance(entry.get(FILE_KEY), str):
                raise _error(name, 0, f"each entry of the list must be an object with a {FILE_KEY!r}")
            rest = {k: v for k, v in entry.items() if k != FILE_KEY}
            items.append((entry[FILE_KEY], rest))
    else:
        raise _error(name, 1, f"expected an object mapping files to metadata, or a list of objects with {FILE_KEY!r}")
    for file, values in items:
        line = _line_of(text, file)
        if not isinstance(values, dict):
            raise _error(name, line, f"the entry of {file!r} must be an object of keys to values")
        _add(entries, file, from_mapping(values, name, {k: _line_after(text, k, line) or line for k in values}),
             name, line)
    del lines
    return entries


def _add(entries: dict[str, Given], file: str, given: Given, name: str, line: int) -> None:
    key = file.replace("\\", "/").lstrip("./") if file.startswith("./") else file.replace("\\", "/")
    if key in entries:
        raise _error(name, line, f"{file!r} has two entries")
    entries[key] = given


def _line_of(text: str, value: str) -> int:
    needle = json.dumps(value, ensure_ascii=False)
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line or json.dumps(value) in line:
            return number
    return 0


def _line_after(text: str, key: str, start: int) -> int:
    needle = json.dumps(key) + ":"
    for number, line in enumerate(text.splitlines()[max(start - 1, 0):], max(start, 1)):
        if needle in line.replace('" :', '":'):
            return number
    return 0


def match_manifest(entries: dict[str, Given], inputs: list[tuple[str, str]], manifest: str,
                   ) -> dict[str, Given]:
    """Input path -> its manifest entry, for *inputs* given as (path, path inside the batch).

    An entry with a ``/`` matches the path inside the batch (or the path itself, or the path relative to
    the manifest's folder); one without matches the file name. An entry that matches no input, or a
    name that matches two, is a :class:`MetadataError`.
    """
    import os
    folder = os.path.dirname(os.path.abspath(manifest))
    by_name: dict[str, list[str]] = {}
    by_rel: dict[str, str] = {}
    for path, rel in inputs:
        by_name.setdefault(os.path.basename(path), []).append(path)
        for form in (rel, path, os.path.relpath(os.path.abspath(path), folder)):
            by_rel.setdefault(form.replace(os.sep, "/"), path)
    out: dict[str, Given] = {}
    for key, given in entries.items():
        if "/" in key:
            hit = by_rel.get(key)
            if hit is None:
                raise _error(manifest, 0, f"{key!r} is not one of the inputs of the batch")
            path = hit
        else:
            found = by_name.get(key, [])
            if not found:
                raise _error(manifest, 0, f"{key!r} is not the name of any input of the batch")
            if len(found) > 1:
                raise _error(manifest, 0, f"{key!r} names {len(found)} inputs ({', '.join(found[:3])}); "
                                          "give the path inside the batch instead")
            path = found[0]
        out[path] = given
    return out
