"""Batches: the reports a reviewer has open, read the same way by the window, the CLI and the workbook.

Modules:
    inputs.py     expanding files, folders and review projects; ``Failure``; reading one input
    worker.py     parsing in worker processes, with a wall-clock and memory limit per file
    pipeline.py   the one loading pipeline (expand → parse in workers → entries, in input order)
    model.py      ``Batch`` / ``BatchEntry``: findings (own + cross-year), status, completeness,
                  duplicates, what is counted
    directory.py  the agency directory (机关名录)

The old public names (REPORT_SUFFIXES, PROJECT_SUFFIX, is_report_file, collect_inputs,
expand_inputs, iter_reviewed, read_input, Failure) stay importable from ``core.batch``. The batch
model's and the directory's names are imported on first use: ``parse`` of one file needs neither
(bench/bench_cli.py, tests/core/test_startup.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from core.batch.inputs import (
    PROJECT_SUFFIX,
    REPORT_SUFFIXES,
    Failure,
    collect_inputs,
    expand_inputs,
    is_report_file,
    iter_reviewed,
    read_input,
)

if TYPE_CHECKING:
    from core.batch.directory import Directory, DirectoryAgency, DirectoryError, write_starting_directory
    from core.batch.model import Batch, BatchCounts, BatchEntry, Completeness

_LATER = {
    "Batch": "core.batch.model",
    "BatchCounts": "core.batch.model",
    "BatchEntry": "core.batch.model",
    "Completeness": "core.batch.model",
    "Directory": "core.batch.directory",
    "DirectoryAgency": "core.batch.directory",
    "DirectoryError": "core.batch.directory",
    "write_starting_directory": "core.batch.directory",
}


def __getattr__(name: str) -> Any:
    module = _LATER.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "PROJECT_SUFFIX",
    "REPORT_SUFFIXES",
    "Batch",
    "BatchCounts",
    "BatchEntry",
    "Completeness",
    "Directory",
    "DirectoryAgency",
    "DirectoryError",
    "Failure",
    "collect_inputs",
    "expand_inputs",
    "is_report_file",
    "iter_reviewed",
    "read_input",
    "write_starting_directory",
]
