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
    from gui.main_window.window import MainWindow

    window = MainWindow()
    window.show()
    app.processEvents()
    if not window.isVisible():
        problems.append("主窗口无法显示")
    problems += _check_window_parses(app, window)
    window.close()
    from core.batch.worker import shutdown

    shutdown()
    print("  主窗口可以创建", flush=True)
    return problems


def _check_window_parses(app: object, window: object) -> list[str]:
    """Open a sample the way a user does: parsing runs in a worker process (in a frozen build,
    the executable started again — this catches a missing ``freeze_support``)."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    from core.resources import sample_files

    samples = sample_files()
    if not samples:
        return []
    loop = QEventLoop()
    window.batch_finished.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(60_000, loop.quit)
    t0 = time.perf_counter()
    window.open_paths([str(samples[0])])  # type: ignore[attr-defined]
    loop.exec()
    entries = window.entries()  # type: ignore[attr-defined]
    if len(entries) != 1 or not entries[0].reviewed.values():
        return [f"窗口未能读取示例报告 {samples[0].name}"]
    print(f"  窗口读取示例报告用时 {time.perf_counter() - t0:.2f} 秒", flush=True)
    return []


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
