"""Excel export: one report in the official layout, and the upward workbook of a batch (openpyxl, lazily).

Public API:
    export_report(reviewed, path, options=None, *, findings=None, progress=None, cancelled=None)
    export_batch(batch, path, options=None, *, progress=None, cancelled=None, **overrides) -> sheet names
        (core.export.workbook; ``../shared/spec/upward-workbook.md``)
    ExportOptions — what the window chose (the core never reads settings).
    suggested_filename(reports) -> str — a default name for the save dialog.
Both write atomically and raise ExportError (Chinese message) or core.errors.Cancelled.
"""

from __future__ import annotations

from core.export.official import export_report
from core.export.options import ExportOptions
from core.export.workbook import export_batch, suggested_filename

__all__ = ["ExportOptions", "export_batch", "export_report", "suggested_filename"]
