"""One QUndoStack per open report, gathered in a QUndoGroup whose active stack follows the selection."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

from core.review.state import ReviewedReport


class UndoManager(QObject):
    """Owns the undo stacks of the open reports (``group.cleanChanged`` drives the window-modified mark)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}

    def stack_for(self, reviewed: ReviewedReport) -> QUndoStack:
        """The report's stack, created on first use."""
        key = id(reviewed)
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self.group)
            self.group.addStack(stack)
            self._stacks[key] = stack
        return stack

    def set_active(self, reviewed: ReviewedReport | None) -> None:
        self.group.setActiveStack(self.stack_for(reviewed) if reviewed is not None else None)

    def remove(self, reviewed: ReviewedReport) -> None:
        stack = self._stacks.pop(id(reviewed), None)
        if stack is not None:
            self.group.removeStack(stack)
            stack.deleteLater()

    def clear(self) -> None:
        for stack in list(self._stacks.values()):
            self.group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()

    def push(self, reviewed: ReviewedReport, edit: Any, text: str) -> None:
        """Apply a core edit as a named undo step on the report's stack (redo runs at once)."""
        from gui.undo_commands import EditCommand

        self.stack_for(reviewed).push(EditCommand(reviewed, edit, text))

    def any_dirty(self) -> bool:
        return any(not s.isClean() for s in self._stacks.values())

    def set_all_clean(self) -> None:
        for s in self._stacks.values():
            s.setClean()
