"""The window around the trace loop: first-run size on small and scaled screens, remembered panes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

_PROBE = r"""
import json, sys
from gui import errors, settings
errors.set_log_only(True)
from gui.app import create_application
app = create_application()
from PySide6.QtGui import QGuiApplication
from gui.main_window.window import MainWindow
w = MainWindow()
w.show()
app.processEvents()
s = QGuiApplication.primaryScreen()
a = s.availableGeometry()
f = w.frameGeometry()
sb = w.statusBar()
top_left = sb.mapTo(w, sb.rect().topLeft())
print(json.dumps({
    "avail": [a.x(), a.y(), a.width(), a.height()],
    "frame": [f.x(), f.y(), f.width(), f.height()],
    "dpr": s.devicePixelRatio(),
    "maximized": w.isMaximized(),
    "status_bottom": top_left.y() + sb.height(),
    "count_visible": w.count_label.isVisible(),
    "height": w.height(),
    "panes": w.h_splitter.sizes(),
    "status_right": w.report_list.view.horizontalHeader().sectionViewportPosition(3)
    + w.report_list.view.horizontalHeader().sectionSize(3),
    "list_width": w.report_list.view.viewport().width(),
    "help": [w.show_help(manual=True).width(), w.help_dialog.height()],
    "agency_width": w.report_list.view.horizontalHeader().sectionSize(0),
    "table_viewport": w.stat_tables.views["apply"].viewport().width(),
    "agency_chars": w.report_list.view.horizontalHeader().sectionSize(0)
    // max(1, w.report_list.view.fontMetrics().horizontalAdvance("机")),
}))
w.close()
"""


def _probe(tmp_path: Path, width: int, height: int, scale: float) -> dict:
    cfg = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    cfg.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={cfg}",
        QT_SCALE_FACTOR=str(scale),
        OGI_REVIEW_SETTINGS=str(tmp_path / "settings.ini"),
        OGI_REVIEW_DATA_DIR=str(tmp_path / "data"),
    )
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize(("width", "height", "scale"), [(1366, 768, 1.0), (1366, 768, 1.5), (1920, 1080, 1.0)])
def test_first_run_fits_the_available_screen(tmp_path: Path, width: int, height: int, scale: float) -> None:
    got = _probe(tmp_path, width, height, scale)
    ax, ay, aw, ah = got["avail"]
    fx, fy, fw, fh = got["frame"]
    assert got["dpr"] == pytest.approx(scale)
    # never larger than the screen, in device-independent pixels (150 %: 911×512 logical)
    assert aw == round(width / scale) or aw == width // scale or abs(aw - width / scale) < 1.5
    assert fx >= ax and fy >= ay and fx + fw <= ax + aw and fy + fh <= ay + ah, got
    # the status bar (load progress, 取消, counts) is inside the window
    assert got["count_visible"] and got["status_bottom"] <= got["height"]
    if width >= 1920:
        assert not got["maximized"] and (fw, fh) <= (1620, 1060)
    else:
        assert got["maximized"]
    # the report list takes the smaller share; the tables the larger
    listed, centre, tables = got["panes"]
    assert listed < tables
    # the statistics tables get about half the width (more than 400 logical pixels at 150 %)
    assert tables >= 0.47 * (listed + centre + tables) and got["table_viewport"] >= 400, got
    # the report list shows each report's status without scrolling sideways, on a 911-pixel
    # logical screen (1366×768 at 150 %) too, and room for an agency's name (its middle elided)
    assert got["status_right"] <= got["list_width"] + 2, got
    assert got["agency_chars"] >= 7, got
    # a tall dialog (使用说明) keeps its frame and its 关闭 button on the screen
    from gui.settings import FRAME_ROOM

    assert got["help"][0] + FRAME_ROOM.width() <= aw and got["help"][1] + FRAME_ROOM.height() <= ah, got


def test_splitters_and_geometry_are_remembered(qtbot) -> None:  # type: ignore[no-untyped-def]
    from gui.main_window.window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(780, 560)
    first.show()
    qtbot.waitExposed(first)
    first.h_splitter.setSizes([170, 250, 360])
    first.v_splitter.setSizes([330, 120])
    wanted_h, wanted_v = first.h_splitter.sizes(), first.v_splitter.sizes()
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == first.size()
    assert second.h_splitter.sizes() == wanted_h
    assert second.v_splitter.sizes() == wanted_v


def test_help_lists_the_keyboard_shortcuts_and_a_manual(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    texts = [a.text() for a in window.help_menu.actions()]
    assert "键盘快捷键" in texts and "使用说明" in texts
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dlg = window.help_dialog
    qtbot.waitExposed(dlg)
    text = dlg.text()
    for keys, what in (("F8", "下一个问题"), ("Shift+F8", "上一个问题"), ("Ctrl+Shift+R", "标记为已审核")):
        assert keys in text and what in text
    assert "Ctrl+Shift+K" in text and "Alt+1" in text and "F8" in text.split("键盘快捷键")[0]  # the manual too
    dlg.close()


def test_qt_dialogs_speak_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    import re

    from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton

    from gui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    try:
        dlg = QFileDialog(None, "打开")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
        texts = [w.text() for w in dlg.findChildren(QLabel) + dlg.findChildren(QPushButton) if w.text()]
        assert texts and not [t for t in texts if re.search("[A-Za-z]{3}", t)], texts
        assert "查找范围(&I)：" in texts or "查找范围：" in texts  # Qt 6.8's "Look in:" has no mnemonic yet
        dlg.deleteLater()
    finally:
        install_translators(qapp, "zh_CN")


def test_findings_counts_do_not_widen_the_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    """English at 150 % on 1366×768: a long count line wraps instead of pushing the window off the screen."""
    from gui.findings.findings_panel import FindingsPanel

    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.summary.setText("Findings — errors: 0")
    short = panel.minimumSizeHint().width()
    panel.summary.setText("Findings — errors: 1234, warnings: 5678, confirmed: 91011 " * 3)
    assert panel.minimumSizeHint().width() == short
    panel.resize(short, 300)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.summary.width() <= short and panel.summary.wordWrap()



def test_f8_on_a_150_percent_laptop_keeps_table_headers_and_labels_in_view(qtbot, window, sync_workers) -> None:  # type: ignore[no-untyped-def]
    """1366×768 at 150 % is 911×512 logical pixels: the tables get about half the width, and every
    F8 leaves 表三's column headers and row labels on screen beside the finding's cell."""
    from core.resources import sample_files

    window.resize(911, 512)
    qtbot.waitUntil(lambda: window.width() == 911)
    window._default_pane_sizes()
    listed, centre, tables = window.h_splitter.sizes()
    assert tables >= 0.47 * (listed + centre + tables) and tables > max(listed, centre)
    path = next(p for p in sample_files() if "含错误" in p.name)
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths([str(path)])
    view = window.stat_tables.views["apply"]
    assert view.viewport().width() >= 400
    seen = scrolled = 0
    for _ in range(len(window.current.open_findings())):
        finding = window.go_to_next_finding(1)
        assert finding is not None
        qtbot.wait(10)  # the table page's deferred scroll (select_fields) runs
        if window.stat_tables.current_table() != "apply":
            continue
        idx = view.currentIndex()
        assert view.stat_model().field_at(idx) in finding.fields
        width, height = view.frozen_size()
        rect = view.visualRect(idx)
        viewport = view.viewport().rect()
        assert viewport.contains(rect.center()), (finding.message, rect, viewport)
        if view.horizontalScrollBar().value() > 0:
            assert width > 0 and view._frozen_left.isVisible() and rect.left() >= width - 1
            scrolled += 1
        if view.verticalScrollBar().value() > 0:
            assert height > 0 and view._frozen_top.isVisible() and rect.top() >= height - 1
        seen += 1
    assert seen >= 2 and scrolled >= 1


def test_the_duplicate_column_joins_a_narrow_list_without_sideways_scrolling(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """1366×768: the report list is ~280 pixels; when duplicates appear, the 重复 column takes part of
    the agency column's width instead of pushing the list into a horizontal scroll bar."""
    from core.review.state import ReviewedReport
    from gui.report_list.report_list import COL_AGENCY, COL_DUPLICATE, COL_STATUS
    from tests.gui.synthetic import synthetic_report

    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.width() == 1366)
    window._default_pane_sizes()
    view = window.report_list.view
    qtbot.waitUntil(lambda: window.h_splitter.sizes()[0] < 320)
    window.add_reviewed([ReviewedReport(synthetic_report("另一局.txt", agency="另一局", year=2023))])
    assert view.horizontalHeader().isSectionHidden(COL_DUPLICATE)
    copies = [synthetic_report(f"副本{i}.txt", agency="重复示例局", year=2023) for i in range(3)]
    window.add_reviewed([ReviewedReport(r) for r in copies])
    h = view.horizontalHeader()
    assert not h.isSectionHidden(COL_DUPLICATE)
    shown = [c for c in range(h.count()) if not h.isSectionHidden(c)]
    assert sum(h.sectionSize(c) for c in shown) <= view.viewport().width()
    assert h.sectionSize(COL_DUPLICATE) >= 48 and h.sectionSize(COL_AGENCY) >= 72
    # an elided 重复 or status text keeps its start (“✓ 代表…”, “重复，…”, “错误 4…”)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyleOptionViewItem

    for col in (COL_DUPLICATE, COL_STATUS):
        option = QStyleOptionViewItem()
        view.itemDelegateForColumn(col).initStyleOption(option, view.model().index(0, col))
        assert option.textElideMode == Qt.TextElideMode.ElideRight


@pytest.mark.parametrize("width", [911, 1366])
def test_switching_to_a_report_without_sections_keeps_the_panes(qtbot, window, width: int) -> None:  # type: ignore[no-untyped-def]
    """A report whose parts were not recognised (a long notice instead of the section list) or a
    PDF (its page under the text) leaves the panes where they are: the tables keep their width."""
    from core.review.state import ReviewedReport
    from tests.gui.synthetic import synthetic_report

    window.resize(width, 700)
    qtbot.waitUntil(lambda: window.width() == width)
    window._default_pane_sizes()
    plain = synthetic_report("有部分.txt", agency="示例局", year=2023)
    bare = synthetic_report("无部分.txt", agency="某某市某某区某某街道办事处某某服务中心", year=2023)
    bare.sections = []
    first, second = window.add_reviewed([ReviewedReport(plain), ReviewedReport(bare)])
    window.report_list.select_entry(first)
    qtbot.waitUntil(lambda: window.current is first)
    before = window.h_splitter.sizes()
    tables = window.stat_tables.width()
    window.report_list.select_entry(second)
    qtbot.waitUntil(lambda: window.current is second)
    assert "未识别出报告的各部分" in window.source_view.info.text()
    qtbot.wait(50)  # posted layout requests run (a widening would happen here)
    assert window.h_splitter.sizes() == before and window.stat_tables.width() == tables
