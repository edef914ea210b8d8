"""The 更正行标签 dialog: move a table row the parser put under the wrong label to the right one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import templates
from core.layout import row_name_of, row_title, table_of_row, template_rows
from core.review.state import ReviewedReport, RowRemapEdit
from gui import settings
from gui.i18n import arg
from gui.stat_tables.cell_values import format_number

_RowRole = Qt.ItemDataRole.UserRole + 1


def source_row(reviewed: ReviewedReport, row_name: str) -> str:
    """The parsed row whose values a displayed row shows (itself unless a remap moved them here)."""
    for source, target in reviewed.state.row_remaps.items():
        if target == row_name:
            return source
    return row_name


def _preview(reviewed: ReviewedReport, source: str) -> str:
    """The parsed numbers of a row, with their column labels: 自然人 3，商业企业 0 …"""
    parts = []
    for fid, value in reviewed.report.values.items():
        try:
            if row_name_of(fid) != source:
                continue
        except KeyError:
            continue
        f = templates.field(fid)
        empty = QCoreApplication.translate("RowRemapDialog", "空")
        parts.append(f"{f.column.label} {format_number(value.value, f.kind, value.raw) or empty}")
    if not parts:
        return QCoreApplication.translate("RowRemapDialog", "（原文此行没有读到数值）")
    return QCoreApplication.translate("RowRemapDialog", "，").join(parts)


def _has_values(reviewed: ReviewedReport, row_name: str) -> bool:
    for fid in reviewed.report.values:
        try:
            if row_name_of(fid) == row_name:
                return True
        except KeyError:
            continue
    return False


class RowRemapDialog(QDialog):
    """Choose the template row that a parsed row really is; ``edit()`` is the resulting core edit.

    Attributes:
        reviewed: the report.
        source: the parsed row (``apply.granted``) whose values move.
        rows: the list of the template's rows of the same table.
    """

    def __init__(self, reviewed: ReviewedReport, row_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reviewed = reviewed
        self.source = source_row(reviewed, row_name)
        template = reviewed.template
        table = table_of_row(self.source)
        current = reviewed.state.row_remaps.get(self.source, self.source)
        self.setWindowTitle(self.tr("更正行标签"))
        self.setObjectName("RowRemapDialog")

        intro = QLabel(
            arg(
                self.tr("原文此行被识别为 %1 “%2”。\n原文数值：%3\n如果这些数值实际属于另一行，请在下面选择正确的行："),
                templates.TABLE_SHORT[table],
                row_title(self.source, template),
                _preview(reviewed, self.source),
            )
        )
        intro.setWordWrap(True)
        self.rows = QListWidget()
        self.rows.setObjectName("rows")
        for name, label in template_rows(table, template):
            text = arg(self.tr("%1（原识别）"), label) if name == self.source else label
            item = QListWidgetItem(text)
            item.setData(_RowRole, name)
            self.rows.addItem(item)
            if name == current:
                self.rows.setCurrentItem(item)
        self.rows.itemDoubleClicked.connect(lambda _item: self.accept())
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a05a00;")
        self.rows.currentItemChanged.connect(lambda *_: self._update_warning())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        settings.fit_dialog(self, QSize(560, 520))
        self._update_warning()

    def select_row(self, row_name: str) -> None:
        """Choose a target row (as the reviewer's click would)."""
        for i in range(self.rows.count()):
            if self.rows.item(i).data(_RowRole) == row_name:
                self.rows.setCurrentRow(i)
                return
        raise KeyError(row_name)

    def chosen_row(self) -> str | None:
        item = self.rows.currentItem()
        return None if item is None else item.data(_RowRole)

    def _update_warning(self) -> None:
        """Warn when the chosen row has printed values of its own that stay where they are."""
        chosen = self.chosen_row()
        text = ""
        if chosen and chosen != self.source:
            moved_away = chosen in self.reviewed.state.row_remaps
            if not moved_away and _has_values(self.reviewed, chosen):
                text = arg(
                    self.tr("注意：“%1”行原文也有数值，两行数值会重叠。如果是两行标签互换，请再把那一行改到本行。"),
                    row_title(chosen, self.reviewed.template),
                )
        self.warning.setText(text)

    def edit(self) -> RowRemapEdit | None:
        """The core edit for the choice (None when nothing would change)."""
        chosen = self.chosen_row()
        if chosen is None or chosen == self.reviewed.state.row_remaps.get(self.source, self.source):
            return None
        return RowRemapEdit(self.source, None if chosen == self.source else chosen)
