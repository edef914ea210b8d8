"""Undo commands: each wraps one Qt-free core edit of a ``ReviewedReport`` and names it (translated)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand

from core import templates
from core.layout import row_title, table_of_row
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
from gui.i18n import arg
from gui.stat_tables.cell_values import format_number

# Typing into a cell: consecutive commands with this id on the same field merge into one step.
VALUE_EDIT_ID = 0x0617

# Translation context of every undo-step name (QUndoCommand is no QObject, so no self.tr).
_CTX = "EditCommand"
METADATA_NAMES = {
    "agency": QT_TRANSLATE_NOOP("EditCommand", "机关名称"),
    "year": QT_TRANSLATE_NOOP("EditCommand", "报告年度"),
    "published": QT_TRANSLATE_NOOP("EditCommand", "发布日期"),
    "index_no": QT_TRANSLATE_NOOP("EditCommand", "索引号"),
    "template": QT_TRANSLATE_NOOP("EditCommand", "模板版本"),
    "publisher": QT_TRANSLATE_NOOP("EditCommand", "发布机构"),
    "title": QT_TRANSLATE_NOOP("EditCommand", "标题"),
}
SECTION_NAMES = {
    "s1": QT_TRANSLATE_NOOP("EditCommand", "第一部分"),
    "s2": QT_TRANSLATE_NOOP("EditCommand", "第二部分"),
    "s3": QT_TRANSLATE_NOOP("EditCommand", "第三部分"),
    "s4": QT_TRANSLATE_NOOP("EditCommand", "第四部分"),
    "s5": QT_TRANSLATE_NOOP("EditCommand", "第五部分"),
    "s6": QT_TRANSLATE_NOOP("EditCommand", "第六部分"),
}


def _t(text: str) -> str:
    """Translate a marked (QT_TRANSLATE_NOOP) string of this module at use."""
    return QCoreApplication.translate(_CTX, text)


def _field_name(field_id: str) -> str:
    try:
        return templates.field(field_id).printed_name()
    except KeyError:
        return field_id


def _number(field_id: str, number: object) -> str:
    if number is None or number == "":
        return QCoreApplication.translate("EditCommand", "空")
    try:
        kind = templates.field(field_id).kind
    except KeyError:
        kind = "decimal"
    if isinstance(number, int | float):
        return format_number(number, kind) or QCoreApplication.translate("EditCommand", "空")
    return str(number)


def _section_name(sid: str) -> str:
    if sid in SECTION_NAMES:
        return _t(SECTION_NAMES[sid])
    return arg(QCoreApplication.translate("EditCommand", "“%1”部分"), sid)


def _row_name(row: str, template: str) -> str:
    short = templates.TABLE_SHORT[table_of_row(row)]
    return arg(QCoreApplication.translate("EditCommand", "%1 “%2” 行"), short, row_title(row, template))


def _finding_place(key: str) -> str:
    """Where a finding (by key ``rule|f1,f2|…``) points, in printed words."""
    parts = key.split("|")
    fields = [f for f in parts[1].split(",") if f] if len(parts) > 1 else []
    if not fields:
        return parts[0]
    place = _field_name(fields[0])
    if len(fields) > 1:
        return arg(QCoreApplication.translate("EditCommand", "%1 等 %2 处"), place, len(fields))
    return place


def describe_edit(reviewed: ReviewedReport, edit: Edit) -> str:
    """A readable (translated) name for an edit, as the undo menu shows it (before it is applied)."""
    if isinstance(edit, ValueEdit):
        name = _field_name(edit.field)
        current = reviewed.value(edit.field)
        if edit.revert:
            parsed = reviewed.parsed_values().get(edit.field)
            back = _number(edit.field, None if parsed is None else parsed.value)
            template = QCoreApplication.translate("EditCommand", "恢复为原文数值 %1：%2 → %3")
            return arg(template, name, _number(edit.field, current), back)
        return _change_text(edit.field, current, edit.new)
    if isinstance(edit, MetadataEdit):
        what = _t(METADATA_NAMES[edit.key]) if edit.key in METADATA_NAMES else edit.key
        if edit.revert:
            return arg(QCoreApplication.translate("EditCommand", "恢复%1为原文"), what)
        return arg(QCoreApplication.translate("EditCommand", "修改%1"), what)
    if isinstance(edit, SectionStartEdit):
        where = _section_name(edit.sid)
        if edit.start is None:
            return arg(QCoreApplication.translate("EditCommand", "恢复%1的原起点"), where)
        return arg(QCoreApplication.translate("EditCommand", "移动%1的起点"), where)
    if isinstance(edit, RowRemapEdit):
        source = _row_name(edit.source, reviewed.template)
        if edit.target is None or edit.target == edit.source:
            return arg(QCoreApplication.translate("EditCommand", "恢复 %1的原行标签"), source)
        target = row_title(edit.target, reviewed.template)
        return arg(QCoreApplication.translate("EditCommand", "将 %1改为 “%2” 行"), source, target)
    if isinstance(edit, ConfirmEdit):
        place = _finding_place(edit.key)
        if edit.note is None:
            return arg(QCoreApplication.translate("EditCommand", "取消确认 %1"), place)
        return arg(QCoreApplication.translate("EditCommand", "确认与原文一致 %1"), place)
    if isinstance(edit, ReviewedEdit):
        if edit.reviewed:
            return QCoreApplication.translate("EditCommand", "标记为已审核")
        return QCoreApplication.translate("EditCommand", "取消已审核标记")
    return QCoreApplication.translate("EditCommand", "修改")


def _change_text(field_id: str, old: object, new: object) -> str:
    """修改 <cell>：old → new."""
    template = QCoreApplication.translate("EditCommand", "修改 %1：%2 → %3")
    return arg(template, _field_name(field_id), _number(field_id, old), _number(field_id, new))


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
            self.setText(_change_text(theirs.field, self._first_old, theirs.new))
        return True
