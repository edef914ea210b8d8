"""Application start-up (placeholder window listing the samples until the review window lands)."""

from __future__ import annotations

import sys


def run_app(args: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QListWidget

    from core.resources import sample_files

    app = QApplication.instance() or QApplication(sys.argv[:1])
    files = args or [str(p) for p in sample_files()]
    w = QListWidget()
    w.setWindowTitle("政府信息公开年报审核")
    w.addItems(files)
    w.resize(800, 500)
    w.show()
    return app.exec()
