"""The 汇总 menu: what the batch counts and who has not reported, over ``core.batch.Batch``.

- 计入汇总: of a duplicate group (the same agency and year twice), count the current report —
  an undo step on that report's stack, saved in the open review project;
- 把数据不完整的报告也计入汇总 (a setting);
- 机关名录: load an agency directory (.xlsx/.csv, remembered), clear it, or write a starting one
  from the open reports; 未报送的机关: the directory's agencies with no counted report for a year.

The window owns one ``BatchMenu``; it reads the window's batch, current entry, undo manager and
project session and adds nothing to the window but its menu.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.batch import Batch, BatchEntry, Directory, DirectoryError, write_starting_directory
from gui import errors, settings
from gui.i18n import arg

if TYPE_CHECKING:
    from gui.main_window.window import MainWindow


def _t(text: str) -> str:
    """Translated at use; every literal passed here is marked with QT_TRANSLATE_NOOP("BatchMenu", …)."""
    return QCoreApplication.translate("BatchMenu", text)


DIRECTORY_FILTER = QT_TRANSLATE_NOOP("BatchMenu", "机关名录 (*.xlsx *.csv)")


class CountCommand(QUndoCommand):
    """Count one member of a duplicate group (undo: the choice before, or the default rule)."""

    def __init__(
        self,
        batch: Batch,
        save: Callable[[tuple[str, int], str | None], object] | None,
        key: tuple[str, int],
        chosen: str,
        text: str,
    ) -> None:
        super().__init__(text)
        self.batch = batch
        self.save = save  # the open project records the choice
        self.key = key
        self.chosen = chosen
        self.before = batch.chosen.get(key)

    def redo(self) -> None:
        self._set(self.chosen)

    def undo(self) -> None:
        self._set(self.before)

    def _set(self, value: str | None) -> None:
        self.batch.set_chosen(self.key, value)
        if self.save is not None:
            self.save(self.key, value)


class MissingDialog(QDialog):
    """未报送的机关: the directory's agencies with no counted report, per year of the batch."""

    def __init__(self, batch: Batch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missing_dialog")
        self.setWindowTitle(QCoreApplication.translate("BatchMenu", "未报送的机关"))
        self.batch = batch
        self.year = QComboBox()
        self.year.setObjectName("missing_year")
        for y in sorted(batch.years(), reverse=True):
            self.year.addItem(str(y), y)
        self.summary = QLabel()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("missing_table")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("BatchMenu", "机关名称"),
                QCoreApplication.translate("BatchMenu", "地区"),
                QCoreApplication.translate("BatchMenu", "层级"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("BatchMenu", "报告年度：")))
        top.addWidget(self.year)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.year.currentIndexChanged.connect(self.refresh)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        year = self.year.currentData()
        missing = self.batch.missing(int(year)) if year is not None else []
        self.table.setRowCount(len(missing))
        for i, a in enumerate(missing):
            for j, text in enumerate((a.name, a.region, a.level)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        total = len(self.batch.directory) if self.batch.directory is not None else 0
        self.summary.setText(
            arg(
                QCoreApplication.translate("BatchMenu", "机关名录共 %1 个机关，%2 个尚未报送。"),
                str(total),
                str(len(missing)),
            )
        )


class BatchMenu(QObject):
    """The 汇总 menu of a main window (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(QCoreApplication.translate("BatchMenu", "汇总(&S)"), window)
        self.menu.setObjectName("batch_menu")
        self.count_action = self._action(
            QCoreApplication.translate("BatchMenu", "计入汇总（重复报告中计入这一份）"), self.count_current
        )
        self.count_action.setStatusTip(
            QCoreApplication.translate(
                "BatchMenu", "同一机关同一年度有多份报告时，汇总只计入其中一份；改为计入当前这份（可撤销）"
            )
        )
        self.incomplete_action = self._action(
            QCoreApplication.translate("BatchMenu", "数据不完整的报告也计入汇总"), self.toggle_incomplete
        )
        self.incomplete_action.setCheckable(True)
        self.menu.addSeparator()
        self.load_action = self._action(
            QCoreApplication.translate("BatchMenu", "载入机关名录…"), self.load_directory_dialog
        )
        self.clear_action = self._action(
            QCoreApplication.translate("BatchMenu", "不使用机关名录"), self.clear_directory
        )
        self.write_action = self._action(
            QCoreApplication.translate("BatchMenu", "根据已打开的报告生成机关名录…"), self.write_directory_dialog
        )
        self.menu.addSeparator()
        self.missing_action = self._action(QCoreApplication.translate("BatchMenu", "未报送的机关…"), self.show_missing)
        bar = window.menuBar()
        actions = bar.actions()
        if actions:
            bar.insertMenu(actions[-1], self.menu)  # before 帮助
        else:
            bar.addMenu(self.menu)
        window.report_shown.connect(lambda _e: self.update_actions())
        window.batch.listeners.append(lambda _changed: self.update_actions())
        self.incomplete_action.setChecked(settings.get("batch/count_incomplete"))
        window.batch.set_count_incomplete(self.incomplete_action.isChecked())
        remembered = settings.get("batch/directory")
        if remembered:
            self.load_directory(remembered, quiet=True)
        self.update_actions()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        act = QAction(text, self.window)
        act.triggered.connect(lambda _=False: slot())
        self.menu.addAction(act)
        return act

    # ------------------------------------------------------------------ state
    def update_actions(self) -> None:
        e = self.window.current
        self.count_action.setEnabled(e is not None and e.duplicate_key is not None and not e.counted)
        has_dir = self.window.batch.directory is not None
        self.clear_action.setEnabled(has_dir)
        self.missing_action.setEnabled(has_dir and bool(self.window.batch.years()))
        self.write_action.setEnabled(any(e.reviewed is not None for e in self.window.batch.entries))

    # ------------------------------------------------------------------ counting
    def count_current(self) -> None:
        e: BatchEntry | None = self.window.current
        if e is None or e.reviewed is None or e.duplicate_key is None or e.counted:
            return
        key = e.duplicate_key
        text = arg(QCoreApplication.translate("BatchMenu", "计入汇总：%1"), Path(e.path).name)
        session = self.window.session
        save = session.set_counted_choice if session is not None else None
        self.window.undo.stack_for(e.reviewed).push(
            CountCommand(self.window.batch, save, key, e.content_key or e.path, text)
        )
        errors.status_message(
            arg(
                QCoreApplication.translate("BatchMenu", "%1 %2 年度的重复报告，汇总改为计入“%3”。"),
                key[0],
                str(key[1]),
                Path(e.path).name,
            )
        )

    def toggle_incomplete(self) -> None:
        on = self.incomplete_action.isChecked()
        settings.set("batch/count_incomplete", on)
        self.window.batch.set_count_incomplete(on)

    # ------------------------------------------------------------------ directory
    def load_directory_dialog(self) -> None:
        start = settings.get("batch/directory") or settings.get("files/last_dir")
        path = QFileDialog.getOpenFileName(
            self.window, QCoreApplication.translate("BatchMenu", "载入机关名录"), start, _t(DIRECTORY_FILTER)
        )[0]
        if path:
            self.load_directory(path)

    def load_directory(self, path: str, quiet: bool = False) -> bool:
        """Load a directory into the batch and remember it; a bad file gets a message naming it."""
        try:
            directory = Directory.load(path)
        except DirectoryError as exc:
            if quiet:
                errors.status_message(exc.message)
            else:
                errors.message(self.window, "warning", QCoreApplication.translate("BatchMenu", "机关名录"), exc.message)
            return False
        self.window.batch.set_directory(directory)
        settings.set("batch/directory", path)
        if not quiet:
            errors.status_message(
                arg(
                    QCoreApplication.translate("BatchMenu", "已载入机关名录“%1”：%2 个机关。"),
                    Path(path).name,
                    str(len(directory)),
                )
            )
        self.update_actions()
        return True

    def clear_directory(self) -> None:
        self.window.batch.set_directory(None)
        settings.set("batch/directory", "")
        self.update_actions()

    def write_directory_dialog(self) -> None:
        start = str(
            Path(settings.get("files/last_dir") or ".") / QCoreApplication.translate("BatchMenu", "机关名录.xlsx")
        )
        path = QFileDialog.getSaveFileName(
            self.window, QCoreApplication.translate("BatchMenu", "生成机关名录"), start, _t(DIRECTORY_FILTER)
        )[0]
        if not path:
            return
        if not path.lower().endswith((".xlsx", ".csv")):
            path += ".xlsx"
        try:
            n = write_starting_directory(self.window.batch, path)
        except (OSError, DirectoryError) as exc:
            from core.errors import os_reason

            message = exc.message if isinstance(exc, DirectoryError) else os_reason(exc)
            errors.message(
                self.window,
                "warning",
                QCoreApplication.translate("BatchMenu", "机关名录"),
                arg(QCoreApplication.translate("BatchMenu", "无法写入“%1”：%2"), Path(path).name, message),
            )
            return
        errors.status_message(
            arg(
                QCoreApplication.translate("BatchMenu", "已生成机关名录“%1”：%2 个机关，请补全地区和层级后载入。"),
                Path(path).name,
                str(n),
            )
        )

    def show_missing(self) -> None:
        MissingDialog(self.window.batch, self.window).exec()
