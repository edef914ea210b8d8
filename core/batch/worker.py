"""Report parsing in worker processes, so a batch never competes with the window for the GIL.

This module imports no Qt: the worker processes (started with "spawn" on every platform, so
behaviour is the same on Windows) import only it and ``core``. A frozen build must call
``multiprocessing.freeze_support()`` before anything else (``gui.app.run_app`` does; the
entry point should too). ``OGI_REVIEW_NO_PROCESSES=1`` parses in a thread instead.

Thread contract: ``ParsePool.parse_many`` is called from a background thread (a ``gui.workers``
op); it blocks on futures, which releases the GIL, and yields results in input order.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from core import errors as core_errors
from core.errors import Cancelled, ReportError
from core.model import Report

log = logging.getLogger(__name__)

# Files submitted ahead of the one being waited for: enough to keep the workers busy, few enough
# that a cancel stops quickly.
AHEAD = 4
_lock = threading.Lock()
_POOL: ProcessPoolExecutor | None = None
_DISABLED = False


def parse_file(path: str) -> tuple[str, Any]:
    """Worker-process entry: ("ok", Report) or ("error", (class name, message, code, details)).

    Errors travel as plain data: exceptions with keyword-only arguments do not survive pickling
    with their code and details intact.
    """
    from core.parsing import parse_report

    try:
        return "ok", parse_report(path)
    except ReportError as exc:
        return "error", (type(exc).__name__, exc.message, exc.code, exc.details)
    except Exception as exc:
        message = f"解析文件“{Path(path).name}”时发生内部错误：{exc}"
        return "error", ("ReportError", message, "internal", repr(exc))


def rebuild_error(data: tuple[str, str, str, str]) -> ReportError:
    """The ReportError a worker described, as its own class when core.errors has it."""
    name, message, code, details = data
    cls = getattr(core_errors, name, ReportError)
    if not (isinstance(cls, type) and issubclass(cls, ReportError)) or cls is Cancelled:
        cls = ReportError
    exc = cls.__new__(cls)
    ReportError.__init__(exc, message, code=code, details=details)
    return exc


def _worker_init() -> None:
    """Worker processes run at lower priority, so the window is scheduled first (POSIX)."""
    if hasattr(os, "nice"):
        try:
            os.nice(5)
        except OSError:
            pass


def set_enabled(enabled: bool) -> None:
    """Parse in worker processes (True) or in the calling thread (False: tests, restricted machines)."""
    global _DISABLED
    _DISABLED = not enabled


def _pool() -> ProcessPoolExecutor | None:
    global _POOL
    if _DISABLED or os.environ.get("OGI_REVIEW_NO_PROCESSES"):
        return None
    with _lock:
        if _POOL is None:
            try:
                # Leave one core to the window: on a two-core office PC one parser process.
                workers = max(1, min(2, (os.cpu_count() or 1) - 1))
                _POOL = ProcessPoolExecutor(
                    max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init
                )
            except (OSError, ValueError, NotImplementedError) as exc:
                log.warning("worker processes unavailable, parsing in a thread: %s", exc)
                return None
        return _POOL


def shutdown() -> None:
    """Stop the worker processes (application exit)."""
    global _POOL
    with _lock:
        pool, _POOL = _POOL, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def parse_many(
    paths: Sequence[str], cancelled: Callable[[], bool] | None = None
) -> Iterator[tuple[str, Report | ReportError]]:
    """Parse files in worker processes; yields (path, Report or ReportError) in input order.

    Falls back to parsing in the calling thread when processes cannot be used.

    Raises:
        Cancelled: ``cancelled()`` became true (pending files are dropped).
    """
    pool = _pool()
    if pool is None:
        for path in paths:
            if cancelled is not None and cancelled():
                raise Cancelled()
            yield path, _unpack(parse_file(path))
        return
    pending: deque[tuple[str, Future[tuple[str, Any]]]] = deque()
    todo = deque(paths)
    try:
        while todo or pending:
            while todo and len(pending) < AHEAD:
                p = todo.popleft()
                pending.append((p, pool.submit(parse_file, p)))
            path, fut = pending.popleft()
            while True:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                try:
                    result = fut.result(timeout=0.1)
                    break
                except TimeoutError:
                    continue
                except BrokenProcessPool:
                    # A worker died (out of memory, killed): finish this batch in the thread.
                    log.warning("worker process died; parsing %s in a thread", path)
                    _reset_pool()
                    result = parse_file(path)
                    for _p2, f2 in pending:
                        f2.cancel()
                    todo.extendleft(reversed([p2 for p2, _f2 in pending]))
                    pending.clear()
                    pool = _pool() or pool
                    break
            yield path, _unpack(result)
    finally:
        for _p, f in pending:
            f.cancel()


def _reset_pool() -> None:
    global _POOL
    with _lock:
        _POOL = None


def _unpack(result: tuple[str, Any]) -> Report | ReportError:
    kind, payload = result
    return payload if kind == "ok" else rebuild_error(payload)
