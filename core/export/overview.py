"""报告一览: one row per report, counted or not and why, with what a superior needs at a glance —
地区 and 层级, publication date and whether it was on time, status, the key figures, and the same
agency's figures of the year before (when that report is in the batch) with the change.

Public API:
    OVERVIEW, OVERVIEW_COLUMNS (contract columns first), FIGURES, YEAR_OVER_YEAR
    overview_columns() -> every column; overview_rows(batch, figures, prev) -> rows
    key_figures(rr) -> {header: value}; previous_reports(batch) -> {entry index: last year's entry index}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from core import templates as T
from core.export.stream import Col, columns
from core.export.words import NO, STATUS_LABELS, YES, on_time, published_date, template_short

if TYPE_CHECKING:
    from core.batch.model import Batch, BatchEntry
    from core.review.state import ReviewedReport

OVERVIEW = "报告一览"


def _apply_rows(template: str, prefix: str) -> tuple[str, ...]:
    (block,) = T.layout(template, T.TABLE_APPLY)
    return tuple(r.key for r in block.rows if r.key == prefix or r.key.startswith(prefix + "."))


_ORG_COLS = tuple(c.key for c in T.APPLY_COLUMNS if c.group)


def _figure(fields: Callable[[str], Iterable[str]]) -> Callable[[dict[str, Any], str], Any]:
    of: dict[str, tuple[str, ...]] = {}  # template → its fields (worked out once)

    def get(nums: dict[str, Any], template: str) -> Any:
        fids = of.get(template)
        if fids is None:
            fids = of[template] = tuple(fields(template))
        present = [nums[f] for f in fids if isinstance(nums.get(f), int | float)]
        return sum(present) if present else None

    return get


def _fixed(*fids: str) -> Callable[[dict[str, Any], str], Any]:
    return _figure(lambda _t: fids)


def _group(prefix: str) -> Callable[[dict[str, Any], str], Any]:
    return _figure(lambda t: tuple(f"apply.{k}.total" for k in _apply_rows(t, prefix)))


def _only(template: str, fid: str) -> Callable[[dict[str, Any], str], Any]:
    """A figure printed only in one template (2019 and 2021 figures never share a column)."""
    return _figure(lambda t: (fid,) if (t == template or (template == "2021" and t not in T.LAYOUTS)) else ())


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

OVERVIEW_COLUMNS = columns(
    ("报告序号", 6), ("机关", 26), ("年度", 6), ("模板", 8), ("计入汇总", 6), ("未计入原因", 10), ("文件", 30),
    ("说明", 30), ("完整性", 10), ("地区", 10), ("层级", 10), ("发布日期", 11), ("按时发布", 6),
    ("状态", 8), ("未处理错误", 6), ("未处理警告", 6), ("已审核", 6),
)


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
