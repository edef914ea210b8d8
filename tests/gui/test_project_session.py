"""The window's project session: signals, read-only when locked, recent projects in QSettings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from core.batch import PROJECT_SUFFIX
from core.review.project import Project
from core.review.state import ReviewedReport, ValueEdit
from gui.main_window.project_session import MAX_RECENT, READ_ONLY_SUFFIX, RECENT_KEY, ProjectSession
from tests.core.project_support import fake_parse, write_source


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(qtbot, settings):
    s = ProjectSession(settings=settings, parse=fake_parse)
    yield s
    s.close()


def _record(session: ProjectSession) -> list[tuple[str, object]]:
    events: list[tuple[str, object]] = []
    session.project_opened.connect(lambda p: events.append(("opened", p)))
    session.project_closed.connect(lambda: events.append(("closed", None)))
    session.read_only_changed.connect(lambda ro: events.append(("read_only", ro)))
    session.error_raised.connect(lambda m: events.append(("error", m)))
    return events


def test_new_add_edit_close_and_reopen(session, tmp_path):
    events = _record(session)
    path = str(tmp_path / ("新项目" + PROJECT_SUFFIX))
    assert session.new(path) is True
    assert events == [("opened", path)] and session.path == path and session.title_suffix() == ""
    src = write_source(tmp_path / "a.txt", {"apply.new.total": 3})
    [rr] = session.add_reports([ReviewedReport(fake_parse(str(src)))])
    rr.apply(ValueEdit("apply.new.total", 4))
    session.close()
    assert events[-1] == ("closed", None) and session.project is None
    assert session.open(path) is True
    assert session.reviewed_reports()[0].value("apply.new.total") == 4
    assert session.recent_projects() == [path]


def test_locked_project_opens_read_only_with_a_message_then_save_as_makes_it_editable(session, tmp_path):
    path = tmp_path / ("共享" + PROJECT_SUFFIX)
    other = Project.create(path)  # "another instance" holds it
    src = write_source(tmp_path / "a.txt", {"apply.new.total": 3})
    other.add_reports([ReviewedReport(fake_parse(str(src)))])
    events = _record(session)
    try:
        assert session.open(str(path)) is True
        assert session.read_only and session.title_suffix() == READ_ONLY_SUFFIX == "〔只读〕"
        kinds = [k for k, _ in events]
        assert kinds == ["opened", "read_only", "error"]
        assert events[1] == ("read_only", True)
        assert "只读" in str(events[2][1]) and path.name in str(events[2][1])
        rr = session.reviewed_reports()[0]
        with pytest.raises(Exception, match="只读"):
            rr.apply(ValueEdit("apply.new.total", 9))
        copy_path = str(tmp_path / ("副本" + PROJECT_SUFFIX))
        assert session.save_as(copy_path) is True
        assert events[-2:] == [("opened", copy_path), ("read_only", False)]
        assert not session.read_only and session.title_suffix() == ""
        rr.apply(ValueEdit("apply.new.total", 9))
    finally:
        other.close()
    with Project.open(copy_path, read_only=True) as reopened:
        assert reopened.reviewed_reports()[0].value("apply.new.total") == 9
    assert session.recent_projects()[:2] == [copy_path, str(path)]


def test_bad_file_is_an_error_message_and_the_current_project_stays(session, tmp_path):
    good = str(tmp_path / ("好" + PROJECT_SUFFIX))
    session.new(good)
    bad = tmp_path / ("坏" + PROJECT_SUFFIX)
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    events = _record(session)
    assert session.open(str(bad)) is False
    assert events == [("error", events[0][1])] and "坏" in str(events[0][1])
    assert session.path == good
    assert bad.read_bytes() == b"SQLite format 3\x00" + b"\x00" * 50


def test_recent_projects_newest_first_at_most_ten_missing_pruned(session, settings, tmp_path):
    paths = []
    for i in range(MAX_RECENT + 2):
        p = tmp_path / f"p{i}{PROJECT_SUFFIX}"
        p.write_bytes(b"x")
        paths.append(str(p))
        session.add_recent(str(p))
    session.add_recent(paths[5])  # reused: moves to the front, no duplicate
    recent = session.recent_projects()
    assert recent[0] == paths[5] and len(recent) == MAX_RECENT and len(set(recent)) == MAX_RECENT
    assert paths[0] not in recent and paths[1] not in recent
    Path(paths[11]).unlink()
    assert paths[11] not in session.recent_projects()
    assert paths[11] not in settings.value(RECENT_KEY)
    events = _record(session)
    assert session.open(paths[11]) is False and "找不到" in str(events[0][1])


# --------------------------------------------------------------------------- wired into the main window


def test_window_menus_new_project_saves_edits_and_reopens(qtbot, window, tmp_path, sync_workers, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from tests.gui.synthetic import write_report

    files = [write_report(tmp_path, f"r{i}.txt", f"第{i}示例局", 2023) for i in range(2)]
    with qtbot.waitSignal(window.batch_finished, timeout=20000):
        window.open_paths([str(f) for f in files])
    session = window.session
    assert isinstance(session, ProjectSession)
    texts = [a.text() for a in window.file_menu.actions()]
    assert {"新建项目…", "打开项目…", "项目另存为…", "最近的项目"} <= set(texts)

    proj = tmp_path / "批次"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(proj), "")))
    next(a for a in window.file_menu.actions() if a.text() == "新建项目…").trigger()
    path = str(proj) + PROJECT_SUFFIX
    assert session.path == path and "批次.ogiproj" in window.windowTitle()
    assert window.windowTitle().endswith("政府信息公开年报审核") and window.windowTitle().count("年报审核") == 1
    window.push_edit(ValueEdit("apply.new.total", 77))
    edited = window.current.path
    # a file opened later joins the project
    later = write_report(tmp_path, "r9.txt", "第9示例局", 2022)
    with qtbot.waitSignal(window.batch_finished, timeout=20000):
        window.open_paths([str(later)])
    with Project.open(path, read_only=True) as check:
        assert check.report(edited).value("apply.new.total") == 77
        assert len(check.reviewed_reports()) == 3

    # Opening the project (like the open dialog / recent menu) replaces the window's reports.
    session.close()
    window.open_paths([path])
    assert session.path == path and not session.read_only
    assert sorted(e.path for e in window.entries()) == sorted([str(f) for f in files] + [str(later)])
    entry = next(e for e in window.entries() if e.path == edited)
    assert entry.reviewed.value("apply.new.total") == 77


def test_window_title_says_read_only_when_another_instance_holds_the_project(qtbot, window, tmp_path, no_message_boxes):
    path = tmp_path / ("共享" + PROJECT_SUFFIX)
    other = Project.create(path)
    try:
        window.open_paths([str(path)])
        assert "共享.ogiproj〔只读〕[*]" in window.windowTitle()
        assert any("只读" in m[2] for m in no_message_boxes)
    finally:
        other.close()
    window.session.close()
    assert "共享" not in window.windowTitle()


def test_unwritable_project_file_opens_read_only_with_a_message(session, tmp_path, monkeypatch):
    path = tmp_path / ("光盘上" + PROJECT_SUFFIX)
    Project.create(path).close()
    monkeypatch.setattr("core.review.project.os.access", lambda p, mode: False)
    events = _record(session)
    assert session.open(str(path)) is True
    assert session.read_only and [k for k, _ in events] == ["opened", "read_only", "error"]
    assert "只读" in str(events[-1][1]) and path.name in str(events[-1][1])


def test_reopening_or_recreating_the_current_project(session, tmp_path):
    path = str(tmp_path / ("同一个" + PROJECT_SUFFIX))
    assert session.new(path)
    first = session.project
    events = _record(session)
    assert session.open(path) is True and session.project is first and events == []
    src = write_source(tmp_path / "a.txt", {"apply.new.total": 3})
    session.add_reports([ReviewedReport(fake_parse(str(src)))])
    assert session.new(path) is True  # replaces it (the save dialog confirmed): no lock conflict with ourselves
    assert [k for k, _ in events] == ["closed", "opened"] and session.reviewed_reports() == []


def test_read_only_project_tables_refuse_edits(qtbot, window, tmp_path, sync_workers, no_message_boxes):
    from tests.gui.synthetic import write_report

    src = write_report(tmp_path, "r.txt", "只读示例局", 2023)
    path = tmp_path / ("锁定" + PROJECT_SUFFIX)
    with Project.create(path) as setup:
        from core.parsing import parse_report

        setup.add_report(ReviewedReport(parse_report(str(src))))
    holder = Project.open(path)  # another instance holds the lock
    try:
        window.open_paths([str(path)])
        assert window.session.read_only
        window.show_entry(window.entries()[0])
        model = window.stat_tables.models["apply"]
        idx = model.index_of("apply.new.total")
        assert not (model.flags(idx) & model.flags(idx).ItemIsEditable)
        before = window.current.reviewed.value("apply.new.total")
        assert not model.setData(idx, "999")
        assert window.current.reviewed.value("apply.new.total") == before
        assert window.stat_tables.open_remap_dialog("apply.new") is None
        # a banner says so, in local time (never a raw ISO stamp), and nothing looks editable
        banner = window.read_only_banner
        assert banner.isVisible() and "只读" in banner.text() and "项目另存为" in banner.text()
        assert "T" not in banner.text().split("自", 1)[-1].split("起")[0] and "+00:00" not in banner.text()
        meta = window.metadata_panel
        assert meta.agency.isReadOnly() and meta.year.isReadOnly() and not meta.template.isEnabled()
        qtbot.keyClicks(meta.agency, "X")
        meta.agency.editingFinished.emit()
        assert window.current.reviewed.metadata_value("agency") == "只读示例局"
        assert not meta.reviewed_check.isEnabled() and not window.act_reviewed.isEnabled()
        assert not window.act_confirm.isEnabled() and not window.findings_panel.confirm_button.isEnabled()
        assert not window.source_view.section_button.isEnabled()
    finally:
        holder.close()
        window.session.close()
    # once the project is closed the tables are editable again
    model = window.stat_tables.models["apply"]
    assert not model.read_only
    assert not window.read_only_banner.isVisible() and not window.metadata_panel.agency.isReadOnly()


def _outside_project(tmp_path: Path) -> tuple[Path, Path]:
    """A project whose report's source lies outside its folder, changed since it was parsed."""
    (tmp_path / "别处").mkdir()
    src = write_source(tmp_path / "别处" / "a.txt", {"apply.new.total": 3})
    (tmp_path / "项目").mkdir()
    path = tmp_path / "项目" / ("外部" + PROJECT_SUFFIX)
    with Project.create(path) as p:
        p.add_reports([ReviewedReport(fake_parse(str(src)))])
    write_source(src, {"apply.new.total": 8})
    return path, src


def test_sources_outside_the_project_folder_need_consent(session, tmp_path):
    path, src = _outside_project(tmp_path)
    asked: list[tuple[str, list[str]]] = []
    session.outside_consent = lambda project, paths: asked.append((project, paths)) or False
    assert session.open(str(path)) is True
    assert asked == [(str(path), [str(src)])]
    assert session.reviewed_reports()[0].value("apply.new.total") == 3  # the file was not read
    session.close()
    session.outside_consent = lambda project, paths: True
    assert session.open(str(path)) is True
    assert session.reviewed_reports()[0].value("apply.new.total") == 8


def test_window_asks_before_reading_files_outside_a_project(qtbot, window, tmp_path, sync_workers, no_message_boxes):
    path, _src = _outside_project(tmp_path)
    window.open_paths([str(path)])
    asks = [m for m in no_message_boxes if m[0] == "question" and "项目文件夹之外" in m[2]]
    assert len(asks) == 1 and "外部.ogiproj" in asks[0][2]
    assert window.session.reviewed_reports()[0].value("apply.new.total") == 3  # refused (log-only answers no)
    window.session.close()


def test_project_with_stored_json_of_the_wrong_shape_is_a_message(session, tmp_path):
    import sqlite3

    path = tmp_path / ("坏形状" + PROJECT_SUFFIX)
    src = write_source(tmp_path / "a.txt", {"apply.new.total": 3})
    with Project.create(path) as p:
        p.add_reports([ReviewedReport(fake_parse(str(src)))])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE reports SET section_starts = '{\"s1\": {\"x\": 1}}'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    events = _record(session)
    assert session.open(str(path)) is False  # no exception reaches the window
    assert [e[0] for e in events] == ["error"] and "坏形状" in str(events[0][1]) and "损坏" in str(events[0][1])
    assert path.read_bytes() == before
