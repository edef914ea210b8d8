"""EditCommand: every core edit is undoable, named in Chinese, and typing into one cell merges."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from core.review.state import (
    ConfirmEdit,
    MetadataEdit,
    ReviewedEdit,
    RowRemapEdit,
    SectionStartEdit,
    ValueEdit,
)
from gui.undo_commands import EditCommand, describe_edit
from tests.gui.test_stat_tables_fixtures import finding, make_reviewed

FIELD = "apply.total_handled.natural"


def test_value_edit_text_undo_redo(qapp) -> None:
    rv = make_reviewed()
    stack = QUndoStack()
    old = rv.value(FIELD)
    stack.push(EditCommand(rv, ValueEdit(FIELD, old + 1)))
    assert stack.text(0) == f"修改 表三 “（七）总计” 行 “自然人” 列：{old} → {old + 1}"
    assert rv.value(FIELD) == old + 1
    stack.undo()
    assert rv.value(FIELD) == old and FIELD not in rv.state.corrections
    stack.redo()
    assert rv.value(FIELD) == old + 1
    assert stack.undoText() == stack.text(0)


def test_typing_twice_into_one_cell_is_one_step(qapp) -> None:
    rv = make_reviewed()
    stack = QUndoStack()
    old = rv.value(FIELD)
    stack.push(EditCommand(rv, ValueEdit(FIELD, 50)))
    stack.push(EditCommand(rv, ValueEdit(FIELD, 51)))
    assert stack.count() == 1
    assert stack.text(0).endswith(f"{old} → 51")
    assert rv.value(FIELD) == 51
    stack.undo()
    assert rv.value(FIELD) == old and FIELD not in rv.state.corrections
    stack.redo()
    assert rv.value(FIELD) == 51
    # another cell does not merge
    stack.push(EditCommand(rv, ValueEdit("apply.new.natural", 7)))
    assert stack.count() == 2


def test_corrections_of_corrections_undo_to_the_previous_correction(qapp) -> None:
    rv = make_reviewed()
    stack = QUndoStack()
    stack.push(EditCommand(rv, ValueEdit(FIELD, 50, note="第一次")))
    stack.push(EditCommand(rv, ValueEdit("apply.new.natural", 1)))  # breaks the merge chain
    stack.push(EditCommand(rv, ValueEdit(FIELD, 60)))
    stack.undo()
    assert rv.value(FIELD) == 50
    assert rv.state.corrections[FIELD].note == "第一次"


def test_revert_to_parsed_is_undoable_and_never_merges(qapp) -> None:
    rv = make_reviewed()
    stack = QUndoStack()
    old = rv.value(FIELD)
    stack.push(EditCommand(rv, ValueEdit(FIELD, 50)))
    stack.push(EditCommand(rv, ValueEdit(FIELD, revert=True)))
    assert stack.count() == 2
    assert stack.text(1) == f"恢复为原文数值 表三 “（七）总计” 行 “自然人” 列：50 → {old}"
    assert rv.value(FIELD) == old
    stack.undo()
    assert rv.value(FIELD) == 50
    stack.redo()
    assert FIELD not in rv.state.corrections


def test_given_text_is_kept(qapp) -> None:
    rv = make_reviewed()
    cmd = EditCommand(rv, ReviewedEdit(True), "审核完成")
    assert cmd.text() == "审核完成"
    assert EditCommand(rv, ReviewedEdit(True), "").text() == "标记为已审核"


@pytest.mark.parametrize(
    ("edit", "text"),
    [
        (MetadataEdit("agency", "示例县另一局"), "修改机关名称"),
        (MetadataEdit("year", revert=True), "恢复报告年度为原文"),
        (SectionStartEdit("s3", 10), "移动第三部分的起点"),
        (SectionStartEdit("s5", None), "恢复第五部分的原起点"),
        (
            RowRemapEdit("apply.granted", "apply.partial"),
            "将 表三 “（一）予以公开” 行改为 “（二）部分公开” 行",
        ),
        (RowRemapEdit("apply.granted", None), "恢复 表三 “（一）予以公开” 行的原行标签"),
        (ReviewedEdit(True), "标记为已审核"),
        (ReviewedEdit(False), "取消已审核标记"),
    ],
)
def test_readable_names(qapp, edit, text) -> None:
    assert describe_edit(make_reviewed(), edit) == text


@pytest.mark.parametrize(
    ("edit", "read"),
    [
        (MetadataEdit("agency", "示例县另一局"), lambda rv: rv.metadata_value("agency")),
        (MetadataEdit("template", "2019"), lambda rv: rv.template),
        (SectionStartEdit("s2", 3), lambda rv: dict(rv.state.section_starts)),
        (RowRemapEdit("apply.granted", "apply.partial"), lambda rv: rv.value("apply.granted.natural")),
        (ConfirmEdit("apply.balance|apply.new.total", "原文如此"), lambda rv: set(rv.state.confirmed)),
        (ReviewedEdit(True), lambda rv: rv.state.reviewed),
    ],
)
def test_every_edit_kind_undoes_and_redoes(qapp, edit, read) -> None:
    rv = make_reviewed()
    stack = QUndoStack()
    before = read(rv)
    stack.push(EditCommand(rv, edit))
    after = read(rv)
    assert after != before
    stack.undo()
    assert read(rv) == before
    stack.redo()
    assert read(rv) == after


def test_confirm_text_names_the_cells(qapp) -> None:
    rv = make_reviewed()
    f = finding("apply.balance", "error", ["apply.new.total", "apply.carried.total"])
    assert describe_edit(rv, ConfirmEdit(f.key, "原文如此")) == "确认与原文一致 表三 “一、本年新收政府信息公开申请数量” 行 “总计” 列 等 2 处"
    assert describe_edit(rv, ConfirmEdit(f.key, None)).startswith("取消确认 ")
