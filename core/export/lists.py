"""The list sheets of a one-report export (``official.export_report``): its findings and its corrections."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from core import templates as T
from core.export.options import ExportOptions
from core.export.safe import put_text, put_value
from core.export.styles import Styles, lines_needed, page_setup
from core.model import Finding
from core.review.state import ReviewedReport

LINE_HEIGHT = 15.0
MAX_LINES = 12
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
METADATA_LABELS = {"agency": "机关名称", "year": "年度", "published": "发布日期", "index_no": "索引号", "template": "格式"}


def report_name(rr: ReviewedReport) -> str:
    """How a report is named in lists: agency and year, or the file name."""
    agency = rr.metadata_value("agency")
    year = rr.metadata_value("year")
    if agency:
        return f"{agency} {year}年" if year else str(agency)
    return Path(rr.path).name or "（未命名报告）"


def where(fid: str) -> str:
    """A field in the words of the printed table; the ID itself when it is not in the catalogue."""
    try:
        return T.field(fid).printed_name()
    except KeyError:
        return fid


def write_table(
    ws: Any,
    title: str,
    headers: Sequence[tuple[str, float]],
    rows: Iterable[Sequence[Any]],
    styles: Styles,
    options: ExportOptions,
    *,
    number_formats: dict[int, str] | None = None,
    landscape: bool = True,
) -> int:
    """A titled, bordered list with a frozen header, autofilter and print titles; returns data rows."""
    from openpyxl.utils import get_column_letter

    st = styles
    n = len(headers)
    last = get_column_letter(n)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    put_text(st.stamp(ws.cell(1, 1), font=st.table_title, alignment=st.left), title)
    ws.row_dimensions[1].height = 24
    for c, (label, width) in enumerate(headers, start=1):
        st.stamp(ws.cell(2, c), font=st.header, alignment=st.center, border=st.border, fill=st.header_fill)
        put_text(ws.cell(2, c), label)
        ws.column_dimensions[get_column_letter(c)].width = width
    formats = number_formats or {}
    widths = [w for _label, w in headers]
    r = 2
    for r, values in enumerate(rows, start=3):
        lines = 1
        for c, v in enumerate(values, start=1):
            number = isinstance(v, int | float) and not isinstance(v, bool)
            align = st.right if number else st.left_top
            cell = ws.cell(r, c)
            st.stamp(cell, font=st.body, border=st.border, alignment=align, number_format=formats.get(c))
            put_value(cell, v)
            if not number and v:
                lines = max(lines, lines_needed(str(v), widths[c - 1]))
        if lines > 1:  # wrapped text: spreadsheets do not always fit row heights on opening
            ws.row_dimensions[r].height = min(MAX_LINES, lines) * LINE_HEIGHT
    count = r - 2
    ws.freeze_panes = "A3"
    if count:
        ws.auto_filter.ref = f"A2:{last}{r}"
    else:
        put_text(st.stamp(ws.cell(3, 1), font=st.body), "（无）")
    footer = f"导出人：{options.exported_by}" if options.exported_by else ""
    page_setup(ws, landscape=landscape, title_rows="1:2", footer=footer)
    return count


def finding_rows(items: Iterable[tuple[ReviewedReport, Sequence[Finding]]]) -> Iterable[list[Any]]:
    for rr, findings in items:
        for f in findings:
            conf = rr.state.confirmed.get(f.key)
            yield [
                report_name(rr),
                SEVERITY_LABELS.get(f.severity, f.severity),
                f.rule,
                f.message,
                "；".join(where(fid) for fid in f.fields),
                "是" if conf is not None else "否",
                conf.note if conf is not None else "",
                rr.path,
            ]


def write_findings(
    ws: Any, items: Iterable[tuple[ReviewedReport, Sequence[Finding]]], styles: Styles, options: ExportOptions
) -> int:
    """Every finding: report, severity, rule, message, cells, confirmed as printed and the note."""
    headers = [
        ("报告", 26), ("严重程度", 9), ("规则", 20), ("说明", 60), ("涉及单元格", 36),
        ("已确认如原文", 10), ("确认说明", 30), ("文件", 40),
    ]
    return write_table(ws, "发现的问题", headers, finding_rows(items), styles, options)


def correction_rows(reports: Iterable[ReviewedReport]) -> Iterable[list[Any]]:
    for rr in reports:
        for key, new in rr.state.metadata.items():
            parsed = rr.report.template if key == "template" else getattr(rr.report.metadata, key, None)
            printed = parsed if key == "template" else getattr(parsed, "value", None)
            yield [report_name(rr), f"报告信息：{METADATA_LABELS.get(key, key)}", key, printed, new, "", "", "", rr.path]
        for fid, c in rr.state.corrections.items():
            yield [report_name(rr), where(fid), fid, c.printed, c.new, c.note, c.user, c.time, rr.path]


def write_corrections(ws: Any, reports: Iterable[ReviewedReport], styles: Styles, options: ExportOptions) -> int:
    """Every correction: report, where in the printed table, printed → corrected, note, who, when."""
    headers = [
        ("报告", 26), ("位置", 40), ("字段", 30), ("原文数值", 11), ("修改为", 11),
        ("说明", 36), ("修改人", 12), ("修改时间", 22), ("文件", 40),
    ]
    return write_table(ws, "修改记录", headers, correction_rows(reports), styles, options)
