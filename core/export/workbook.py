"""The workbook a 政务公开办 sends upward (``../shared/spec/upward-workbook.md``).

Sheets, in order (names and contract columns are read by other programs):
    汇总表（2021版 2023年度）…  per (template, year): 表二/三/四 in the official layout, every cell the
        sum over the counted reports of the group (plain values), the scope stated above
    汇总表（… 地区|层级）        with ``ExportOptions.summary_by``: one more per 地区 or 层级
    报告一览   one row per report, counted or not, with the reason; key figures, last year beside
    质量评估   one row per report, the checks evaluators score: 符合 / 不符合 / 无法判断
    问题清单   one row per open finding, grouped by agency, in the clerk's words
    数据       the long form: report × field of its template, value in force and what was printed
    修改记录   every correction: who (the reviewer's name from the settings), when (local time)
    未报送     with a directory: its agencies with no counted report for a year
    无法读取   files that could not be read (and directory rows that could not be used)
    one sheet per report in the official layout when ``per_report_sheets`` is set

List sheets have their header in row 1, no merged cells, no totals rows: ``pandas.read_excel``
reads them as they are. The workbook is streamed (openpyxl write-only): memory stays flat at
any batch size. The 汇总表 sums and last year's figures are plain dictionary work (pandas
would cost more memory than the work itself: ~50 MB to import, ~100 MB for a long table).

Public API:
    export_batch(batch, path, options=None, *, failures=(), progress=None, cancelled=None, **overrides)
        -> list of sheet names; raises ExportError (Chinese) or Cancelled
    SUMMARY_PREFIX, LIST_SHEETS, OVERVIEW_COLUMNS, FINDING_COLUMNS, DATA_COLUMNS
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import templates as T
from core.errors import Cancelled
from core.export.options import ExportOptions
from core.export.safe import cell_value, clean_text, sheet_name
from core.export.styles import Styles, lines_needed
from core.layout import GRID, national_tables
from core.loading.limits import MAX_NUMBER_DIGITS
from core.review.state import local_minute

if TYPE_CHECKING:
    from core.batch.model import Batch, BatchEntry
    from core.export.grid import SheetXml
    from core.review.state import ReviewedReport

SUMMARY_PREFIX = "汇总表"
OVERVIEW = "报告一览"
QUALITY = "质量评估"
FINDINGS = "问题清单"
DATA = "数据"
CORRECTIONS = "修改记录"
MISSING = "未报送"
UNREADABLE = "无法读取"
SUMMARY_TOP = 5  # first row of 表二 on a 汇总表 (title, group, scope above)
LIST_SHEETS = (OVERVIEW, QUALITY, FINDINGS, DATA, CORRECTIONS, MISSING, UNREADABLE)

TEMPLATE_SHORT = {
    T.TEMPLATE_2021: "2021版",
    T.TEMPLATE_2019: "2019版",
    T.TEMPLATE_LEGACY: "旧版",
    T.TEMPLATE_UNKNOWN: "格式未识别",
}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
SOURCE = {"table": "表格", "prose": "正文", "inferred": "推断", "edited": "人工修改"}
NOT_READ = "未读取"
# open errors and warnings win over 已审核: a superior must see them even on a reviewed report
STATUS_LABELS = {"unreadable": "无法读取", "error": "有错误", "warning": "有警告", "reviewed": "已审核", "clean": "无问题"}
YES, NO = "是", "否"
OK, BAD, UNKNOWN = "符合", "不符合", "无法判断"


@dataclass(frozen=True)
class Col:
    """A column of a list sheet: header, width (character units), number format."""

    name: str
    width: float = 10
    fmt: str | None = None


def _cols(*spec: tuple[str, float] | tuple[str, float, str]) -> tuple[Col, ...]:
    return tuple(Col(*s) for s in spec)


# ---------------------------------------------------------------- key figures of 报告一览


def _apply_rows(template: str, prefix: str) -> tuple[str, ...]:
    (block,) = T.layout(template, T.TABLE_APPLY)
    return tuple(r.key for r in block.rows if r.key == prefix or r.key.startswith(prefix + "."))


_ORG_COLS = tuple(c.key for c in T.APPLY_COLUMNS if c.group)


def _figure(fields: Callable[[str], Iterable[str]]) -> Callable[[dict[str, Any], str], Any]:
    def get(nums: dict[str, Any], template: str) -> Any:
        present = [nums[f] for f in fields(template) if isinstance(nums.get(f), int | float)]
        return sum(present) if present else None

    return get


def _fixed(*fids: str) -> Callable[[dict[str, Any], str], Any]:
    return _figure(lambda _t: fids)


def _group(prefix: str) -> Callable[[dict[str, Any], str], Any]:
    return _figure(lambda t: tuple(f"apply.{k}.total" for k in _apply_rows(t, prefix)))


def _only(template: str, fid: str) -> Callable[[dict[str, Any], str], Any]:
    """A figure printed only in one template (2019 and 2021 figures never share a column)."""
    return _figure(lambda t: (fid,) if (t == template or (template == "2021" and t not in T.LAYOUTS)) else ())


def _layout_of(template: str) -> str:
    return template if template in T.LAYOUTS else T.TEMPLATE_2021


# (header, width, getter); "上年" and "增减" columns follow the ones in YEAR_OVER_YEAR
FIGURES: tuple[tuple[str, Callable[[dict[str, Any], str], Any]], ...] = (
    ("新收申请", _fixed("apply.new.total")),
    ("上年结转", _fixed("apply.carried.total")),
    ("新收·自然人", _fixed("apply.new.natural")),
    ("新收·法人或其他组织", _fixed(*(f"apply.new.{c}" for c in _ORG_COLS))),
    ("予以公开", _fixed("apply.granted.total")),
    ("部分公开", _fixed("apply.partial.total")),
    ("不予公开", _group("denied")),
    ("无法提供", _group("unable")),
    ("不予处理", _group("rejected")),
    ("其他处理", _group("other")),
    ("办理结果总计", _fixed("apply.total_handled.total")),
    ("结转下年度", _fixed("apply.carry_forward.total")),
    ("行政复议", _fixed("review.total")),
    ("复议纠正", _fixed("review.corrected")),
    ("行政诉讼", _fixed("suit_direct.total", "suit_after_review.total")),
    ("诉讼纠正", _fixed("suit_direct.corrected", "suit_after_review.corrected")),
    ("规范性文件制发", _only("2021", "active.normative.issued")),
    ("规范性文件废止", _only("2021", "active.normative.repealed")),
    ("规范性文件现行有效", _only("2021", "active.normative.in_force")),
    ("规范性文件新制作（2019版）", _only("2019", "active.normative.made")),
    ("规范性文件对外公开总数（2019版）", _only("2019", "active.normative.total")),
    ("行政许可决定", _fixed("active.license.decisions")),
    ("行政处罚决定", _fixed("active.penalty.decisions")),
    ("行政强制决定", _fixed("active.coercion.decisions")),
    ("收费金额（万元）", _only("2021", "active.fees.amount")),
)
YEAR_OVER_YEAR = ("新收申请", "办理结果总计", "行政复议", "行政诉讼")

OVERVIEW_COLUMNS = _cols(
    ("报告序号", 6), ("机关", 26), ("年度", 6), ("模板", 8), ("计入汇总", 6), ("未计入原因", 10), ("文件", 30),
    ("说明", 30), ("完整性", 10), ("地区", 10), ("层级", 10), ("发布日期", 11), ("按时发布", 6),
    ("状态", 8), ("未处理错误", 6), ("未处理警告", 6), ("已审核", 6),
)
QUALITY_CHECKS = (
    "按时发布", "六部分齐全", "三张统计表齐全", "勾稽关系成立", "正文与表格一致", "与上年衔接", "信息处理费说明",
)
QUALITY_COLUMNS = _cols(("报告序号", 6), ("机关", 26), ("年度", 6), ("模板", 8), *((c, 9) for c in QUALITY_CHECKS),
                        ("不符合项数", 7), ("说明", 40))
FINDING_COLUMNS = _cols(
    ("机关", 24), ("年度", 6), ("级别", 6), ("问题", 56), ("表", 6), ("行", 22), ("列", 10), ("原文数值", 8),
    ("建议值", 8), ("状态", 10), ("报告序号", 6), ("文件", 24), ("规则", 16),
)
DATA_COLUMNS = _cols(
    ("报告序号", 6), ("机关", 24), ("年度", 6), ("模板", 8), ("字段ID", 30), ("表", 5), ("行", 24), ("列", 12),
    ("数值", 8), ("原文", 8), ("来源", 8), ("计入汇总", 6),
)
CORRECTION_COLUMNS = _cols(
    ("报告序号", 6), ("机关", 24), ("年度", 6), ("表", 6), ("行", 24), ("列", 12), ("原文数值", 8), ("修改为", 8),
    ("说明", 30), ("修改人", 10), ("修改时间", 16), ("字段ID", 28),
)
MISSING_COLUMNS = _cols(("机关", 30), ("年度", 6), ("地区", 12), ("层级", 12), ("上级", 24), ("说明", 40))
UNREADABLE_COLUMNS = _cols(("文件", 50), ("原因", 70), ("错误代码", 18))

IDENTITY_RULES = frozenset({"apply.balance", "apply.row_total", "apply.outcome_sum", "appeal.total"})
TABLE_RULES = frozenset({"table.missing", "tables.lost", "table.lost", "table.blank", "table.unreadable",
                         "table.no_rows"})


# ---------------------------------------------------------------- small helpers


def template_short(template: str) -> str:
    return TEMPLATE_SHORT.get(template, TEMPLATE_SHORT[T.TEMPLATE_UNKNOWN])



def published_date(rr: ReviewedReport) -> _dt.date | None:
    v = rr.metadata_value("published")
    if isinstance(v, _dt.date):
        return v
    try:
        return _dt.date.fromisoformat(str(v or "")[:10])
    except ValueError:
        return None


def on_time(entry: BatchEntry) -> str:
    """Published by 1月31日 of the next year: 是 / 否 / "" (no date or year)."""
    if entry.reviewed is None or entry.year is None:
        return ""
    d = published_date(entry.reviewed)
    if d is None:
        return ""
    return YES if d <= _dt.date(entry.year + 1, 1, 31) else NO


def where_parts(fid: str) -> tuple[str, str, str]:
    """(表, 行, 列) of a field in the words of the printed table; ("", fid, "") when not catalogued."""
    try:
        f = T.field(fid)
    except KeyError:
        return "", fid, ""
    if f.table == T.TABLE_APPEAL:
        return T.TABLE_SHORT[f.table], f.row.label.replace("·", "："), f.column.label
    return T.TABLE_SHORT[f.table], T.short_label(f.row.label), f.column.label


_DIMENSION = re.compile(rb"<dimension ref=\"[^\"]*\"\s*/>")
_XML_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _with_links(tail: bytes, links: list[tuple[str, str]]) -> bytes:
    """The sheet XML after ``</sheetData>`` with in-workbook hyperlinks (before the print settings)."""
    if not links:
        return tail
    from xml.sax.saxutils import quoteattr

    xml = "<hyperlinks>" + "".join(
        f'<hyperlink ref="{ref}" location={quoteattr(loc)}/>' for ref, loc in links
    ) + "</hyperlinks>"
    for anchor in (b"<printOptions", b"<pageMargins", b"<pageSetup", b"<headerFooter", b"</worksheet>"):
        at = tail.find(anchor)
        if at >= 0:
            return tail[:at] + xml.encode("utf-8") + tail[at:]
    return tail


class _RowsXml:
    """The data rows of a list sheet as sheet XML, in a temporary file (memory stays flat).

    openpyxl spends ~30 µs on each cell it writes; a 数据 sheet has millions. Text goes in as
    inline strings (never a formula, whatever it starts with), numbers as numbers; row 1 (the
    header) is openpyxl's.
    """

    def __init__(self, n_cols: int, formats: dict[int, int], wrap: dict[int, float]) -> None:
        import tempfile

        from openpyxl.utils import get_column_letter

        self.file = tempfile.TemporaryFile()
        self.letters = [get_column_letter(i) for i in range(1, n_cols + 1)]
        self.formats = formats
        self.wrap = wrap
        self.n_rows = 1
        self.last_ref = f"{self.letters[-1]}1"
        self.links: list[tuple[str, str]] = []  # (cell, location in this workbook)
        self.after_rows = b""  # sheet XML right after the rows (none: a list sheet has no merged cells)

    def write_rows(self, out: Any) -> None:
        import shutil

        self.file.seek(0)
        shutil.copyfileobj(self.file, out, 1 << 20)

    def close(self) -> None:
        self.file.close()

    def write_all(self, rows: Iterable[Sequence[Any]], links: dict[int, str] | None = None) -> int:
        """Rows from row 2; ``links``: data-row number (1-based) → sheet the row's column B links to."""
        buf: list[str] = []
        size = 0
        letters, formats, wrap = self.letters, self.formats, self.wrap
        caches: list[dict[str, str]] = [{} for _ in letters]  # per column: text → cell XML after its reference
        styled = [f' s="{formats[i]}"' if i in formats else "" for i in range(len(letters))]
        r = 1
        for values in rows:
            r += 1
            cells = [f'<row r="{r}"']
            if wrap:
                lines = max((lines_needed(str(values[i]), w) for i, w in wrap.items() if values[i]), default=1)
                if lines > 1:
                    cells.append(f' ht="{14.0 * min(lines, 8)}" customHeight="1"')
            cells.append(">")
            for i, v in enumerate(values):
                if v is None or v == "":
                    continue
                cache = caches[i]
                tail = cache.get(v) if type(v) is str else None
                if tail is None:
                    if type(v) is int and i not in formats and -(10**15) < v < 10**15:
                        cells.append(f'<c r="{letters[i]}{r}"><v>{v}</v></c>')
                        continue
                    tail = self._tail(v, styled[i])
                    if type(v) is str and len(cache) < 5_000:
                        cache[v] = tail
                if tail:
                    cells.append(f'<c r="{letters[i]}{r}"{tail}')
            cells.append("</row>")
            if links and (r - 1) in links:
                target = links[r - 1].replace("'", "''")
                self.links.append((f"{letters[min(1, len(letters) - 1)]}{r}", f"'{target}'!A1"))
            line = "".join(cells)
            buf.append(line)
            size += len(line)
            if size > 1 << 20:
                self.file.write("".join(buf).encode("utf-8"))
                buf.clear()
                size = 0
        if buf:
            self.file.write("".join(buf).encode("utf-8"))
        self.n_rows = r
        self.last_ref = f"{letters[-1]}{r}"
        return r - 1

    @staticmethod
    def _tail(v: Any, style: str) -> str:
        v = cell_value(v)  # numbers Excel keeps exactly, else exact text
        if isinstance(v, int):
            return f"{style}><v>{v}</v></c>"
        if isinstance(v, float):
            return f"{style}><v>{v!r}</v></c>"
        text = v.translate(_XML_ESCAPE)
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f'{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


class _Writer:
    """One streamed workbook: styles, sheet names, list sheets and official-layout sheets."""

    def __init__(self, options: ExportOptions, batch: Batch, path: str = "") -> None:
        from openpyxl import Workbook

        self.path = path
        self.opts = options
        self.batch = batch
        self.wb = Workbook(write_only=True)
        self._default_font()
        self.st = Styles(options)
        self.used: set[str] = set()
        self.sheets: list[str] = []
        self.spliced: list[tuple[Any, _RowsXml | SheetXml]] = []  # sheets whose rows are written by us
        self.now = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")

    def _default_font(self) -> None:
        """Unstyled cells (most of a big list) in the body font, not Calibri."""
        from openpyxl.styles import Font
        from openpyxl.utils.indexed_list import IndexedList

        from core.export.styles import GB2312_CHARSET, body_font_name

        fonts = getattr(self.wb, "_fonts", None)
        if isinstance(fonts, IndexedList) and len(fonts) == 1:
            # openpyxl keeps the default font as the first of its private font list (no public setter)
            self.wb._fonts = IndexedList(  # type: ignore[attr-defined]
                [Font(name=body_font_name(self.opts), size=10.5, charset=GB2312_CHARSET)]
            )

    def save(self, path: Any) -> None:
        """Save (``atomic_save`` calls this): openpyxl writes the workbook, then the rows we wrote
        (list sheets' data rows, official and 汇总 sheets) are spliced into their sheets while the
        archive is copied to ``path``."""
        import tempfile
        import zipfile

        fd, inner = tempfile.mkstemp(prefix="ogi-", suffix=".xlsx")
        os.close(fd)
        try:
            self.wb.save(inner)
            parts = {ws.path.lstrip("/"): rows for ws, rows in self.spliced}
            # level 1: the spliced parts are big, repetitive XML; 3x faster than the default, ~15 % larger
            with zipfile.ZipFile(inner) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
                for info in src.infolist():
                    data = src.read(info.filename)
                    rows = parts.get(info.filename)
                    if rows is None:
                        dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                        continue
                    head, sep, tail = data.partition(b"</sheetData>")
                    if not sep:
                        head, sep, tail = data.partition(b"<sheetData/>")
                        head, tail = head + b"<sheetData>", tail
                    head = _DIMENSION.sub(f'<dimension ref="A1:{rows.last_ref}"/>'.encode(), head, count=1)
                    with dst.open(info.filename, "w", force_zip64=True) as out:
                        out.write(head)
                        rows.write_rows(out)
                        out.write(b"</sheetData>" + rows.after_rows + _with_links(tail, rows.links))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(inner)
            for _ws, rows in self.spliced:
                rows.close()

    def discard(self) -> None:
        """After a failure or cancellation: finish every open stream and remove its temporary file."""

        for _ws, rows in self.spliced:
            rows.close()
        for ws in getattr(self.wb, "_sheets", []):
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            with contextlib.suppress(Exception):
                if not ws.closed:
                    ws.close()
            with contextlib.suppress(Exception):
                writer.cleanup()

    def sheet(self, name: str, reserved: bool = False) -> Any:
        """A new streamed sheet; ``reserved``: ``name`` was already made unique by ``reserve``."""
        from openpyxl.worksheet._write_only import WriteOnlyWorksheet

        title = name if reserved else sheet_name(name, self.used)
        self.sheets.append(title)
        # openpyxl checks a new sheet's title against the list of every sheet's, built anew for each
        # sheet (quadratic: 1000 per-report sheets cost seconds); ours are unique already (self.used)
        wb: Any = self.wb  # openpyxl's private sheet list (no public way to skip the check)
        sheets, wb._sheets = wb._sheets, []
        try:
            ws = WriteOnlyWorksheet(parent=wb, title=title)
        finally:
            wb._sheets = sheets
        wb._add_sheet(ws)
        return ws

    def splice(self, ws: Any, rows: SheetXml) -> None:
        """Put ``rows`` (a sheet's rows as XML) into the saved file in place of ``ws``'s rows."""
        self.spliced.append((ws, rows))

    def reserve(self, name: str) -> str:
        """A unique sheet name for a sheet created later (links to it are written first)."""
        return sheet_name(name, self.used)

    def header_text(self, ws: Any, title: str) -> None:
        """Title, scope and date in the print header; page numbers in the footer."""
        unit = self.opts.unit
        left = f"{unit} " if unit else ""
        ws.oddHeader.left.text = clean_text(left + title, 200).replace("&", "&&")
        ws.oddHeader.right.text = f"导出时间：{self.now}"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        by = self.opts.reviewer or self.opts.exported_by
        if by:
            ws.oddFooter.right.text = clean_text(f"导出人：{by}", 200).replace("&", "&&")

    def write_list(
        self,
        name: str,
        cols: Sequence[Col],
        rows: Iterable[Sequence[Any]],
        *,
        repeat_col: str = "B",
        wrap: Sequence[int] = (),
        title: str = "",
        links: dict[int, str] | None = None,
    ) -> int:
        """A list sheet: header in row 1, one value per cell; returns the number of data rows.

        ``links``: data-row number (1-based) → name of a sheet of this workbook column B links to.
        """
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        ws = self.sheet(name)
        st = self.st
        for i, c in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.freeze_panes = "C2" if repeat_col == "B" else "B2"
        header = []
        for c in cols:
            cell = WriteOnlyCell(ws)
            st.stamp(cell, font=st.header, alignment=st.center, border=st.border, fill=st.header_fill)
            cell.value = c.name
            header.append(cell)
        tall = max(lines_needed(c.name, c.width) for c in cols)
        ws.row_dimensions[1].height = 15.0 * min(3, tall) + 3
        ws.append(header)
        fmts: dict[int, int] = {}
        for i, c in enumerate(cols):
            if c.fmt:
                probe = WriteOnlyCell(ws)
                st.stamp(probe, number_format=c.fmt)
                fmts[i] = probe.style_id
        rows_xml = _RowsXml(len(cols), fmts, {i: cols[i].width for i in wrap})
        n = rows_xml.write_all(rows, links)
        self.spliced.append((ws, rows_xml))
        last = get_column_letter(len(cols))
        ws.auto_filter.ref = f"A1:{last}{n + 1}"
        ws.print_title_rows = "1:1"
        ws.print_title_cols = f"{repeat_col}:{repeat_col}"
        self._list_print(ws, title or name)
        return n

    def _list_print(self, ws: Any, title: str) -> None:
        """A4 landscape at 100 %: wide sheets print in page-wide column groups (机关 repeated)."""
        ws.page_setup.paperSize = 9  # A4 (a streamed sheet has no PAPERSIZE_A4)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.scale = 100
        ws.page_setup.pageOrder = "overThenDown"
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        self.header_text(ws, title)


# ---------------------------------------------------------------- the sheets


def _groups(entries: Sequence[BatchEntry]) -> dict[tuple[str, int | None], list[BatchEntry]]:
    out: dict[tuple[str, int | None], list[BatchEntry]] = {}
    for e in entries:
        if e.reviewed is None or e.completeness.value == "非年报":
            continue
        out.setdefault((e.template if e.template in TEMPLATE_SHORT else T.TEMPLATE_UNKNOWN, e.year), []).append(e)
    order = {T.TEMPLATE_2021: 0, T.TEMPLATE_2019: 1, T.TEMPLATE_LEGACY: 2, T.TEMPLATE_UNKNOWN: 3}
    return dict(sorted(out.items(), key=lambda kv: (-(kv[0][1] or 0), order.get(kv[0][0], 9))))


def group_label(template: str, year: int | None) -> str:
    return f"{template_short(template)} {year}年度" if year is not None else f"{template_short(template)} 年度未识别"


def summary_sums(groups: dict[Any, Sequence[BatchEntry]]) -> dict[Any, dict[str, int | float]]:
    """Per group, each field's sum over the group's counted reports.

    Added up report by report into one running total per group (memory stays flat at any batch
    size; a long table of every value of 3000 reports cost ~100 MB in pandas). A field no counted
    report of the group states is absent (its cell stays empty).
    """
    decimal = {f.id for f in T.all_fields().values() if f.kind == "decimal"}
    out: dict[Any, dict[str, int | float]] = {}
    for key, members in groups.items():
        acc: dict[str, int | float] = {}
        for e in members:
            if not e.counted or e.reviewed is None:
                continue
            for fid, v in e.reviewed.values().items():
                x = v.value
                if isinstance(x, int | float) and not isinstance(x, bool):
                    acc[fid] = acc.get(fid, 0) + x
        out[key] = {fid: (round(float(x), 4) if fid in decimal else x) for fid, x in acc.items()}
    return out


def write_summary_sheet(
    w: _Writer,
    template: str,
    year: int | None,
    members: Sequence[BatchEntry],
    sums: dict[str, int | float],
    suffix: str = "",
) -> dict[str, tuple[int, int]]:
    """One 汇总表: title, scope line, then 表二/三/四 with the counted reports' sums."""
    from core.export.grid import SheetBuffer, grid_columns, render_tables, text_block
    from core.export.styles import number_format, page_setup

    label = group_label(template, year) + (f" {suffix}" if suffix else "")
    ws = w.sheet(f"{SUMMARY_PREFIX}（{label}）")
    st = w.st
    layout = national_tables(template)
    buf = SheetBuffer(st)
    grid_columns(ws)
    unit = w.opts.unit
    title = f"{unit}政府信息公开工作年度报告汇总表" if unit else "政府信息公开工作年度报告汇总表"
    text_block(buf, 1, 1, 1, GRID, title, st.title, st.center, border=False)
    buf.heights[1] = 30.0
    text_block(buf, 2, 1, 2, GRID, f"{label} · {T.TABLE_TITLES[T.TABLE_ACTIVE][:2]}至表四按国家格式汇总",
               st.subtitle, st.center, border=False)
    text_block(buf, 3, 1, 3, GRID, scope_line(w, members), st.note, st.left, border=False)
    buf.height(3, 16.5 * max(1, lines_needed(scope_line(w, members), GRID * 3.3 * 1.15)))

    def value_of(slot: Any) -> tuple[Any, str, Any, Any]:
        kind = T.field(slot.field).kind if slot.field in T.all_fields() else "int"
        return sums.get(slot.field), number_format(kind, summary=True), None, None

    top = SUMMARY_TOP
    where = render_tables(buf, layout, top, value_of)
    page_setup(ws, landscape=False, title_rows="1:2")  # sheet properties go before a streamed sheet's rows
    w.header_text(ws, f"汇总表（{label}）")
    ws.sheet_view.showGridLines = False
    buf.flush(ws, w.splice)
    from openpyxl.worksheet.pagebreak import Break

    for b in layout.breaks:
        ws.row_breaks.append(Break(id=top + b))
    ws.print_area = f"A1:{_letter(GRID)}{top + layout.n_rows - 1}"
    return where


def scope_line(w: _Writer, members: Sequence[BatchEntry]) -> str:
    counted = [e for e in members if e.counted]
    not_counted = [e for e in members if not e.counted]
    reasons: dict[str, int] = {}
    for e in not_counted:
        reasons[e.not_counted_reason or "未计入"] = reasons.get(e.not_counted_reason or "未计入", 0) + 1
    incomplete = sum(1 for e in counted if e.completeness.value == "数据不完整")
    parts = [f"汇总范围：计入汇总 {len(counted)} 份报告"]
    if incomplete:
        parts.append(f"其中 {incomplete} 份数据不完整（按导出选项计入）")
    if not_counted:
        why = "、".join(f"{k} {v} 份" for k, v in reasons.items())
        parts.append(f"未计入 {len(not_counted)} 份（{why}，见“{OVERVIEW}”）")
    else:
        parts.append("未计入 0 份")
    made = f"汇总单位：{w.opts.unit}" if w.opts.unit else "汇总单位：（未设置）"
    parts.append(made)
    parts.append(f"导出时间：{w.now}")
    parts.append("各单元格为计入汇总的报告数值之和；没有报告填写的单元格留空")
    return "；".join(parts) + "。"


def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c)


def _explain(batch: Batch, e: BatchEntry) -> str:
    if e.reviewed is None:
        return e.failure.error.message if e.failure is not None else ""
    if e.not_counted_reason == "重复":
        winner = batch.counted_member(e.duplicate_key) if e.duplicate_key else None
        if winner is not None:
            return f"与第 {winner.index + 1} 号报告是同一机关同一年度，计入第 {winner.index + 1} 号"
        return "同一机关同一年度有多份报告"
    if e.counted and e.completeness.value == "数据不完整":
        return "数据不完整，按导出选项计入汇总"
    if e.counted and e.duplicate_key is not None:
        others = [m.index + 1 for m in batch.entries if m.duplicate_key == e.duplicate_key and m is not e]
        return "同一机关同一年度另有第 " + "、".join(map(str, others)) + " 号报告，计入本份"
    if e.not_counted_reason == "数据不完整":
        return "统计表缺失或只在正文中写了少数数字"
    if e.not_counted_reason == "空白模板":
        return "统计表已印出，但没有填写数字"
    if e.not_counted_reason == "无关文件":
        return "不是政府信息公开工作年度报告"
    return ""


def overview_rows(batch: Batch, figures: dict[int, dict[str, Any]], prev: dict[int, int]) -> Iterator[list[Any]]:
    for e in batch.entries:
        rr = e.reviewed
        figs = figures.get(e.index, {})
        row: list[Any] = [
            e.index + 1,
            e.name,
            e.year,
            template_short(e.template) if rr is not None else "",
            YES if e.counted else NO,
            e.not_counted_reason or "",
            e.path,
            _explain(batch, e),
            e.completeness.value,
            e.region or "",
            e.level or "",
        ]
        if rr is None:
            row += ["", "", "无法读取", None, None, ""]
        else:
            d = published_date(rr)
            row += [
                d.isoformat() if d else "",
                on_time(e),
                STATUS_LABELS[e.status_key()],
                e.status.errors,
                e.status.warnings,
                YES if e.is_reviewed else NO,
            ]
        row += [figs.get(h) for h, _g in FIGURES]
        p = prev.get(e.index)
        pf = figures.get(p, {}) if p is not None else {}
        row.append(p + 1 if p is not None else None)
        for h in YEAR_OVER_YEAR:
            last = pf.get(h) if p is not None else None
            now = figs.get(h)
            row += [last, (now - last) if isinstance(now, int | float) and isinstance(last, int | float) else None]
        yield row


def overview_columns() -> tuple[Col, ...]:
    extra = [Col(h, 8 if len(h) <= 4 else 10) for h, _g in FIGURES]
    extra.append(Col("上年报告序号", 7))
    for h in YEAR_OVER_YEAR:
        extra += [Col(f"上年{h}", 8), Col(f"{h}增减", 8, "+0;-0;0")]
    return (*OVERVIEW_COLUMNS, *extra)


def key_figures(rr: ReviewedReport) -> dict[str, Any]:
    nums = rr.numbers()
    return {h: get(nums, rr.template) for h, get in FIGURES}


def previous_reports(batch: Batch) -> dict[int, int]:
    """Entry index → index of the same agency's counted report of the year before (in the batch).

    A dictionary join: importing pandas for it alone costs ~50 MB of a 3000-report export's memory.
    """
    from core.batch.model import agency_key

    counted: dict[tuple[str, int], int] = {}
    for e in batch.entries:
        if e.counted and e.agency and e.year is not None:
            counted.setdefault((agency_key(e.agency), e.year), e.index)
    out = {}
    for e in batch.entries:
        if e.reviewed is not None and e.agency and e.year is not None:
            p = counted.get((agency_key(e.agency), e.year - 1))
            if p is not None:
                out[e.index] = p
    return out


def quality_row(batch: Batch, e: BatchEntry, has_prev: bool) -> list[Any]:
    rr = e.reviewed
    assert rr is not None
    rules = {f.rule for f in e.findings} | {f.rule for f in rr.report.findings}
    complete = e.completeness.value == "完整"
    checks: dict[str, str] = {}
    t = on_time(e)
    checks["按时发布"] = OK if t == YES else BAD if t == NO else UNKNOWN
    summary = rr.report.kind == "summary"
    checks["六部分齐全"] = BAD if ("section.missing" in rules or summary) else OK
    checks["三张统计表齐全"] = BAD if (rules & TABLE_RULES or not complete) else OK
    checks["勾稽关系成立"] = BAD if rules & IDENTITY_RULES else (OK if complete else UNKNOWN)
    has_prose = bool(rr.report.prose_figures)
    checks["正文与表格一致"] = BAD if "prose.contradiction" in rules else (OK if has_prose else UNKNOWN)
    cross = {"cross.carry_over", "cross.in_force"}
    checks["与上年衔接"] = BAD if rules & cross else (OK if has_prev else UNKNOWN)
    if e.template == T.TEMPLATE_2021:
        checks["信息处理费说明"] = BAD if "s6.fee_statement" in rules else OK
    else:
        checks["信息处理费说明"] = UNKNOWN
    notes = []
    if checks["按时发布"] == UNKNOWN:
        notes.append("没有识别到发布日期或年度")
    if checks["与上年衔接"] == UNKNOWN:
        notes.append("本批没有该机关上一年度的报告")
    if checks["信息处理费说明"] == UNKNOWN:
        notes.append("信息处理费说明只在2021版格式中要求")
    if checks["正文与表格一致"] == UNKNOWN:
        notes.append("正文中没有可核对的数字")
    vals = [checks[c] for c in QUALITY_CHECKS]
    return [e.index + 1, e.name, e.year, template_short(e.template), *vals, vals.count(BAD), "；".join(notes)]


def _fmt_value(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def finding_rows(batch: Batch) -> Iterator[list[Any]]:
    """Open findings, grouped by agency (then year and report), in the clerk's words."""
    entries = [e for e in batch.entries if e.reviewed is not None]
    entries.sort(key=lambda e: (e.name, e.year or 0, e.index))
    for e in entries:
        rr = e.reviewed
        assert rr is not None
        parsed = rr.parsed_values()
        state = "未处理（报告已标为已审核）" if e.is_reviewed else "未处理"
        for f in e.open_findings():
            tables: list[str] = []
            rows: list[str] = []
            cols: list[str] = []
            for fid in f.fields:
                t, r, c = where_parts(fid)
                for lst, x in ((tables, t), (rows, r), (cols, c)):
                    if x and x not in lst:
                        lst.append(x)
            printed = None
            suggested = None
            if len(f.fields) == 1:
                pv = parsed.get(f.fields[0])
                printed = (pv.raw.strip() or pv.value) if pv is not None else None
                suggested = f.suggestion.get(f.fields[0])
            elif f.suggestion:
                suggested = "；".join(f"{_place(k)}：{_fmt_value(v)}" for k, v in f.suggestion.items())
            yield [
                e.name, e.year, SEVERITY.get(f.severity, f.severity), f.message, "、".join(tables), "、".join(rows),
                "、".join(cols), _number_or_text(printed), _fmt_value(suggested), state, e.index + 1, e.path, f.rule,
            ]


def _place(fid: str) -> str:
    _t, row, col = where_parts(fid)
    return f"{row}“{col}”" if col else row


def _number_or_text(v: Any) -> Any:
    if isinstance(v, str):
        s = v.strip()
        digits = s.removeprefix("-")
        if digits.isascii() and digits.isdigit() and len(digits) <= MAX_NUMBER_DIGITS:
            return int(s)
        return s
    return v


_FIELD_ROWS: dict[str, list[tuple[str, str, str, str]]] = {}


def _field_rows(template: str) -> list[tuple[str, str, str, str]]:
    """(ID, 表, 行, 列) of every field of a template (the 2021 fields for legacy/unknown)."""
    got = _FIELD_ROWS.get(template)
    if got is None:
        got = [(f.id, *where_parts(f.id)) for f in T.fields_for(_layout_of(template))]
        _FIELD_ROWS[template] = got
    return got


def data_rows(batch: Batch, step: Callable[[], None]) -> Iterator[list[Any]]:
    """The long form: every field of every report's template (and any other value it has)."""
    for e in batch.entries:
        rr = e.reviewed
        if rr is None or e.completeness.value == "非年报":
            continue
        step()
        values = rr.values()
        parsed = rr.parsed_values() if rr.state.corrections else values
        head = [e.index + 1, e.name, e.year, template_short(e.template)]
        counted = YES if e.counted else NO
        rows = _field_rows(e.template)
        known = {r[0] for r in rows}
        extra = [(fid, *where_parts(fid)) for fid in values if fid not in known]
        for fid, table, row, col in (*rows, *sorted(extra)):
            v = values.get(fid)
            if v is None:
                yield [*head, fid, table, row, col, None, None, NOT_READ, counted]
                continue
            raw = v.raw
            if v.origin == "edited":
                p = parsed.get(fid)
                raw = p.raw if p is not None else ""
            yield [*head, fid, table, row, col, v.value, raw if raw != "" else None, SOURCE.get(v.origin, v.origin),
                   counted]


def correction_rows(batch: Batch, reviewer: str) -> Iterator[list[Any]]:
    from core.export.lists import METADATA_LABELS

    for e in batch.entries:
        rr = e.reviewed
        if rr is None:
            continue
        for key, new in rr.state.metadata.items():
            printed = rr.report.template if key == "template" else getattr(getattr(rr.report.metadata, key, None),
                                                                          "value", None)
            yield [e.index + 1, e.name, e.year, "报告信息", METADATA_LABELS.get(key, key), "", _number_or_text(printed),
                   _number_or_text(new), "", reviewer, "", key]
        for fid, c in rr.state.corrections.items():
            t, r, col = where_parts(fid)
            yield [e.index + 1, e.name, e.year, t, r, col, c.printed, c.new, c.note, reviewer, local_minute(c.time),
                   fid]


def missing_rows(batch: Batch) -> Iterator[list[Any]]:
    years = sorted({e.year for e in batch.entries if e.year is not None and e.reviewed is not None}, reverse=True)
    for y in years:
        for a in batch.missing(y):
            yield [a.name, y, a.region, a.level, a.parent, "本批没有该机关这一年度计入汇总的报告"]


def unreadable_rows(batch: Batch) -> Iterator[list[Any]]:
    for e in batch.failures():
        err = e.failure.error if e.failure is not None else None
        yield [e.path, getattr(err, "message", "") or "无法读取", getattr(err, "code", "")]
    d = batch.directory
    for problem in getattr(d, "problems", []) or []:
        yield [f"{Path(d.path).name if d is not None and d.path else '机关名录'}", problem, "directory.row"]


# ---------------------------------------------------------------- entry point


def suggested_filename(reports: Sequence[Any]) -> str:
    """A default name for the save dialog: ``<机关><年度>年政府信息公开年报审核.xlsx`` or ``…汇总（N份）.xlsx``.

    ``reports``: reviewed reports or batch entries (unreadable entries are left out).
    """
    from core.export.safe import file_name

    rrs = [getattr(r, "reviewed", r) for r in reports]
    rrs = [r for r in rrs if r is not None]
    if len(rrs) == 1:
        rr = rrs[0]
        agency = rr.metadata_value("agency") or "报告"
        year = rr.metadata_value("year")
        return file_name(f"{agency}{year or ''}{'年' if year else ''}政府信息公开年报审核")
    years = sorted({str(y) for y in (rr.metadata_value("year") for rr in rrs) if y})
    span = years[0] if len(years) == 1 else (f"{years[0]}-{years[-1]}" if years else "")
    return file_name(f"政府信息公开年报汇总{span}{'年' if span else ''}（{len(rrs)}份）")


def _as_batch(batch: Any, failures: Sequence[Any]) -> Batch:
    from core.batch.model import Batch

    if isinstance(batch, Batch):
        if failures:
            batch.extend(failures)
        return batch
    return Batch([*batch, *failures])


def export_batch(
    batch: Batch | Sequence[ReviewedReport],
    path: str,
    options: ExportOptions | None = None,
    *,
    failures: Sequence[Any] = (),
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **overrides: Any,
) -> list[str]:
    """Write the upward workbook of ``batch`` to ``path`` (atomically); returns the sheet names.

    ``batch`` is a ``core.batch.Batch`` (a plain list of reviewed reports is made into one, with
    ``failures``). ``overrides`` set single ExportOptions fields. ``count_incomplete`` decides for
    the export; the batch's own setting is put back afterwards.
    Raises ExportError (Chinese message) or Cancelled.
    """
    from dataclasses import fields as dc_fields
    from dataclasses import replace

    from core.export.safe import atomic_save, check_target

    known = {f.name for f in dc_fields(ExportOptions)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown export options: {sorted(unknown)}")
    opts = replace(options or ExportOptions(), **overrides)
    check_target(path)
    b = _as_batch(batch, failures)
    before = b.count_incomplete
    listeners = b.listeners
    if opts.count_incomplete != before:
        # the export may run in a worker thread: the window's models are not told of this flip
        b.listeners = []
        b.set_count_incomplete(opts.count_incomplete)
    try:
        return _write(b, path, opts, progress, cancelled, atomic_save)
    finally:
        if b.count_incomplete != before:
            b.set_count_incomplete(before)
        b.listeners = listeners


def _write(
    batch: Batch,
    path: str,
    opts: ExportOptions,
    progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
    atomic_save: Callable[..., None],
) -> list[str]:
    done = [0.0]

    def step(x: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        done[0] = max(done[0], min(1.0, x))
        if progress is not None:
            progress(done[0])

    w = _Writer(opts, batch, path)
    try:
        _sheets(w, batch, opts, step, cancelled, atomic_save)
    except BaseException:
        w.discard()
        raise
    if progress is not None:
        progress(1.0)
    return w.sheets


def _sheets(
    w: _Writer,
    batch: Batch,
    opts: ExportOptions,
    step: Callable[[float], None],
    cancelled: Callable[[], bool] | None,
    atomic_save: Callable[..., None],
) -> None:
    entries = batch.entries
    reports = [e for e in entries if e.reviewed is not None]
    n = max(1, len(reports))
    step(0.02)
    groups: dict[tuple[str, int | None, str], Sequence[BatchEntry]] = {
        (t, y, ""): m for (t, y), m in _groups(entries).items()
    }
    if opts.summary_by in ("region", "level") and batch.directory is not None:
        unknown = "地区未知" if opts.summary_by == "region" else "层级未知"
        for (template, year, _), members in list(groups.items()):
            parts: dict[str, list[BatchEntry]] = {}
            for e in members:
                parts.setdefault(getattr(e, opts.summary_by) or unknown, []).append(e)
            for part in sorted(parts):
                groups[(template, year, part)] = parts[part]
    sums = summary_sums(groups)
    for key, members in groups.items():
        template, year, part = key
        write_summary_sheet(w, template, year, members, sums[key], suffix=part)
    step(0.1)
    figures = {e.index: key_figures(e.reviewed) for e in reports if e.reviewed is not None}
    prev = previous_reports(batch)
    official: dict[int, str] = {}  # entry index → its official-layout sheet
    if opts.per_report_sheets:
        from core.export.official import sheet_label

        for e in reports:
            assert e.reviewed is not None
            official[e.index] = w.reserve(sheet_label(e.reviewed))
    links = {e.index + 1: official[e.index] for e in entries if e.index in official}
    w.write_list(OVERVIEW, overview_columns(), overview_rows(batch, figures, prev), links=links)
    step(0.15)
    w.write_list(
        QUALITY, QUALITY_COLUMNS,
        (quality_row(batch, e, e.index in prev) for e in reports if e.completeness.value != "非年报"),
    )
    w.write_list(FINDINGS, FINDING_COLUMNS, finding_rows(batch), repeat_col="A", wrap=(3,))
    step(0.2)
    seen = [0]

    def tick() -> None:
        seen[0] += 1
        if seen[0] % 25 == 0:
            step(0.2 + 0.6 * seen[0] / n)

    w.write_list(DATA, DATA_COLUMNS, data_rows(batch, tick))
    step(0.8)
    w.write_list(CORRECTIONS, CORRECTION_COLUMNS, correction_rows(batch, opts.reviewer))
    if batch.directory is not None:
        w.write_list(MISSING, MISSING_COLUMNS, missing_rows(batch), repeat_col="A")
    w.write_list(UNREADABLE, UNREADABLE_COLUMNS, unreadable_rows(batch), repeat_col="A")
    if opts.per_report_sheets:
        from core.export.official import write_official_sheet

        for i, e in enumerate(reports):
            assert e.reviewed is not None
            ws = w.sheet(official[e.index], reserved=True)
            write_official_sheet(ws, e.reviewed, w.st, opts, w.splice)
            if i % 10 == 0:
                step(0.85 + 0.1 * i / n)
    step(0.95)
    atomic_save(w, w.path, cancelled)
