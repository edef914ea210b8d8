"""Statistics tables 二/三/四: every printed figure mapped to its field ID, or a finding says why not.

Every form is read through ``SourceDocument.text``: plain-text tables (tab, ``|`` and Markdown
pipe runs, one cell per line, a bare run of 15 numbers) and the real tables of HTML/.docx/PDF,
which the loaders render into ``text`` one grid row per line with a tab between slots. Values
read from a grid carry the grid's provenance (table index, row, column, page, bbox) through
the cell spans.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.messages import compose
from core.model import ExtraRow, Finding, Grid, GridCell, Section, SourceDocument, Value
from core.parsing.tables.flat import unflatten
from core.parsing.tables.labels import row_specs
from core.parsing.tables.mapping import Mapped, map_active, map_appeal, map_apply, missing_rows
from core.parsing.tables.regions import Regions, find_regions
from core.parsing.tables.runs import looks_glued, read_glued
from core.parsing.tables.spans import align_to_header
from core.parsing.tables.text_grid import split_lines
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY, TABLE_TITLES

__all__ = ["TableResult", "extract_tables"]


@dataclass
class TableResult:
    """What table recognition found.

    Attributes:
        values: field ID → Value (origin table or inferred).
        table_templates: table (active/apply/appeal) → template its labels match. 表四 is the
            same in both templates: it gets the template of 表三 (else 表二) when it is printed.
        extra_rows: rows not in the template.
        findings: inferred cells, unreadable cells, unknown labels, stray numbers …
    """

    values: dict[str, Value] = field(default_factory=dict)
    table_templates: dict[str, str] = field(default_factory=dict)
    extra_rows: list[ExtraRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def extract_tables(doc: SourceDocument, sections: list[Section]) -> TableResult:
    """Read tables 二, 三 and 四 of a document into field values.

    Args:
        doc: the loaded document (normalised text; grids for structured sources).
        sections: the sections found (unused for locating tables, which are found by their own
            header words; kept for the pipeline's contract).

    Returns:
        Values as printed (empty cells 0 with the raw token kept), the template each table's
        labels match, extra rows, and findings. A document without tables gives no values.
    """
    out = TableResult()
    text = doc.text
    if not text:
        return out
    raw_lines = text.split("\n")
    regions = find_regions(raw_lines)
    spans = [r for r in (regions.active, regions.apply, regions.appeal) if r is not None]
    if not spans:
        return out
    first = min(r[0] for r in spans)
    last = max(r[1] for r in spans)
    offset = sum(len(ln) + 1 for ln in raw_lines[:first])
    end_offset = offset + sum(len(ln) + 1 for ln in raw_lines[first:last])
    lines: list = [None] * first + split_lines(text, offset, min(end_offset, len(text)))
    active_template = None
    glued = _glued(text, lines, regions)
    prose = "\n".join(raw_lines[:first] + raw_lines[last:]) if glued else ""
    if regions.active is not None:
        a, b = regions.active
        if glued:
            m = _read_glued(TABLE_ACTIVE, text, lines, a, b, None, prose)
        else:
            region = unflatten(lines[a:b])
            if doc.grids:
                region = align_to_header(region, doc.grids)
            m = map_active(region, "\n".join(ln.text for ln in region))
        _merge(out, m, TABLE_ACTIVE)
        active_template = m.template
    if regions.apply is not None:
        a, b = regions.apply
        if glued:
            m = _read_glued(TABLE_APPLY, text, lines, a, b, None)
        else:
            region = unflatten(lines[a:b])
            m = map_apply(region, "\n".join(ln.text for ln in region), active_template)
        _merge(out, m, TABLE_APPLY)
    if regions.appeal is not None:
        a, b = regions.appeal
        m = _read_glued(TABLE_APPEAL, text, lines, a, b, None) if glued else map_appeal(unflatten(lines[a:b]))
        _merge(out, m, TABLE_APPEAL)
        if any(f.startswith(("review.", "suit_")) for f in m.values):
            t = out.table_templates.get(TABLE_APPLY) or out.table_templates.get(TABLE_ACTIVE)
            if t:
                out.table_templates[TABLE_APPEAL] = t
    if doc.grids:
        attach_grids(out.values.values(), doc.grids)
    return out


def _region_text(text: str, lines: list, a: int, b: int) -> tuple[str, int]:
    start = lines[a].span.start
    end = lines[b - 1].span.end
    return text[start:end], start


def _glued(text: str, lines: list, regions: Regions) -> bool:
    """Cells run together: 表三 or 表四 has a label followed at once by a long digit run, and no
    line of the regions is cut into three or more cells."""
    spans = [r for r in (regions.apply, regions.appeal) if r is not None]
    if not spans:
        return False
    if any(ln is not None and ln.structured and len(ln.cells) >= 3 for a, b in spans for ln in lines[a:b]):
        return False
    return any(looks_glued(_region_text(text, lines, a, b)[0]) for a, b in spans)


def _read_glued(table: str, text: str, lines: list, a: int, b: int, template: str | None, prose: str = "") -> Mapped:
    region, base = _region_text(text, lines, a, b)
    g = read_glued(table, region, base, template, prose)
    m = Mapped(values=g.values, findings=g.findings, template=g.template, header_seen=True)
    if table != TABLE_APPEAL and g.template:
        missing_rows(m, table, row_specs(table, g.template), g.seen)
    return m


def _merge(out: TableResult, m: Mapped, table: str) -> None:
    if not m.values and not m.findings and not m.extra_rows:
        if not m.header_seen:
            return  # a bare heading: the structure step reports the lost table (tables.lost)
        params = {"key": table, "table": table, "table_title": TABLE_TITLES[table]}
        out.findings.append(Finding("table.no_rows", "warning", compose("table.no_rows", params), params=params))
        return
    out.values.update(m.values)
    out.findings.extend(m.findings)
    out.extra_rows.extend(m.extra_rows)
    if m.template and m.values:
        out.table_templates[table] = m.template


def attach_grids(values: Iterable[Value], grids: list[Grid]) -> None:
    """Give each value read from a real table its grid provenance (table, row, col, page, bbox)."""
    index: list[tuple[int, int, int, GridCell]] = []
    for gi, grid in enumerate(grids):
        for cell in grid.cells:
            if cell.span is not None:
                index.append((cell.span.start, cell.span.end, gi, cell))
    if not index:
        return
    index.sort(key=lambda t: (t[0], t[1]))
    starts = [t[0] for t in index]
    for v in values:
        if v.span is None:
            continue
        k = bisect.bisect_right(starts, v.span.start) - 1
        if k < 0:
            continue
        start, end, gi, cell = index[k]
        # the cell whose text holds the token's first character (an empty cell: its position)
        if start <= v.span.start < end or start == end == v.span.start:
            v.table, v.row, v.col, v.page, v.bbox = gi, cell.row, cell.col, cell.page, cell.bbox
