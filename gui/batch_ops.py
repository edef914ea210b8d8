"""Background operations of the window: load a batch of report files, export to Excel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject

from core.batch import Failure, iter_reviewed
from core.model import Finding
from core.review.state import ReviewedReport
from gui.widgets.report_list import ReportEntry
from gui.workers import Op, OpContext


def load_op(parent: QObject | None, paths: Sequence[str]) -> Op:
    """Parse files/folders/projects in a worker; streams ``ReportEntry`` and ``Failure`` items.

    Validation runs in the worker too (the new report is not shared with the GUI yet), so the
    GUI thread only inserts finished rows.
    """
    paths = list(paths)

    def work(ctx: OpContext) -> int:
        n = 0
        for item in iter_reviewed(paths, progress=ctx.progress, cancelled=ctx.cancelled):
            if isinstance(item, Failure):
                ctx.emit(item)
            else:
                ctx.emit(ReportEntry(item))
            n += 1
        return n

    return Op(parent, work, label="load")


def export_report_op(
    parent: QObject | None,
    reviewed: ReviewedReport,
    path: str,
    findings: Sequence[Finding] | None = None,
    options: Any = None,
) -> Op:
    """Export one report in the official layout (core.export.export_report) in a worker."""
    findings = None if findings is None else list(findings)

    def work(ctx: OpContext) -> str:
        from core.export import export_report

        export_report(reviewed, path, options, findings=findings, progress=ctx.progress, cancelled=ctx.cancelled)
        return path

    return Op(parent, work, label="export")


def export_batch_op(
    parent: QObject | None,
    reports: Sequence[ReviewedReport],
    path: str,
    failures: Sequence[Failure] = (),
    options: Any = None,
) -> Op:
    """Export the batch summary (core.export.export_batch) in a worker."""
    reports = list(reports)
    failures = list(failures)

    def work(ctx: OpContext) -> str:
        from core.export import export_batch

        export_batch(reports, path, failures, options=options, progress=ctx.progress, cancelled=ctx.cancelled)
        return path

    return Op(parent, work, label="export")
