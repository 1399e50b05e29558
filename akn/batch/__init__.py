"""Batch conversion for pipelines: parallel, resumable, observable, distributable.

>>> from akn.batch import convert
>>> for result in convert(["corpus/"], "out/", formats="xml,html", jobs=4):  # doctest: +SKIP
...     print(result.status, result.path)

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
