"""The words the upward workbook's sheets share: template names, yes/no, where a field is printed.

Public API:
    template_short(template) -> "2021版" …; layout_of(template) -> the template whose tables it prints
    where_parts(fid) -> (表, 行, 列); place(fid) -> "行“列”"
    published_date(rr), on_time(entry) -> 是 / 否 / ""
    number_or_text(v), plain_number(v): values as a clerk reads them
    YES, NO, OK, BAD, UNKNOWN, SEVERITY, SOURCE, NOT_READ, STATUS_LABELS
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from core import templates as T
from core.loading.limits import MAX_NUMBER_DIGITS

if TYPE_CHECKING:
    from core.batch.model import BatchEntry
    from core.review.state import ReviewedReport

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


def template_short(template: str) -> str:
    return TEMPLATE_SHORT.get(template, TEMPLATE_SHORT[T.TEMPLATE_UNKNOWN])


def layout_of(template: str) -> str:
    """The template whose tables a report of ``template`` is printed in (2021 for legacy/unknown)."""
    return template if template in T.LAYOUTS else T.TEMPLATE_2021


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


def place(fid: str) -> str:
    """A field as ``行“列”`` (the row alone when it has no column)."""
    _t, row, col = where_parts(fid)
    return f"{row}“{col}”" if col else row


def plain_number(v: Any) -> Any:
    """A whole float as an int (``3.0`` → ``3``); anything else as it is."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def number_or_text(v: Any) -> Any:
    """Printed text that is a whole number (as Excel can keep it) as the number, other text stripped."""
    if isinstance(v, str):
        s = v.strip()
        digits = s.removeprefix("-")
        if digits.isascii() and digits.isdigit() and len(digits) <= MAX_NUMBER_DIGITS:
            return int(s)
        return s
    return v
