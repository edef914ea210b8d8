"""Undo commands: each wraps one Qt-free core edit of a ``ReviewedReport`` and names it in Chinese."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from core import templates
from core.review.state import (
    ConfirmEdit,
    Edit,
    MetadataEdit,
    ReviewedEdit,
    ReviewedReport,
    RowRemapEdit,
    SectionStartEdit,
    ValueEdit,
)
from gui.models.cell_values import format_number
from gui.models.stat_grid import row_title, table_of_row

# Typing into a cell: consecutive commands with this id on the same field merge into one step.
VALUE_EDIT_ID = 0x0617

METADATA_NAMES = {
    "agency": "机关名称",
    "year": "报告年度",
    "published": "发布日期",
    "index_no": "索引号",
    "template": "模板版本",
    "publisher": "发布机构",
    "title": "标题",
}
_NUMERALS = "一二三四五六"


def _field_name(field_id: str) -> str:
    try:
        return templates.field(field_id).printed_name()
    except KeyError:
        return field_id


def _number(field_id: str, number: object) -> str:
    if number is None or number == "":
        return "空"
    try:
        kind = templates.field(field_id).kind
    except KeyError:
        kind = "decimal"
    if isinstance(number, int | float):
        return format_number(number, kind) or "空"
    return str(number)


def _section_name(sid: str) -> str:
    if len(sid) == 2 and sid[0] == "s" and sid[1] in "123456":
        return f"第{_NUMERALS[int(sid[1]) - 1]}部分"
    return f"“{sid}”部分"


def _row_name(row: str, template: str) -> str:
    short = templates.TABLE_SHORT[table_of_row(row)]
    return f"{short} “{row_title(row, template)}” 行"


def _finding_place(key: str) -> str:
    """Where a finding (by key ``rule|f1,f2|…``) points, in printed words."""
    parts = key.split("|")
    fields = [f for f in parts[1].split(",") if f] if len(parts) > 1 else []
    if not fields:
        return parts[0]
    place = _field_name(fields[0])
    return place + (f" 等 {len(fields)} 处" if len(fields) > 1 else "")


def describe_edit(reviewed: ReviewedReport, edit: Edit) -> str:
    """A readable Chinese name for an edit, as the undo menu shows it (before it is applied)."""
    if isinstance(edit, ValueEdit):
        name = _field_name(edit.field)
        current = reviewed.value(edit.field)
        if edit.revert:
            parsed = reviewed.parsed_values().get(edit.field)
            back = _number(edit.field, None if parsed is None else parsed.value)
            return f"恢复为原文数值 {name}：{_number(edit.field, current)} → {back}"
        return f"修改 {name}：{_number(edit.field, current)} → {_number(edit.field, edit.new)}"
    if isinstance(edit, MetadataEdit):
        what = METADATA_NAMES.get(edit.key, edit.key)
        return f"恢复{what}为原文" if edit.revert else f"修改{what}"
    if isinstance(edit, SectionStartEdit):
        where = _section_name(edit.sid)
        return f"恢复{where}的原起点" if edit.start is None else f"移动{where}的起点"
    if isinstance(edit, RowRemapEdit):
        source = _row_name(edit.source, reviewed.template)
        if edit.target is None or edit.target == edit.source:
            return f"恢复 {source}的原行标签"
        return f"将 {source}改为 “{row_title(edit.target, reviewed.template)}” 行"
    if isinstance(edit, ConfirmEdit):
        place = _finding_place(edit.key)
        return f"取消确认 {place}" if edit.note is None else f"确认与原文一致 {place}"
    if isinstance(edit, ReviewedEdit):
        return "标记为已审核" if edit.reviewed else "取消已审核标记"
    return "修改"


class EditCommand(QUndoCommand):
    """One undoable core edit: ``redo()`` applies it and keeps the inverse, ``undo()`` applies that.

    Consecutive value edits of the same cell (typing twice) merge into one step.

    Attributes:
        reviewed: the report edited.
        edit: the core edit (after merging: the latest one).
        inverse: the edit that undoes it (set by ``redo``).
    """

    def __init__(
        self, reviewed: ReviewedReport, edit: Edit, text: str | None = None, parent: QUndoCommand | None = None
    ) -> None:
        super().__init__(parent)
        self.reviewed = reviewed
        self.edit = edit
        self.inverse: Edit | None = None
        self._auto_text = not text
        self._first_old = reviewed.value(edit.field) if isinstance(edit, ValueEdit) else None
        self.setText(text or describe_edit(reviewed, edit))

    def redo(self) -> None:
        # redo always runs from the state before this step, so its inverse undoes the whole step
        # (also after merging, when ``edit`` is the newest of several typings).
        self.inverse, _change = self.reviewed.apply(self.edit)

    def undo(self) -> None:
        if self.inverse is not None:
            self.reviewed.apply(self.inverse)

    def id(self) -> int:
        if isinstance(self.edit, ValueEdit) and not self.edit.revert:
            return VALUE_EDIT_ID
        return -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Absorb the next typing into the same cell: keep the first inverse, take the newest edit."""
        if not isinstance(other, EditCommand) or other.reviewed is not self.reviewed:
            return False
        mine, theirs = self.edit, other.edit
        if not (isinstance(mine, ValueEdit) and isinstance(theirs, ValueEdit)):
            return False
        if mine.field != theirs.field or mine.revert or theirs.revert:
            return False
        self.edit = theirs
        if self._auto_text:
            name = _field_name(theirs.field)
            self.setText(f"修改 {name}：{_number(theirs.field, self._first_old)} → {_number(theirs.field, theirs.new)}")
        return True
