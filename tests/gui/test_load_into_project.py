"""Reports the window opens join its review project while the batch loads, packed by the worker
processes that parsed them (the GUI thread writes database rows only), and an edit made on a report
that has just arrived is saved as it is made."""

from __future__ import annotations

from pathlib import Path

from core.review import serialize as ser
from core.review.project import Project, project_link
from core.review.state import ReviewedReport, ValueEdit
from tests.gui.synthetic import synthetic_report, write_report


def test_loaded_reports_are_stored_as_their_workers_packed_them(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    files = [str(write_report(tmp_path, f"r{i}.txt", f"入库{i}局", 2023)) for i in range(4)]
    assert window.session.new(str(tmp_path / "批次.ogiproj"))
    packed_here: list[str] = []
    real_pack = ser.pack_report
    monkeypatch.setattr(ser, "pack_report", lambda r: packed_here.append(r.path) or real_pack(r))
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths(files)
    project = window.session.project
    assert all((link := project_link(e.reviewed)) is not None and link.project is project for e in window.entries())
    assert all(e.reviewed.report.snapshot is None for e in window.entries())  # not kept once stored
    assert packed_here == []  # the worker processes packed every report
    with Project.open(str(tmp_path / "批次.ogiproj"), read_only=True) as saved:
        assert sorted(r.path for r in saved.reviewed_reports()) == sorted(files)
        for e in window.entries():
            assert saved.report(e.path).report.values == e.reviewed.report.values


def test_an_edit_of_a_report_that_just_arrived_is_saved_at_once(qtbot, window, tmp_path: Path) -> None:
    path = str(tmp_path / "批次.ogiproj")
    assert window.session.new(path)
    first = str(write_report(tmp_path, "first.txt", "先到局", 2023))
    later = str(write_report(tmp_path, "later.txt", "后到局", 2023))
    window.add_reviewed([ReviewedReport(synthetic_report(first, agency="先到局"))])  # shown: in the project
    window.add_reviewed([ReviewedReport(synthetic_report(later, agency="后到局"))])  # due in a moment
    entry = window.entries()[-1]
    assert entry.reviewed.link is None
    window.report_list.select_entry(entry)
    window.push_edit(ValueEdit("apply.new.total", 4321))
    with Project.open(path, read_only=True) as saved:  # on disk before anything else happens
        assert saved.report(later).value("apply.new.total") == 4321


def test_without_a_project_the_packed_report_is_not_kept(qtbot, window, tmp_path: Path) -> None:
    assert window.session.project is None
    report = synthetic_report(str(tmp_path / "loose.txt"))
    report.snapshot = ser.pack_report(report)
    window.add_reviewed([ReviewedReport(report)])
    qtbot.waitUntil(lambda: report.snapshot is None, timeout=5000)


def test_a_compacted_report_highlights_its_values_in_the_original_text(qtbot, tmp_path: Path) -> None:
    import pickle

    from core.batch.memory import compact
    from core.parsing import parse_report
    from gui.source_view.source_view import SourceView
    from tests.core.loader_fixtures import make_html

    path = str(make_html(tmp_path / "r.html", 4))
    plain = ReviewedReport(parse_report(path))
    kept = ReviewedReport(compact(pickle.loads(pickle.dumps(plain.report))))  # as the window keeps it
    views = []
    for rr in (plain, kept):
        sv = SourceView()
        qtbot.addWidget(sv)
        sv.set_report(rr)
        sv.original_check.setChecked(True)
        views.append(sv)
    located = [v for v in plain.report.values.values() if v.span is not None]
    assert located
    for v in located:
        shown = []
        for sv in views:
            sv.highlight_span(v.span)
            shown.append(sv.highlighted_text())
        assert shown[0] == shown[1] and shown[0]


def test_a_batch_ends_with_fresh_worker_processes(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from core.batch import worker
    from gui.main_window import batch_ops

    monkeypatch.setattr(batch_ops, "RECYCLE_AFTER", 3)
    files = [str(write_report(tmp_path, f"w{i}.txt", f"回收{i}局", 2023)) for i in range(3)]
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths(files[:2])  # fewer than RECYCLE_AFTER: the worker stays
    pool = worker.shared_pool()
    first = [w.proc for w in pool._workers]
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths(files)
    assert len(window.entries()) == 3
    assert [w.proc for w in pool._workers] != first and not any(p.is_alive() for p in first)


def test_reports_out_of_view_keep_their_grids_parked(qtbot, window, tmp_path: Path) -> None:
    from core.batch.memory import ParkedGrids
    from tests.core.loader_fixtures import make_html

    files = [str(make_html(tmp_path / f"g{i}.html", i)) for i in range(3)]
    with qtbot.waitSignal(window.batch_finished, timeout=60000):
        window.open_paths(files)
    first, second, third = window.entries()

    def parked(e) -> bool:  # type: ignore[no-untyped-def]
        grids = e.reviewed.report.document.grids
        return isinstance(grids, ParkedGrids) and grids.is_parked()

    assert window.current is first and parked(third)  # loaded, not looked at
    window.report_list.select_entry(second)
    v = next(v for v in second.reviewed.report.values.values() if v.table is not None and v.span is not None)
    window.show_field_source(v.field)  # the source pane shows the value's table, read from its grid
    assert window.source_view.table_view.isVisible() and not parked(second)
    assert parked(first)  # no longer shown: compressed again
    window.report_list.select_entry(third)
    assert parked(second)
