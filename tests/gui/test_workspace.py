"""Edits made outside a named project are saved in the automatic workspace and come back."""

from __future__ import annotations

import re
import sys

import pytest

from core.review.project import Project
from core.review.state import ValueEdit
from gui import app as gui_app
from gui import errors
from gui.main_window.project_session import WORKSPACE_NAME, workspace_path
from tests.gui.synthetic import write_report


def _start(qtbot, args):
    old_hook = sys.excepthook
    try:
        _app, window = gui_app.start_app([*args, "--no-crash-dialog"])
    finally:
        sys.excepthook = old_hook
    qtbot.addWidget(window)
    return window


@pytest.fixture(autouse=True)
def _no_log_file(monkeypatch, tmp_path):
    monkeypatch.setattr(errors, "setup_logging", lambda directory=None: tmp_path / "log.txt")


def test_an_edit_without_a_project_survives_and_is_restored(qtbot, qapp, tmp_path):
    src = write_report(tmp_path, "a.txt", "工作区示例局", 2023)
    window = _start(qtbot, [str(src)])
    assert window.session.is_workspace and "自动保存" in window.windowTitle()
    qtbot.waitUntil(lambda: len(window.entries()) == 1 and not window.is_loading(), timeout=20000)
    window.show_entry(window.entries()[0])
    window.push_edit(ValueEdit("apply.new.total", 4321, note="据原件"))
    # the edit is on disk at once, before any orderly shutdown
    with Project.open(str(workspace_path()), read_only=True) as saved:
        assert saved.report(str(src)).value("apply.new.total") == 4321
    window.session.close()  # the process ends (releases the lock), nothing else is saved
    window.close()

    again = _start(qtbot, [])
    qtbot.waitUntil(lambda: len(again.entries()) == 1, timeout=20000)
    entry = again.entries()[0]
    assert entry.path == str(src)  # restored, and no sample reports on top of it
    assert entry.reviewed.value("apply.new.total") == 4321
    assert entry.reviewed.state.corrections["apply.new.total"].note == "据原件"
    again.session.close()
    again.close()


def test_declining_the_restore_keeps_the_old_workspace_aside(qtbot, qapp, tmp_path, monkeypatch, tmp_data_dir):
    from PySide6.QtWidgets import QMessageBox

    src = write_report(tmp_path, "b.txt", "另起示例局", 2022)
    window = _start(qtbot, [str(src)])
    qtbot.waitUntil(lambda: len(window.entries()) == 1 and not window.is_loading(), timeout=20000)
    window.show_entry(window.entries()[0])
    window.push_edit(ValueEdit("apply.new.total", 99))
    window.session.close()
    window.close()

    monkeypatch.setattr(errors, "is_log_only", lambda: False)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    fresh = _start(qtbot, [])
    monkeypatch.setattr(errors, "is_log_only", lambda: True)
    kept = [p for p in tmp_data_dir.iterdir() if p.name.startswith(WORKSPACE_NAME + "-") and p.suffix == ".ogiproj"]
    assert len(kept) == 1
    with Project.open(str(kept[0]), read_only=True) as old:
        assert old.report(str(src)).value("apply.new.total") == 99
    assert fresh.session.is_workspace
    qtbot.waitUntil(lambda: not fresh.is_loading() and len(fresh.entries()) > 0, timeout=20000)
    assert all(e.path != str(src) for e in fresh.entries())  # a blank start: the samples
    fresh.session.close()
    fresh.close()


def test_save_as_from_the_workspace_moves_the_work_into_the_named_project(qtbot, qapp, tmp_path):
    src = write_report(tmp_path, "c.txt", "另存示例局", 2021)
    window = _start(qtbot, [str(src)])
    qtbot.waitUntil(lambda: len(window.entries()) == 1 and not window.is_loading(), timeout=20000)
    window.show_entry(window.entries()[0])
    window.push_edit(ValueEdit("apply.new.total", 7))
    target = tmp_path / "命名项目.ogiproj"
    assert window.session.save_as(str(target))
    assert not window.session.is_workspace and not workspace_path().exists()
    window.push_edit(ValueEdit("apply.new.total", 8))
    window.session.close()
    with Project.open(str(target), read_only=True) as named:
        assert named.report(str(src)).value("apply.new.total") == 8
    window.close()


def test_a_second_instance_leaves_the_first_ones_workspace_alone(qtbot, qapp, tmp_path, tmp_data_dir):
    from gui.main_window.project_session import ProjectSession

    first = Project.create(str(workspace_path()))  # another instance holds it
    try:
        second = ProjectSession()
        for restore in (False, True):
            assert second.open_workspace(restore)
            assert second.is_workspace and not second.read_only
            assert second.path != str(workspace_path())  # a workspace of its own
            second.close()
        assert workspace_path().is_file()  # never archived or overwritten while in use
        archived = re.compile(re.escape(WORKSPACE_NAME) + r"-\d{8}-\d{6}")
        assert not [p for p in tmp_data_dir.iterdir() if archived.match(p.name)]
    finally:
        first.close()


def test_a_workspace_without_edits_reopens_without_asking(qtbot, qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    src = write_report(tmp_path, "d.txt", "只看不改示例局", 2023)
    window = _start(qtbot, [str(src)])
    qtbot.waitUntil(lambda: len(window.entries()) == 1 and not window.is_loading(), timeout=20000)
    window.session.close()
    window.close()

    def never(*_a, **_k):
        raise AssertionError("asked to restore a workspace nobody edited")

    monkeypatch.setattr(errors, "is_log_only", lambda: False)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(never))
    again = _start(qtbot, [])
    monkeypatch.setattr(errors, "is_log_only", lambda: True)
    qtbot.waitUntil(lambda: len(again.entries()) == 1, timeout=20000)
    assert again.entries()[0].path == str(src)
    again.session.close()
    again.close()


def test_after_a_crash_in_a_named_project_the_restart_reopens_it(qtbot, qapp, tmp_path):
    """kill -9 while working in review2024.ogiproj: the next start opens that project and says so
    (not the unnamed workspace with the bundled samples)."""
    src = write_report(tmp_path, "e.txt", "命名项目示例局", 2024)
    window = _start(qtbot, [str(src)])
    qtbot.waitUntil(lambda: len(window.entries()) == 1 and not window.is_loading(), timeout=20000)
    named = tmp_path / "review2024.ogiproj"
    assert window.session.save_as(str(named))
    window.show_entry(window.entries()[0])
    window.push_edit(ValueEdit("apply.new.total", 99))
    window.session.close()  # the process dies: the lock goes with it, nothing else runs
    messages = []
    errors.set_status_sink(lambda text, ms: messages.append(text))

    again = _start(qtbot, [])
    assert again.session.path == str(named) and not again.session.is_workspace
    assert [e.path for e in again.entries()] == [str(src)]  # no samples on top
    assert again.entries()[0].reviewed.value("apply.new.total") == 99
    assert "review2024.ogiproj" in again.windowTitle()
    assert any("review2024.ogiproj" in m for m in [*messages, again.statusBar().currentMessage()])
    again.session.close()
    again.close()


def test_the_bundled_samples_come_only_at_the_first_start(qtbot, qapp, tmp_path, monkeypatch):
    from core.resources import sample_files

    if not sample_files():
        pytest.fail("resources/samples has no sample reports")
    opened: list[list[str]] = []
    monkeypatch.setattr("gui.main_window.window.MainWindow.open_paths", lambda self, paths: opened.append(list(paths)))
    first = _start(qtbot, [])
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert len(opened[0]) == len(sample_files())
    first.session.close()
    first.close()
    opened.clear()
    second = _start(qtbot, [])  # an empty workspace stays empty
    qtbot.wait(50)
    assert opened == [] and second.entries() == []
    second.session.close()
    second.close()


def test_new_project_can_start_empty(qtbot, qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    src = write_report(tmp_path, "f.txt", "空白项目示例局", 2023)
    window = _start(qtbot, [str(src)])
    qtbot.waitUntil(lambda: len(window.entries()) == 1 and not window.is_loading(), timeout=20000)
    window.show_entry(window.entries()[0])
    window.push_edit(ValueEdit("apply.new.total", 5))
    workspace = window.session.path
    asked = []
    monkeypatch.setattr(window, "_ask_new_project_contents", lambda n: asked.append(n) or False)
    target = tmp_path / "空白.ogiproj"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    next(a for a in window.file_menu.actions() if a.text() == "新建项目…").trigger()
    assert asked == [1]
    assert window.session.path == str(target) and window.entries() == []
    with Project.open(str(target), read_only=True) as fresh:
        assert fresh.reviewed_reports() == []
    window.session.close()
    with Project.open(workspace, read_only=True) as old:  # the earlier work stays where it was
        assert old.report(str(src)).value("apply.new.total") == 5
    window.close()
