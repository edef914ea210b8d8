"""The editor of a statistics cell: a line edit that takes counts, signed changes or 万元 amounts."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.stat_tables.cell_values import edit_text
from gui.stat_tables.stat_table_model import FieldKindRole

_Index = QModelIndex | QPersistentModelIndex
_DIGITS = "0-9０-９"
# What may be typed (intermediate states included); the model parses and rejects the rest.
PATTERNS = {
    "int": rf"^[{_DIGITS},，\s]*$",
    "signed": rf"^[+\-＋－增减]?[{_DIGITS},，\s]*$",
    "decimal": rf"^[{_DIGITS},，\s]*([.．][{_DIGITS}]*)?$",
}


def validator_for(kind: str, parent: QWidget | None = None) -> QRegularExpressionValidator:
    """A validator accepting what a cell of this kind may hold (full-width digits included)."""
    return QRegularExpressionValidator(QRegularExpression(PATTERNS.get(kind, PATTERNS["decimal"])), parent)


class NumericDelegate(QStyledItemDelegate):
    """Edits value cells with a validated line edit; the model turns the text into a core edit.

    Empty text means "as printed" (the correction is reverted), as does typing the printed value.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        kind = index.model().data(index, FieldKindRole) or "decimal"
        editor.setValidator(validator_for(kind, editor))
        editor.setPlaceholderText(self.tr("空 = 原文数值"))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        kind = index.model().data(index, FieldKindRole) or "decimal"
        editor.setText(edit_text(index.model().data(index, Qt.ItemDataRole.EditRole), kind))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        editor.setGeometry(option.rect)
