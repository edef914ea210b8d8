"""Background operations of the window: load a batch of report files, export to Excel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject

from core.batch import PROJECT_SUFFIX, Failure, collect_inputs, iter_reviewed
from core.errors import Cancelled, ReportError
from core.model import Finding
from core.review.state import ReviewedReport
from core.batch.worker import parse_many
from gui.widgets.report_list import ReportEntry
from gui.workers import Op, OpContext


def load_op(parent: QObject | None, paths: Sequence[str]) -> Op:
    """Parse files/folders/projects in the background; streams ``ReportEntry`` and ``Failure`` items.

    Report files are parsed in worker processes (gui.parse_worker), so the window's thread never
    waits for the GIL behind a parser; review projects open in the op's thread. Validation runs
    in the op's thread too (the new report is not shared with the GUI yet), so the GUI thread
    only inserts finished rows.
    """
    paths = list(paths)

    def work(ctx: OpContext) -> int:
        inputs = collect_inputs(paths)
        total = max(1, len(inputs))
        done = 0
        i = 0
        while i < len(inputs):
            if ctx.cancelled():
                raise Cancelled()
            if inputs[i].lower().endswith(PROJECT_SUFFIX):
                for item in iter_reviewed([inputs[i]], cancelled=ctx.cancelled):
                    ctx.emit(item if isinstance(item, Failure) else ReportEntry(item))
                i += 1
                done += 1
                ctx.progress(done / total)
                continue
            j = i
            while j < len(inputs) and not inputs[j].lower().endswith(PROJECT_SUFFIX):
                j += 1
            for path, result in parse_many(inputs[i:j], cancelled=ctx.cancelled):
                if isinstance(result, ReportError):
                    ctx.emit(Failure(path, result))
                else:
                    ctx.emit(ReportEntry(ReviewedReport(result)))
                done += 1
                ctx.progress(done / total)
            i = j
        return done

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
