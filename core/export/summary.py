"""汇总表: one sheet per (template, year) group — and per 地区 or 层级 when asked — with the national
tables 表二, 表三, 表四 in the official layout, every cell the sum over the group's counted reports.

The sums are plain dictionary work, one running total per group (pandas would cost more memory
than the work itself: ~50 MB to import, ~100 MB for a long table of 3000 reports).

Public API:
    SUMMARY_PREFIX, SUMMARY_TOP
    summary_groups(batch, summary_by) -> {(template, year, part): entries}
    summary_sums(groups) -> {group: {field: sum}}
    write_summary_sheet(w, template, year, members, sums, suffix="") -> {field: (row, col)}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from core import templates as T
from core.export.grid import BASE_WIDTH, ROW_HEIGHT, SheetBuffer, column_letter, grid_columns, render_tables, text_block
from core.export.overview import OVERVIEW
from core.export.styles import lines_needed, number_format, page_setup
from core.export.words import TEMPLATE_SHORT, template_short
from core.layout import GRID, national_tables

if TYPE_CHECKING:
    from core.batch.model import Batch, BatchEntry
    from core.export.stream import StreamedWorkbook

SUMMARY_PREFIX = "汇总表"
SUMMARY_TOP = 5  # first row of 表二 on a 汇总表 (title, group, scope above)


def summary_groups(batch: Batch, summary_by: str | None) -> dict[tuple[str, int | None, str], Sequence[BatchEntry]]:
    """The (template, year) groups of the batch's annual reports, newest year first, then — with
    ``summary_by`` ``"region"`` or ``"level"`` and a directory — each group split by 地区 or 层级."""
    groups: dict[tuple[str, int | None, str], Sequence[BatchEntry]] = {
        (t, y, ""): m for (t, y), m in _groups(batch.entries).items()
    }
    if summary_by in ("region", "level") and batch.directory is not None:
        unknown = "地区未知" if summary_by == "region" else "层级未知"
        for (template, year, _), members in list(groups.items()):
            parts: dict[str, list[BatchEntry]] = {}
            for e in members:
                parts.setdefault(getattr(e, summary_by) or unknown, []).append(e)
            for part in sorted(parts):
                groups[(template, year, part)] = parts[part]
    return groups


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
    w: StreamedWorkbook,
    template: str,
    year: int | None,
    members: Sequence[BatchEntry],
    sums: dict[str, int | float],
    suffix: str = "",
) -> dict[str, tuple[int, int]]:
    """One 汇总表: title, scope line, then 表二/三/四 with the counted reports' sums."""
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
    buf.height(3, ROW_HEIGHT * max(1, lines_needed(scope_line(w, members), GRID * BASE_WIDTH * 1.15)))

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
    ws.print_area = f"A1:{column_letter(GRID)}{top + layout.n_rows - 1}"
    return where


def scope_line(w: StreamedWorkbook, members: Sequence[BatchEntry]) -> str:
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
