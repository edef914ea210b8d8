"""表二 of a real table whose header cells span differently from its data cells.

In some HTML/Word renderings of the 2019 format the column headers (本年新制作数量 / 本年新公开数量 /
对外公开总数量) each span two grid columns while the data rows have one cell per grid column, the
figure in one of the two and the other empty (or the other way round). Rendered one grid slot per
tab, such a row has six slots for three columns and cannot be read by position. The grid says which
slots fall under which header cell: each data row is cut into the header's column ranges, and each
range gives the one figure printed in it (an empty range is an empty cell; a range holding two
figures stays as it is, to be flagged).
"""

from __future__ import annotations

import bisect

from core.model import Grid, Span
from core.parsing.tables.text_grid import Cell, Line

_HEAD = "信息内容"


def _row_of(ln: Line, index: list[tuple[int, int, int]], grids: list[Grid]) -> tuple[Grid, int] | None:
    """The grid and grid row a text line renders (by the spans of the grid's cells)."""
    starts = [t[0] for t in index]
    k = bisect.bisect_left(starts, ln.span.start)
    if k < len(index) and index[k][0] < ln.span.end:
        _, gi, r = index[k]
        return grids[gi], r
    return None


def align_to_header(lines: list[Line], grids: list[Grid]) -> list[Line]:
    """The region's lines with each 表二 data row regrouped under its header's column ranges."""
    if not grids:
        return lines
    index = sorted(
        (c.span.start, gi, c.row) for gi, g in enumerate(grids) for c in g.cells if c.span is not None and c.text
    )
    if not index:
        return lines
    out: list[Line] = []
    ranges: list[tuple[int, int]] = []
    for ln in lines:
        if ln is None or not ln.cells or "\t" not in ln.text:
            out.append(ln)
            continue
        where = _row_of(ln, index, grids)
        if where is None:
            out.append(ln)
            continue
        grid, r = where
        row = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
        if row and row[0].text.strip().replace(" ", "") == _HEAD:
            ranges = [(c.col, c.col + c.colspan) for c in row[1:]]
            out.append(ln)
            continue
        if not ranges or len(ln.cells) != grid.n_cols or not row or row[0].col != 0:
            out.append(ln)
            continue
        own = [(c.col, c.col + c.colspan) for c in row[1:]]
        if own == ranges[: len(own)]:
            out.append(ln)  # the data cells line up with the header's: nothing to regroup
            continue
        first = row[0].colspan
        cells: list[Cell] = list(ln.cells[:first])
        ok = True
        for a, b in ranges:
            group = [c for c in ln.cells[a:b] if c.text]
            if len(group) > 1:
                ok = False
                break
            cells.append(group[0] if group else Cell("", Span(ln.cells[a].start, ln.cells[a].start), ln.cells[a].token))
        out.append(Line(cells, ln.span, True, ln.text) if ok else ln)
    return out
