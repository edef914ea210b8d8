"""Export options: what the window (or the CLI) chose; the core never reads settings itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportOptions:
    """How to write a workbook.

    Attributes:
        per_report_sheets: add one sheet per report in the national layout (any batch size).
        count_incomplete: count reports marked 数据不完整 in the 汇总表 (they stay marked).
        summary_by: "" | "region" | "level": with a directory, one more 汇总表 per 地区 or 层级.
        unit: the 汇总单位 (settings), named on every 汇总表 and in the print header.
        reviewer: the reviewer's name (settings), written as 修改人 and in the footer — never
            the operating-system login.
        body_font: font of tables and text; "" picks 仿宋_GB2312 when installed, else 仿宋.
        title_font: font of titles and table headers (黑体, the heading font of official documents).
        mark_corrections: fill corrected cells and attach a comment with the printed value.
        exported_by: name shown in the page footer when no reviewer is set ("" leaves it out).
    """

    per_report_sheets: bool = False
    count_incomplete: bool = False
    summary_by: str = ""
    unit: str = ""
    reviewer: str = ""
    body_font: str = ""
    title_font: str = "黑体"
    mark_corrections: bool = True
    exported_by: str = ""
