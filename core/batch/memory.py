"""Memory of the long-lived processes that hold or parse many reports (the window, its workers).

    trim()            give the C heap's free pages back to the system
    compact(report)   a report made cheaper to keep open: offsets as runs, repeated strings shared

Parsing or unpickling a report frees far more than it keeps, and glibc's allocator keeps freed
pages for reuse instead of returning them: a worker that had read a few PDFs and Word files stayed
near 90 MB resident, 60 MB after a trim (bench/bench_gui.py measures window and workers together).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from core.model import OffsetRuns, Report

_LIBC: Any = None  # loaded on first use; False where there is no malloc_trim


def trim() -> bool:
    """Return free heap memory to the system (glibc ``malloc_trim``); False where unavailable.

    Takes well under 10 ms. Safe from any thread: the allocator locks each arena it trims.
    """
    global _LIBC
    if _LIBC is None:
        _LIBC = False
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL("libc.so.6")
                libc.malloc_trim.argtypes = [ctypes.c_size_t]
                libc.malloc_trim.restype = ctypes.c_int
                _LIBC = libc
            except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
                pass
    if _LIBC is False:
        return False
    _LIBC.malloc_trim(0)
    return True


_SHORT = 64  # strings up to this long are shared between reports (labels, field IDs, tokens)


def compact(report: Report) -> Report:
    """Make a parsed report cheaper to keep open (the window holds every report it opened).

    - ``document.offsets`` as runs (``OffsetRuns``: a few runs instead of 4 bytes a character);
    - the short strings every report repeats (field IDs, printed tokens, table labels, rule IDs)
      shared between reports instead of one copy each (a report arrives unpickled from a worker
      process, with strings of its own);
    - equal ranges and boxes (a value and the table cell it was read from) one object.
    Values and text are unchanged. Returns ``report``.
    """
    doc = report.document
    if not isinstance(doc.offsets, OffsetRuns):
        doc.offsets = OffsetRuns(doc.offsets)
    report.values = {_share(k): v for k, v in report.values.items()}
    # a value read from a table cell has the cell's range and box: one object for both
    spans: dict[Any, Any] = {}
    boxes: dict[Any, Any] = {}
    for g in doc.grids:
        for c in g.cells:
            c.text = _share(c.text)
            if c.span is not None:
                c.span = spans.setdefault(c.span, c.span)
            if c.bbox is not None:
                c.bbox = boxes.setdefault(c.bbox, c.bbox)
    for v in (*report.values.values(), *report.prose_figures):
        v.field = _share(v.field)
        v.raw = _share(v.raw)
        if v.span is not None:
            v.span = spans.setdefault(v.span, v.span)
        if v.bbox is not None:
            v.bbox = boxes.setdefault(v.bbox, v.bbox)
    for f in report.findings:
        f.rule = _share(f.rule)
    report.table_templates = {_share(k): _share(t) for k, t in report.table_templates.items()}
    return report


def _share(s: str) -> str:
    return sys.intern(s) if type(s) is str and len(s) <= _SHORT else s
