"""The panels on their own: model contracts (qtmodeltester), source view spans, metadata panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.batch import Batch, Failure
from core.errors import LoadError
from core.model import SourceDocument, Span
from core.review.state import ReviewedReport
from gui.findings.findings_panel import FindingsPanel
from gui.metadata.metadata_panel import MetadataPanel
from gui.report_list.report_list import COL_STATUS, ReportListWidget
from gui.source_view.source_view import SourceView
from tests.gui.synthetic import synthetic_report


def test_report_list_model_contract(qtmodeltester, qtbot) -> None:
    w = ReportListWidget()
    qtbot.addWidget(w)
    batch = Batch([ReviewedReport(synthetic_report(f"{i}.txt", agency=f"局{i}")) for i in range(4)])
    batch.add(Failure("坏.pdf", LoadError("无法打开文件“坏.pdf”。")))
    w.model.add_entries(batch.entries)
    qtmodeltester.check(w.model)
    assert w.model.index(4, COL_STATUS).data() == "无法读取"
    assert w.model.index(4, COL_STATUS).data(Qt.ToolTipRole) == "无法打开文件“坏.pdf”。"
    qtmodeltester.check(w.proxy)
    w.model.remove_entry(w.model.entries[1])
    assert w.model.rowCount() == 4
    qtmodeltester.check(w.model)


def test_findings_model_contract(qtmodeltester, qtbot) -> None:
    p = FindingsPanel()
    qtbot.addWidget(p)
    (e,) = Batch([ReviewedReport(synthetic_report())]).entries
    p.set_findings(e.reviewed, e.findings)
    qtmodeltester.check(p.model)
    assert "错误" in p.summary.text()


def test_source_view_handles_characters_outside_the_bmp(qtbot) -> None:
    text = "𠀀𠀁标题\n第二行数值 42\n"
    rep = synthetic_report()
    rep.document = SourceDocument("x.txt", "txt", text, text, list(range(len(text))))
    rep.sections = []
    sv = SourceView()
    qtbot.addWidget(sv)
    sv.set_report(ReviewedReport(rep))
    start = text.index("42")
    sv.highlight_span(Span(start, start + 2))
    assert sv.highlighted_text() == "42"
    sels = sv.text.extraSelections()
    assert sels[-1].cursor.selectedText() == "42"
    sv.move_cursor_to(text.index("第二行") + 2)
    assert sv.cursor_line_start() == text.index("第二行")
    assert "未识别出报告的各部分" in sv.info.text()
    sv.set_report(None)  # the last report closed: nothing about it is left
    assert sv.info.text() == "" and sv.text.toPlainText() == ""


def test_context_menu_offers_all_six_parts(qtbot) -> None:
    sv = SourceView()
    qtbot.addWidget(sv)
    sv.set_report(ReviewedReport(synthetic_report()))
    labels = [label for _sid, label in sv.section_actions_for_cursor()]
    assert labels[:6] == [f"设为第{n}部分开头" for n in "一二三四五六"]
    got: list[tuple[str, int]] = []
    sv.section_start_requested.connect(lambda sid, pos: got.append((sid, pos)))
    sv.move_cursor_to(5)
    sv._emit_for_cursor("s3")
    assert got == [("s3", 0)]
    sv.original_check.setChecked(True)
    assert sv.cursor_line_start() is None and not sv.section_button.isEnabled()


def test_metadata_panel_emits_only_real_changes(qtbot) -> None:
    p = MetadataPanel()
    qtbot.addWidget(p)
    rr = ReviewedReport(synthetic_report())
    p.set_report(rr)
    got: list[tuple[str, object]] = []
    p.metadata_edited.connect(lambda k, v: got.append((k, v)))
    p.agency.editingFinished.emit()  # unchanged
    p.published.setText("2024-01-3")  # incomplete date: ignored, old value restored
    p.published.editingFinished.emit()
    assert got == [] and p.published.text() == ""
    p.published.setText("2024-01-31")
    p.published.editingFinished.emit()
    i = p.template.findData("2019")
    p.template.setCurrentIndex(i)
    p.template.activated.emit(i)
    assert got == [("published", "2024-01-31"), ("template", "2019")]
    rr.state.metadata["agency"] = "改过的局"
    p.refresh()
    assert p.agency.styleSheet() and "青松县示例局" in p.agency.toolTip()
    assert p.year.validator() is not None and p.year.text() == "2023"
    assert not p.reviewed_check.isChecked()
    p.set_report(None)
    assert not p.agency.isEnabled() and p.agency.text() == ""
    assert p.template.itemData(0, Qt.UserRole) == "2021"


def test_source_table_headers_name_each_rows_label_and_columns_header() -> None:
    """The grid's frozen headers: a row's labels (outer first) left of the first number column, a
    column's headers above the first number row; none for a table without numbers."""
    from gui.source_view.source_table import SourceCell, header_labels

    cells = [
        SourceCell(0, 0, "", -1, -1, rowspan=2, colspan=2),
        SourceCell(0, 2, "申请人情况", -1, -1, colspan=2),
        SourceCell(1, 2, "自然人", -1, -1),
        SourceCell(1, 3, "总计", -1, -1),
        SourceCell(2, 0, "三、本年度办理结果", -1, -1, rowspan=2),
        SourceCell(2, 1, "（一）予以公开", -1, -1),
        SourceCell(2, 2, "3", -1, -1),
        SourceCell(2, 3, "/", -1, -1),
        SourceCell(3, 1, "（二）部分公开", -1, -1),
        SourceCell(3, 2, "0", -1, -1),
        SourceCell(3, 3, "1", -1, -1),
    ]
    rows, cols = header_labels(cells)
    assert rows == [[], [], ["三、本年度办理结果", "（一）予以公开"], ["三、本年度办理结果", "（二）部分公开"]]
    assert cols == [[], [], ["申请人情况", "自然人"], ["申请人情况", "总计"]]
    assert header_labels([SourceCell(0, 0, "说明", -1, -1)]) == ([], [])


def test_source_table_row_header_leaves_a_narrow_grid_room_for_the_values(qtbot) -> None:
    """In the centre column of a 150 % laptop screen the grid is ~190 pixels wide: the row labels'
    header takes at most 40 % of it, and 130 pixels on a wide grid."""
    from core.model import Span
    from gui.source_view.source_table import SourceCell, SourceTableView

    label = "一、本年新收政府信息公开申请数量"
    cells = [SourceCell(0, 0, label, 0, len(label)), SourceCell(0, 1, "359", 20, 23)]
    view = SourceTableView()
    qtbot.addWidget(view)
    view.resize(190, 120)
    view.show()
    qtbot.waitExposed(view)
    assert view.show_cells(cells, Span(20, 21)) is cells[1]
    assert view.verticalHeaderItem(0).text() == label
    qtbot.waitUntil(lambda: 0 < view.verticalHeader().width() <= 190 * 0.4)
    view.resize(600, 120)
    qtbot.waitUntil(lambda: view.verticalHeader().width() > 190 * 0.4)
    assert view.verticalHeader().width() <= 130
