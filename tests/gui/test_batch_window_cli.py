"""One batch, one truth: the window and ``ogi-review check --json`` report the same entries (issue 11).

The batch holds a cross-year pair, two versions of one report (a duplicate), an unreadable file and
an empty folder. The window's list model, findings panel and status bar are compared one for one
with the command line's output.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from gui.report_list.report_list import COL_AGENCY, COL_STATUS, EntryRole
from tests.batch_fixture import final_check_lines, mixed_batch
from tests.core.test_cli import run_cli


def _finding_rows(findings: list) -> list[tuple]:
    return [(f["rule"], f["severity"], tuple(f["fields"]), f["message"]) for f in findings]


def test_window_and_cli_read_one_batch_alike(qtbot, window, tmp_path: Path) -> None:
    paths = mixed_batch(tmp_path)
    cli = final_check_lines(run_cli("check", "--json", *paths).stdout)
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths(paths)
    model = window.report_list.model
    entries = [model.index(r, 0).data(EntryRole) for r in range(model.rowCount())]
    assert [e.path for e in entries] == [o["file"] for o in cli]  # same entries, same order
    for e, o in zip(entries, cli, strict=True):
        b = o["batch"]
        assert (e.reviewed is not None) == o["ok"]
        assert (e.counted, e.not_counted_reason, e.completeness.value) == (
            b["counted"],
            b["not_counted_reason"],
            b["completeness"],
        )
        assert (e.status.errors, e.status.warnings, e.is_reviewed) == (b["errors"], b["warnings"], b["reviewed"])
        # the findings panel shows exactly the command line's findings for this entry
        window.report_list.select_entry(e)
        panel = window.findings_panel.model
        assert panel.rowCount() == len(o["findings"])
        got = [(f.rule, f.severity, tuple(f.fields), f.message) for f in panel.findings]
        assert got == _finding_rows(o["findings"])
    # the cross-year finding, the duplicate, the failures are all visible in the window
    by_name = {Path(e.path).name: e for e in entries}
    assert any(f.rule == "cross.carry_over" for f in by_name["甲局2023.txt"].findings)
    assert by_name["乙局2023（初稿）.txt"].not_counted_reason == "重复"
    empty = by_name["empty"]
    assert empty.failure is not None and empty.failure.error.code == "folder.no_reports"
    row = entries.index(empty)
    assert model.index(row, COL_STATUS).data() == "无法读取"
    assert model.index(row, COL_AGENCY).data() == "empty"
    assert model.index(row, COL_STATUS).data(Qt.ToolTipRole).startswith("文件夹“empty”中没有可读取的报告文件")
    # status bar counts = the command line's counts
    n_ok = sum(1 for o in cli if o["ok"])
    n_err = sum(1 for o in cli if o["ok"] and o["batch"]["errors"])
    n_dup = sum(1 for o in cli if o["ok"] and o["batch"]["duplicate_of"])
    assert n_dup == 1
    assert window.count_label.text() == (
        f"共 {n_ok} 份报告，{n_err} 份有错误，0 份已审核，{n_dup} 份为重复（不计入汇总），{len(cli) - n_ok} 份无法读取"
    )
