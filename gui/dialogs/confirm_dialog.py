"""Ask for a note when a finding is confirmed as printed (确认与原文一致)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.model import Finding
from gui.i18n import finding_text


class ConfirmDialog(QDialog):
    """A finding's message and a note field; ``note()`` after ``exec()`` returns the text.

    The message wraps and the dialog grows to show all of it. Enter (or Ctrl+Enter) accepts;
    Shift+Enter starts a new line in the note.
    """

    def __init__(self, finding: Finding, parent: QWidget | None = None, note: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("confirm_dialog")
        self.setWindowTitle(self.tr("确认与原文一致"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("确认下述问题是原文如此印刷，而不是识别错误："), self))
        msg = QLabel(finding_text(finding), self)
        msg.setWordWrap(True)
        msg.setObjectName("confirm_message")
        msg.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        msg.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        msg.setStyleSheet("font-weight: bold; padding: 4px;")
        self.message_label = msg
        lay.addWidget(msg)
        lay.addWidget(QLabel(self.tr("说明（可选，例如“原文合计有误，已电话核实”）："), self))
        self.note_edit = QPlainTextEdit(note, self)
        self.note_edit.setObjectName("confirm_note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(90)
        self.note_edit.setPlaceholderText(self.tr("回车确认；Shift+回车换行"))
        self.note_edit.installEventFilter(self)
        lay.addWidget(self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确认"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)
        self.adjustSize()  # tall enough for the whole message (a long finding wraps, never clips)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()
