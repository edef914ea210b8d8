"""gui.app.start_app (run_app without the event loop): the window opens the command-line files."""

from __future__ import annotations

import sys

import pytest

from gui import app as gui_app
from gui import errors, settings
from tests.gui.synthetic import write_report


def _start(qtbot, tmp_path, monkeypatch, args: list[str]):  # type: ignore[no-untyped-def]
    """``gui.app.start_app(args)`` with the log in ``tmp_path`` and the test's own excepthook kept."""
    monkeypatch.setattr(errors, "setup_logging", lambda directory=None: tmp_path / "log.txt")
    old_hook = sys.excepthook
    try:
        _app, window = gui_app.start_app(args)
    finally:
        sys.excepthook = old_hook
    qtbot.addWidget(window)
    return window


def _start_later(qtbot, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The app started with no files, not for the first time (so no samples are opened)."""
    settings.qsettings().setValue(gui_app.SAMPLES_SHOWN_KEY, True)
    return _start(qtbot, tmp_path, monkeypatch, ["--no-crash-dialog"])


def test_start_app_opens_command_line_files(qtbot, qapp, tmp_path, monkeypatch) -> None:
    files = [write_report(tmp_path, f"cli{i}.txt", f"命令行{i}局", 2023) for i in range(2)]
    args = [str(p) for p in files] + [str(tmp_path / "没有这个文件.txt"), "--no-crash-dialog"]
    window = _start(qtbot, tmp_path, monkeypatch, args)
    assert window.isVisible() and "政府信息公开年报审核" in window.windowTitle()
    assert any("没有这个文件.txt" in m[2] for m in errors.shown)
    qtbot.waitUntil(lambda: len(window.entries()) == 2 and not window.is_loading(), timeout=20000)
    assert sorted(e.path for e in window.entries()) == sorted(str(p) for p in files)
    assert window.current is not None


def test_start_app_starts_the_parser_before_any_file_is_opened(qtbot, qapp, tmp_path, monkeypatch) -> None:
    """The worker process starts while the window waits for the user: the first report opened does
    not wait for an interpreter to start and import the parser."""
    from core.batch import worker

    if not worker.processes_enabled():
        pytest.skip("worker processes disabled here")
    worker.shutdown()
    window = _start_later(qtbot, tmp_path, monkeypatch)
    try:
        qtbot.waitUntil(
            lambda: worker._POOL is not None and bool(worker._POOL._workers)
            and all(w.proc.is_alive() for w in worker._POOL._workers),
            timeout=10000,
        )  # fmt: skip
        assert not window.entries() and not window.is_loading()
    finally:
        worker.shutdown()


def test_a_parser_that_cannot_start_ahead_bothers_nobody_at_launch(qtbot, qapp, tmp_path, monkeypatch) -> None:
    """Starting the worker early is a courtesy: when it fails, the window opens without a message
    (the first batch parses as before and reports what it must)."""
    from core.batch import worker

    def fail() -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(worker, "start_shared", fail)
    window = _start_later(qtbot, tmp_path, monkeypatch)
    qtbot.wait(300)
    assert window.isVisible() and not errors.shown


def test_sigterm_quits_cleanly_and_releases_the_workspace_lock(tmp_path) -> None:
    """A desktop logout sends SIGTERM: the app quits normally, its project lock is gone."""
    import os
    import signal
    import subprocess
    import time

    from gui.main_window.project_session import WORKSPACE_ENV, WORKSPACE_NAME

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), **{WORKSPACE_ENV: str(tmp_path / "data")})
    proc = subprocess.Popen([sys.executable, "-m", "gui.launcher"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lock = tmp_path / "data" / (WORKSPACE_NAME + ".ogiproj.lock")
    try:
        deadline = time.monotonic() + 60
        while not lock.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert lock.exists(), proc.stdout.read().decode(errors="replace") if proc.poll() is not None else "no lock"
        time.sleep(1.0)  # let the window open the samples
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not lock.exists()
    assert (tmp_path / "data" / (WORKSPACE_NAME + ".ogiproj")).is_file()
