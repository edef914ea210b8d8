"""The review window driven through its real widgets: open, drop, filter, findings, F8, edits, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from core.review.state import ReviewedReport
from gui import errors
from gui.report_list.report_list import COL_AGENCY, COL_STATUS
from tests.gui.synthetic import NOTE_RULE, TOTAL_RULE, synthetic_report, write_report


def _open(window, reports: list) -> list:  # type: ignore[no-untyped-def]
    return window.add_reviewed([ReviewedReport(r) for r in reports])


def _finding(entry, rule: str):  # type: ignore[no-untyped-def]
    return next(f for f in entry.findings if f.rule == rule)


def _click_finding(qtbot, window, rule: str) -> None:  # type: ignore[no-untyped-def]
    panel = window.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.rule == rule)
    idx = panel.model.index(row, 1)
    panel.view.scrollTo(idx)
    rect = panel.view.visualRect(idx)
    qtbot.mouseClick(panel.view.viewport(), Qt.LeftButton, pos=rect.center())


def test_open_files_like_the_menu_collects_failures(qtbot, window, tmp_path, sync_workers) -> None:
    good = [write_report(tmp_path, f"r{i}.txt", f"第{i}示例局", 2022 + i % 2) for i in range(3)]
    missing = str(tmp_path / "不存在的报告.txt")
    window._ask_open_files = lambda *a: [str(p) for p in good] + [missing]
    with qtbot.waitSignal(window.batch_finished, timeout=20000):
        window.act_open.trigger()
    assert [e.path for e in window.entries()] == [str(p) for p in good]
    assert window.current is window.entries()[0]
    # one collected message naming the unreadable file; the batch went on
    warnings = [m for m in errors.shown if m[0] == "warning"]
    assert len(warnings) == 1 and "不存在的报告.txt" in warnings[0][2]
    assert window.progress.isHidden()
    # the files went into the recent list, newest first
    from gui import settings

    assert settings.get("files/recent")[0] == missing


def test_open_folder_and_reopen_keeps_one_entry(qtbot, window, tmp_path, sync_workers) -> None:
    for i in range(2):
        write_report(tmp_path, f"r{i}.txt", f"第{i}示例局", 2023)
    window._ask_directory = lambda *a: str(tmp_path)
    with qtbot.waitSignal(window.batch_finished, timeout=20000):
        window.act_open_folder.trigger()
    assert len(window.entries()) == 2
    with qtbot.waitSignal(window.batch_finished, timeout=20000):
        window.open_paths([str(tmp_path / "r0.txt")])
    assert len(window.entries()) == 2


def test_drop_files_opens_them(qtbot, window, tmp_path) -> None:
    paths = [write_report(tmp_path, f"d{i}.txt", f"拖放{i}局", 2023) for i in range(2)]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: len(window.entries()) == 2 and not window.is_loading(), timeout=20000)
    assert {e.path for e in window.entries()} == {str(p) for p in paths}


def test_cancel_batch(qtbot, window, tmp_path) -> None:
    paths = [str(write_report(tmp_path, f"c{i:03}.txt", f"取消{i}局", 2023)) for i in range(150)]
    with qtbot.waitSignal(window.batch_finished, timeout=30000):
        window.open_paths(paths)
        assert window.is_loading() and window.cancel_button.isVisible()
        qtbot.mouseClick(window.cancel_button, Qt.LeftButton)
    assert len(window.entries()) < 150
    assert "取消" in window.statusBar().currentMessage()
    assert not window.is_loading() and window.cancel_button.isHidden()
    # the window is usable again: a new batch runs
    with qtbot.waitSignal(window.batch_finished, timeout=30000):
        window.open_paths(paths[:2])
    assert len(window.entries()) >= 2


def test_filter_and_sort_report_list(qtbot, window) -> None:
    _open(
        window,
        [
            synthetic_report("a.txt", agency="青松县示例局", total=6, findings=False),
            synthetic_report("b.txt", agency="白桦市样本办", total=7),
            synthetic_report("c.txt", agency="青松县另一局", year=2022, total=6, findings=False),
        ],
    )
    lst = window.report_list
    assert lst.proxy.rowCount() == 3
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert lst.filter_edit.hasFocus()
    lst.filter_edit.insert("青松")  # QTest cannot type CJK; insert() is what an input method does
    assert lst.proxy.rowCount() == 2
    assert {lst.proxy.index(r, COL_AGENCY).data() for r in range(2)} == {"青松县示例局", "青松县另一局"}
    lst.filter_edit.clear()
    lst.view.sortByColumn(COL_STATUS, Qt.DescendingOrder)
    assert lst.proxy.index(0, COL_AGENCY).data() == "白桦市样本办"
    assert "错误" in lst.proxy.index(0, COL_STATUS).data()
    assert not lst.proxy.index(0, COL_STATUS).data(Qt.DecorationRole).isNull()


def test_click_finding_selects_cells_and_highlights_source(qtbot, window) -> None:
    (entry,) = _open(window, [synthetic_report()])
    assert window.current is entry
    _click_finding(qtbot, window, TOTAL_RULE)
    tables = window.stat_tables
    assert tables.current_table() == "apply"
    view = tables.views["apply"]
    selected = {tables.models["apply"].field_at(i) for i in view.selectionModel().selectedIndexes()}
    assert {"apply.new.total", "apply.new.natural", "apply.new.commercial"} <= selected
    # the first field's value is highlighted in the source text
    assert window.source_view.highlighted_text() == "7"
    cursor_line = window.source_view.text.textCursor().block().text()
    assert cursor_line.startswith("一、本年新收")


def test_finding_with_span_only_highlights_text(qtbot, window) -> None:
    _open(window, [synthetic_report()])
    _click_finding(qtbot, window, NOTE_RULE)
    assert window.source_view.highlighted_text() == "五、存在的主要问题及改进情况"
    assert window.source_view.current_section_id() == "s5"


def test_original_text_switch_maps_spans(qtbot, window) -> None:
    report = synthetic_report()
    # the original has a 3-character prefix the normalised text dropped
    doc = report.document
    doc.original = "【网】" + doc.text
    doc.offsets = [i + 3 for i in range(len(doc.text))]
    _open(window, [report])
    _click_finding(qtbot, window, TOTAL_RULE)
    window.source_view.original_check.setChecked(True)
    assert window.source_view.text.toPlainText().startswith("【网】")
    assert window.source_view.highlighted_text() == "7"


def test_f8_walks_unresolved_findings_across_reports(qtbot, window) -> None:
    a, b, c = _open(
        window,
        [
            synthetic_report("a.txt", agency="甲局"),
            synthetic_report("b.txt", agency="乙局", findings=False, total=6),
            synthetic_report("c.txt", agency="丙局"),
        ],
    )
    order = [(e, f.key) for e in (a, b, c) for f in e.open_findings() if f.severity in ("error", "warning")]
    assert order, "synthetic reports have findings"
    seen = []
    for _ in range(len(order)):
        qtbot.keyClick(window, Qt.Key_F8)
        seen.append((window.current, window.findings_panel.current_finding().key))
    assert seen == order
    assert window.current is c
    qtbot.keyClick(window, Qt.Key_F8)  # wraps around
    assert (window.current, window.findings_panel.current_finding().key) == order[0]
    qtbot.keyClick(window, Qt.Key_F8, Qt.ShiftModifier)
    assert (window.current, window.findings_panel.current_finding().key) == order[-1]
    assert window.current is c and window.report_list.current_entry() is c


def test_edit_metadata_undo_redo(qtbot, window) -> None:
    (entry,) = _open(window, [synthetic_report()])
    rr = entry.reviewed
    panel = window.metadata_panel
    panel.agency.clear()
    panel.agency.insert("青松县审计局")
    qtbot.keyClick(panel.agency, Qt.Key_Return)
    assert rr.metadata_value("agency") == "青松县审计局"
    assert window.report_list.proxy.index(0, COL_AGENCY).data() == "青松县审计局"
    assert window.act_undo.isEnabled() and "机关名称" in window.act_undo.text()
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert rr.metadata_value("agency") == "青松县示例局"
    assert panel.agency.text() == "青松县示例局"
    assert window.report_list.proxy.index(0, COL_AGENCY).data() == "青松县示例局"
    qtbot.keyClick(window, Qt.Key_Y, Qt.ControlModifier)
    assert rr.metadata_value("agency") == "青松县审计局"
    # year through its own field
    panel.year.setText("2021")
    panel.year.editingFinished.emit()
    assert rr.metadata_value("year") == 2021


def test_move_section_boundary_and_undo(qtbot, window) -> None:
    (entry,) = _open(window, [synthetic_report()])
    rr = entry.reviewed
    text = rr.report.text
    line = text.index("（一）主动公开")
    sv = window.source_view
    sv.move_cursor_to(line + 3)
    sv.section_combo.setCurrentIndex(sv.section_combo.findData("s2"))
    qtbot.mouseClick(sv.section_button, Qt.LeftButton)
    s2 = next(s for s in rr.sections() if s.id == "s2")
    assert s2.heading.start == line
    assert "移动第二部分" in window.act_undo.text()
    assert sv._find_item("s2").font(0).italic()
    window.act_undo.trigger()
    assert next(s for s in rr.sections() if s.id == "s2").heading.start == text.index("二、主动公开")
    assert not sv._find_item("s2").font(0).italic()


def test_confirm_finding_is_undoable_and_updates_status(qtbot, window) -> None:
    (entry,) = _open(window, [synthetic_report()])
    rr = entry.reviewed
    f = _finding(entry, TOTAL_RULE)
    errors_before = entry.status.errors
    window._ask_confirm_note = lambda finding, note: "原文如此，已电话核实"
    _click_finding(qtbot, window, TOTAL_RULE)
    qtbot.mouseClick(window.findings_panel.confirm_button, Qt.LeftButton)
    assert rr.state.confirmed[f.key].note == "原文如此，已电话核实"
    assert entry.status.errors == errors_before - 1 and entry.status.confirmed >= 1
    row = window.findings_panel.model.row_of(f)
    assert "与原文一致" in window.findings_panel.model.index(row, 2).data()
    # F8 skips the confirmed finding
    assert all(x.key != f.key for x in entry.open_findings())
    window.act_undo.trigger()
    assert f.key not in rr.state.confirmed
    assert entry.status.errors == errors_before


def test_reviewed_flag_updates_list(qtbot, window, monkeypatch) -> None:
    (entry,) = _open(window, [synthetic_report()])
    asked = []
    monkeypatch.setattr(window, "_ask_reviewed_with_errors", lambda n: asked.append(n) or True)
    qtbot.mouseClick(window.metadata_panel.reviewed_check, Qt.LeftButton)
    assert asked == [entry.status.errors] and entry.reviewed.state.reviewed
    # 已审核 is a flag beside the status: open errors and warnings still count (issue 11)
    text = window.report_list.proxy.index(0, COL_STATUS).data()
    assert text.startswith("已审核，") and f"错误 {entry.status.errors}" in text and entry.status.errors
    assert "1 份有错误，1 份已审核" in window.count_label.text()
    window.act_undo.trigger()
    assert not entry.reviewed.state.reviewed
    assert not window.metadata_panel.reviewed_check.isChecked()


def test_value_edit_revalidates_at_once(qtbot, window) -> None:
    (entry,) = _open(window, [synthetic_report(total=7, findings=False)])
    from core.review.state import ValueEdit

    before = [f.key for f in entry.findings]
    window.push_edit(ValueEdit("apply.new.total", 6))
    assert entry.reviewed.value("apply.new.total") == 6
    # whatever the rules say, the panel shows the entry's current findings after the edit
    assert [f.key for f in window.findings_panel.model.findings] == [f.key for f in entry.findings]
    window.act_undo.trigger()
    assert [f.key for f in entry.findings] == before


def test_undo_stacks_follow_the_current_report(qtbot, window) -> None:
    a, b = _open(window, [synthetic_report("a.txt", agency="甲局"), synthetic_report("b.txt", agency="乙局")])
    window.edit_metadata("agency", "甲局改")
    window.report_list.select_entry(b)
    assert window.current is b and not window.act_undo.isEnabled()
    window.report_list.select_entry(a)
    assert window.act_undo.isEnabled()
    window.act_undo.trigger()
    assert a.reviewed.metadata_value("agency") == "甲局"


def test_export_current_via_action(qtbot, window, tmp_path) -> None:
    _open(window, [synthetic_report()])
    target = tmp_path / "当前报告.xlsx"
    window._ask_save_path = lambda title, name: str(target)
    window.edit_metadata("agency", "导出测试局")
    with qtbot.waitSignal(window.export_finished, timeout=30000) as sig:
        qtbot.keyClick(window, Qt.Key_E, Qt.ControlModifier)
    assert sig.args == [str(target)]
    assert target.is_file()
    from openpyxl import load_workbook

    wb = load_workbook(target)
    texts = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert any("导出测试局" in t for t in texts)
    assert not window.isWindowModified()  # clean after a successful export


def test_export_batch_via_action_and_error(qtbot, window, tmp_path) -> None:
    _open(window, [synthetic_report("a.txt", agency="甲局"), synthetic_report("b.txt", agency="乙局")])
    from core.export import ExportOptions
    from gui.dialogs.export_dialog import ExportChoice

    target = tmp_path / "汇总.xlsx"
    opened: list[tuple[str, str]] = []
    window._open_after_export = lambda path, after: opened.append((path, after))
    window._ask_export_choice = lambda: ExportChoice(str(target), ExportOptions(reviewer="王审核"), "folder")
    with qtbot.waitSignal(window.export_finished, timeout=30000):
        window.act_export_batch.trigger()
    assert target.is_file() and opened == [(str(target), "folder")]
    # a path that cannot be written: the error goes through show_error, nothing raises
    bad = tmp_path / "no-such-dir" / "x.xlsx"
    window._ask_export_choice = lambda: ExportChoice(str(bad), ExportOptions(), "none")
    errors.shown.clear()
    op = window.export_batch_dialog()
    qtbot.waitUntil(lambda: op.done, timeout=30000)
    assert errors.shown and errors.shown[-1][0] == "warning"


def test_export_dialog_offers_and_remembers_the_options(qtbot, tmp_settings: Path) -> None:
    from gui import settings
    from gui.dialogs.export_dialog import ExportDialog

    d = ExportDialog(None, name="汇总.xlsx", folder="/tmp/项目", directory="", count_incomplete=True)
    qtbot.addWidget(d)
    assert d.path.text() == str(Path("/tmp/项目") / "汇总.xlsx")
    assert d.incomplete.isChecked() and not d.summary_by.isEnabled()  # no directory: no 地区/层级 split
    d.per_report.setChecked(True)
    d.unit.setText("示例市政务公开办")
    d.reviewer.setText("王审核")
    d.after.setCurrentIndex(d.after.findData("file"))
    d.path.setText("/tmp/项目/上报")
    c = d.choice()
    assert c.path == "/tmp/项目/上报.xlsx" and c.after == "file"
    assert c.options.per_report_sheets and c.options.count_incomplete and c.options.reviewer == "王审核"
    d.accept()
    again = ExportDialog(None, directory="/tmp/名录.xlsx")
    qtbot.addWidget(again)
    assert again.per_report.isChecked() and again.unit.text() == "示例市政务公开办"
    assert again.reviewer.text() == "王审核" and again.after.currentData() == "file"
    assert again.summary_by.isEnabled() and settings.get("export/reviewer") == "王审核"


def test_window_state_is_saved(qtbot, window, tmp_settings: Path) -> None:
    window.h_splitter.setSizes([200, 600, 800])
    window.source_view.original_check.setChecked(True)
    window.source_view.wrap_check.setChecked(False)
    assert window.source_view.text.lineWrapMode() == window.source_view.text.LineWrapMode.NoWrap
    window.close()
    from gui import settings
    from gui.main_window.window import MainWindow

    assert settings.get("view/show_original") is True
    w2 = MainWindow()
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert w2.source_view.original_check.isChecked()
    assert not w2.source_view.wrap_check.isChecked()
    assert abs(w2.h_splitter.sizes()[0] - window.h_splitter.sizes()[0]) <= 2


def test_close_report(qtbot, window) -> None:
    a, b = _open(window, [synthetic_report("a.txt", agency="甲局"), synthetic_report("b.txt", agency="乙局")])
    window.report_list.select_entry(a)
    qtbot.keyClick(window, Qt.Key_W, Qt.ControlModifier)
    assert window.entries() == [b] and window.current is b


def test_cross_year_findings_join_the_later_report(qtbot, window) -> None:
    from core.model import Value
    from core.review.state import ValueEdit

    prev = synthetic_report("2022.txt", agency="青松县示例局", year=2022, findings=False, total=6)
    prev.values["apply.carry_forward.natural"] = Value("apply.carry_forward.natural", 1, "1")
    this = synthetic_report("2023.txt", agency="青松县示例局", year=2023, findings=False, total=6)
    this.values["apply.carried.natural"] = Value("apply.carried.natural", 2, "2")
    e_prev, e_this = _open(window, [prev, this])
    cross = [f for f in e_this.findings if f.rule.startswith("cross.")]
    assert cross and "apply.carried.natural" in cross[0].fields
    assert not [f for f in e_prev.findings if f.rule.startswith("cross.")]
    # correcting last year's figure removes the finding at once
    window.report_list.select_entry(e_prev)
    window.push_edit(ValueEdit("apply.carry_forward.natural", 2))
    assert not [f for f in e_this.findings if f.rule.startswith("cross.")]
    window.act_undo.trigger()
    assert [f for f in e_this.findings if f.rule.startswith("cross.")]


def test_row_remap_from_the_tables_is_undoable_in_the_window(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    (entry,) = _open(window, [synthetic_report()])
    rr = entry.reviewed
    before = {f: rr.value(f) for f in ("apply.new.natural", "apply.new.total")}
    n_findings = len(entry.findings)
    dialog = window.stat_tables.open_remap_dialog("apply.new")
    assert dialog is not None
    dialog.select_row("apply.carried")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert rr.value("apply.carried.natural") == before["apply.new.natural"]
    assert rr.value("apply.new.natural") is None
    assert window.act_undo.isEnabled() and window.isWindowModified()
    # structural change: the window re-validated the whole report
    assert [f.key for f in window.findings_panel.model.findings] == [f.key for f in entry.findings]
    window.act_undo.trigger()
    assert {f: rr.value(f) for f in before} == before
    assert len(entry.findings) == n_findings


def test_keyboard_shortcuts_reach_the_actions(qtbot, window) -> None:
    calls: list[str] = []
    window._ask_open_files = lambda *a: calls.append("files") or []
    window._ask_directory = lambda *a: calls.append("folder") or ""
    qtbot.keyClick(window, Qt.Key_O, Qt.ControlModifier)
    qtbot.keyClick(window, Qt.Key_O, Qt.ControlModifier | Qt.ShiftModifier)
    assert calls == ["files", "folder"]
    _open(window, [synthetic_report()])
    qtbot.keyClick(window, Qt.Key_3, Qt.AltModifier)
    assert window.stat_tables.isAncestorOf(window.focusWidget())
    qtbot.keyClick(window, Qt.Key_4, Qt.AltModifier)
    assert window.focusWidget() is window.findings_panel.view
    qtbot.keyClick(window, Qt.Key_1, Qt.AltModifier)
    assert window.focusWidget() is window.report_list.view


def test_reviewed_with_open_errors_needs_a_yes(qtbot, window, monkeypatch) -> None:
    """Ctrl+Shift+R on a report with open errors asks; 否 leaves it unreviewed (box unchecked)."""
    a, b = _open(window, [synthetic_report("a.txt"), synthetic_report("b.txt", agency="乙局", findings=False, total=6)])
    answers: list[bool] = [False]
    monkeypatch.setattr(window, "_ask_reviewed_with_errors", lambda n: answers.pop(0))
    window.report_list.select_entry(a)
    qtbot.keyClick(window, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert not a.reviewed.state.reviewed and not window.undo.any_dirty()
    assert not window.metadata_panel.reviewed_check.isChecked() and not window.act_reviewed.isChecked()
    # the check box asks too; a 是 marks it, and the status bar still counts its errors
    answers.append(True)
    qtbot.mouseClick(window.metadata_panel.reviewed_check, Qt.LeftButton)
    assert a.reviewed.state.reviewed and window.metadata_panel.reviewed_check.isChecked()
    assert "1 份有错误，1 份已审核" in window.count_label.text()
    # a report without open errors is marked without a question
    window.report_list.select_entry(b)
    qtbot.keyClick(window, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert b.reviewed.state.reviewed and not answers


def test_reviewed_refused_without_a_dialog_in_log_only_mode(qtbot, window, no_message_boxes) -> None:
    (entry,) = _open(window, [synthetic_report()])
    window.act_reviewed.trigger()
    assert not entry.reviewed.state.reviewed
    assert no_message_boxes[-1][0] == "question"


def test_findings_list_highlights_only_the_current_finding(qtbot, window) -> None:
    """F8 moves the highlight: the rows it leaves are repainted unselected (issue 16, item 7)."""
    _open(window, [synthetic_report()])
    view = window.findings_panel.view
    window.findings_panel.setFocus()
    qtbot.keyClick(window, Qt.Key_F8)
    first = window.findings_panel.model.row_of(window.findings_panel.current_finding())
    # The view repaints the rows it leaves only when the selection model tells it (a grab would
    # repaint everything, so the signal is what shows the highlight moved on screen).
    with qtbot.waitSignal(view.selectionModel().selectionChanged, timeout=1000) as changed:
        qtbot.keyClick(window, Qt.Key_F8)
    deselected = changed.args[1]
    assert first in {i.row() for i in deselected.indexes()}
    second = window.findings_panel.model.row_of(window.findings_panel.current_finding())
    assert first != second
    assert [i.row() for i in view.selectionModel().selectedRows()] == [second]
    image = view.viewport().grab().toImage()
    highlight = view.palette().color(view.palette().ColorGroup.Inactive, view.palette().ColorRole.Highlight)

    def row_colour(row: int):  # type: ignore[no-untyped-def]
        rect = view.visualRect(window.findings_panel.model.index(row, 1))
        return image.pixelColor(rect.right() - 3, rect.center().y())

    assert row_colour(first) != row_colour(second)
    assert row_colour(first) != highlight


def test_confirming_moves_on_and_a_sorted_list_keeps_its_rows(qtbot, window) -> None:
    """After 确认与原文一致 the next open finding is current; the report's row does not jump away."""
    a, _b = _open(window, [synthetic_report("a.txt", agency="甲局"), synthetic_report("b.txt", agency="乙局")])
    lst = window.report_list
    lst.view.sortByColumn(COL_STATUS, Qt.DescendingOrder)
    assert lst.visible_entries()[0] is a  # most errors first; a confirmation would sort it last
    window.report_list.select_entry(a)
    row_before = lst.view.currentIndex().row()
    order_before = lst.visible_entries()
    window._ask_confirm_note = lambda finding, note: ""
    qtbot.keyClick(window, Qt.Key_F8)
    first = window.findings_panel.current_finding()
    qtbot.keyClick(window, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
    assert a.reviewed.is_confirmed(first)
    nxt = window.findings_panel.current_finding()
    assert nxt is not None and nxt.key != first.key and not a.reviewed.is_confirmed(nxt)
    assert window.current is a and lst.view.currentIndex().row() == row_before
    assert lst.visible_entries() == order_before


def _same_kind_report():  # type: ignore[no-untyped-def]
    from core.model import Finding

    report = synthetic_report("z.txt", agency="全零局")
    report.findings = [
        Finding("test.missing_cell", "warning", f"表三 第{i}行：该行印出 6 个单元格，应有 7 列", fields=[])
        for i in range(1, 5)
    ] + report.findings
    return report


def test_confirm_all_findings_of_a_kind_in_one_step(qtbot, window) -> None:
    (entry,) = _open(window, [_same_kind_report()])
    rr = entry.reviewed
    asked = []
    window._ask_confirm_note = lambda finding, note: asked.append(finding.rule) or "全零表，原文如此"
    panel = window.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.rule == "test.missing_cell")
    menu = panel.menu_for(panel.model.index(row, 1))
    kind = next(a for a in menu.actions() if a.objectName() == "confirm_kind")
    assert "4 个" in kind.text()
    kind.trigger()
    assert asked == ["test.missing_cell"]  # one dialog for all four
    same = [f for f in entry.findings if f.rule == "test.missing_cell"]
    assert len(same) == 4 and all(rr.is_confirmed(f) for f in same)
    assert all(rr.state.confirmed[f.key].note == "全零表，原文如此" for f in same)
    assert not any(f.rule == TOTAL_RULE for f in entry.findings if rr.is_confirmed(f))  # other kinds untouched
    window.act_undo.trigger()  # one undo step takes all four back
    assert not any(rr.is_confirmed(f) for f in same)


def test_close_several_selected_reports(qtbot, window) -> None:
    a, b, c = _open(window, [synthetic_report(f"{n}.txt", agency=f"{n}局") for n in ("甲", "乙", "丙")])
    lst = window.report_list
    view = lst.view
    lst.select_entry(a)
    rect = view.visualRect(lst.proxy.mapFromSource(lst.model.index_of(b)))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.ShiftModifier, rect.center())
    assert lst.selected_entries() == [a, b]
    menu = lst.menu_for_selection()
    assert any("2 份" in act.text() for act in menu.actions())
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Delete)
    assert window.entries() == [c] and window.current is c
    assert "共 1 份报告" in window.count_label.text()


def test_duplicates_are_shown_and_the_counted_one_can_be_switched(qtbot, window) -> None:
    from gui.report_list.report_list import COL_DUPLICATE, is_duplicate_copy

    copies = _open(window, [synthetic_report(f"副本{i}.txt", agency="重复示例局", year=2023) for i in range(3)])
    other = _open(window, [synthetic_report("另一局.txt", agency="另一局", year=2023)])[0]
    lst = window.report_list
    assert not lst.view.horizontalHeader().isSectionHidden(COL_DUPLICATE)
    model = lst.model
    texts = {e.path: model.index(model.index_of(e).row(), COL_DUPLICATE).data() for e in [*copies, other]}
    counted = [e for e in copies if not is_duplicate_copy(e)]
    assert len(counted) == 1
    assert texts[counted[0].path].startswith("✓") and "共 3 份" in texts[counted[0].path]
    assert sum(1 for e in copies if texts[e.path].startswith("重复")) == 2 and texts[other.path] == ""
    tip = model.index(model.index_of(copies[0]).row(), COL_DUPLICATE).data(Qt.ToolTipRole)
    assert all(Path(e.path).name in tip for e in copies)
    # the reviewer counts another copy: it becomes the one, the old one a duplicate
    choice = next(e for e in copies if is_duplicate_copy(e))
    lst.select_entry(choice)
    menu = lst.menu_for_selection()
    next(a for a in menu.actions() if a.objectName() == "count_this_duplicate").trigger()
    assert not is_duplicate_copy(choice) and is_duplicate_copy(counted[0])
    assert model.index(model.index_of(choice).row(), COL_DUPLICATE).data().startswith("✓")
    assert "重复" in model.index(model.index_of(counted[0]).row(), COL_STATUS).data()
    window.act_undo.trigger()  # the 汇总 menu's undoable 计入汇总
    assert is_duplicate_copy(choice) and not is_duplicate_copy(counted[0])


def test_apply_a_suggestion_as_an_undoable_correction(qtbot, window) -> None:
    from core.model import Finding

    report = synthetic_report("s.txt", findings=False, total=7)
    report.findings = [
        Finding(
            "test.suggest",
            "warning",
            "若本年新收申请总计列应为 6，则相关等式均成立（仅为建议）",
            fields=["apply.new.total"],
            suggestion={"apply.new.total": 6},
        )
    ]
    (entry,) = _open(window, [report])
    rr = entry.reviewed
    panel = window.findings_panel
    assert not panel.suggestion_button.isEnabled()
    _click_finding(qtbot, window, "test.suggest")
    f = panel.current_finding()
    assert f.rule == "test.suggest" and panel.suggestion_button.isEnabled()
    qtbot.mouseClick(panel.suggestion_button, Qt.LeftButton)
    assert rr.value("apply.new.total") == 6
    correction = rr.state.corrections["apply.new.total"]
    assert "采用建议" in correction.note
    assert "采用建议" in window.act_undo.text()
    window.act_undo.trigger()
    assert rr.value("apply.new.total") == 7 and "apply.new.total" not in rr.state.corrections
    row = panel.model.row_of(f)
    assert any(a.objectName() == "apply_suggestion" for a in panel.menu_for(panel.model.index(row, 1)).actions())


def test_findings_filter_by_kind_narrows_the_list_and_f8(qtbot, window) -> None:
    a, _b = _open(window, [synthetic_report("a.txt", agency="甲局"), synthetic_report("b.txt", agency="乙局")])
    panel = window.findings_panel
    window.report_list.select_entry(a)
    assert len(panel.shown_findings()) == len(a.findings)
    panel.set_filter("error")
    shown = panel.shown_findings()
    assert shown and all(f.severity == "error" for f in shown)
    seen = []
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key_F8)
        seen.append(panel.current_finding())
    assert all(f.severity == "error" for f in seen)
    panel.set_filter("all", NOTE_RULE)  # one kind only
    assert {f.rule for f in panel.shown_findings()} == {NOTE_RULE}
    panel.set_filter("all")
    assert len(panel.shown_findings()) == len(window.current.findings)


def test_search_in_the_source_text(qtbot, window) -> None:
    (_entry,) = _open(window, [synthetic_report()])
    sv = window.source_view
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert sv.search.hasFocus()
    sv.search.setText("政府信息公开")
    qtbot.keyClick(sv.search, Qt.Key_Return)
    first = sv.text.textCursor().selectionStart()
    assert sv.text.textCursor().selectedText() == "政府信息公开"
    qtbot.keyClick(sv.search, Qt.Key_Return)
    second = sv.text.textCursor().selectionStart()
    assert second > first
    qtbot.keyClick(sv.search, Qt.Key_Return, Qt.ShiftModifier)
    assert sv.text.textCursor().selectionStart() == first
    assert not sv.find_text("不存在的词语")


def test_switching_reports_clears_the_section_choice(qtbot, window) -> None:
    a, b = _open(window, [synthetic_report("a.txt", agency="甲局"), synthetic_report("b.txt", agency="乙局")])
    window.report_list.select_entry(a)
    sv = window.source_view
    assert sv.select_section("s5")
    window.report_list.select_entry(b)
    assert sv.current_section_id() == ""


def test_source_table_shows_the_values_table_as_a_grid(qtbot, window) -> None:
    """A text report's tab-separated rows: the value's table appears as rows and columns, its cell selected."""
    (_entry,) = _open(window, [synthetic_report()])
    table = window.source_view.table_view
    assert not table.isVisible()
    _click_finding(qtbot, window, TOTAL_RULE)
    assert table.isVisible() and table.rowCount() >= 2 and table.columnCount() == 8
    assert table.currentItem().text() == "7"
    assert table.item(table.currentRow(), 0).text() == "一、本年新收政府信息公开申请数量"
    # the row label heads the row in the grid's frozen header; the block has no header row to show
    assert table.verticalHeaderItem(table.currentRow()).text() == "一、本年新收政府信息公开申请数量"
    assert table.verticalHeader().isVisible() and not table.horizontalHeader().isVisible()
    # a finding without a table (a section note) hides it again
    _click_finding(qtbot, window, NOTE_RULE)
    assert not table.isVisible()


def test_source_table_of_an_html_report_keeps_its_merged_cells(qtbot, window, tmp_path, sync_workers) -> None:
    from tests.gui.test_screenshots import HTML_2021

    path = tmp_path / "示例市生态环境局2022年报告.html"
    path.write_text(HTML_2021, encoding="utf-8")
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths([str(path)])
    window.stat_tables.select_fields(["apply.new.natural"])
    table = window.source_view.table_view
    assert table.isVisible() and table.currentItem().text() == "12"
    assert table.columnSpan(0, 0) == 3 and table.rowSpan(0, 0) == 3  # the 勾稽 note cell
    # the row's label and the column's header stay in view beside the cell (the grid's own headers)
    row, col = table.currentRow(), table.currentColumn()
    assert table.verticalHeader().isVisible() and table.horizontalHeader().isVisible()
    assert table.verticalHeaderItem(row).text() == "一、本年新收政府信息公开申请数量"
    assert table.horizontalHeaderItem(col).text() == "自然人"
    assert table.horizontalHeaderItem(col + 1).toolTip() == "申请人情况 › 法人或其他组织 › 商业企业"


def test_mark_several_selected_reports_reviewed(qtbot, window, monkeypatch) -> None:
    clean = [synthetic_report(f"c{i}.txt", agency=f"干净{i}局", findings=False, total=6) for i in range(2)]
    entries = _open(window, [*clean, synthetic_report("e.txt", agency="有错局")])
    asked: list[int] = []
    monkeypatch.setattr(window, "_ask_reviewed_with_errors", lambda n: asked.append(n) or False)
    lst = window.report_list
    lst.select_entries(entries)
    menu = lst.menu_for_selection()
    next(a for a in menu.actions() if a.objectName() == "mark_reviewed").trigger()
    assert len(asked) == 1  # one question for the batch
    assert [e.reviewed.state.reviewed for e in entries] == [True, True, False]
    assert "2 份已审核" in window.count_label.text()
