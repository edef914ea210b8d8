"""The statistics table models: printed grid, roles, colours, editability, refresh from core edits."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QUndoStack

from core import templates
from core.review.state import ConfirmEdit, MetadataEdit, ValueEdit
from gui.stat_tables import cell_style
from gui.stat_tables.stat_table_model import (
    ActiveTableModel,
    AppealTableModel,
    ApplyTableModel,
    CellKindRole,
    FieldIdRole,
    FieldKindRole,
    OriginalValueRole,
    OriginRole,
    StatTableModel,
)
from tests.gui.test_stat_tables_fixtures import INFERRED, PROSE, UNREAD, finding, make_reviewed


def _d(index, role=Qt.ItemDataRole.DisplayRole):
    """``index.data(role)`` without PySide6 6.12's None-refcount bug (the model's Python data() directly)."""
    return index.model().data(index, role)


MODELS = (ActiveTableModel, ApplyTableModel, AppealTableModel)
Display = Qt.ItemDataRole.DisplayRole
Edit = Qt.ItemDataRole.EditRole


def _anchors(model: StatTableModel) -> dict[str, tuple[int, int, int, int]]:
    """Header/label text → (row, col, rowspan, colspan)."""
    return {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in model.grid.cells if c.kind != "value"}


@pytest.mark.parametrize("cls", MODELS)
@pytest.mark.parametrize("template", ["2021", "2019", "legacy"])
def test_models_pass_the_model_tester(qtmodeltester, cls: type[StatTableModel], template: str) -> None:
    model = cls(make_reviewed(template), QUndoStack())
    qtmodeltester.check(model)


@pytest.mark.parametrize("cls", MODELS)
def test_model_without_report_shows_the_empty_printed_table(qtmodeltester, cls: type[StatTableModel]) -> None:
    model = cls()
    qtmodeltester.check(model)
    assert model.rowCount() > 0
    idx = model.index_of(templates.fields_for("2021", cls.table)[0].id)
    assert _d(idx, Display) is None
    assert not model.flags(idx) & Qt.ItemFlag.ItemIsEditable


def test_every_template_field_has_exactly_one_value_cell() -> None:
    for template in templates.TEMPLATES:
        for cls in MODELS:
            model = cls(make_reviewed(template))
            expected = {f.id for f in templates.fields_for(template, cls.table)}
            assert set(model.grid.fields()) == expected
            for fid in expected:
                idx = model.index_of(fid)
                assert _d(idx, FieldIdRole) == fid
                assert _d(idx, CellKindRole) == "value"


def test_apply_grid_spans_and_two_level_header() -> None:
    model = ApplyTableModel(make_reviewed("2021"))
    a = _anchors(model)
    assert (model.rowCount(), model.columnCount()) == (3 + 25, 10)
    assert a["申请人情况"] == (0, 3, 1, 7)
    assert a["自然人"] == (1, 3, 2, 1)
    assert a["法人或其他组织"] == (1, 4, 1, 5)
    assert [_d(model.index(2, c), Display) for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert a["总计"] == (1, 9, 2, 1)
    assert a[templates.APPLY_NOTE] == (0, 0, 3, 3)
    assert a["一、本年新收政府信息公开申请数量"] == (3, 0, 1, 3)
    # 三、本年度办理结果 spans （一） to （七）; the groups span their numbered leaves.
    assert a["三、本年度办理结果"] == (5, 0, 22, 1)
    assert a["（一）予以公开"] == (5, 1, 1, 2)
    assert a["（三）不予公开"] == (7, 1, 8, 1)
    assert a["（四）无法提供"] == (15, 1, 3, 1)
    assert a["（五）不予处理"] == (18, 1, 5, 1)
    assert a["（六）其他处理"] == (23, 1, 3, 1)
    assert a["（七）总计"] == (26, 1, 1, 2)
    assert a["四、结转下年度继续办理"] == (27, 0, 1, 3)
    assert (0, 0, 3, 3) in model.spans()
    # the first value column is 自然人, the last 总计
    assert model.index_of("apply.new.natural").column() == 3
    assert model.index_of("apply.carry_forward.total").row() == 27
    assert model.index_of("apply.carry_forward.total").column() == 9


def test_apply_2019_has_the_single_other_row() -> None:
    m2019 = ApplyTableModel(make_reviewed("2019"))
    m2021 = ApplyTableModel(make_reviewed("2021"))
    a = _anchors(m2019)
    assert m2019.rowCount() == 3 + 23
    assert a["（六）其他处理"] == (23, 1, 1, 2)  # one row directly followed by （七）总计
    assert a["（七）总计"] == (24, 1, 1, 2)
    assert m2019.index_of("apply.other.natural").row() == 23
    assert not m2019.index_of("apply.other.no_fee.natural").isValid()
    assert m2021.index_of("apply.other.no_fee.natural").isValid()
    assert not m2021.index_of("apply.other.natural").isValid()
    assert "3.其他" in _anchors(m2021)


def test_appeal_grid_is_one_row_of_fifteen_under_its_header() -> None:
    model = AppealTableModel(make_reviewed("2021"))
    a = _anchors(model)
    assert (model.rowCount(), model.columnCount()) == (4, 15)
    assert a["行政复议"] == (0, 0, 2, 5)
    assert a["行政诉讼"] == (0, 5, 1, 10)
    assert a["未经复议直接起诉"] == (1, 5, 1, 5)
    assert a["复议后起诉"] == (1, 10, 1, 5)
    assert [_d(model.index(2, c), Display) for c in range(5)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [_d(model.index(3, c), FieldIdRole) for c in (0, 4, 5, 14)] == [
        "review.upheld",
        "review.total",
        "suit_direct.upheld",
        "suit_after_review.total",
    ]


def test_active_grid_stacks_the_sub_tables_with_their_header_rows() -> None:
    model = ActiveTableModel(make_reviewed("2021"))
    texts = [_d(model.index(r, 0), Display) for r in range(model.rowCount())]
    assert texts[:4] == ["第二十条第（一）项", "信息内容", "规章", "行政规范性文件"]
    assert texts.count("信息内容") == 4
    assert _d(model.index(0, 0), CellKindRole) == "caption"
    assert (0, 0, 1, 4) in model.spans()
    # a one-column block spans the three value columns
    license_ = model.index_of("active.license.decisions")
    assert (license_.row(), license_.column(), 1, 3) in model.spans()
    m2019 = ActiveTableModel(make_reviewed("2019"))
    captions = [c.text for c in m2019.grid.cells if c.kind == "caption"]
    assert captions[-1] == "第二十条第（九）项"
    assert m2019.index_of("active.procurement.amount").isValid()


def test_display_edit_and_custom_roles() -> None:
    rv = make_reviewed("2019")
    model = ActiveTableModel(rv)
    fees = model.index_of("active.fees.change")
    v = rv.values()["active.fees.change"]
    assert _d(fees, Edit) == v.value
    assert _d(fees, Display) == (f"{v.value:+d}" if v.value else "0")
    assert _d(fees, FieldKindRole) == "signed"
    amount = model.index_of("active.procurement.amount")
    assert _d(amount, Display) == rv.values()["active.procurement.amount"].raw  # decimals as printed: "7.50"
    assert _d(amount, Display).endswith(".50")
    align = Qt.AlignmentFlag(_d(amount, Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight
    assert _d(amount, OriginalValueRole) == rv.values()["active.procurement.amount"].value


def test_flags_ask_the_core_which_cells_are_editable() -> None:
    model = ApplyTableModel(make_reviewed("2021"))
    value = model.index_of("apply.granted.natural")
    assert model.flags(value) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(value) & Qt.ItemFlag.ItemIsSelectable
    label = model.index(3, 0)
    assert not model.flags(label) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(label) & Qt.ItemFlag.ItemIsSelectable
    covered = model.index(3, 1)  # inside the merged 一、… label
    assert model.flags(covered) == Qt.ItemFlag.NoItemFlags
    assert templates.is_editable("2021", "apply.granted.natural")
    assert not templates.is_editable("2021", "apply.other.natural")
    assert templates.is_editable("2019", "apply.other.natural")
    assert templates.is_editable("legacy", "apply.other.no_fee.total")


def test_backgrounds_follow_findings_and_confirmation() -> None:
    rv = make_reviewed("2021")
    model = ApplyTableModel(rv)
    err = finding("apply.balance", "error", ["apply.new.total", "apply.carried.total"], "勾稽关系不成立")
    warn = finding("apply.row_total", "warning", ["apply.new.total", "apply.granted.total"], "行合计不符")
    model.set_findings([err, warn], set())
    bg = Qt.ItemDataRole.BackgroundRole
    assert _d(model.index_of("apply.new.total"), bg) == cell_style.SEVERITY_BRUSHES["error"]
    assert _d(model.index_of("apply.granted.total"), bg) == cell_style.SEVERITY_BRUSHES["warning"]
    assert _d(model.index_of("apply.partial.total"), bg) is None
    model.set_findings([err, warn], {err.key})
    assert _d(model.index_of("apply.new.total"), bg) == cell_style.SEVERITY_BRUSHES["warning"]
    assert _d(model.index_of("apply.carried.total"), bg) == cell_style.CONFIRMED_BRUSH
    tip = _d(model.index_of("apply.new.total"), Qt.ItemDataRole.ToolTipRole)
    assert "勾稽关系不成立" in tip and "行合计不符" in tip and "已确认与原文一致" in tip


def test_confirm_edit_recolours_the_cells(qtbot) -> None:
    rv = make_reviewed("2021")
    model = ApplyTableModel(rv)
    err = finding("apply.balance", "error", ["apply.new.total"])
    model.set_findings([err], set())
    idx = model.index_of("apply.new.total")
    with qtbot.waitSignal(model.dataChanged):
        rv.apply(ConfirmEdit(err.key, "原文如此"))
    assert _d(idx, Qt.ItemDataRole.BackgroundRole) == cell_style.CONFIRMED_BRUSH
    rv.apply(ConfirmEdit(err.key, None))
    assert _d(idx, Qt.ItemDataRole.BackgroundRole) == cell_style.SEVERITY_BRUSHES["error"]


def test_origin_fonts_colours_and_tooltips() -> None:
    rv = make_reviewed("2021")
    model = ApplyTableModel(rv)
    fg, font, tip = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole
    inferred = model.index_of(INFERRED)
    assert _d(inferred, font).italic()
    assert _d(inferred, OriginRole) == "inferred"
    assert "按位置推断" in _d(inferred, tip)
    prose = model.index_of(PROSE)
    assert _d(prose, fg) == cell_style.ORIGIN_BRUSHES["prose"]
    assert "正文文字" in _d(prose, tip)
    table = model.index_of("apply.partial.natural")
    assert _d(table, fg) is None and _d(table, font) is None
    assert "表格读取" in _d(table, tip)
    unread = model.index_of(UNREAD)
    assert _d(unread, Display) == ""
    assert _d(unread, Qt.ItemDataRole.BackgroundRole) == cell_style.UNREAD_BRUSH
    assert "未能读取" in _d(unread, tip)
    old = rv.value("apply.partial.natural")
    rv.apply(ValueEdit("apply.partial.natural", old + 10, note="对照纸质版"))
    assert _d(table, font).bold()
    assert _d(table, fg) == cell_style.ORIGIN_BRUSHES["edited"]
    text = _d(table, tip)
    assert "人工修改" in text and f"{old} → {old + 10}" in text and "对照纸质版" in text
    assert _d(table, OriginalValueRole) == old
    assert "表三 “（二）部分公开” 行 “自然人” 列" in text


def test_set_data_pushes_a_command_and_refreshes_exactly_that_cell(qtbot) -> None:
    rv = make_reviewed("2021")
    stack = QUndoStack()
    model = ApplyTableModel(rv, stack)
    idx = model.index_of("apply.granted.natural")
    old = rv.value("apply.granted.natural")
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column(), b.row(), b.column())))
    assert model.setData(idx, "４２")  # full-width digits
    assert rv.value("apply.granted.natural") == 42
    assert stack.count() == 1
    assert changed == [(idx.row(), idx.column(), idx.row(), idx.column())]
    assert not model.setData(idx, "abc")
    assert stack.count() == 1
    stack.undo()
    assert rv.value("apply.granted.natural") == old
    assert "apply.granted.natural" not in rv.state.corrections


def test_typing_the_printed_value_back_or_nothing_reverts() -> None:
    rv = make_reviewed("2021")
    stack = QUndoStack()
    model = ApplyTableModel(rv, stack)
    idx = model.index_of("apply.granted.natural")
    printed = rv.value("apply.granted.natural")
    model.setData(idx, str(printed))
    assert stack.count() == 0  # nothing to do
    model.setData(idx, str(printed + 1))
    model.setData(idx, str(printed))
    assert "apply.granted.natural" not in rv.state.corrections
    model.setData(idx, str(printed + 2))
    model.setData(idx, "")
    assert "apply.granted.natural" not in rv.state.corrections
    assert rv.value("apply.granted.natural") == printed


def test_listener_is_removed_when_the_report_changes() -> None:
    rv = make_reviewed("2021")
    model = ApplyTableModel(rv)
    assert len(rv.listeners) == 1
    other = make_reviewed("2019")
    model.set_report(other)
    assert rv.listeners == [] and len(other.listeners) == 1
    model.set_report(None)
    assert other.listeners == []


def test_deleted_model_stops_listening(qapp) -> None:
    rv = make_reviewed("2021")
    owner = QObject()
    ApplyTableModel(rv, parent=owner)  # owned by Qt, like the widget's models
    assert len(rv.listeners) == 1
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    rv.apply(ValueEdit("apply.new.natural", 99))  # must not touch the dead model
    assert rv.listeners == []


def test_template_change_rebuilds_the_grid(qtbot) -> None:
    rv = make_reviewed("2021")
    model = ApplyTableModel(rv)
    with qtbot.waitSignal(model.modelReset):
        rv.apply(MetadataEdit("template", "2019"))
    assert model.rowCount() == 3 + 23
    assert model.index_of("apply.other.natural").isValid()
