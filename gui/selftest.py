"""``--self-test``: the core self-test, then the main window built offscreen and closed."""

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
    from gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()
    if not window.isVisible():
        problems.append("主窗口无法显示")
    window.close()
    print("  主窗口可以创建", flush=True)
    return problems


def run_self_test(gui: bool = True) -> int:
    """The whole self-test; with ``gui`` also builds the main window offscreen. Exit status."""
    from core.selftest import run_core_self_test

    print("ogi-review 自检", flush=True)
    problems = run_core_self_test()
    if gui and not problems:
        problems += check_window()
    for p in problems:
        print(f"✗ {p}", flush=True)
    print("自检通过" if not problems else "自检失败", flush=True)
    return 0 if not problems else 1
