"""Memory of the long-lived processes that hold or parse many reports (the window, its workers).

    trim()            give the C heap's free pages back to the system
    compact(report)   a report made cheaper to keep open: offsets as runs, repeated strings shared
    park(document)    its grids and texts kept compressed until next read (ParkedGrids, PackedText)

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

from core.model import OffsetRuns, Report, SourceDocument, Span, pack_texts

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
    - equal ranges and boxes (a value and the table cell it was read from) one object;
    - the numbers of ranges and values one object each across reports (``_INTS``: a range's ends
      are two 32-byte int objects each, 13 KB a realistic report), the coordinates of a PDF
      report's boxes one object each within it (its 200 boxes hold some 80 distinct coordinates).
    Values and text are unchanged. Returns ``report``.

    A report compacted once (by the worker that parsed it: its offsets are runs already, and
    pickling kept its shared ranges shared) has its strings and numbers shared again here
    (unpickling gives each number an object of its own).
    """
    doc = report.document
    once = isinstance(doc.offsets, OffsetRuns)
    if not once:
        doc.offsets = OffsetRuns(doc.offsets)
    report.values = {_share(k): v for k, v in report.values.items()}
    # a value read from a table cell has the cell's range and box: one object for both
    place = _Places()
    for g in doc.grids:
        for c in g.cells:
            c.text = _share(c.text)
            place(c)
    for v in (*report.values.values(), *report.prose_figures):
        v.field = _share(v.field)
        v.raw = _share(v.raw)
        if type(v.value) is int:
            v.value = _int(v.value)
        place(v)
    for f in report.findings:
        f.rule = _share(f.rule)
    report.table_templates = {_share(k): _share(t) for k, t in report.table_templates.items()}
    return report


_INTS: dict[int, int] = {}  # the ints below _INT_LIMIT of open reports' ranges and values, one object each
_INT_LIMIT = 1 << 16  # text positions and printed counts; at most 65536 entries (a few MB), typically a few thousand


def _int(x: int) -> int:
    return _INTS.setdefault(x, x) if 0 <= x < _INT_LIMIT else x


class _Places:
    """Points the ranges and boxes of one report's cells and values at one object per distinct
    range and box, built of shared numbers."""

    __slots__ = ("boxes", "coords", "spans")

    def __init__(self) -> None:
        self.spans: dict[Span, Span] = {}
        self.boxes: dict[Any, Any] = {}
        self.coords: dict[float, float] = {}

    def __call__(self, item: Any) -> None:
        span = item.span
        if span is not None:
            got = self.spans.get(span)
            if got is None:
                got = self.spans[span] = Span(_int(span.start), _int(span.end))
            item.span = got
        box = item.bbox
        if box is not None:
            shared = self.boxes.get(box)
            if shared is None:
                coords = self.coords
                shared = self.boxes[box] = tuple(coords.setdefault(x, x) if x else x for x in box)  # 0.0 and -0.0 kept apart
            item.bbox = shared


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
    """Keep a document's grids and texts compressed until they are next read (``ParkedGrids``,
    ``core.model.PackedText``: 3.5 KB instead of 33 KB of grids, 4 KB instead of 12 KB for each
    distinct text of a realistic report).

    For an open report nobody is looking at: the window parks each report once loaded and
    validated, and the report it stops showing. The grids are replaced, never changed in place, so
    a thread reading the old list meanwhile reads it whole; a text read meanwhile is read whole too.
    """
    pack_texts(doc, 256)  # a shorter text is not worth it
    grids = doc.grids
    if not grids or (isinstance(grids, ParkedGrids) and grids.is_parked()):
        return
    items = list(iter(grids))
    doc.grids = ParkedGrids(zlib.compress(pickle.dumps(items, pickle.HIGHEST_PROTOCOL), 1), len(items))

