"""修改记录: every correction — which report, where in the printed tables, the printed and the new
value, the note, who (the reviewer's name from the settings, not the OS login) and when (local
time, to the minute); corrections of the report's own details (agency, year …) too.

Public API:
    CORRECTIONS, CORRECTION_COLUMNS; correction_rows(batch, reviewer) -> rows
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from core.export.lists import METADATA_LABELS
from core.export.stream import columns
from core.export.words import number_or_text, where_parts
from core.review.state import local_minute

if TYPE_CHECKING:
    from core.batch.model import Batch

CORRECTIONS = "修改记录"
CORRECTION_COLUMNS = columns(
    ("报告序号", 6), ("机关", 24), ("年度", 6), ("表", 6), ("行", 24), ("列", 12), ("原文数值", 8), ("修改为", 8),
    ("说明", 30), ("修改人", 10), ("修改时间", 16), ("字段ID", 28),
)


def correction_rows(batch: Batch, reviewer: str) -> Iterator[list[Any]]:
    for e in batch.entries:
        rr = e.reviewed
        if rr is None:
            continue
        for key, new in rr.state.metadata.items():
            printed = rr.report.template if key == "template" else getattr(getattr(rr.report.metadata, key, None),
                                                                          "value", None)
            yield [e.index + 1, e.name, e.year, "报告信息", METADATA_LABELS.get(key, key), "", number_or_text(printed),
                   number_or_text(new), "", reviewer, "", key]
        for fid, c in rr.state.corrections.items():
            t, r, col = where_parts(fid)
            yield [e.index + 1, e.name, e.year, t, r, col, c.printed, c.new, c.note, reviewer, local_minute(c.time),
                   fid]
