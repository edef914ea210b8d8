"""One report in the national layout: tables 二, 三 and 四 with merged headers, ready to print.

The sheet is a grid of 30 narrow columns; every printed cell is a merged range of it, so the
three tables (labels + 7 columns, 15 columns, labels + 1–3 columns) share one page width the way
a hand-made form does. Values stay numbers; corrected cells carry a fill and a comment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core import templates as T
from core.export.options import ExportOptions
from core.export.safe import put_text, put_value
from core.export.styles import Styles, lines_needed, merge, number_format, page_setup
from core.model import Finding
from core.review.state import ReviewedReport

GRID = 30  # base columns
BASE_WIDTH = 3.3  # width of a base column, in Excel character units
ROW_HEIGHT = 16.5  # points per line of 10.5 pt text

SECTION_HEADINGS = {
    T.TABLE_ACTIVE: "二、主动公开政府信息情况",
    T.TABLE_APPLY: "三、收到和处理政府信息公开申请情况",
    T.TABLE_APPEAL: "四、政府信息公开行政复议、行政诉讼情况",
}
TEMPLATE_LABELS = {
    T.TEMPLATE_2021: "2021 版格式（国办公开办函〔2021〕30号）",
    T.TEMPLATE_2019: "2019 版格式（国办公开办函〔2019〕60号）",
    T.TEMPLATE_LEGACY: "旧版格式（2018 年及以前），按 2021 版格式列出识别到的数值",
    T.TEMPLATE_UNKNOWN: "格式未识别，按 2021 版格式列出识别到的数值",
}

# 表三 label columns: 三、本年度办理结果 | group （三）… | numbered leaf; then 7 × 2 data columns
_A_RESULTS = (1, 1)
_A_GROUP = (2, 6)
_A_LEAF = (7, 16)
_A_DATA0 = 17
_A_DATA_W = 2
# 表二: 信息内容 label over 12 columns, values share the other 18
_ACT_LABEL = (1, 12)
_ACT_DATA = 18


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


@dataclass
class OfficialSheet:
    """Where things went on an official-layout sheet (for tests and for links from other sheets)."""

    title: str
    cells: dict[str, str] = field(default_factory=dict)  # field ID → cell coordinate
    corrected: list[str] = field(default_factory=list)  # field IDs marked as corrected
    table_rows: dict[str, int] = field(default_factory=dict)  # table → first row of its heading


class _Writer:
    def __init__(self, ws: Any, rr: ReviewedReport, styles: Styles, options: ExportOptions) -> None:
        self.ws = ws
        self.rr = rr
        self.st = styles
        self.options = options
        self.values = rr.values()
        self.corrections = rr.state.corrections
        self.row = 1
        self.heights: dict[int, float] = {}
        self.info = OfficialSheet(ws.title)

    # ---- primitives
    def block(self, r1: int, c1: int, r2: int, c2: int, text: Any, font: Any, align: Any, border: bool = True) -> Any:
        ws = self.ws
        if (r1, c1) != (r2, c2):
            merge(ws, r1, c1, r2, c2)
        cell = ws.cell(r1, c1)
        self.st.stamp(cell, font=font, alignment=align, border=self.st.border if border else None)
        put_text(cell, text)
        if border:
            self.st.box(ws, r1, c1, r2, c2)
        if text:
            width = (c2 - c1 + 1) * BASE_WIDTH
            need = lines_needed(str(text), width) * ROW_HEIGHT / (r2 - r1 + 1)
            for r in range(r1, r2 + 1):
                self.heights[r] = max(self.heights.get(r, ROW_HEIGHT), need)
        return cell

    def number(self, r: int, c1: int, c2: int, fid: str) -> None:
        ws = self.ws
        if c1 != c2:
            merge(ws, r, c1, r, c2)
        cell = ws.cell(r, c1)
        try:
            kind = T.field(fid).kind
        except KeyError:
            kind = "int"
        c = self.corrections.get(fid)
        marked = c is not None and self.options.mark_corrections
        fill = self.st.corrected if marked else None
        st = self.st
        fmt = number_format(kind)
        st.stamp(cell, font=st.body, alignment=st.center, border=st.border, fill=fill, number_format=fmt)
        v = self.values.get(fid)
        put_value(cell, None if v is None else v.value)
        st.box(ws, r, c1, r, c2, fill=fill)
        self.info.cells[fid] = cell.coordinate
        if marked:
            from openpyxl.comments import Comment

            comment = Comment(correction_comment(c), c.user or "ogi-review")
            comment.width, comment.height = 260, 110
            cell.comment = comment
            self.info.corrected.append(fid)

    def heading(self, text: str) -> None:
        self.block(self.row, 1, self.row, GRID, text, self.st.table_title, self.st.left, border=False)
        self.heights[self.row] = 22.0
        self.row += 1

    # ---- the sheet
    def write(self) -> OfficialSheet:
        ws, st, rr = self.ws, self.st, self.rr
        for c in range(1, GRID + 1):
            ws.column_dimensions[_col(c)].width = BASE_WIDTH
        title = report_title(rr)
        self.block(1, 1, 1, GRID, title, st.title, st.center, border=False)
        self.heights[1] = 30.0 * lines_needed(title, GRID * BASE_WIDTH / 1.6)  # 16 pt, not 10.5 pt
        src = Path(rr.path).name if rr.path else ""
        published = rr.metadata_value("published")
        sub = f"统计表 · {template_label(rr.template)}"
        sub += (f" · 发布日期：{published}" if published else "") + (f" · 来源文件：{src}" if src else "")
        self.block(2, 1, 2, GRID, sub, st.subtitle, st.center, border=False)
        self.row = 4
        template = rr.template
        self.info.table_rows[T.TABLE_ACTIVE] = self.row
        self.active(template)
        self.row += 1
        self.info.table_rows[T.TABLE_APPLY] = self.row
        from openpyxl.worksheet.pagebreak import Break

        ws.row_breaks.append(Break(id=self.row - 1))
        self.apply(template)
        self.row += 1
        self.info.table_rows[T.TABLE_APPEAL] = self.row
        self.appeal()
        self.extras()
        self.legend()
        for r, h in self.heights.items():
            ws.row_dimensions[r].height = round(h, 1)
        footer = f"导出人：{self.options.exported_by}" if self.options.exported_by else ""
        page_setup(ws, landscape=False, title_rows="1:2", footer=footer)
        ws.print_area = f"A1:{_col(GRID)}{max(self.row - 1, 3)}"
        ws.sheet_view.showGridLines = False
        return self.info

    def active(self, template: str) -> None:
        st = self.st
        self.heading(SECTION_HEADINGS[T.TABLE_ACTIVE])
        for block in T.layout(template, T.TABLE_ACTIVE):
            r = self.row
            self.block(r, 1, r, GRID, block.caption, st.header, st.center)
            r += 1
            self.block(r, *_ACT_LABEL[:1], r, _ACT_LABEL[1], "信息内容", st.header, st.center)
            spans = _split(_ACT_LABEL[1] + 1, _ACT_DATA, len(block.columns))
            for col, (c1, c2) in zip(block.columns, spans, strict=True):
                self.block(r, c1, r, c2, col.label, st.header, st.center)
            r += 1
            for row in block.rows:
                self.block(r, _ACT_LABEL[0], r, _ACT_LABEL[1], row.label, st.body, st.center)
                for col, (c1, c2) in zip(block.columns, spans, strict=True):
                    self.number(r, c1, c2, T.field_id_for(T.TABLE_ACTIVE, row, col))
                r += 1
            self.row = r

    def apply(self, template: str) -> None:
        st = self.st
        self.heading(SECTION_HEADINGS[T.TABLE_APPLY])
        (block,) = T.layout(template, T.TABLE_APPLY)
        top = self.row
        self.block(top, 1, top + 2, _A_LEAF[1], block.caption, st.note, st.center)
        data = [(_A_DATA0 + i * _A_DATA_W, _A_DATA0 + (i + 1) * _A_DATA_W - 1) for i in range(len(block.columns))]
        self.block(top, data[0][0], top, data[-1][1], "申请人情况", st.header, st.center)
        org = [i for i, c in enumerate(block.columns) if c.group]
        for i, col in enumerate(block.columns):
            if col.group:
                continue
            self.block(top + 1, data[i][0], top + 2, data[i][1], col.label, st.header, st.center)
        if org:
            group = block.columns[org[0]].group
            self.block(top + 1, data[org[0]][0], top + 1, data[org[-1]][1], group, st.header, st.center)
            for i in org:
                self.block(top + 2, data[i][0], top + 2, data[i][1], block.columns[i].label, st.header, st.center)
        r = top + 3
        rows = list(block.rows)
        # vertical 三、本年度办理结果 over every result row; group labels over their leaves
        res = [i for i, row in enumerate(rows) if row.level >= 1]
        if res:
            self.block(r + res[0], _A_RESULTS[0], r + res[-1], _A_RESULTS[1], "三、本年度办理结果", st.body, st.vertical)
        i = 0
        while i < len(rows):
            row = rows[i]
            if row.level == 2:
                j = i
                while j + 1 < len(rows) and rows[j + 1].level == 2 and rows[j + 1].group == row.group:
                    j += 1
                self.block(r + i, _A_GROUP[0], r + j, _A_GROUP[1], row.group, st.body, st.center)
                i = j + 1
            else:
                i += 1
        for i, row in enumerate(rows):
            rr_ = r + i
            if row.level == 0:
                self.block(rr_, _A_RESULTS[0], rr_, _A_LEAF[1], row.label, st.body, st.left)
            elif row.level == 1:
                self.block(rr_, _A_GROUP[0], rr_, _A_LEAF[1], row.label, st.body, st.left)
            else:
                self.block(rr_, _A_LEAF[0], rr_, _A_LEAF[1], row.label, st.body, st.left)
            for col, (c1, c2) in zip(block.columns, data, strict=True):
                self.number(rr_, c1, c2, T.field_id_for(T.TABLE_APPLY, row, col))
        self.row = r + len(rows)

    def appeal(self) -> None:
        st = self.st
        self.heading(SECTION_HEADINGS[T.TABLE_APPEAL])
        top = self.row
        groups = T.APPEAL_GROUPS
        cols = T.APPEAL_COLUMNS
        width = GRID // (len(groups) * len(cols))  # 2
        span = width * len(cols)  # 10
        self.block(top, 1, top + 1, span, groups[0].label, st.header, st.center)
        suits = [g for g in groups if "·" in g.label]
        upper = suits[0].label.split("·")[0] if suits else "行政诉讼"
        self.block(top, span + 1, top, GRID, upper, st.header, st.center)
        for gi, g in enumerate(groups):
            c0 = gi * span + 1
            if gi:
                self.block(top + 1, c0, top + 1, c0 + span - 1, g.label.split("·")[-1], st.header, st.center)
            for ci, col in enumerate(cols):
                c1 = c0 + ci * width
                self.block(top + 2, c1, top + 2, c1 + width - 1, col.label, st.header, st.center)
                self.number(top + 3, c1, c1 + width - 1, T.field_id_for(T.TABLE_APPEAL, g, col))
        self.heights[top + 3] = max(self.heights.get(top + 3, ROW_HEIGHT), 20.0)
        self.row = top + 4

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
            self.block(self.row, 1, self.row, 24, name, st.body, st.left)
            self.number(self.row, 25, GRID, fid)
            self.row += 1

    def legend(self) -> None:
        if not self.info.corrected:
            return
        self.row += 1
        cell = self.block(
            self.row, 1, self.row, GRID, "注：底色标出的单元格为审核时修改的数值，批注中有原文数值、修改人和时间。",
            self.st.note, self.st.left, border=False,
        )
        cell.fill = self.st.corrected
        self.row += 1


def _col(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c)


def _split(first: int, total: int, n: int) -> list[tuple[int, int]]:
    """``n`` spans over ``total`` columns from ``first`` (the last span takes the remainder)."""
    w = total // n
    out = []
    for i in range(n):
        c1 = first + i * w
        c2 = first + total - 1 if i == n - 1 else c1 + w - 1
        out.append((c1, c2))
    return out


def write_official_sheet(ws: Any, rr: ReviewedReport, styles: Styles, options: ExportOptions) -> OfficialSheet:
    """Lay one report out on a worksheet in the national layout of its template."""
    return _Writer(ws, rr, styles, options).write()


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
