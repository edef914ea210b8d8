"""Excel export: one report in the official layout, and a summary of a batch (openpyxl, imported lazily).

Public API:
    export_report(reviewed, path, options=None, *, findings=None, progress=None, cancelled=None)
    export_batch(reports, path, failures=(), *, options=None, progress=None, cancelled=None, **overrides)
    ExportOptions — what the window chose (the core never reads settings).
    suggested_filename(reports) -> str — a default name for the save dialog.
    key_figures(reviewed) -> dict — the summary's figures of one report.
Both write atomically and raise ExportError (Chinese message) or core.errors.Cancelled.
"""

from __future__ import annotations

from core.export.official import export_report
from core.export.options import ExportOptions
from core.export.summary import export_batch, key_figures, suggested_filename

__all__ = ["ExportOptions", "export_batch", "export_report", "key_figures", "suggested_filename"]
