"""The report list repaints what changed while a batch loads: the 重复 column of the rows whose
duplicate group changed, not the whole column for every delivered report."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from core.review.state import ReviewedReport
from gui.report_list.report_list import COL_DUPLICATE
from tests.gui.synthetic import synthetic_report


def _changed_rows(model, act) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """(row, column) of every cell a dataChanged signal emitted during ``act()`` covered."""
    got: set[tuple[int, int]] = set()

    def record(top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        for r in range(top.row(), bottom.row() + 1):
            for c in range(top.column(), bottom.column() + 1):
                got.add((r, c))

    model.dataChanged.connect(record)
    try:
        act()
    finally:
        model.dataChanged.disconnect(record)
    return got


def test_duplicate_column_changes_only_for_the_group_that_changed(qtbot, window) -> None:
    model = window.report_list.model
    first = window.add_reviewed([ReviewedReport(synthetic_report(f"局{i}.txt", agency=f"示例{i}局")) for i in range(5)])
    original = window.add_reviewed([ReviewedReport(synthetic_report("重复1.txt", agency="重复局"))])[0]
    rows_before = {model.index_of(e).row() for e in first}

    # a copy of 重复局's report joins: the first member's 重复 cell changes (the copy's row is new:
    # inserted with its text), the other rows' do not
    changed = _changed_rows(
        model, lambda: window.add_reviewed([ReviewedReport(synthetic_report("重复2.txt", agency="重复局"))])
    )
    copy = window.entries()[-1]
    dup_rows = {r for r, c in changed if c == COL_DUPLICATE}
    assert dup_rows == {model.index_of(original).row()}
    assert not rows_before & dup_rows
    assert model.index(model.index_of(copy).row(), COL_DUPLICATE).data() != ""

    # another report that duplicates nothing: no 重复 cell changes
    changed = _changed_rows(
        model, lambda: window.add_reviewed([ReviewedReport(synthetic_report("单独.txt", agency="单独局"))])
    )
    assert not {r for r, c in changed if c == COL_DUPLICATE} - {model.index_of(window.entries()[-1]).row()}

    # closing the copy dissolves the group: the remaining member's cell changes and is empty
    row_after = None

    def close() -> None:
        nonlocal row_after
        window.remove_entry(copy)
        row_after = model.index_of(original).row()

    changed = _changed_rows(model, close)
    assert (row_after, COL_DUPLICATE) in changed
    assert model.index(row_after, COL_DUPLICATE).data() == ""
