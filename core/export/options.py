"""Export options: what the window (or the CLI) chose; the core never reads settings itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportOptions:
    """How to write a workbook.

    Attributes:
        official_sheets: one sheet per report in the national layout in a batch export;
            None: only when the batch has at most ``official_limit`` reports.
        official_limit: the batch size up to which official sheets are added by default.
        charts: add the chart sheet to a batch export.
        body_font: font of tables and text; "" picks 仿宋_GB2312 when installed, else 仿宋.
        title_font: font of titles and table headers (黑体, the heading font of official documents).
        mark_corrections: fill corrected cells and attach a comment with the printed value.
        exported_by: name shown in the page footer ("" leaves it out).
    """

    official_sheets: bool | None = None
    official_limit: int = 50
    charts: bool = True
    body_font: str = ""
    title_font: str = "黑体"
    mark_corrections: bool = True
    exported_by: str = ""

    def wants_official_sheets(self, n_reports: int) -> bool:
        if self.official_sheets is not None:
            return self.official_sheets
        return n_reports <= self.official_limit
