"""GUI test fixtures: settings in a tmp dir, message boxes log-only, synchronous workers on request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def tmp_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every GUI test reads and writes settings in its own INI file, starting from the defaults."""
    from gui import settings

    path = tmp_path_factory.mktemp("settings") / "ogi-review.ini"
    settings.set_settings_file(path)
    yield path
    settings.set_settings_file(None)


@pytest.fixture(autouse=True)
def tmp_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The automatic workspace project of every GUI test lives in its own folder."""
    from gui.main_window.project_session import WORKSPACE_ENV

    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv(WORKSPACE_ENV, str(path))
    return path


@pytest.fixture(autouse=True)
def no_message_boxes() -> Iterator[list[tuple[str, str, str]]]:
    """Message boxes only log (nothing modal blocks a test); yields the messages shown."""
    from gui import errors

    errors.set_log_only(True)
    errors.shown.clear()
    yield errors.shown
    errors.set_status_sink(None)


@pytest.fixture
def sync_workers() -> Iterator[None]:
    """Background ops run inline, callbacks included."""
    from gui import workers

    workers.set_synchronous(True)
    yield
    workers.set_synchronous(False)


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    """The review window, shown at 1600×1000, closed after the test."""
    from PySide6.QtCore import Qt

    from gui.main_window.window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is small: first run maximises
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.is_loading():
        w.cancel_batch()
        qtbot.waitUntil(lambda: not w.is_loading(), timeout=10000)
