"""The window with a PDF beside the tables; the small dialogs; recent files; drag enter."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent

from core.model import Finding
from core.review.state import ReviewedReport
from gui import settings
from gui.dialogs.confirm_dialog import ConfirmDialog
from gui.dialogs.settings_dialog import SettingsDialog
from tests.conftest import CORPUS
from tests.gui.synthetic import synthetic_report, write_report


def test_pdf_page_shown_beside_the_tables(qtbot, window, sync_workers) -> None:
    pdf = CORPUS / "huaian_city_2024.pdf"
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths([str(pdf)])
    assert window.current is not None and window.current.reviewed.report.document.form == "pdf"
    view = window.pdf_view
    assert view is not None and view.isVisible() and view.page_count > 0
    # the page sits under the source text; the tables keep the right column's whole height
    assert window.centre_splitter.indexOf(view) == 1 and window.right_splitter.indexOf(view) == -1
    assert window.stat_tables.height() >= window.h_splitter.height() - 10
    assert view.height() >= 200
    rr = window.current.reviewed
    fid, value = next((f, v) for f, v in rr.values().items() if v.page and v.bbox and v.page > 1)
    window.stat_tables.select_fields([fid])  # the tables' current cell → field_selected
    assert view.page == value.page and view.highlight_rect() is not None
    assert window.source_view.highlighted_text() == rr.report.text[value.span.start : value.span.end]
    # a text report hides the page view again, and lets go of the PDF and its rendered pages (memory)
    window.add_reviewed([ReviewedReport(synthetic_report())])
    window.report_list.select_entry(window.entries()[-1])
    assert not view.isVisible() and view.path == "" and view.page_count == 0 and not view._cache
    # the PDF report shown again: its page and box are back
    window.report_list.select_entry(window.entries()[0])
    window.stat_tables.select_fields([fid])
    assert view.isVisible() and view.page == value.page and view.highlight_rect() is not None


def test_confirm_dialog_returns_the_note(qtbot) -> None:
    dlg = ConfirmDialog(Finding("r", "error", "表三 合计不符"), note="旧说明")
    qtbot.addWidget(dlg)
    assert dlg.note() == "旧说明"
    dlg.note_edit.setPlainText("  原文如此  ")
    assert dlg.note() == "原文如此"


def test_confirm_dialog_shows_the_whole_message_and_enter_accepts(qtbot) -> None:
    from PySide6.QtCore import Qt

    long = "表三 “1.属于国家秘密” 行：该行印出 6 个单元格，应有 7 列，已按行标签和勾稽关系推定各数字所在的列，" * 4
    dlg = ConfirmDialog(Finding("r", "warning", long))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    label = dlg.message_label
    assert label.height() >= label.heightForWidth(label.width())  # wrapped, not clipped
    dlg.note_edit.setFocus()
    qtbot.keyClicks(dlg.note_edit, "ok")
    qtbot.keyClick(dlg.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new line
    assert dlg.isVisible() and dlg.note_edit.toPlainText() == "ok\n"
    qtbot.keyClicks(dlg.note_edit, "2")
    qtbot.keyClick(dlg.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.note() == "ok\n2"


def test_settings_dialog_stores_language(qtbot) -> None:
    dlg = SettingsDialog()
    qtbot.addWidget(dlg)
    assert dlg.language.currentData() == "zh_CN"
    dlg.language.setCurrentIndex(dlg.language.findData("en"))
    assert dlg.apply() is True
    assert settings.get("ui/language") == "en"


def test_recent_files_menu_reopens(qtbot, window, tmp_path, sync_workers) -> None:
    p = write_report(tmp_path, "recent.txt", "最近局", 2023)
    settings.add_recent(str(p))
    window._fill_recent_menu()
    acts = [a for a in window.recent_menu.actions() if a.text() == str(p)]
    assert acts
    with qtbot.waitSignal(window.batch_finished, timeout=20000):
        acts[0].trigger()
    assert [e.path for e in window.entries()] == [str(p)]


def test_drag_enter_accepts_files_only(qtbot, window, tmp_path) -> None:
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.txt"))])
    ev = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, files, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(ev)
    assert ev.isAccepted()
    text = QMimeData()
    text.setText("hello")
    ev2 = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, text, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(ev2)
    assert not ev2.isAccepted()


def test_read_only_project_blocks_edits(qtbot, window) -> None:
    (entry,) = window.add_reviewed([ReviewedReport(synthetic_report())])

    class ReadOnly:
        read_only = True
        project = None

        def close(self) -> None:
            pass

    window.session = ReadOnly()
    window.edit_metadata("agency", "不应生效")
    assert entry.reviewed.metadata_value("agency") == "青松县示例局"
    assert "只读" in window.statusBar().currentMessage()
