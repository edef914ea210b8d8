"""A day's batch reviewed with the keyboard only: F8 through the findings, type a correction,
undo it, confirm as printed, mark reviewed — 20 reports, no mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from core.review.state import ReviewedReport
from tests.gui.synthetic import TOTAL_RULE, synthetic_report


def test_keyboard_only_review_of_a_twenty_report_batch(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    reports = [
        synthetic_report(
            f"r{i:02}.txt", agency=f"第{i}示例局", year=2023, findings=i % 2 == 0, total=7 if i % 2 == 0 else 6
        )
        for i in range(20)
    ]
    entries = window.add_reviewed([ReviewedReport(r) for r in reports])
    assert len(window.entries()) == 20
    # the modal dialogs answer as a reviewer would (Enter in each)
    monkeypatch.setattr(window, "_ask_confirm_note", lambda finding, note: "原文如此")
    monkeypatch.setattr(window, "_ask_reviewed_with_errors", lambda n: True)
    window.report_list.view.setFocus()

    def key(k, mods=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
        widget = QApplication.focusWidget() or window
        qtbot.keyClick(widget, k, mods)

    with_total = [e for e in entries if any(f.rule == TOTAL_RULE for f in e.findings)]
    assert len(with_total) == 10
    corrected = confirmed = 0
    for _step in range(200):
        key(Qt.Key.Key_F8)
        f = window.findings_panel.current_finding()
        e = window.current
        if f is None or e is None or not e.open_findings():
            break
        if f.rule == TOTAL_RULE and corrected < 3:
            # Alt+3: the tables; the finding's cells are selected; type the right total, Enter
            key(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
            view = window.stat_tables.views["apply"]
            idx = view.stat_model().index_of("apply.new.total")
            view.setCurrentIndex(idx)
            qtbot.keyClicks(view, "6")
            editor = view.indexWidget(idx)
            assert isinstance(editor, QLineEdit)
            qtbot.keyClick(editor, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda v=view: v.state() != v.State.EditingState)
            assert e.reviewed.value("apply.new.total") == 6
            if corrected == 0:  # the first correction is undone and redone with the keyboard
                key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
                assert e.reviewed.value("apply.new.total") == 7
                key(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
                assert e.reviewed.value("apply.new.total") == 6
            corrected += 1
        else:
            key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            assert e.reviewed.is_confirmed(f)
            confirmed += 1
        if not [x for x in e.open_findings() if x.severity in ("error", "warning")]:
            key(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
            assert e.reviewed.state.reviewed
    assert corrected == 3 and confirmed > 0
    left = [f for e in window.entries() for f in e.open_findings() if f.severity in ("error", "warning")]
    assert left == []
    assert "0 份有错误" in window.count_label.text()
    assert sum(1 for e in window.entries() if e.reviewed.state.reviewed) >= 10
