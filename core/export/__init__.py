"""Excel export: one report in the official layout, and a summary of a batch (stub)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.errors import ExportError
from core.review.state import ReviewedReport


def export_batch(reports: Sequence[ReviewedReport], path: str, failures: Sequence[Any] = (), **options: Any) -> None:
    raise ExportError("Excel 导出尚未实现。", code="export.unavailable")
