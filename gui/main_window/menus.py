"""The review window's actions, menus, toolbar and status bar (a mixin of MainWindow).

Strings use the ``MainWindow`` translation context explicitly: ``tr()`` in a mixin would be
extracted under the mixin's name but looked up under the window's.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QToolButton
from shiboken6 import getCppPointer

from gui import errors, settings
from gui.icons import icon


class MenusMixin:
    """Builds the window's actions (with shortcuts), menus, toolbar and status bar."""

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon_name: str = "", tip: str = "") -> QAction:
        act = QAction(text, self)
        if icon_name:
            act.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, list):
                act.setShortcuts(shortcut)
            else:
                act.setShortcut(shortcut)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(slot)
        self.addAction(act)  # shortcuts work whatever has the focus
        return act

    def _build_actions(self) -> None:
        self.act_open = self._action(
            QCoreApplication.translate("MainWindow", "打开文件…"),
            self.open_files_dialog,
            QKeySequence("Ctrl+O"),
            "open",
            QCoreApplication.translate("MainWindow", "打开一个或多个报告文件（Ctrl+O）"),
        )
        self.act_open_folder = self._action(
            QCoreApplication.translate("MainWindow", "打开文件夹…"),
            self.open_folder_dialog,
            QKeySequence("Ctrl+Shift+O"),
            "folder",
            QCoreApplication.translate("MainWindow", "打开文件夹中的全部报告（Ctrl+Shift+O）"),
        )
        self.act_export = self._action(
            QCoreApplication.translate("MainWindow", "导出当前报告…"),
            self.export_current_dialog,
            QKeySequence("Ctrl+E"),
            "export",
            QCoreApplication.translate("MainWindow", "按官方表格格式把当前报告导出为 Excel（Ctrl+E）"),
        )
        self.act_export_batch = self._action(
            QCoreApplication.translate("MainWindow", "导出汇总…"),
            self.export_batch_dialog,
            QKeySequence("Ctrl+Shift+E"),
            "export",
            QCoreApplication.translate("MainWindow", "把全部已打开的报告汇总导出为 Excel（Ctrl+Shift+E）"),
        )
        self.act_close_report = self._action(
            QCoreApplication.translate("MainWindow", "关闭当前报告"), self.close_current_report, QKeySequence("Ctrl+W")
        )
        self.act_quit = self._action(
            QCoreApplication.translate("MainWindow", "退出"), self.close, QKeySequence("Ctrl+Q")
        )
        # No Esc shortcut: a window-wide Esc would steal it from cell editors and dialogs.
        self.act_cancel = self._action(QCoreApplication.translate("MainWindow", "取消读取"), self.cancel_batch)
        self.act_cancel.setEnabled(False)
        self.act_undo = self.undo.group.createUndoAction(self, QCoreApplication.translate("MainWindow", "撤销"))
        self.act_undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.act_undo.setIcon(icon("undo"))
        self.act_redo = self.undo.group.createRedoAction(self, QCoreApplication.translate("MainWindow", "重做"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_redo.setIcon(icon("redo"))
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_next = self._action(
            QCoreApplication.translate("MainWindow", "下一个问题"),
            lambda: self.go_to_next_finding(1),
            QKeySequence("F8"),
            "next",
            QCoreApplication.translate("MainWindow", "下一个未解决的问题（F8）"),
        )
        self.act_prev = self._action(
            QCoreApplication.translate("MainWindow", "上一个问题"),
            lambda: self.go_to_next_finding(-1),
            QKeySequence("Shift+F8"),
            "previous",
            QCoreApplication.translate("MainWindow", "上一个未解决的问题（Shift+F8）"),
        )
        self.act_confirm = self._action(
            QCoreApplication.translate("MainWindow", "确认与原文一致…"),
            self._confirm_current_finding,
            QKeySequence("Ctrl+Shift+K"),
            "confirm",
        )
        self.act_reviewed = self._action(
            QCoreApplication.translate("MainWindow", "标记为已审核"),
            self._toggle_reviewed,
            QKeySequence("Ctrl+Shift+R"),
            "reviewed",
        )
        self.act_reviewed.setCheckable(True)
        self.act_filter = self._action(
            QCoreApplication.translate("MainWindow", "筛选报告"), self._focus_filter, QKeySequence("Ctrl+F")
        )
        self.act_find_source = self._action(
            QCoreApplication.translate("MainWindow", "在原文中查找"),
            self._focus_source_search,
            QKeySequence("Ctrl+Shift+F"),
        )
        self.act_settings = self._action(
            QCoreApplication.translate("MainWindow", "设置…"), self.open_settings, None, "settings"
        )
        self.focus_actions = []
        for key, text, target in (
            ("Alt+1", QCoreApplication.translate("MainWindow", "报告列表"), lambda: self.report_list.view),
            ("Alt+2", QCoreApplication.translate("MainWindow", "原文"), lambda: self.source_view.text),
            ("Alt+3", QCoreApplication.translate("MainWindow", "统计表"), self._tables_focus_widget),
            ("Alt+4", QCoreApplication.translate("MainWindow", "问题列表"), lambda: self.findings_panel.view),
            ("Alt+5", QCoreApplication.translate("MainWindow", "机关名称"), lambda: self.metadata_panel.agency),
        ):
            act = self._action(text, lambda _=False, t=target: t().setFocus(Qt.ShortcutFocusReason), QKeySequence(key))
            self.focus_actions.append(act)
        self.act_about = self._action(QCoreApplication.translate("MainWindow", "关于"), self._about)
        self.act_shortcuts = self._action(
            QCoreApplication.translate("MainWindow", "键盘快捷键"), lambda: self.show_help(manual=False)
        )
        self.act_manual = self._action(
            QCoreApplication.translate("MainWindow", "使用说明"),
            lambda: self.show_help(manual=True),
            QKeySequence("F1"),
        )

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(QCoreApplication.translate("MainWindow", "文件(&F)"))
        m.addAction(self.act_open)
        m.addAction(self.act_open_folder)
        self.recent_menu = m.addMenu(QCoreApplication.translate("MainWindow", "最近打开的文件"))
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addSeparator()
        self.project_menu_anchor = m.addSeparator()
        m.addAction(self.act_export)
        m.addAction(self.act_export_batch)
        m.addSeparator()
        m.addAction(self.act_close_report)
        m.addAction(self.act_quit)
        self.file_menu = m
        e = mb.addMenu(QCoreApplication.translate("MainWindow", "编辑(&E)"))
        e.addAction(self.act_undo)
        e.addAction(self.act_redo)
        e.addSeparator()
        e.addAction(self.act_confirm)
        e.addAction(self.act_reviewed)
        e.addSeparator()
        e.addAction(self.act_settings)
        v = mb.addMenu(QCoreApplication.translate("MainWindow", "审核(&R)"))
        v.addAction(self.act_next)
        v.addAction(self.act_prev)
        v.addAction(self.act_filter)
        v.addAction(self.act_find_source)
        fm = mb.addMenu(QCoreApplication.translate("MainWindow", "转到(&G)"))
        for act in self.focus_actions:
            fm.addAction(act)
        h = mb.addMenu(QCoreApplication.translate("MainWindow", "帮助(&H)"))
        h.addAction(self.act_manual)
        h.addAction(self.act_shortcuts)
        h.addSeparator()
        h.addAction(self.act_about)
        self.help_menu = h

        tb = self.addToolBar(QCoreApplication.translate("MainWindow", "工具栏"))
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for a in (self.act_open, self.act_open_folder, None, self.act_undo, self.act_redo, None):
            tb.addAction(a) if a is not None else tb.addSeparator()
        for a in (self.act_prev, self.act_next, self.act_confirm, None, self.act_export, self.act_export_batch):
            tb.addAction(a) if a is not None else tb.addSeparator()
        self.toolbar = tb

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("batch_progress")
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(QCoreApplication.translate("MainWindow", "%p%"))
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setText(QCoreApplication.translate("MainWindow", "取消"))
        self.cancel_button.clicked.connect(self.cancel_batch)
        sb.addPermanentWidget(self.count_label)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self._update_count()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.get("files/recent")
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_paths([path]))
        if not recent:
            self.recent_menu.addAction(QCoreApplication.translate("MainWindow", "（无）")).setEnabled(False)

    def _focus_source_search(self) -> None:
        self.source_view.search.setFocus(Qt.ShortcutFocusReason)
        self.source_view.search.selectAll()

    def _focus_filter(self) -> None:
        self.report_list.filter_edit.setFocus(Qt.ShortcutFocusReason)
        self.report_list.filter_edit.selectAll()

    def open_settings(self) -> None:
        from gui.dialogs.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self)
        if dlg.exec() and settings.get("ui/language") != QCoreApplication.instance().property("ogi_language"):
            errors.message(
                self,
                "information",
                QCoreApplication.translate("MainWindow", "设置"),
                QCoreApplication.translate("MainWindow", "界面语言将在重新启动程序后生效。"),
            )

    def show_help(self, manual: bool = False) -> Any:
        """帮助 › 使用说明 (F1) or 键盘快捷键: every action's shortcut, read from the actions."""
        from gui.dialogs.help_dialog import HelpDialog

        submenus = _submenus(self)
        menus = [submenus[k] for k in map(_key, self.menuBar().actions()) if k in submenus]
        ordered = [a for m in menus for a in _menu_actions(m, submenus)]
        rest = [a for a in self.actions() if a not in ordered]
        dlg = HelpDialog([*ordered, *rest], self, manual=manual)
        dlg.setModal(False)
        dlg.finished.connect(dlg.deleteLater)
        dlg.show()
        self.help_dialog = dlg
        return dlg

    def _about(self) -> None:
        errors.message(
            self,
            "information",
            QCoreApplication.translate("MainWindow", "关于"),
            QCoreApplication.translate(
                "MainWindow", "政府信息公开年报审核\n读取、核对并汇总政府信息公开工作年度报告。"
            ),
        )

    def _tables_focus_widget(self) -> Any:
        """The statistics table on the current tab (the tables widget itself if it has none)."""
        return self.stat_tables.views.get(self.stat_tables.current_table(), self.stat_tables)


def _key(action: QAction) -> int:
    return getCppPointer(action)[0]


def _submenus(window: Any) -> dict[int, QMenu]:
    """The window's menus by their menu actions. Not QAction.menu(): with PySide6 6.8 (the glibc 2.31 package)
    a menu reached through it is deleted together with that action's Python wrapper."""
    return {_key(m.menuAction()): m for m in window.findChildren(QMenu)}


def _menu_actions(menu: QMenu, submenus: dict[int, QMenu]) -> list[Any]:
    """A menu's actions, submenus included, in order."""
    out = []
    for a in menu.actions():
        sub = submenus.get(_key(a))
        if sub is not None:
            out.extend(_menu_actions(sub, submenus))
        else:
            out.append(a)
    return out
