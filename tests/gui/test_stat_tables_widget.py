"""The statistics tables widget driven like a reviewer: delegate typing, paste, Delete, menus, selection."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QInputMethodEvent, QUndoStack, QValidator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from core.review.state import ReviewedReport, RowRemapEdit
from gui.dialogs.row_remap_dialog import RowRemapDialog
from gui.stat_tables import cell_style
from gui.stat_tables.numeric_delegate import validator_for
from gui.stat_tables.stat_tables import StatTablesWidget
from gui.undo_commands import EditCommand
from tests.gui.test_stat_tables_fixtures import finding, make_report, make_reviewed

ROOT = Path(__file__).resolve().parents[2]
F = "apply.granted.natural"


@pytest.fixture
def tables(qtbot):
    rv = make_reviewed("2021")
    stack = QUndoStack()
    w = StatTablesWidget()
    qtbot.addWidget(w)
    w.resize(1150, 900)
    w.set_report(rv, stack)
    w.show()
    qtbot.waitExposed(w)
    yield w, rv, stack
    w.set_report(None, None)


def _type_into(qtbot, view, index, text: str) -> None:
    tabs = view.parentWidget().parentWidget().parentWidget()  # page → stacked widget → QTabWidget
    tabs.setCurrentIndex(("active", "apply", "appeal").index(view.stat_model().table))
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)  # the open editor of that cell
    assert isinstance(editor, QLineEdit)
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # what a Chinese input method delivers (QTest can only type ASCII keys)
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)  # Qt 6 commits on Return queued


def _select(view, fields: list[str]) -> None:
    model = view.stat_model()
    sm = view.selectionModel()
    sm.clearSelection()
    for f in fields:
        sm.select(model.index_of(f), QItemSelectionModel.SelectionFlag.Select)
    sm.setCurrentIndex(model.index_of(fields[0]), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_typing_through_the_delegate_pushes_one_merged_command(tables, qtbot) -> None:
    w, rv, stack = tables
    view = w.views["apply"]
    idx = view.stat_model().index_of(F)
    old = rv.value(F)
    _type_into(qtbot, view, idx, "66")
    assert rv.value(F) == 66
    assert stack.count() == 1
    _type_into(qtbot, view, idx, "６７")  # full-width digits from a Chinese input method
    assert rv.value(F) == 67
    assert stack.count() == 1  # merged into the same step
    assert stack.text(0).endswith(f"{old} → 67")
    stack.undo()
    assert rv.value(F) == old
    stack.redo()
    assert rv.value(F) == 67


def test_the_editor_refuses_letters(tables, qtbot) -> None:
    w, _rv, _stack = tables
    view = w.views["apply"]
    idx = view.stat_model().index_of(F)
    w.tabs.setCurrentIndex(1)
    view.setCurrentIndex(idx)
    view.edit(idx)
    editor = view.indexWidget(idx)
    editor.clear()
    qtbot.keyClicks(editor, "a1b")
    assert editor.text() == "1"


def test_paste_a_block_from_excel_is_one_macro(tables, qtbot) -> None:
    w, rv, stack = tables
    view = w.views["apply"]
    before = {f: rv.value(f) for f in rv.values()}
    QGuiApplication.clipboard().setText("11\t12\t13\r\n14\t15\t16\r\n")
    _select(view, [F])
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == 1
    assert stack.text(0) == "粘贴 6 个单元格"
    expected = {
        "apply.granted.natural": 11,
        "apply.granted.commercial": 12,
        "apply.granted.research": 13,
        "apply.partial.natural": 14,
        "apply.partial.commercial": 15,
        "apply.partial.research": 16,
    }
    assert {f: rv.value(f) for f in expected} == expected
    assert set(view.selected_fields()) == set(expected)
    assert "已粘贴 6 个单元格" in w.status.text()
    stack.undo()
    assert {f: rv.value(f) for f in rv.values()} == before


def test_paste_skips_bad_tokens_and_steps_over_header_rows(tables, qtbot) -> None:
    w, rv, stack = tables
    view = w.views["active"]
    QGuiApplication.clipboard().setText("21\n22\nx")
    _select(view, ["active.penalty.decisions"])
    assert view.paste_text(QGuiApplication.clipboard().text()) == 2
    assert rv.value("active.penalty.decisions") == 21
    assert rv.value("active.coercion.decisions") == 22
    assert rv.value("active.fees.amount") != 0  # "x" was not a number: left alone
    assert "1 个不是数字" in w.status.text()
    appeal = w.views["appeal"]
    _select(appeal, ["review.upheld"])
    assert appeal.paste_text("\t".join(str(30 + i) for i in range(15))) == 15
    assert rv.value("suit_after_review.total") == 44
    assert stack.count() == 2


def test_one_value_fills_the_selection(tables) -> None:
    w, rv, _stack = tables
    view = w.views["apply"]
    fields = ["apply.new.natural", "apply.new.other", "apply.carried.legal"]
    _select(view, fields)
    assert view.paste_text("40") == 3
    assert [rv.value(f) for f in fields] == [40, 40, 40]


def test_delete_reverts_the_selected_cells_as_one_step(tables, qtbot) -> None:
    w, rv, stack = tables
    view = w.views["apply"]
    model = view.stat_model()
    old = {f: rv.value(f) for f in ("apply.new.natural", "apply.new.commercial")}
    model.setData(model.index_of("apply.new.natural"), "70")
    model.setData(model.index_of("apply.new.commercial"), "71")
    assert stack.count() == 2
    _select(view, ["apply.new.natural", "apply.new.commercial", "apply.new.research"])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stack.count() == 3
    assert stack.text(2) == "恢复 2 个单元格为原文数值"
    assert {f: rv.value(f) for f in old} == old
    stack.undo()
    assert rv.value("apply.new.natural") == 70


def test_context_menu_reverts_one_cell(tables) -> None:
    w, rv, stack = tables
    view = w.views["apply"]
    model = view.stat_model()
    old = rv.value(F)
    model.setData(model.index_of(F), "90")
    menu = view.menu_at(view.visualRect(model.index_of(F)).center())
    action = next(a for a in menu.actions() if a.text() == "恢复为原文数值")
    assert action.isEnabled()
    action.trigger()
    assert rv.value(F) == old
    assert stack.text(1).startswith("恢复为原文数值 表三 “（一）予以公开” 行 “自然人” 列")
    stack.undo()
    assert rv.value(F) == 90


def test_select_fields_switches_table_and_selects(tables, qtbot) -> None:
    w, _rv, _stack = tables
    assert w.current_table() == "active"
    with qtbot.waitSignal(w.field_selected) as blocker:
        w.select_fields(["suit_direct.total", "review.total", "apply.new.total"])
    assert w.current_table() == "appeal"
    assert blocker.args == ["suit_direct.total"]
    assert w.views["appeal"].selected_fields() == ["review.total", "suit_direct.total"]
    w.select_fields(["apply.carry_forward.total"])
    assert w.current_table() == "apply"
    view = w.views["apply"]
    assert view.selected_fields() == ["apply.carry_forward.total"]
    assert view.viewport().rect().intersects(view.visualRect(view.stat_model().index_of("apply.carry_forward.total")))
    w.select_fields(["no.such.field"])  # ignored
    assert w.current_table() == "apply"


def test_clicking_a_value_cell_emits_field_selected(tables, qtbot) -> None:
    w, _rv, _stack = tables
    w.tabs.setCurrentIndex(1)
    view = w.views["apply"]
    model = view.stat_model()
    got: list[str] = []
    w.field_selected.connect(got.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(model.index(3, 0)).center())
    assert got == []  # a row label is not a value cell
    target = model.index_of("apply.partial.total")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(target).center())
    assert got == ["apply.partial.total"]


def test_findings_colour_the_widget_cells(tables) -> None:
    w, _rv, _stack = tables
    f = finding("appeal.total", "error", ["review.total"])
    w.set_findings([f], set())
    model = w.models["appeal"]
    idx = model.index_of("review.total")
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole) == cell_style.SEVERITY_BRUSHES["error"]
    w.set_findings([f], {f.key})
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole) == cell_style.CONFIRMED_BRUSH


def test_row_remap_dialog_moves_the_values(tables, qtbot) -> None:
    w, _, stack = tables
    # the parser read the 部分公开 figures under 予以公开 and nothing under 部分公开
    report = make_report("2021")
    report.values = {f: v for f, v in report.values.items() if not f.startswith("apply.partial.")}
    rv = ReviewedReport(report)
    w.set_report(rv, stack)
    view = w.views["apply"]
    model = view.stat_model()
    granted = {c: rv.value(f"apply.granted.{c}") for c in ("natural", "total")}
    label = model.index(model.index_of(F).row(), 1)  # （一）予以公开
    menu = view.menu_at(view.visualRect(label).center())
    action = next(a for a in menu.actions() if a.text() == "更正行标签…")
    with qtbot.waitSignal(w.remap_requested) as blocker:
        action.trigger()
    assert blocker.args == ["apply.granted"]
    dialog = w.remap_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.select_row("apply.partial")
    assert dialog.warning.text() == ""
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert stack.count() == 1
    cmd = stack.command(0)
    assert isinstance(cmd, EditCommand)
    assert cmd.edit == RowRemapEdit("apply.granted", "apply.partial")
    assert {c: rv.value(f"apply.partial.{c}") for c in granted} == granted
    assert rv.value(F) is None
    assert model.data(model.index(label.row() + 1, 1)).endswith("↻")
    # the moved row offers to move it back: the dialog starts from the parsed row
    menu = view.menu_at(view.visualRect(model.index_of("apply.partial.natural")).center())
    next(a for a in menu.actions() if a.text() == "更正行标签…").trigger()
    dialog = w.remap_dialog
    assert dialog.source == "apply.granted" and dialog.chosen_row() == "apply.partial"
    dialog.select_row("apply.granted")
    assert dialog.edit() == RowRemapEdit("apply.granted", None)
    dialog.reject()
    stack.undo()
    assert rv.value(F) == granted["natural"]


def test_2019_and_unknown_templates(tables) -> None:
    w, _rv, _stack = tables
    r2019 = make_reviewed("2019")
    w.set_report(r2019, QUndoStack())
    assert w.models["apply"].rowCount() == 3 + 23
    assert "2019 年版" in w._titles["apply"].text()
    w.set_report(make_reviewed("unknown"), QUndoStack())
    assert w.models["apply"].rowCount() == 3 + 25
    assert "按 2021 年版显示" in w._titles["apply"].text()
    assert r2019.listeners == []


def test_screenshot_of_the_2021_tables(tables, qtbot) -> None:
    w, _rv, _stack = tables
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert chinese, "no Chinese font: install fonts-noto-cjk"
    w.set_findings([finding("apply.balance", "error", ["apply.new.total"]), finding("x", "warning", [F])], set())
    model = w.models["apply"]
    model.setData(model.index_of("apply.partial.social"), "7")
    out = ROOT / "tests" / "output"
    out.mkdir(exist_ok=True)
    w.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    assert w.grab().save(str(out / "stat_tables.png"))
    assert (out / "stat_tables.png").stat().st_size > 20_000


def test_remap_dialog_warns_when_the_target_row_has_its_own_values(qtbot) -> None:
    rv = make_reviewed("2021")
    dialog = RowRemapDialog(rv, "apply.granted")
    qtbot.addWidget(dialog)
    assert dialog.chosen_row() == "apply.granted"
    assert dialog.edit() is None  # nothing chosen yet
    dialog.select_row("apply.partial")
    assert "两行数值会重叠" in dialog.warning.text()
    assert dialog.edit() == RowRemapEdit("apply.granted", "apply.partial")
    with pytest.raises(KeyError):
        dialog.select_row("apply.other")  # a 2019 row is not offered for a 2021 report


def test_copy_puts_the_selected_values_on_the_clipboard(tables, qtbot) -> None:
    w, rv, _stack = tables
    view = w.views["apply"]
    w.tabs.setCurrentIndex(1)
    fields = ["apply.new.natural", "apply.new.commercial", "apply.carried.natural", "apply.carried.commercial"]
    _select(view, fields)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    values = [str(rv.value(f)) for f in fields]
    assert QGuiApplication.clipboard().text() == f"{values[0]}\t{values[1]}\n{values[2]}\t{values[3]}"


def test_without_an_undo_stack_edits_apply_directly(qapp) -> None:
    rv = make_reviewed("2021")
    w = StatTablesWidget()
    w.set_report(rv, None)
    model = w.models["appeal"]
    assert model.setData(model.index_of("review.total"), "12")
    assert rv.value("review.total") == 12
    assert model.revert_fields(["review.total"]) == 1
    assert "review.total" not in rv.state.corrections
    w.set_report(None, None)
    assert rv.listeners == []
    w.deleteLater()


def test_columns_share_a_narrow_panel_and_labels_stay_visible(tables, qtbot) -> None:
    w, _rv, _stack = tables
    w.resize(720, 700)
    view = w.views["apply"]
    w.select_fields(["apply.rejected.petition.total"])
    qtbot.wait(10)
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    assert widths[2] >= 170 and min(widths[3:]) >= 54
    assert sum(widths) <= view.viewport().width()  # fits: no horizontal scrolling
    assert view.horizontalScrollBar().value() == 0  # the row labels stay in view
    label = view.model().index(view.model().index_of("apply.rejected.petition.total").row(), 2)
    assert view.viewport().rect().contains(view.visualRect(label).center())
    # a label that wraps gets a taller row
    long_row = view.model().index_of("apply.other.no_fee.natural").row()
    assert view.rowHeight(long_row) > view.rowHeight(long_row + 1)


@pytest.mark.parametrize(
    ("kind", "text", "ok"),
    [
        ("int", "12", True),
        ("int", "１２", True),
        ("int", "-3", False),
        ("int", "1.5", False),
        ("signed", "-3", True),
        ("signed", "减3", True),
        ("signed", "+４", True),
        ("decimal", "12.50", True),
        ("decimal", "x", False),
    ],
)
def test_editor_validators(qapp, kind: str, text: str, ok: bool) -> None:
    state, _, _ = validator_for(kind).validate(text, 0)
    assert (state == QValidator.State.Acceptable) is ok


def test_enter_commits_and_moves_down_the_column(tables, qtbot) -> None:
    w, rv, _stack = tables
    view = w.views["apply"]
    model = view.stat_model()
    idx = model.index_of("apply.new.natural")
    _type_into(qtbot, view, idx, "41")
    assert rv.value("apply.new.natural") == 41
    below = view.currentIndex()
    assert model.field_at(below) == "apply.carried.natural" and below.column() == idx.column()
    # typing goes on in the cell below without touching the mouse
    qtbot.keyClicks(view, "5")
    editor = view.indexWidget(below)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)
    assert rv.value("apply.carried.natural") == 5


def _settle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    """Wait until the pane's layout is done (wrapped titles and legend re-laid out): the view's
    size stays the same across event-loop turns."""
    sizes: list[object] = []

    def stable() -> bool:
        sizes.append(view.viewport().size())
        return len(sizes) >= 3 and sizes[-1] == sizes[-2] == sizes[-3]

    qtbot.waitUntil(stable)


@pytest.mark.parametrize(
    "size",
    [
        (520, 420),
        (450, 330),  # the tables' share of 1366×768 at 150 % (911×512 logical pixels)
        (300, 300),  # a pane squeezed further by hand
    ],
)
def test_frozen_header_rows_and_row_labels_stay_in_view(tables, qtbot, size) -> None:
    """Scrolling 表三 to its bottom-right cell (a finding, F8) keeps 自然人…总计 and the row label visible,
    on a narrow pane too: the labels wrap into a narrower share instead of scrolling away."""
    w, _rv, _stack = tables
    w.resize(*size)
    w.tabs.setCurrentIndex(1)
    view = w.views["apply"]
    model = view.stat_model()
    assert (view.frozen_rows, view.frozen_cols) == (3, 3)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0 and view.verticalScrollBar().maximum() > 0)
    _settle(qtbot, view)
    target = model.grid.fields()[-1]  # 四、结转下年度继续办理 · 总计
    w.select_fields([target])
    qtbot.wait(10)
    idx = model.index_of(target)
    assert view.verticalScrollBar().value() > 0 and view.horizontalScrollBar().value() > 0
    width, height = view.frozen_size()
    assert width > 0 and height > 0
    rect = view.visualRect(idx)
    viewport = view.viewport().rect()
    # the cell is in view and not under the frozen parts
    assert rect.left() >= width and rect.top() >= height and viewport.contains(rect.center())
    top, left, corner = view._frozen_top, view._frozen_left, view._frozen_corner
    assert top.isVisible() and left.isVisible() and corner.isVisible()
    # the header part shows the column headers above the cell: same horizontal position
    assert top.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    total_header = next(c for c in model.grid.cells if c.kind == "header" and c.text == "总计")
    header_rect = top.visualRect(model.index(total_header.row, total_header.col))
    assert header_rect.left() <= rect.center().x() <= header_rect.right()
    assert top.viewport().rect().intersects(header_rect)
    # the label part shows the cell's row label, level with it
    row_name = model.grid.of_field(target).row_name
    label = next(c for c in model.grid.cells if c.kind == "label" and c.row_name == row_name)
    label_rect = left.visualRect(model.index(label.row, label.col))
    assert label_rect.top() <= rect.center().y() <= label_rect.bottom()
    assert left.viewport().rect().contains(label_rect.center())
    # and a screen grab at the label's place shows the label part (not the scrolled values)
    assert left.geometry().contains(view.viewport().mapTo(view, label_rect.center()))


def test_frozen_labels_take_at_most_about_half_of_a_narrow_panel(tables, qtbot) -> None:
    """At the width the tables get on a 150 % laptop screen the row labels stay frozen but leave
    most of the width to the values; on a wide panel they keep their full width."""
    w, _rv, _stack = tables
    w.tabs.setCurrentIndex(1)
    view = w.views["apply"]
    w.resize(1150, 900)
    qtbot.waitUntil(lambda: view.viewport().width() > 1000)
    wide = sum(view.columnWidth(c) for c in range(view.frozen_cols))
    w.resize(450, 330)
    qtbot.waitUntil(lambda: view.viewport().width() < 450)
    qtbot.waitUntil(lambda: view._frozen_left.isVisible())
    width, height = view.frozen_size()
    assert 0 < width <= view.viewport().width() // 2 < wide
    assert 0 < height < view.viewport().height() * 0.6


def test_a_short_pane_gives_the_titles_and_legend_lines_to_the_table(tables, qtbot) -> None:
    """On a 768-pixel screen at 150 % the tables pane is about 300 pixels tall: the title and the
    legend make room for rows, and stay one hover away (the tab's and the 图例 hint's tooltips)."""
    w, _rv, _stack = tables
    w.tabs.setCurrentIndex(1)
    view = w.views["apply"]
    w.resize(450, 600)
    qtbot.waitUntil(lambda: w.height() == 600)
    assert w.legend.isVisible() and w._titles["apply"].isVisible() and not w.legend_hint.isVisible()
    w.resize(450, 300)
    qtbot.waitUntil(lambda: w.height() == 300)
    assert not w.legend.isVisible() and not w._titles["apply"].isVisible() and w.legend_hint.isVisible()
    assert "人工修改" in w.legend_hint.toolTip() and "收到和处理政府信息公开申请情况" in w.tabs.tabToolTip(1)
    # the table keeps all but the tab bar of the short pane
    tabs_bar = w.tabs.tabBar().height()
    qtbot.waitUntil(lambda: view.height() >= 300 - tabs_bar - 24)
    # an empty notice line takes no room; a notice shows
    assert not w.status.isVisible()
    w._show_message("已粘贴 1 个单元格")
    assert w.status.isVisible()


@pytest.mark.parametrize("available", [900, 637, 425, 250])
def test_column_widths_share_the_width_between_labels_and_values(available: int) -> None:
    """表三 (3 label columns, 7 values): wide enough → nothing scrolls; a little short → the labels
    wrap narrower so every value still fits (1920×1080 at 150 %); far too short → the labels keep
    under half of the width and the values scroll beside them (1366×768 at 150 %)."""
    from gui.stat_tables.stat_table_view import column_widths

    widths = column_widths("apply", 10, available)
    labels, values = widths[:3], widths[3:]
    assert len(values) == 7 and min(values) >= 54 and min(labels) >= 30
    if available >= 637:
        assert sum(widths) <= available
    else:
        # (a label column never goes below two characters, which may round the share up a little)
        assert sum(widths) > available and sum(labels) <= max(available * 0.45, 90) + 15
    if available == 637:
        assert sum(labels) < 296  # narrower than at full width (44 + 82 + 170)


@pytest.mark.parametrize("width", [1150, 640, 450])
def test_row_labels_are_never_clipped_and_rows_are_not_taller_than_needed(tables, qtbot, width: int) -> None:
    """Each row is as tall as its longest label wrapped in the rectangle Qt paints the text in:
    no label is cut off, and a label that fits on one line leaves a one-line row."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QFontMetrics
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    w, _rv, _stack = tables
    w.tabs.setCurrentIndex(1)
    view = w.views["apply"]
    model = view.stat_model()
    w.resize(width, 700)
    _settle(qtbot, view)
    needed_by_row: dict[int, int] = {}
    for c in model.grid.cells:
        if c.kind == "value" or c.rowspan > 1 or not c.text:
            continue
        index = model.index(c.row, c.col)
        option = QStyleOptionViewItem()
        view.itemDelegate().initStyleOption(option, index)
        option.rect = QRect(0, 0, sum(view.columnWidth(k) for k in range(c.col, c.col + c.colspan)) - 1, 100)
        text_rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        # Qt's item painting (QCommonStyle) insets the text by PM_FocusFrameHMargin + 1 on each side
        inset = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        font = index.data(Qt.ItemDataRole.FontRole) or view.font()
        assert isinstance(font, QFont)
        wrap = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        box = QRect(0, 0, text_rect.width() - 2 * inset, 10_000)
        needed = QFontMetrics(font).boundingRect(box, wrap, c.text).height()
        assert needed <= view.rowHeight(c.row), (c.text, needed, view.rowHeight(c.row))
        needed_by_row[c.row] = max(needed, needed_by_row.get(c.row, 0))
    # and no row keeps an empty line: at most the padding above the tallest label
    for row, needed in needed_by_row.items():
        assert view.rowHeight(row) <= max(24, needed + 8), (row, needed, view.rowHeight(row))
