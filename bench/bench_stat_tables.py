"""Statistics tables and PDF view speed: switching reports, painting the tables, a burst of edits, rendering pages.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_stat_tables.py
Prints milliseconds (best of 5, wall time on the shared machine) for: set_report on the three tables,
painting all three tabs, one data() pass over every cell and role, 100 cell edits through the undo
stack (and their undo), and rendering a PDF page at fit-width zoom (cold and cached).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from gui.source_view.pdf_page_view import PdfPageView
from gui.stat_tables.stat_tables import StatTablesWidget
from tests.gui.test_pdf_view import make_pdf
from tests.gui.test_stat_tables_fixtures import make_reviewed

ROLES = [int(r) for r in Qt.ItemDataRole] + [int(Qt.ItemDataRole.UserRole) + k for k in range(1, 7)]


def _best(run, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    w = StatTablesWidget()
    w.resize(1150, 900)
    w.show()
    reports = [make_reviewed("2021"), make_reviewed("2019")]
    stack = QUndoStack()
    state = {"i": 0}

    def switch() -> None:
        state["i"] += 1
        w.set_report(reports[state["i"] % 2], stack)

    print(f"set_report (3 tables):            {_best(switch):7.2f} ms")
    w.set_report(reports[0], stack)

    def paint() -> None:
        for i in range(3):
            w.tabs.setCurrentIndex(i)
            w.grab()

    print(f"paint all three tabs:             {_best(paint):7.2f} ms")
    model = w.models["apply"]

    def data_pass() -> None:
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                idx = model.index(r, c)
                for role in ROLES:
                    model.data(idx, role)

    n = model.rowCount() * model.columnCount() * len(ROLES)
    print(f"data() over 表三 ({n} calls):  {_best(data_pass):7.2f} ms")
    fields = model.grid.fields()[:100]

    def edits() -> None:
        for k, f in enumerate(fields):
            model.setData(model.index_of(f), str(100 + k))
        while stack.canUndo():
            stack.undo()
        stack.clear()

    print(f"100 edits + 100 undos:            {_best(edits):7.2f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(Path(tmp) / "bench.pdf", pages=20)
        view = PdfPageView()
        view.resize(700, 900)
        view.show()
        view.set_document(pdf)
        pages = iter(range(2, 21))
        print(f"render a page (cold):             {_best(lambda: view.show_page(next(pages)), 5):7.2f} ms")
        cached = _best(lambda: view.show_box(view.page, (100, 100, 200, 150)))
        print(f"show_box on a cached page:        {cached:7.2f} ms")
    w.set_report(None, None)
    app.processEvents()


if __name__ == "__main__":
    main()
