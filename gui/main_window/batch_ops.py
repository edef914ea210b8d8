"""Background operations of the window: load a batch of report files, export to Excel."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject

from core.batch import Batch
from core.batch.memory import compact, park, trim
from core.batch.model import prepare
from core.batch.pipeline import load_items
from core.batch.worker import recycle_shared
from core.model import Finding
from core.review.state import ReviewedReport
from gui.workers import Op, OpContext

TRIM_EVERY = 100  # reports loaded between two returns of freed memory to the system
RECYCLE_AFTER = 20  # files parsed by a batch after which its workers are replaced by fresh ones


def load_op(parent: QObject | None, paths: Sequence[str]) -> Op:
    """Read files/folders/projects through the shared pipeline (core.batch.pipeline) in the background.

    Streams ``ReviewedReport`` and ``Failure`` items in input order (an empty folder gives its
    ``folder.no_reports`` failure). Report files are parsed in worker processes, each under the
    per-file time and memory limits (core.batch.worker), so the window's thread never waits for the
    GIL behind a parser and one hanging file becomes a failure; review projects open in the op's
    thread. Each report is validated here too (``core.batch.model.prepare``: a ``BatchEntry`` with
    its own findings), so the GUI thread only adds entries to its ``core.batch.Batch`` (cross-year
    findings and duplicates, which read the other open reports) and lists them.

    Each report is compacted for being kept open (``core.batch.memory.compact``: the worker already
    made its offsets runs; here its repeated strings are shared with the reports already open), and
    once validated its grids are parked (``core.batch.memory.park``: compressed until next read).

    A batch of more than a few files ends by replacing the worker processes by fresh ones
    (``core.batch.worker.recycle_shared``): a worker that parsed PDFs and Word files stays 50-60 MB
    larger for as long as the window is open.

    After each item the objects alive so far are frozen (``gc.freeze``): a loaded report lives
    until it is closed, so the collector need not walk it again — without this, gen-2 collections
    in the GUI thread grow with every open report and stall the window (bench/bench_gui.py).
    """
    paths = list(paths)

    def work(ctx: OpContext) -> int:
        done = 0
        parsed = 0  # files a worker parsed (a project's reports are read in this thread)

        def progress(n: int, total: int) -> None:
            ctx.progress(n / max(1, total))

        for loaded in load_items(paths, cancelled=ctx.cancelled, progress=progress):
            item = loaded.item
            if loaded.project is None:
                parsed += 1
            if isinstance(item, ReviewedReport):
                compact(item.report)  # its repeated strings shared with the reports already open
                entry = prepare(item)
                park(item.report.document)  # validated: its grids wait compressed until it is shown
                ctx.emit(entry)
            else:
                ctx.emit(item)
            gc.freeze()  # O(1): moves the tracked objects to the permanent generation
            done += 1
            if done % TRIM_EVERY == 0:
                trim()
        trim()  # what unpickling and validating freed goes back to the system (core.batch.memory)
        if parsed >= RECYCLE_AFTER:
            recycle_shared()  # the worker's grown heap and PDF libraries go; a fresh one waits for the next file
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


def export_batch_op(parent: QObject | None, batch: Batch, path: str, options: Any = None) -> Op:
    """Export the batch summary (core.export.export_batch) in a worker."""
    reports = [e.reviewed for e in batch.entries if e.reviewed is not None]
    failures = [e.failure for e in batch.entries if e.failure is not None]

    def work(ctx: OpContext) -> str:
        import inspect

        from core.export import export_batch

        if list(inspect.signature(export_batch).parameters)[:1] == ["batch"]:
            export_batch(batch, path, options, progress=ctx.progress, cancelled=ctx.cancelled)
        else:  # until the exporter takes a Batch (workbook work)
            export_batch(reports, path, failures, options=options, progress=ctx.progress, cancelled=ctx.cancelled)
        return path

    return Op(parent, work, label="export")
