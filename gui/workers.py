"""Background operations: an op-object API over QThreadPool whose results return through queued signals.

Usage::

    op = Op(parent, work).on_success(done).on_failure(failed).on_item(add).on_progress(show)
    op.run()
    op.cancel()        # sets a flag the work function polls through ``ctx.cancelled()``

Thread contract: ``work(ctx)`` runs on a pool thread and must not touch widgets or models; read
every UI-derived value before ``run()``. It reports through ``ctx.progress(fraction)``,
``ctx.emit(item)`` (items are batched and delivered in order) and its return value. Every callback
runs on the GUI thread (queued signals). Exceptions raised by ``work`` go to ``on_failure``; an
op without a failure callback sends them to ``gui.errors.show_error``.

Tests call ``set_synchronous(True)`` to run ops inline (callbacks still fire, in order).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_SYNC = False
_POOL: QThreadPool | None = None
# Items are sent to the GUI thread at most this often, so that a batch of thousands of small
# results costs a handful of event-loop turns instead of thousands.
ITEM_INTERVAL = 0.05
PROGRESS_INTERVAL = 0.05


def set_synchronous(sync: bool) -> None:
    """Run every op inline on the calling thread (tests)."""
    global _SYNC
    _SYNC = sync


def is_synchronous() -> bool:
    return _SYNC


def pool() -> QThreadPool:
    """The application's worker pool: one thread.

    Parsing is pure Python, so a second thread adds no speed (the GIL) but doubles the
    contention the GUI thread sees; one thread also runs operations one at a time.
    """
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


class OpContext:
    """What a work function sees: progress, cancellation and streamed items (thread-safe)."""

    def __init__(self, op: Op) -> None:
        self._op = op
        self._pending: list[Any] = []
        self._last_items = 0.0
        self._last_progress = 0.0

    def cancelled(self) -> bool:
        return self._op._cancel.is_set()

    def progress(self, fraction: float) -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_progress < PROGRESS_INTERVAL:
            return
        self._last_progress = now
        self._op._post("progress", float(fraction))

    def emit(self, item: Any) -> None:
        self._pending.append(item)
        now = time.monotonic()
        if _SYNC or now - self._last_items >= ITEM_INTERVAL:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            items, self._pending = self._pending, []
            self._last_items = time.monotonic()
            self._op._post("items", items)


class _OpSignals(QObject):
    """Lives on the GUI thread; ``ready`` emitted from a pool thread is queued to it.

    The signal carries no arguments: payloads wait in the op's thread-safe deque and are drained
    in order, so items, progress and the result arrive exactly in the order the work made them.
    """

    ready = Signal()


class _Runnable(QRunnable):
    def __init__(self, op: Op) -> None:
        super().__init__()
        self._op = op
        self.setAutoDelete(True)

    def run(self) -> None:
        self._op._execute()


class Op(QObject):
    """One background operation.

    Signals:
        finished: emitted last, after the success or failure callback, on the GUI thread.
    """

    finished = Signal()

    def __init__(self, parent: QObject | None, work: Callable[[OpContext], Any], label: str = "") -> None:
        super().__init__(parent)
        self.label = label
        self._work = work
        self._cancel = threading.Event()
        self._signals = _OpSignals()
        self._events: deque[tuple[str, Any]] = deque()
        self._success: list[Callable[[Any], None]] = []
        self._failure: list[Callable[[BaseException], None]] = []
        self._progress: list[Callable[[float], None]] = []
        self._items: list[Callable[[list[Any]], None]] = []
        self._signals.ready.connect(self._drain)
        self.running = False
        self.done = False

    # ---- configuration (chainable)
    def on_success(self, cb: Callable[[Any], None]) -> Op:
        self._success.append(cb)
        return self

    def on_failure(self, cb: Callable[[BaseException], None]) -> Op:
        self._failure.append(cb)
        return self

    def on_progress(self, cb: Callable[[float], None]) -> Op:
        self._progress.append(cb)
        return self

    def on_item(self, cb: Callable[[list[Any]], None]) -> Op:
        """``cb(items)`` receives the streamed items in batches, in order."""
        self._items.append(cb)
        return self

    # ---- control
    def run(self) -> Op:
        self.running = True
        if _SYNC:
            self._execute()
        else:
            pool().start(_Runnable(self))
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    # ---- internals
    def _post(self, kind: str, payload: Any) -> None:
        """Queue an event for the GUI thread (any thread)."""
        self._events.append((kind, payload))
        self._signals.ready.emit()

    def _execute(self) -> None:
        ctx = OpContext(self)
        try:
            result = self._work(ctx)
        except BaseException as exc:
            ctx.flush()
            self._post("failed", exc)
        else:
            ctx.flush()
            self._post("succeeded", result)
        self._post("finished", None)

    def _drain(self) -> None:
        """Deliver queued events in order (GUI thread)."""
        while self._events:
            kind, payload = self._events.popleft()
            if kind == "items":
                for cb in self._items:
                    cb(payload)
            elif kind == "progress":
                for cb in self._progress:
                    cb(payload)
            elif kind == "succeeded":
                for cb in self._success:
                    cb(payload)
            elif kind == "failed":
                self._deliver_failure(payload)
            elif kind == "finished":
                self.running = False
                self.done = True
                self.finished.emit()

    def _deliver_failure(self, exc: BaseException) -> None:
        if self._failure:
            for cb in self._failure:
                cb(exc)
            return
        from gui.errors import show_error

        show_error(self.parent() if isinstance(self.parent(), QObject) else None, exc)


def wait_all(timeout_ms: int = 30000) -> bool:
    """Block until the pool is idle (application shutdown)."""
    return pool().waitForDone(timeout_ms)
