"""gui.errors (message wrapper, show_error, crash hook, log file) and gui.settings (declared, typed, versioned)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from core.errors import LoadError, ReportError
from gui import errors, settings


def test_show_error_uses_the_chinese_message(qtbot) -> None:
    errors.show_error(None, LoadError("无法读取文件“乙.pdf”：文件已加密。", details="pdf.encrypted"))
    kind, title, text = errors.shown[-1]
    assert kind == "warning" and "乙.pdf" in text and title == "操作未完成"


def test_show_error_for_a_bug_is_critical(qtbot) -> None:
    errors.show_error(None, ValueError("oops"))
    assert errors.shown[-1][0] == "critical" and "oops" in errors.shown[-1][2]


def test_cancelled_goes_to_the_status_bar(qtbot) -> None:
    notices: list[str] = []
    errors.set_status_sink(lambda text, ms: notices.append(text))
    from core.errors import Cancelled

    n = len(errors.shown)
    errors.show_error(None, Cancelled())
    assert notices == ["操作已取消。"] and len(errors.shown) == n


def test_excepthook_logs_and_records(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise RuntimeError("未预料的错误")
    except RuntimeError:
        info = sys.exc_info()
    with caplog.at_level(logging.ERROR, logger="gui.errors"):
        errors.excepthook(*info)
    assert "未预料的错误" in caplog.text
    assert errors.shown[-1] == ("crash", "", "未预料的错误")
    errors.install_excepthook(True)
    try:
        assert sys.excepthook is errors.excepthook
    finally:
        errors.install_excepthook(False)
    assert sys.excepthook is sys.__excepthook__


def test_crash_dialog_shows_details(qtbot) -> None:
    dlg = errors.CrashDialog("Traceback: boom")
    qtbot.addWidget(dlg)
    assert "boom" in dlg.details.toPlainText()


def test_rotating_log_file(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    try:
        path = errors.setup_logging(tmp_path)
        logging.getLogger("gui.test").info("写入日志")
        for h in root.handlers:
            h.flush()
        assert "写入日志" in path.read_text(encoding="utf-8")
    finally:
        for h in root.handlers[:]:
            if h not in before:
                root.removeHandler(h)
                h.close()
        root.setLevel(level)


def test_declared_defaults_and_types(tmp_settings: Path) -> None:
    assert settings.get("ui/language") == "zh_CN"
    assert settings.get("files/recent") == []
    settings.set("view/show_original", True)
    settings.sync()
    settings.set_settings_file(tmp_settings)  # re-read from disk
    assert settings.get("view/show_original") is True
    with pytest.raises(KeyError):
        settings.set("no/such", 1)
    assert settings.unknown_keys() == []


def test_recent_files_most_recent_first_and_bounded(tmp_settings: Path) -> None:
    for i in range(15):
        settings.add_recent(f"/r/{i}.txt")
    settings.add_recent("/r/3.txt")
    recent = settings.get("files/recent")
    assert recent[0] == "/r/3.txt" and len(recent) == settings.MAX_RECENT and recent.count("/r/3.txt") == 1


def test_schema_upgrade_moves_old_language_key(tmp_path: Path) -> None:
    path = tmp_path / "old.ini"
    old = QSettings(str(path), QSettings.IniFormat)
    old.setValue("language", "en")
    old.sync()
    del old
    settings.set_settings_file(path)
    assert settings.get("ui/language") == "en"
    assert int(settings.qsettings().value("meta/schema")) == settings.SCHEMA_VERSION
    assert not settings.qsettings().contains("language")


def test_report_error_is_the_base(qtbot) -> None:
    errors.show_error(None, ReportError("导出失败：磁盘已满。", code="export.failed"))
    assert "磁盘已满" in errors.shown[-1][2]
