"""数据: the long form — one row per report × field of its template (the IDs of ``fields.csv``), for
every report at any batch size, plus any other value a report has: the value in force (the
reviewer's correction if there is one), what was printed (so a printed blank stays distinguishable
from a printed 0) and where the value came from.

Public API:
    DATA, DATA_COLUMNS (the contract columns); data_rows(batch, step) -> rows
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from core import templates as T
from core.export.stream import columns
from core.export.words import NO, NOT_READ, SOURCE, YES, layout_of, template_short, where_parts

if TYPE_CHECKING:
    from core.batch.model import Batch

DATA = "数据"
DATA_COLUMNS = columns(
    ("报告序号", 6), ("机关", 24), ("年度", 6), ("模板", 8), ("字段ID", 30), ("表", 5), ("行", 24), ("列", 12),
    ("数值", 8), ("原文", 8), ("来源", 8), ("计入汇总", 6),
)


_FIELD_ROWS: dict[str, list[tuple[str, str, str, str]]] = {}


def _field_rows(template: str) -> list[tuple[str, str, str, str]]:
    """(ID, 表, 行, 列) of every field of a template (the 2021 fields for legacy/unknown)."""
    got = _FIELD_ROWS.get(template)
    if got is None:
        got = [(f.id, *where_parts(f.id)) for f in T.fields_for(layout_of(template))]
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
