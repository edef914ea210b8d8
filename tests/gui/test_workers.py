"""gui.workers: results, streamed items and failures come back on the GUI thread; cancel; sync mode."""

from __future__ import annotations

import threading

import pytest

from core.errors import Cancelled, LoadError
from gui import errors
from gui.workers import Op, set_synchronous


def test_async_op_delivers_items_progress_and_result_on_gui_thread(qtbot) -> None:
    gui_thread = threading.get_ident()
    work_threads: list[int] = []
    seen_threads: set[int] = set()
    items: list[int] = []
    progress: list[float] = []
    results: list[object] = []

    def work(ctx):  # type: ignore[no-untyped-def]
        work_threads.append(threading.get_ident())
        for i in range(200):
            ctx.emit(i)
        ctx.progress(1.0)
        return "done"

    def on_items(batch):  # type: ignore[no-untyped-def]
        seen_threads.add(threading.get_ident())
        items.extend(batch)

    op = Op(None, work).on_item(on_items).on_progress(progress.append).on_success(results.append)
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.run()
    assert work_threads and work_threads[0] != gui_thread
    assert seen_threads == {gui_thread}
    assert items == list(range(200))
    assert results == ["done"] and progress[-1] == 1.0
    assert op.done and not op.running


def test_failure_goes_to_callback_or_show_error(qtbot) -> None:
    failures: list[BaseException] = []

    def boom(ctx):  # type: ignore[no-untyped-def]
        raise LoadError("无法读取文件“甲.txt”。")

    op = Op(None, boom).on_failure(failures.append)
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.run()
    assert isinstance(failures[0], LoadError)
    errors.shown.clear()
    op2 = Op(None, boom)  # no failure callback: the one error path
    with qtbot.waitSignal(op2.finished, timeout=10000):
        op2.run()
    assert errors.shown and "甲.txt" in errors.shown[-1][2]


def test_cancel_flag_reaches_the_work(qtbot) -> None:
    started = threading.Event()
    failures: list[BaseException] = []

    def work(ctx):  # type: ignore[no-untyped-def]
        started.set()
        while not ctx.cancelled():
            threading.Event().wait(0.001)
        raise Cancelled()

    op = Op(None, work).on_failure(failures.append)
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.run()
        assert started.wait(5)
        op.cancel()
    assert isinstance(failures[0], Cancelled) and op.is_cancelled


def test_synchronous_mode_runs_inline() -> None:
    set_synchronous(True)
    try:
        out: list[object] = []
        thread: list[int] = []
        Op(None, lambda ctx: thread.append(threading.get_ident()) or 5).on_success(out.append).run()
        assert out == [5] and thread == [threading.get_ident()]
    finally:
        set_synchronous(False)


@pytest.mark.parametrize("n", [0, 1])
def test_items_flushed_at_end(qtbot, n: int) -> None:
    got: list[int] = []

    def work(ctx):  # type: ignore[no-untyped-def]
        for i in range(n):
            ctx.emit(i)

    op = Op(None, work).on_item(got.extend)
    with qtbot.waitSignal(op.finished, timeout=10000):
        op.run()
    assert got == list(range(n))
