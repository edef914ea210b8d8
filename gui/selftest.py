"""The window part of ``--self-test``: build the main window offscreen and close it."""

from __future__ import annotations

import os


def check_window() -> list[str]:
    """Create the application and main window without a display; return problems found."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["ogi-review"])
    problems = []
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        print("  警告：没有找到简体中文字体，界面中文可能显示为方框", flush=True)
    try:
        from gui.main_window import MainWindow
    except ImportError:
        return problems  # window not built yet in this build
    window = MainWindow()
    window.show()
    app.processEvents()
    if not window.isVisible():
        problems.append("主窗口无法显示")
    window.close()
    print("  主窗口可以创建", flush=True)
    return problems
