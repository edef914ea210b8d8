"""PDF table pieces: cells with boxes from pdfplumber, placed on a grid; pieces split by a page break joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.loading.builder import RawCell, clean_cell_text, make_grid
from core.model import Grid

TOL = 5.0  # points: two column edges closer than this are the same edge
_NUMERIC_RE = re.compile(r"^[\s\d.,，%+\-－—/／万元件个条次]*$")
_NUMBERED_RE = re.compile(r"^\s*(?:\d+\s*[.、．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)")


@dataclass
class TablePart:
    """One table as found on one page."""

    page: int
    bbox: tuple[float, float, float, float]
    cells: list[tuple[str, tuple[float, float, float, float]]]
    xs: list[float] = field(default_factory=list)
    is_last: bool = False

    def compatible(self, other: TablePart) -> bool:
        """Same horizontal extent and one part's column edges a subset of the other's."""
        if abs(self.bbox[0] - other.bbox[0]) > 3 * TOL or abs(self.bbox[2] - other.bbox[2]) > 3 * TOL:
            return False
        small, large = sorted((self.xs, other.xs), key=len)
        return all(any(abs(x - y) <= TOL for y in large) for x in small)


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= TOL:
            continue
        out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def part_from_table(table: object, page: int) -> TablePart | None:
    """A TablePart from a pdfplumber Table, or None for a one-column box around prose."""
    texts = table.extract()  # type: ignore[attr-defined]
    cells: list[tuple[str, tuple[float, float, float, float]]] = []
    for row, trow in zip(table.rows, texts, strict=False):  # type: ignore[attr-defined]
        for bbox, txt in zip(row.cells, trow, strict=False):
            if bbox is not None:
                cells.append((txt or "", tuple(float(v) for v in bbox)))  # type: ignore[misc]
    if not cells:
        return None
    xs = _cluster([c[1][0] for c in cells] + [c[1][2] for c in cells])
    if len(xs) < 3:
        return None
    return TablePart(page, tuple(float(v) for v in table.bbox), cells, xs)  # type: ignore[attr-defined, arg-type]


def join_parts(parts: list[TablePart]) -> Grid:
    """One Grid from table parts on consecutive pages (a single part is just placed)."""
    xs = _cluster([x for p in parts for x in p.xs])
    placed: list[list[RawCell]] = []
    offset = 0
    for part in parts:
        ys = _cluster([b[1] for _, b in part.cells] + [b[3] for _, b in part.cells])
        cells = []
        for text, (x0, top, x1, bottom) in part.cells:
            r0, r1 = _index(ys, top), _index(ys, bottom)
            c0, c1 = _index(xs, x0), _index(xs, x1)
            cells.append(
                RawCell(clean_cell_text(text), offset + r0, c0, max(1, r1 - r0), max(1, c1 - c0), part.page, (x0, top, x1, bottom))
            )
        placed.append(cells)
        offset += max(1, len(ys) - 1)
    for k in range(1, len(placed)):
        _join_seam(placed, k)
    cells = [c for part in placed for c in part]
    n_cols = max(1, len(xs) - 1)
    cells = _dedupe(cells)
    return make_grid(cells, offset, n_cols, pages=tuple(p.page for p in parts))


def _dedupe(cells: list[RawCell]) -> list[RawCell]:
    seen: set[tuple[int, int]] = set()
    out = []
    for c in cells:
        if (c.row, c.col) in seen:
            continue
        seen.add((c.row, c.col))
        out.append(c)
    return out


def _join_seam(placed: list[list[RawCell]], k: int) -> None:
    """Continue cells cut by the page break between part k-1 and part k.

    A label cell at the bottom of the earlier part continues into the cell in the same
    columns at the top of the next part when that cell is empty (a vertical merge running
    on) or holds the rest of the label ("（四）无" + "法提供"). Numbers are never joined.
    """
    above, below = placed[k - 1], placed[k]
    if not above or not below:
        return
    seam = min(c.row for c in below)
    bottom = {(c.col, c.colspan): c for c in above if c.row + c.rowspan == seam}
    remove = []
    for b in below:
        if b.row != seam:
            continue
        a = bottom.get((b.col, b.colspan))
        if a is None or not a.text or _NUMERIC_RE.match(a.text):
            continue
        if b.text and (_NUMERIC_RE.match(b.text) or _NUMBERED_RE.match(b.text) or a.text.endswith(("）", ")"))):
            continue
        if not b.text and a.rowspan == 1:
            continue  # an empty cell under a one-row label: a blank in the next row, not a merge
        a.text += b.text
        a.rowspan += b.rowspan
        remove.append(b)
    if remove:
        ids = {id(c) for c in remove}
        placed[k] = [c for c in below if id(c) not in ids]
