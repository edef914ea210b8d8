"""One report in the national layout: tables 二, 三 and 四 with merged headers, ready to print.

The sheet is a grid of 30 narrow columns; every printed cell is a merged range of it, so the
three tables (labels + 7 columns, 15 columns, labels + 1–3 columns) share one page width the way
a hand-made form does. Values stay numbers; corrected cells carry a fill and a comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from core import templates as T
from core.export.grid import BASE_WIDTH, SheetBuffer, Splice, column_letter, grid_columns, render_tables, text_block
from core.export.options import ExportOptions
from core.export.safe import clean_text, comment_text
from core.export.styles import Styles, lines_needed, number_format, page_setup
from core.layout import GRID, Slot, national_tables
from core.model import Finding
from core.review.state import ReviewedReport

TEMPLATE_LABELS = {
    T.TEMPLATE_2021: "2021 版格式（国办公开办函〔2021〕30号）",
    T.TEMPLATE_2019: "2019 版格式（国办公开办函〔2019〕60号）",
    T.TEMPLATE_LEGACY: "旧版格式（2018 年及以前），按 2021 版格式列出识别到的数值",
    T.TEMPLATE_UNKNOWN: "格式未识别，按 2021 版格式列出识别到的数值",
}


def sheet_label(rr: ReviewedReport) -> str:
    """The wanted name of a report's sheet (sanitised and made unique by ``safe.sheet_name``)."""
    agency = rr.metadata_value("agency") or Path(rr.path).stem or "报告"
    year = rr.metadata_value("year")
    return f"{agency}（{year}）" if year else str(agency)


def template_label(template: str) -> str:
    return TEMPLATE_LABELS.get(template, TEMPLATE_LABELS[T.TEMPLATE_UNKNOWN])


def report_title(rr: ReviewedReport) -> str:
    """``<agency><year>年政府信息公开工作年度报告``, with placeholders for what was not found."""
    agency = rr.metadata_value("agency") or "（机关未识别）"
    year = rr.metadata_value("year")
    return f"{agency}{year if year else '（年度未识别）'}年政府信息公开工作年度报告"


def correction_comment(c: Any) -> str:
    """The comment text of a corrected cell: printed value, new value, who, when, why."""
    printed = "（空）" if c.printed is None else c.printed
    parts = [f"原文：{printed}", f"修改为：{c.new}"]
    if c.user or c.time:
        parts.append(f"修改人：{c.user or '—'}  时间：{c.time or '—'}")
    if c.note:
        parts.append(f"说明：{c.note}")
    if getattr(c, "printed_changed", False):
        parts.append("注意：源文件已变更，现在印出的数值与修改时不同。")
    return "\n".join(parts)


@cache
def _format_of(fid: str) -> str:
    """The number format of a field's cell (a whole number for a field not in the catalogue)."""
    try:
        return number_format(T.field(fid).kind)
    except KeyError:
        return number_format("int")


@dataclass
class OfficialSheet:
    """Where things went on an official-layout sheet (for tests and for links from other sheets)."""

    title: str
    cells: dict[str, str] = field(default_factory=dict)  # field ID → cell coordinate
    corrected: list[str] = field(default_factory=list)  # field IDs marked as corrected
    table_rows: dict[str, int] = field(default_factory=dict)  # table → first row of its heading


class _Writer:
    def __init__(
        self, ws: Any, rr: ReviewedReport, styles: Styles, options: ExportOptions, splice: Splice | None
    ) -> None:
        self.ws = ws
        self.splice = splice
        self.rr = rr
        self.st = styles
        self.options = options
        self.values = rr.values()
        self.corrections = rr.state.corrections
        self.buf = SheetBuffer(styles)
        self.row = 1
        self.info = OfficialSheet(ws.title)

    def value_of(self, slot: Slot) -> tuple[Any, str, Any, Any]:
        """Value, number format, fill and comment of a field's cell (corrections marked)."""
        fid = slot.field
        c = self.corrections.get(fid)
        if c is None:  # most cells
            v = self.values.get(fid)
            return (None if v is None else v.value), _format_of(fid), None, None
        marked = self.options.mark_corrections
        comment = None
        if marked:
            from openpyxl.comments import Comment

            author = clean_text(c.user, 255)
            comment = Comment(comment_text(correction_comment(c)), author or "ogi-review")
            comment.width, comment.height = 260, 110
            self.info.corrected.append(fid)
        v = self.values.get(fid)
        return (None if v is None else v.value), _format_of(fid), (self.st.corrected if marked else None), comment

    def heading(self, text: str) -> None:
        text_block(self.buf, self.row, 1, self.row, GRID, text, self.st.table_title, self.st.left, border=False)
        self.buf.height(self.row, 22.0)
        self.row += 1

    # ---- the sheet
    def write(self) -> OfficialSheet:
        ws, st, rr, buf = self.ws, self.st, self.rr, self.buf
        grid_columns(ws)
        title = report_title(rr)
        text_block(buf, 1, 1, 1, GRID, title, st.title, st.center, border=False)
        buf.heights[1] = 30.0 * lines_needed(title, GRID * BASE_WIDTH / 1.6)  # 16 pt, not 10.5 pt
        src = Path(rr.path).name if rr.path else ""
        published = rr.metadata_value("published")
        sub = f"统计表 · {template_label(rr.template)}"
        sub += (f" · 发布日期：{published}" if published else "") + (f" · 来源文件：{src}" if src else "")
        text_block(buf, 2, 1, 2, GRID, sub, st.subtitle, st.center, border=False)
        top = 4
        layout = national_tables(rr.template)
        where = render_tables(buf, layout, top, self.value_of)
        self.info.cells.update({fid: f"{column_letter(c)}{r}" for fid, (r, c) in where.items()})
        self.info.table_rows.update({t: top + r for t, r in layout.tables.items()})
        self.row = top + layout.n_rows
        self.extras()
        self.legend()
        # sheet properties and view go before the rows of a streamed sheet
        by = self.options.reviewer or self.options.exported_by
        page_setup(ws, landscape=False, title_rows="1:2", footer=f"导出人：{by}" if by else "")
        ws.sheet_view.showGridLines = False
        buf.flush(ws, self.splice)
        from openpyxl.worksheet.pagebreak import Break

        for b in layout.breaks:
            ws.row_breaks.append(Break(id=top + b))
        ws.print_area = f"A1:{column_letter(GRID)}{max(self.row - 1, 3)}"
        return self.info

    def extras(self) -> None:
        """Values the report has but this layout does not print (a legacy or mixed report)."""
        placed = set(self.info.cells)
        rest = [fid for fid in self.values if fid not in placed]
        if not rest:
            return
        st = self.st
        self.row += 1
        self.heading("其他识别到的数值（不在本格式的表格中）")
        for fid in sorted(rest):
            try:
                name = T.field(fid).printed_name()
            except KeyError:
                name = fid
            text_block(self.buf, self.row, 1, self.row, 24, name, st.body, st.left)
            slot = Slot(0, 25, GRID, fid)
            value, fmt, fill, comment = self.value_of(slot)
            self.buf.put(self.row, 25, value, font=st.body, alignment=st.center, border=st.border, fill=fill,
                         number_format=fmt, comment=comment)
            self.buf.merge(self.row, 25, self.row, GRID, border=st.border, fill=fill)
            self.info.cells[fid] = f"{column_letter(25)}{self.row}"
            self.row += 1

    def legend(self) -> None:
        if not self.info.corrected:
            return
        self.row += 1
        note = "注：底色标出的单元格为审核时修改的数值，批注中有原文数值、修改人和时间。"
        text_block(self.buf, self.row, 1, self.row, GRID, note, self.st.note, self.st.left, border=False)
        value, style, comment = self.buf.cells[self.row][1]
        self.buf.cells[self.row][1] = (value, (style[0], style[1], self.st.corrected, style[3], style[4]), comment)
        self.row += 1


def write_official_sheet(
    ws: Any, rr: ReviewedReport, styles: Styles, options: ExportOptions, splice: Splice | None = None
) -> OfficialSheet:
    """Lay one report out on a worksheet in the national layout of its template.

    ``splice``: where a streamed (write-only) sheet's rows go (``SheetBuffer.flush``).
    """
    return _Writer(ws, rr, styles, options, splice).write()


def export_report(
    rr: ReviewedReport,
    path: str,
    options: ExportOptions | None = None,
    *,
    findings: Sequence[Finding] | None = None,
    progress: Any = None,
    cancelled: Any = None,
) -> OfficialSheet:
    """Write one report to ``path``: the official layout, its findings and its corrections.

    Raises ExportError (Chinese message) when the file cannot be written, Cancelled when
    ``cancelled()`` turns true. The file is written atomically.
    """
    from openpyxl import Workbook

    from core.errors import Cancelled
    from core.export.lists import write_corrections, write_findings
    from core.export.safe import atomic_save, check_target, sheet_name
    from core.validation import validate

    opts = options or ExportOptions()
    check_target(path)
    if cancelled is not None and cancelled():
        raise Cancelled()
    styles = Styles(opts)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its one sheet
    used: set[str] = set()
    ws.title = sheet_name(sheet_label(rr), used)
    info = write_official_sheet(ws, rr, styles, opts)
    if progress is not None:
        progress(0.5)
    found = list(findings) if findings is not None else validate(rr)
    write_findings(wb.create_sheet(sheet_name("发现的问题", used)), [(rr, found)], styles, opts)
    write_corrections(wb.create_sheet(sheet_name("修改记录", used)), [rr], styles, opts)
    if cancelled is not None and cancelled():
        raise Cancelled()
    if progress is not None:
        progress(0.8)
    atomic_save(wb, path, cancelled)
    if progress is not None:
        progress(1.0)
    return info
