"""Ask for a note when a finding is confirmed as printed (确认与原文一致)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from core.model import Finding


class ConfirmDialog(QDialog):
    """A finding's message and a note field; ``note()`` after ``exec()`` returns the text."""

    def __init__(self, finding: Finding, parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("confirm_dialog")
        self.setWindowTitle(self.tr("确认与原文一致"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("确认下述问题是原文如此印刷，而不是识别错误："), self))
        msg = QLabel(finding.message, self)
        msg.setWordWrap(True)
        msg.setStyleSheet("font-weight: bold; padding: 4px;")
        lay.addWidget(msg)
        lay.addWidget(QLabel(self.tr("说明（可选，例如“原文合计有误，已电话核实”）："), self))
        self.note_edit = QPlainTextEdit(note, self)
        self.note_edit.setObjectName("confirm_note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        lay.addWidget(self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确认"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(460, 240)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()
