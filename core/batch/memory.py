"""Memory of the long-lived processes that hold or parse many reports (the window, its workers).

    trim()            give the C heap's free pages back to the system
    compact(report)   a report made cheaper to keep open: offsets as runs, repeated strings shared
    park(document)    its grids kept compressed until next read (ParkedGrids)

Parsing or unpickling a report frees far more than it keeps, and glibc's allocator keeps freed
pages for reuse instead of returning them: a worker that had read a few PDFs and Word files stayed
near 90 MB resident, 60 MB after a trim (bench/bench_gui.py measures window and workers together).
"""

from __future__ import annotations

import ctypes
import pickle
import sys
import threading
import zlib
from typing import Any

from core.model import OffsetRuns, Report, SourceDocument

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

    A report compacted once (by the worker that parsed it: its offsets are runs already, and
    pickling kept its shared ranges shared) only has its strings shared again here.
    """
    doc = report.document
    once = isinstance(doc.offsets, OffsetRuns)
    if not once:
        doc.offsets = OffsetRuns(doc.offsets)
    report.values = {_share(k): v for k, v in report.values.items()}
    # a value read from a table cell has the cell's range and box: one object for both
    spans: dict[Any, Any] = {}
    boxes: dict[Any, Any] = {}
    for g in doc.grids:
        for c in g.cells:
            c.text = _share(c.text)
            if not once:
                _share_place(c, spans, boxes)
    for v in (*report.values.values(), *report.prose_figures):
        v.field = _share(v.field)
        v.raw = _share(v.raw)
        if not once:
            _share_place(v, spans, boxes)
    for f in report.findings:
        f.rule = _share(f.rule)
    report.table_templates = {_share(k): _share(t) for k, t in report.table_templates.items()}
    return report


def _share_place(item: Any, spans: dict[Any, Any], boxes: dict[Any, Any]) -> None:
    """Point a cell's or a value's range and box at the first equal one already seen."""
    if item.span is not None:
        item.span = spans.setdefault(item.span, item.span)
    if item.bbox is not None:
        item.bbox = boxes.setdefault(item.bbox, item.bbox)


def _share(s: str) -> str:
    return sys.intern(s) if type(s) is str and len(s) <= _SHORT else s


class ParkedGrids(list):
    """``SourceDocument.grids`` of an open report nobody is looking at: the grids kept compressed
    (pickle and zlib: about 3.5 KB instead of 33 KB for a realistic report) and unpacked into this
    very list on first use. Every read — iteration, index, ``len``, comparison, pickling — sees the
    grids exactly as they were; ``len`` and truth do not even unpack them. Thread-safe: one thread
    unpacks, the others wait for it. ``park`` makes one.
    """

    __slots__ = ("_n", "_packed")

    def __init__(self, packed: bytes, n: int) -> None:
        super().__init__()
        self._packed: bytes | None = packed
        self._n = n

    def _unpark(self) -> None:
        with _UNPARK:
            data = self._packed
            if data is None:
                return
            list.extend(self, pickle.loads(zlib.decompress(data)))
            self._packed = None  # only now: a reader meanwhile waits on the lock

    def is_parked(self) -> bool:
        return self._packed is not None

    def __len__(self) -> int:
        return self._n if self._packed is not None else list.__len__(self)

    def __reduce_ex__(self, protocol: Any) -> Any:
        return (list, (list(iter(self)),))  # a plain list of the grids

    def __reduce__(self) -> Any:
        return self.__reduce_ex__(2)


def _unparking(name: str) -> Any:
    method = getattr(list, name)

    def call(self: ParkedGrids, *args: Any, **kwargs: Any) -> Any:
        if self._packed is not None:
            self._unpark()
        return method(self, *args, **kwargs)

    call.__name__ = name
    return call


for _name in (
    "__iter__", "__getitem__", "__contains__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
    "__reversed__", "__repr__", "__add__", "__mul__", "__rmul__", "__iadd__", "__imul__", "__setitem__",
    "__delitem__", "__copy__", "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
    "index", "count", "copy",
):  # fmt: skip
    if hasattr(list, _name):
        setattr(ParkedGrids, _name, _unparking(_name))
ParkedGrids.__hash__ = None
_UNPARK = threading.Lock()


def park(doc: SourceDocument) -> None:
    """Keep a document's grids compressed until they are next read (``ParkedGrids``).

    For an open report nobody is looking at: the window parks each report once loaded and
    validated, and the report it stops showing. The grids are replaced, never changed in place, so
    a thread reading the old list meanwhile reads it whole.
    """
    grids = doc.grids
    if not grids or (isinstance(grids, ParkedGrids) and grids.is_parked()):
        return
    items = list(iter(grids))
    doc.grids = ParkedGrids(zlib.compress(pickle.dumps(items, pickle.HIGHEST_PROTOCOL), 1), len(items))
