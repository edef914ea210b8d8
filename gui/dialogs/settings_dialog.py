"""The 设置 dialog: interface language (takes effect on restart) and error-report behaviour."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from gui import settings
from gui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    """Edits the declared settings that users change; ``apply()`` stores them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("设置"))
        self.language = QComboBox(self)
        self.language.setObjectName("settings_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        i = self.language.findData(settings.get("ui/language"))
        self.language.setCurrentIndex(max(0, i))
        self.crash_dialog = QCheckBox(self.tr("程序出错时显示错误报告对话框"), self)
        self.crash_dialog.setChecked(settings.get("errors/crash_dialog"))
        form = QFormLayout()
        form.addRow(self.tr("界面语言"), self.language)
        form.addRow("", QLabel(self.tr("更改语言后需重新启动程序才能生效。"), self))
        form.addRow("", self.crash_dialog)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def apply(self) -> bool:
        """Store the choices; True when the language changed (a restart is needed)."""
        old = settings.get("ui/language")
        settings.set("ui/language", self.language.currentData())
        settings.set("errors/crash_dialog", self.crash_dialog.isChecked())
        settings.sync()
        return old != self.language.currentData()

    def accept(self) -> None:
        self.apply()
        super().accept()
