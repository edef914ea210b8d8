"""The 导出汇总 dialog: where to write the upward workbook and with which options (remembered).

Options (core.export.ExportOptions): per-report sheets, count incomplete reports, one more 汇总表
per 地区 or 层级 (with an agency directory), the 汇总单位 and the reviewer's name (written as
修改人), and what to open afterwards. The default folder is the review project's, else the last
one used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.export import ExportOptions
from gui import settings

AFTER_CHOICES = ("folder", "file", "none")
SUMMARY_BY = ("", "region", "level")


@dataclass(frozen=True)
class ExportChoice:
    """What the dialog returns: the target file, the options, and what to open afterwards."""

    path: str
    options: ExportOptions
    after: str = "folder"  # folder | file | none


def default_folder(project_path: str | None) -> str:
    """The review project's folder (None for the automatic workspace), else the last export folder,
    else the last folder opened."""
    if project_path:
        return str(Path(project_path).parent)
    return settings.get("export/last_dir") or settings.get("files/last_dir") or ""


class ExportDialog(QDialog):
    """Target file and export options; ``choice()`` reads them, ``remember()`` stores them."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        name: str = "",
        folder: str = "",
        directory: str = "",
        count_incomplete: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("导出汇总"))
        name = name or self.tr("政府信息公开年报汇总.xlsx")
        self.path = QLineEdit(str(Path(folder) / name) if folder else name, self)
        self.path.setObjectName("export_path")
        browse = QPushButton(self.tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.per_report = QCheckBox(self.tr("每份报告加一张按国家格式排版的工作表"), self)
        self.per_report.setChecked(settings.get("export/per_report_sheets"))
        self.incomplete = QCheckBox(self.tr("数据不完整的报告也计入汇总（会标明）"), self)
        self.incomplete.setChecked(
            settings.get("batch/count_incomplete") if count_incomplete is None else count_incomplete
        )
        self.summary_by = QComboBox(self)
        for value, label in zip(
            SUMMARY_BY, (self.tr("不另分"), self.tr("按地区另加汇总表"), self.tr("按层级另加汇总表")), strict=True
        ):
            self.summary_by.addItem(label, value)
        self.summary_by.setCurrentIndex(max(0, self.summary_by.findData(settings.get("export/summary_by"))))
        self.summary_by.setEnabled(bool(directory))
        shown = directory or self.tr("未载入（在“汇总”菜单中载入后可列出未报送的机关）")
        self.directory = QLabel(shown, self)
        self.directory.setWordWrap(True)
        self.unit = QLineEdit(settings.get("export/unit"), self)
        self.unit.setPlaceholderText(self.tr("例如：某某市人民政府办公室"))
        self.reviewer = QLineEdit(settings.get("export/reviewer"), self)
        self.reviewer.setPlaceholderText(self.tr("写入“修改记录”的修改人"))
        self.after = QComboBox(self)
        for value, label in zip(
            AFTER_CHOICES, (self.tr("打开所在文件夹"), self.tr("打开工作簿"), self.tr("不打开")), strict=True
        ):
            self.after.addItem(label, value)
        self.after.setCurrentIndex(max(0, self.after.findData(settings.get("export/after"))))
        form = QFormLayout()
        form.addRow(self.tr("导出到"), row)
        form.addRow(self.tr("机关名录"), self.directory)
        form.addRow(self.tr("分组汇总"), self.summary_by)
        form.addRow("", self.incomplete)
        form.addRow("", self.per_report)
        form.addRow(self.tr("汇总单位"), self.unit)
        form.addRow(self.tr("审核人"), self.reviewer)
        form.addRow(self.tr("导出后"), self.after)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("导出"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出汇总"), self.path.text(), QCoreApplication.translate("MainWindow", "Excel 工作簿 (*.xlsx)")
        )
        if path:
            self.path.setText(path)

    def choice(self) -> ExportChoice:
        path = self.path.text().strip()
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        options = ExportOptions(
            per_report_sheets=self.per_report.isChecked(),
            count_incomplete=self.incomplete.isChecked(),
            summary_by=self.summary_by.currentData() if self.summary_by.isEnabled() else "",
            unit=self.unit.text().strip(),
            reviewer=self.reviewer.text().strip(),
        )
        return ExportChoice(path, options, self.after.currentData())

    def remember(self) -> None:
        c = self.choice()
        settings.set("export/per_report_sheets", c.options.per_report_sheets)
        settings.set("export/summary_by", self.summary_by.currentData())
        settings.set("export/unit", c.options.unit)
        settings.set("export/reviewer", c.options.reviewer)
        settings.set("export/after", c.after)
        settings.sync()

    def accept(self) -> None:
        if not self.choice().path:
            self.path.setFocus()
            return
        self.remember()
        super().accept()
