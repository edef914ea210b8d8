"""The workbook a 政务公开办 sends upward (``../shared/spec/upward-workbook.md``): the entry point and
the order of the sheets. Each sheet's code is in the module named after it:

    汇总表（2021版 2023年度）…  summary.py     per (template, year): 表二/三/四 in the official layout,
        every cell the sum over the counted reports of the group; with ``ExportOptions.summary_by``
        one more per 地区 or 层级
    报告一览   overview.py     one row per report, counted or not, with the reason; key figures, last year beside
    质量评估   quality.py      one row per report, the checks evaluators score: 符合 / 不符合 / 无法判断
    问题清单   findings.py     one row per open finding, grouped by agency, in the clerk's words
    数据       data.py         the long form: report × field of its template, value in force and what was printed
    修改记录   corrections.py  every correction: who (the reviewer's name from the settings), when (local time)
    未报送     missing.py      with a directory: its agencies with no counted report for a year
    无法读取   unreadable.py   files that could not be read (and directory rows that could not be used)
    one sheet per report in the official layout (official.py) when ``per_report_sheets`` is set

The words the sheets share are in words.py; the streamed workbook that writes them in stream.py
(list sheets: header in row 1, no merged cells, no totals rows, so ``pandas.read_excel`` reads them
as they are; memory stays flat at any batch size); the national-layout sheets' cells in grid.py.

Public API:
    export_batch(batch, path, options=None, *, failures=(), progress=None, cancelled=None, **overrides)
        -> list of sheet names; raises ExportError (Chinese) or Cancelled
    suggested_filename(reports) -> a default name for the save dialog
    LIST_SHEETS: the names of the list sheets, in order
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from core.errors import Cancelled
from core.export.corrections import CORRECTION_COLUMNS, CORRECTIONS, correction_rows
from core.export.data import DATA, DATA_COLUMNS, data_rows
from core.export.findings import FINDING_COLUMNS, FINDINGS, finding_rows
from core.export.missing import MISSING, MISSING_COLUMNS, missing_rows
from core.export.official import sheet_label, write_official_sheet
from core.export.options import ExportOptions
from core.export.overview import OVERVIEW, key_figures, overview_columns, overview_rows, previous_reports
from core.export.quality import QUALITY, QUALITY_COLUMNS, quality_row
from core.export.stream import StreamedWorkbook
from core.export.summary import summary_groups, summary_sums, write_summary_sheet
from core.export.unreadable import UNREADABLE, UNREADABLE_COLUMNS, unreadable_rows

if TYPE_CHECKING:
    from core.batch.model import Batch
    from core.review.state import ReviewedReport

LIST_SHEETS = (OVERVIEW, QUALITY, FINDINGS, DATA, CORRECTIONS, MISSING, UNREADABLE)


def suggested_filename(reports: Sequence[Any]) -> str:
    """A default name for the save dialog: ``<机关><年度>年政府信息公开年报审核.xlsx`` or ``…汇总（N份）.xlsx``.

    ``reports``: reviewed reports or batch entries (unreadable entries are left out).
    """
    from core.export.safe import file_name

    rrs = [getattr(r, "reviewed", r) for r in reports]
    rrs = [r for r in rrs if r is not None]
    if len(rrs) == 1:
        rr = rrs[0]
        agency = rr.metadata_value("agency") or "报告"
        year = rr.metadata_value("year")
        return file_name(f"{agency}{year or ''}{'年' if year else ''}政府信息公开年报审核")
    years = sorted({str(y) for y in (rr.metadata_value("year") for rr in rrs) if y})
    span = years[0] if len(years) == 1 else (f"{years[0]}-{years[-1]}" if years else "")
    return file_name(f"政府信息公开年报汇总{span}{'年' if span else ''}（{len(rrs)}份）")


def _as_batch(batch: Any, failures: Sequence[Any]) -> Batch:
    from core.batch.model import Batch

    if isinstance(batch, Batch):
        if failures:
            batch.extend(failures)
        return batch
    return Batch([*batch, *failures])


def export_batch(
    batch: Batch | Sequence[ReviewedReport],
    path: str,
    options: ExportOptions | None = None,
    *,
    failures: Sequence[Any] = (),
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **overrides: Any,
) -> list[str]:
    """Write the upward workbook of ``batch`` to ``path`` (atomically); returns the sheet names.

    ``batch`` is a ``core.batch.Batch`` (a plain list of reviewed reports is made into one, with
    ``failures``). ``overrides`` set single ExportOptions fields. ``count_incomplete`` decides for
    the export; the batch's own setting is put back afterwards.
    Raises ExportError (Chinese message) or Cancelled.
    """
    from dataclasses import fields as dc_fields
    from dataclasses import replace

    from core.export.safe import atomic_save, check_target

    known = {f.name for f in dc_fields(ExportOptions)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown export options: {sorted(unknown)}")
    opts = replace(options or ExportOptions(), **overrides)
    check_target(path)
    b = _as_batch(batch, failures)
    before = b.count_incomplete
    listeners = b.listeners
    if opts.count_incomplete != before:
        # the export may run in a worker thread: the window's models are not told of this flip
        b.listeners = []
        b.set_count_incomplete(opts.count_incomplete)
    try:
        return _write(b, path, opts, progress, cancelled, atomic_save)
    finally:
        if b.count_incomplete != before:
            b.set_count_incomplete(before)
        b.listeners = listeners


def _write(
    batch: Batch,
    path: str,
    opts: ExportOptions,
    progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
    atomic_save: Callable[..., None],
) -> list[str]:
    done = [0.0]

    def step(x: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        done[0] = max(done[0], min(1.0, x))
        if progress is not None:
            progress(done[0])

    w = StreamedWorkbook(opts, path)
    try:
        _sheets(w, batch, opts, step, cancelled, atomic_save)
    except BaseException:
        w.discard()
        raise
    if progress is not None:
        progress(1.0)
    return w.sheets


def _sheets(
    w: StreamedWorkbook,
    batch: Batch,
    opts: ExportOptions,
    step: Callable[[float], None],
    cancelled: Callable[[], bool] | None,
    atomic_save: Callable[..., None],
) -> None:
    entries = batch.entries
    reports = [e for e in entries if e.reviewed is not None]
    n = max(1, len(reports))
    step(0.02)
    groups = summary_groups(batch, opts.summary_by)
    sums = summary_sums(groups)
    for key, members in groups.items():
        template, year, part = key
        write_summary_sheet(w, template, year, members, sums[key], suffix=part)
    step(0.1)
    figures = {e.index: key_figures(e.reviewed) for e in reports if e.reviewed is not None}
    prev = previous_reports(batch)
    official: dict[int, str] = {}  # entry index → its official-layout sheet
    if opts.per_report_sheets:
        for e in reports:
            assert e.reviewed is not None
            official[e.index] = w.reserve(sheet_label(e.reviewed))
    links = {e.index + 1: official[e.index] for e in entries if e.index in official}
    w.write_list(OVERVIEW, overview_columns(), overview_rows(batch, figures, prev), links=links)
    step(0.15)
    w.write_list(
        QUALITY, QUALITY_COLUMNS,
        (quality_row(e, e.index in prev) for e in reports if e.completeness.value != "非年报"),
    )
    w.write_list(FINDINGS, FINDING_COLUMNS, finding_rows(batch), repeat_col="A", wrap=(3,))
    step(0.2)
    seen = [0]

    def tick() -> None:
        seen[0] += 1
        if seen[0] % 25 == 0:
            step(0.2 + 0.6 * seen[0] / n)

    w.write_list(DATA, DATA_COLUMNS, data_rows(batch, tick))
    step(0.8)
    w.write_list(CORRECTIONS, CORRECTION_COLUMNS, correction_rows(batch, opts.reviewer))
    if batch.directory is not None:
        w.write_list(MISSING, MISSING_COLUMNS, missing_rows(batch), repeat_col="A")
    w.write_list(UNREADABLE, UNREADABLE_COLUMNS, unreadable_rows(batch), repeat_col="A")
    if opts.per_report_sheets:
        for i, e in enumerate(reports):
            assert e.reviewed is not None
            ws = w.sheet(official[e.index], reserved=True)
            write_official_sheet(ws, e.reviewed, w.st, opts, w.splice)
            if i % 10 == 0:
                step(0.85 + 0.1 * i / n)
    step(0.95)
    atomic_save(w, w.path, cancelled)
