"""Memory of the long-lived processes that hold or parse many reports (the window, its workers).

    trim()   give the C heap's free pages back to the system

Parsing or unpickling a report frees far more than it keeps, and glibc's allocator keeps freed
pages for reuse instead of returning them: a worker that had read a few PDFs and Word files stayed
near 90 MB resident, 60 MB after a trim (bench/bench_gui.py measures window and workers together).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

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
