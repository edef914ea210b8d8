"""质量评估: one row per report, one column per check that evaluators of government transparency
score and a superior grades on, each 符合 / 不符合 / 无法判断, with why a check could not be judged.

Public API:
    QUALITY, QUALITY_CHECKS, QUALITY_COLUMNS
    quality_row(e, has_prev) -> the row of one report (``has_prev``: last year's report is in the batch)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core import templates as T
from core.export.stream import columns
from core.export.words import BAD, NO, OK, UNKNOWN, YES, on_time, template_short

if TYPE_CHECKING:
    from core.batch.model import BatchEntry

QUALITY = "质量评估"
QUALITY_CHECKS = (
    "按时发布", "六部分齐全", "三张统计表齐全", "勾稽关系成立", "正文与表格一致", "与上年衔接", "信息处理费说明",
)
QUALITY_COLUMNS = columns(("报告序号", 6), ("机关", 26), ("年度", 6), ("模板", 8), *((c, 9) for c in QUALITY_CHECKS),
                        ("不符合项数", 7), ("说明", 40))

IDENTITY_RULES = frozenset({"apply.balance", "apply.row_total", "apply.outcome_sum", "appeal.total"})
TABLE_RULES = frozenset({"table.missing", "tables.lost", "table.lost", "table.blank", "table.unreadable",
                         "table.no_rows"})


def quality_row(e: BatchEntry, has_prev: bool) -> list[Any]:
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
