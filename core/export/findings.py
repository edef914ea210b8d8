"""问题清单: one row per open finding, grouped by agency (then year and report), in words a clerk
understands — where in the printed tables, the printed and the suggested value — so that it can be
cut into a notice to each agency; the rule ID only in the last column.

Public API:
    FINDINGS, FINDING_COLUMNS (contract columns first); finding_rows(batch) -> rows
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from core.export.stream import columns
from core.export.words import SEVERITY, number_or_text, place, plain_number, where_parts

if TYPE_CHECKING:
    from core.batch.model import Batch

FINDINGS = "问题清单"
FINDING_COLUMNS = columns(
    ("机关", 24), ("年度", 6), ("级别", 6), ("问题", 56), ("表", 6), ("行", 22), ("列", 10), ("原文数值", 8),
    ("建议值", 8), ("状态", 10), ("报告序号", 6), ("文件", 24), ("规则", 16),
)


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
                suggested = "；".join(f"{place(k)}：{plain_number(v)}" for k, v in f.suggestion.items())
            yield [
                e.name, e.year, SEVERITY.get(f.severity, f.severity), f.message, "、".join(tables), "、".join(rows),
                "、".join(cols), number_or_text(printed), plain_number(suggested), state, e.index + 1, e.path, f.rule,
            ]
