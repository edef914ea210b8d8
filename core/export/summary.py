"""A batch in one workbook: summary with live totals, findings, corrections, charts, failures."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from core import templates as T
from core.errors import Cancelled
from core.export.lists import report_name, write_corrections, write_failures, write_findings
from core.export.options import ExportOptions
from core.export.safe import put_text, put_value, sheet_name
from core.export.styles import FMT_INT_SUMMARY, Styles, page_setup
from core.model import Finding
from core.review.state import ReviewedReport

SUMMARY_SHEET = "汇总"
TEMPLATE_SHORT = {
    T.TEMPLATE_2021: "2021版",
    T.TEMPLATE_2019: "2019版",
    T.TEMPLATE_LEGACY: "旧版",
    T.TEMPLATE_UNKNOWN: "未识别",
}
FIRST_DATA_ROW = 3  # row 1 title, row 2 headers


@dataclass(frozen=True)
class Figure:
    """A key figure of the summary: a header and the fields it adds up (per template)."""

    key: str
    header: str
    fields: Callable[[str], tuple[str, ...]]


def _same(*fids: str) -> Callable[[str], tuple[str, ...]]:
    return lambda _template: fids


def _apply_group(prefix: str) -> Callable[[str], tuple[str, ...]]:
    """Every 表三 row under a group, 总计 column (the official table has no subtotal rows)."""

    def fields(template: str) -> tuple[str, ...]:
        (block,) = T.layout(template, T.TABLE_APPLY)
        keys = [r.key for r in block.rows if r.key == prefix or r.key.startswith(prefix + ".")]
        return tuple(f"apply.{k}.total" for k in keys)

    return fields


def _by_template(f2021: str, f2019: str) -> Callable[[str], tuple[str, ...]]:
    return lambda template: (f2019,) if template == T.TEMPLATE_2019 else (f2021,)


FIGURES: tuple[Figure, ...] = (
    Figure("new", "新收申请", _same("apply.new.total")),
    Figure("carried", "上年结转", _same("apply.carried.total")),
    Figure("granted", "予以公开", _same("apply.granted.total")),
    Figure("partial", "部分公开", _same("apply.partial.total")),
    Figure("denied", "不予公开", _apply_group("denied")),
    Figure("unable", "无法提供", _apply_group("unable")),
    Figure("rejected", "不予处理", _apply_group("rejected")),
    Figure("other", "其他处理", _apply_group("other")),
    Figure("total_handled", "办理结果总计", _same("apply.total_handled.total")),
    Figure("carry_forward", "结转下年度", _same("apply.carry_forward.total")),
    Figure("review", "行政复议总计", _same("review.total")),
    Figure("suit_direct", "直接起诉总计", _same("suit_direct.total")),
    Figure("suit_after_review", "复议后起诉总计", _same("suit_after_review.total")),
    Figure("rules", "规章（现行有效/公开总数）", _by_template("active.rules.in_force", "active.rules.total")),
    Figure("normative", "规范性文件（现行有效/公开总数）", _by_template("active.normative.in_force", "active.normative.total")),
    Figure("license", "行政许可决定", _same("active.license.decisions")),
    Figure("penalty", "行政处罚决定", _same("active.penalty.decisions")),
    Figure("coercion", "行政强制决定", _same("active.coercion.decisions")),
)
OUTCOME_KEYS = ("granted", "partial", "denied", "unable", "rejected", "other")


def key_figures(rr: ReviewedReport) -> dict[str, int | float | None]:
    """The summary's figures for a report (effective values); None when none of the cells exists."""
    nums = rr.numbers()
    template = rr.template
    # a legacy/unknown report is read in the 2021 layout, but the parser may have placed 2019 rows
    layouts = [template] if template in T.LAYOUTS else [T.TEMPLATE_2021, T.TEMPLATE_2019]
    out: dict[str, int | float | None] = {}
    for fig in FIGURES:
        out[fig.key] = None
        for lay in layouts:
            present = [nums[f] for f in fig.fields(lay) if isinstance(nums.get(f), int | float)]
            if present:
                out[fig.key] = sum(present)
                break
    return out


# (header, width) of the columns before the figures; counts that get a SUM are marked
_LEAD = (
    ("序号", 6, False),
    ("机关", 24, False),
    ("年度", 6.5, False),
    ("格式", 6.5, False),
    ("状态", 9, False),
    ("未处理错误", 8, True),
    ("未处理警告", 8, True),
    ("修改处数", 8, True),
    ("审核人", 10, False),
    ("审核时间", 16, False),
)
COL_ERRORS = 6
FIRST_FIGURE_COL = len(_LEAD) + 1


def short_time(iso: str) -> str:
    """``2024-01-05T09:30:12+08:00`` → ``2024-01-05 09:30`` (the summary needs no seconds or zone)."""
    return iso[:16].replace("T", " ") if len(iso) >= 16 and iso[10:11] == "T" else iso


def summary_headers() -> list[str]:
    return [h for h, _w, _s in _LEAD] + [f.header for f in FIGURES] + ["文件"]


def write_summary(
    ws: Any,
    items: Sequence[tuple[ReviewedReport, Sequence[Finding]]],
    styles: Styles,
    options: ExportOptions,
    links: dict[int, str] | None = None,
) -> int:
    """The summary sheet: one row per report, a totals row of live SUM formulas; returns its row."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.utils import get_column_letter

    from core.validation import status

    st = styles
    headers = summary_headers()
    ncol = len(headers)
    last = get_column_letter(ncol)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    put_text(st.stamp(ws.cell(1, 1), font=st.title, alignment=st.left), f"政府信息公开工作年度报告汇总（共 {len(items)} 份）")
    ws.row_dimensions[1].height = 28
    widths = [w for _h, w, _s in _LEAD] + [8.0] * len(FIGURES) + [36]
    for c, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
        st.stamp(ws.cell(2, c), font=st.header, alignment=st.center, border=st.border, fill=st.header_fill)
        put_text(ws.cell(2, c), h)
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[2].height = 42
    summed = [c for c, (_h, _w, s) in enumerate(_LEAD, start=1) if s]
    summed += list(range(FIRST_FIGURE_COL, FIRST_FIGURE_COL + len(FIGURES)))
    links = links or {}
    r = FIRST_DATA_ROW - 1
    for i, (rr, findings) in enumerate(items):
        r = FIRST_DATA_ROW + i
        stt = status(rr, findings)
        figs = key_figures(rr)
        year = rr.metadata_value("year")
        row: list[Any] = [
            i + 1,
            rr.metadata_value("agency") or report_name(rr),
            int(year) if isinstance(year, int) or (isinstance(year, str) and year.isdigit()) else year,
            TEMPLATE_SHORT.get(rr.template, rr.template),
            stt.label,
            stt.errors,
            stt.warnings,
            len(rr.state.corrections) + len(rr.state.metadata),
            rr.state.reviewed_by if rr.state.reviewed else "",
            short_time(rr.state.reviewed_at) if rr.state.reviewed else "",
            *(figs[f.key] for f in FIGURES),
            rr.path,
        ]
        for c, v in enumerate(row, start=1):
            fmt = FMT_INT_SUMMARY if FIRST_FIGURE_COL <= c < FIRST_FIGURE_COL + len(FIGURES) else None
            font = st.link if c == 2 and i in links else st.body
            put_value(st.stamp(ws.cell(r, c), font=font, border=st.border, number_format=fmt), v)
        if i in links:
            from openpyxl.worksheet.hyperlink import Hyperlink

            cell = ws.cell(r, 2)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=links[i], display=str(cell.value))
    n = len(items)
    total_row = FIRST_DATA_ROW + n
    for c in range(1, ncol + 1):
        fmt = FMT_INT_SUMMARY if c in summed else None
        st.stamp(ws.cell(total_row, c), font=st.body_bold, border=st.border, fill=st.total_fill, number_format=fmt)
    put_text(ws.cell(total_row, 2), "合计")
    for c in summed:
        col = get_column_letter(c)
        ws.cell(total_row, c).value = f"=SUM({col}{FIRST_DATA_ROW}:{col}{total_row - 1})" if n else 0
    last_data = max(FIRST_DATA_ROW, total_row - 1)
    ws.auto_filter.ref = f"A2:{last}{last_data}"
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"
    if n:
        err_col = get_column_letter(COL_ERRORS)
        ws.conditional_formatting.add(
            f"A{FIRST_DATA_ROW}:{last}{last_data}",
            FormulaRule(formula=[f"${err_col}{FIRST_DATA_ROW}>0"], fill=st.error, stopIfTrue=False),
        )
    footer = f"导出人：{options.exported_by}" if options.exported_by else ""
    page_setup(ws, landscape=True, title_rows="1:2", footer=footer)
    ws.print_area = f"A1:{get_column_letter(ncol - 1)}{total_row}"  # the file path column stays on screen only
    return total_row


def write_charts(ws: Any, summary: Any, n: int, styles: Styles) -> None:
    """Applications (新收) by agency, and the outcome mix by agency (stacked bars)."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.data_source import AxDataSource, StrRef

    put_text(styles.stamp(ws.cell(1, 1), font=styles.table_title), "图表（数据来自“汇总”表）")
    if n == 0:
        put_text(styles.stamp(ws.cell(2, 1), font=styles.body), "（没有报告）")
        return
    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + n - 1
    cats = Reference(summary, min_col=2, min_row=first, max_row=last)
    height = min(200.0, max(8.0, 0.7 * n + 4))  # cm: room for every agency label
    col_new = FIRST_FIGURE_COL + [f.key for f in FIGURES].index("new")

    def finish(chart: Any) -> None:
        # agency names are text: string categories (openpyxl would write a numeric reference)
        for series in chart.series:
            series.cat = AxDataSource(strRef=StrRef(f=str(cats)))
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.x_axis.scaling.orientation = "maxMin"  # first report at the top, as in the summary
        chart.height, chart.width = height, 24
        chart.gapWidth = 60

    bar = BarChart()
    bar.type = "bar"
    bar.style = 10
    bar.title = "本年新收政府信息公开申请数量（按机关）"
    bar.y_axis.title = "件"
    bar.add_data(Reference(summary, min_col=col_new, min_row=first - 1, max_row=last), titles_from_data=True)
    finish(bar)
    bar.legend = None
    ws.add_chart(bar, "A3")

    keys = [f.key for f in FIGURES]
    c1 = FIRST_FIGURE_COL + keys.index(OUTCOME_KEYS[0])
    c2 = FIRST_FIGURE_COL + keys.index(OUTCOME_KEYS[-1])
    mix = BarChart()
    mix.type = "bar"
    mix.grouping = "percentStacked"
    mix.overlap = 100
    mix.title = "办理结果构成（按机关）"
    mix.add_data(Reference(summary, min_col=c1, max_col=c2, min_row=first - 1, max_row=last), titles_from_data=True)
    finish(mix)
    mix.legend.position = "b"
    below = 3 + math.ceil(height / 0.53) + 2  # default rows are 15 pt ≈ 0.53 cm
    ws.add_chart(mix, f"A{below}")
    page_setup(ws, landscape=False, title_rows=None)


def suggested_filename(reports: Sequence[ReviewedReport]) -> str:
    """A default name for the save dialog: ``<机关><年度>年政府信息公开年报审核.xlsx`` or ``…汇总（N份）.xlsx``."""
    from core.export.safe import file_name

    if len(reports) == 1:
        rr = reports[0]
        agency = rr.metadata_value("agency") or "报告"
        year = rr.metadata_value("year")
        return file_name(f"{agency}{year or ''}{'年' if year else ''}政府信息公开年报审核")
    years = sorted({str(y) for y in (rr.metadata_value("year") for rr in reports) if y})
    span = years[0] if len(years) == 1 else (f"{years[0]}-{years[-1]}" if years else "")
    return file_name(f"政府信息公开年报汇总{span}{'年' if span else ''}（{len(reports)}份）")


def export_batch(
    reports: Sequence[ReviewedReport],
    path: str,
    failures: Sequence[Any] = (),
    *,
    options: ExportOptions | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    **overrides: Any,
) -> None:
    """Write a batch to one workbook at ``path`` (atomically).

    Sheets: 汇总 (one row per report, live totals, errors highlighted), 图表, 发现的问题,
    修改记录, 无法读取的文件, and — when ``options.wants_official_sheets(len(reports))`` — one
    official-layout sheet per report. ``overrides`` set single ExportOptions fields
    (``official_sheets=False`` …). Raises ExportError (Chinese) or Cancelled.
    """
    from dataclasses import fields as dc_fields
    from dataclasses import replace

    from openpyxl import Workbook

    from core.export.official import sheet_label, write_official_sheet
    from core.export.safe import atomic_save, check_target
    from core.validation import validate

    known = {f.name for f in dc_fields(ExportOptions)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown export options: {sorted(unknown)}")
    opts = replace(options or ExportOptions(), **overrides)
    check_target(path)

    done = [0.0]

    def step(x: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        done[0] = max(done[0], min(1.0, x))
        if progress is not None:
            progress(done[0])

    n = len(reports)
    items: list[tuple[ReviewedReport, list[Finding]]] = []
    for i, rr in enumerate(reports):
        items.append((rr, validate(rr)))
        if i % 20 == 0:
            step(0.3 * i / max(1, n))
    step(0.3)
    styles = Styles(opts)
    wb = Workbook()
    summary = wb.active
    used: set[str] = set()
    summary.title = sheet_name(SUMMARY_SHEET, used)
    charts = wb.create_sheet(sheet_name("图表", used)) if opts.charts else None
    findings_ws = wb.create_sheet(sheet_name("发现的问题", used))
    corrections_ws = wb.create_sheet(sheet_name("修改记录", used))
    failures_ws = wb.create_sheet(sheet_name("无法读取的文件", used))
    links: dict[int, str] = {}
    if opts.wants_official_sheets(n):
        for i, rr in enumerate(reports):
            name = sheet_name(sheet_label(rr), used)
            ws = wb.create_sheet(name)
            write_official_sheet(ws, rr, styles, opts)
            quoted = name.replace("'", "''")
            links[i] = f"'{quoted}'!A1"
            step(0.3 + 0.4 * (i + 1) / max(1, n))
    step(0.7)
    write_summary(summary, items, styles, opts, links)
    step(0.75)
    if charts is not None:
        write_charts(charts, summary, n, styles)
    write_findings(findings_ws, items, styles, opts)
    write_corrections(corrections_ws, reports, styles, opts)
    write_failures(failures_ws, list(failures), styles, opts)
    step(0.85)
    atomic_save(wb, path, cancelled)
    if progress is not None:
        progress(1.0)
