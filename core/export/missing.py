"""未报送: with an agency directory only — its agencies with no counted report for a year of the batch.

Public API:
    MISSING, MISSING_COLUMNS; missing_rows(batch) -> rows
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from core.export.stream import columns

if TYPE_CHECKING:
    from core.batch.model import Batch

MISSING = "未报送"
MISSING_COLUMNS = columns(("机关", 30), ("年度", 6), ("地区", 12), ("层级", 12), ("上级", 24), ("说明", 40))


def missing_rows(batch: Batch) -> Iterator[list[Any]]:
    years = sorted({e.year for e in batch.entries if e.year is not None and e.reviewed is not None}, reverse=True)
    for y in years:
        for a in batch.missing(y):
            yield [a.name, y, a.region, a.level, a.parent, "本批没有该机关这一年度计入汇总的报告"]
