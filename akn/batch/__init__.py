"""Batch conversion for pipelines: parallel, resumable, observable, distributable.

>>> import pathlib, tempfile
>>> from akn.batch import convert
>>> tmp = tempfile.TemporaryDirectory()
>>> corpus = pathlib.Path(tmp.name, "corpus")
>>> corpus.mkdir()
>>> _ = (corpus / "act.txt").write_text("Article 1\\nScope\\n1. This Act applies.\\n")
>>> for result in convert([corpus], pathlib.Path(tmp.name, "out"), formats="xml,html", jobs=1):
...     print(result.ok, pathlib.Path(result.path).name, sorted(result.outputs))
True act.txt ['html', 'xml']
>>> tmp.cleanup()

See :class:`akn.batch.core.Batch` for the options and docs/batch.md for the
guarantees (atomic outputs, manifest, lock) and running on Dask.
"""
from __future__ import annotations

from akn.batch.core import Batch, BatchError, Summary, convert
from akn.batch.executors import ExecutorError, default_jobs
from akn.batch.formats import FORMATS, FormatUnavailable
from akn.batch.inputs import DEFAULT_PATTERNS, Input, discover
from akn.batch.manifest import BatchLocked
from akn.batch.worker import Converted, FileResult

__all__ = [
           "DEFAULT_PATTERNS",
           "FORMATS",
           "Batch",
           "BatchError",
           "BatchLocked",
           "Converted",
           "ExecutorError",
           "FileResult",
           "FormatUnavailable",
           "Input",
           "Summary",
           "convert",
           "default_jobs",
           "discover",
]
