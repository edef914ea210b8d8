"""帮助 › 键盘快捷键 and 使用说明: the shortcuts are read from the window's actions, never retyped."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gui import settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpDialog", text)


# Keys that belong to widgets rather than window actions (tables, dialogs, lists).
def widget_keys() -> list[tuple[str, str]]:
    return [
        (
            QCoreApplication.translate("HelpDialog", "回车"),
            QCoreApplication.translate("HelpDialog", "统计表：确认输入并移到下一行的同一列"),
        ),
        (
            QCoreApplication.translate("HelpDialog", "Delete"),
            QCoreApplication.translate("HelpDialog", "统计表：所选单元格恢复为原文数值"),
        ),
        (
            QCoreApplication.translate("HelpDialog", "Ctrl+C / Ctrl+V"),
            QCoreApplication.translate("HelpDialog", "统计表：复制 / 从 Excel 粘贴一块数值（一步可撤销）"),
        ),
        (
            QCoreApplication.translate("HelpDialog", "回车 / Shift+回车"),
            QCoreApplication.translate("HelpDialog", "确认对话框：确认 / 说明中换行"),
        ),
        (
            QCoreApplication.translate("HelpDialog", "Shift+F10 或菜单键"),
            QCoreApplication.translate("HelpDialog", "报告列表、问题列表、统计表：右键菜单"),
        ),
    ]


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what) for every action with a shortcut, in menu order, without duplicates."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for act in actions:
        keys = " / ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty()
        )
        if not keys or keys in seen:
            continue
        seen.add(keys)
        rows.append((keys, act.text().replace("&", "")))
    return rows


MANUAL = QT_TRANSLATE_NOOP(
    "HelpDialog",
    "<h3>一天的审核怎么做</h3>"
    "<ol>"
    "<li><b>打开</b>：文件 › 打开文件夹（Ctrl+Shift+O）读入一批报告；读取进度和“取消”在状态栏。"
    "无法读取的文件列在报告列表里，并说明原因。</li>"
    "<li><b>逐个问题核对</b>：按 F8 转到下一个未解决的问题（Shift+F8 上一个），会自动切换报告。"
    "问题涉及的单元格在统计表中选中，原文中的出处高亮显示；PDF 报告同时在页面上框出位置。</li>"
    "<li><b>更正</b>：识别错误时直接在统计表中输入正确数值（回车确认并下移）；Ctrl+Z 撤销。"
    "原文确实如此印刷时，用“确认与原文一致”（Ctrl+Shift+K）记录说明，问题不再计为未解决。</li>"
    "<li><b>标记已审核</b>：Ctrl+Shift+R。仍有未解决的错误时会先询问；状态栏仍把它计为“有错误”。</li>"
    "<li><b>汇总与导出</b>：导出当前报告（Ctrl+E）或汇总（Ctrl+Shift+E）。</li>"
    "</ol>"
    "<p>所有修改都随时自动保存在审核项目（或自动工作区）中；程序意外退出后重新启动即可继续。</p>",
)


class HelpDialog(QDialog):
    """A read-only page: the manual and/or the keyboard shortcuts."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None, manual: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(self.tr("使用说明") if manual else self.tr("键盘快捷键"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_text")
        self.browser.setOpenExternalLinks(False)
        rows = shortcut_rows(actions) + widget_keys()
        table = "".join(
            f"<tr><td style='padding:2px 12px 2px 0'><b>{html.escape(k)}</b></td><td>{html.escape(t)}</td></tr>"
            for k, t in rows
        )
        body = f"<h3>{html.escape(self.tr('键盘快捷键'))}</h3><table>{table}</table>"
        if manual:
            body = _tr(MANUAL) + body
        self.browser.setHtml(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        settings.fit_dialog(self, QSize(640, 560))

    def text(self) -> str:
        return self.browser.toPlainText()
