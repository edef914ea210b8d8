"""A sheet assembled in memory, then written row by row (to a normal or a write-only worksheet).

The national tables are laid out cell by cell in any order (``core.layout``); a streamed
(write-only) worksheet wants whole rows in order. ``SheetBuffer`` holds the few hundred cells of
an official or 汇总 sheet, then ``flush`` writes them in row order with their merges and heights.

Public API:
    SheetBuffer(styles).put(r, c, value, font=…, …) / .merge(r1, c1, r2, c2) / .height(r, h) / .flush(ws)
    render_tables(buf, layout, top, styles, value_of) -> {field: (row, col)}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.export.safe import put_value
from core.export.styles import Styles, lines_needed
from core.layout import GRID, Layout, Slot

BASE_WIDTH = 3.3  # width of a base column, in Excel character units
ROW_HEIGHT = 16.5  # points per line of 10.5 pt text


class SheetBuffer:
    """Cells, merges and row heights of one sheet, written in one go by ``flush``."""

    def __init__(self, styles: Styles) -> None:
        self.st = styles
        self.cells: dict[int, dict[int, tuple[Any, tuple[Any, ...], Any]]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.heights: dict[int, float] = {}
        self.n_rows = 0

    def put(
        self,
        r: int,
        c: int,
        value: Any = None,
        *,
        font: Any = None,
        border: Any = None,
        fill: Any = None,
        alignment: Any = None,
        number_format: str | None = None,
        comment: Any = None,
    ) -> None:
        self.cells.setdefault(r, {})[c] = (value, (font, border, fill, alignment, number_format), comment)
        self.n_rows = max(self.n_rows, r)

    def merge(self, r1: int, c1: int, r2: int, c2: int, *, border: Any = None, fill: Any = None) -> None:
        """Merge a range; covered cells get the border (and fill) so the frame prints whole."""
        if (r1, c1) == (r2, c2):
            return
        self.merges.append((r1, c1, r2, c2))
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1) and (border is not None or fill is not None):
                    self.put(r, c, None, border=border, fill=fill)

    def height(self, r: int, h: float) -> None:
        self.heights[r] = max(self.heights.get(r, 0.0), h)

    def flush(self, ws: Any) -> None:
        """Write everything to ``ws`` (a write-only worksheet is appended to, in row order)."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.worksheet.cell_range import CellRange

        streamed = not hasattr(ws, "cell")
        for r, h in self.heights.items():
            ws.row_dimensions[r].height = round(h, 1)
        last_row = 0
        for r in sorted(self.cells):
            row = self.cells[r]
            made = []
            for c in sorted(row):
                value, style, comment = row[c]
                cell = WriteOnlyCell(ws) if streamed else ws.cell(r, c)
                self.st.stamp(cell, *style)
                put_value(cell, value)
                if comment is not None:
                    cell.comment = comment
                made.append((c, cell))
            if streamed:
                while last_row < r - 1:
                    ws.append([])
                    last_row += 1
                out: list[Any] = [None] * made[-1][0] if made else []
                for c, cell in made:
                    out[c - 1] = cell
                ws.append(out)
                last_row = r
        for r1, c1, r2, c2 in self.merges:
            rng = CellRange(min_row=r1, min_col=c1, max_row=r2, max_col=c2)
            ranges = getattr(ws.merged_cells, "ranges", None)
            if streamed and isinstance(ranges, set):
                ranges.add(rng)  # MultiCellRange.add checks every earlier range: ours never overlap
            elif streamed:
                ws.merged_cells.add(rng)
            else:
                _merge_fast(ws, rng)


def _merge_fast(ws: Any, rng: Any) -> None:
    """Merge without openpyxl's quadratic overlap checks (our ranges never overlap)."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.merge import MergedCellRange

    ranges = getattr(ws.merged_cells, "ranges", None)
    cells = getattr(ws, "_cells", None)
    if not isinstance(ranges, set) or not isinstance(cells, dict):
        ws.merge_cells(rng.coord)
        return
    ranges.add(MergedCellRange(ws, rng.coord))
    for r in range(rng.min_row, rng.max_row + 1):
        for c in range(rng.min_col, rng.max_col + 1):
            if (r, c) != (rng.min_row, rng.min_col):
                cells[r, c] = MergedCell(ws, r, c)


def text_block(
    buf: SheetBuffer, r1: int, c1: int, r2: int, c2: int, text: Any, font: Any, align: Any, border: bool = True
) -> None:
    """A (merged) label; row heights grow to fit its wrapped text."""
    st = buf.st
    b = st.border if border else None
    buf.put(r1, c1, text, font=font, border=b, alignment=align)
    buf.merge(r1, c1, r2, c2, border=b)
    if text:
        width = (c2 - c1 + 1) * BASE_WIDTH
        need = lines_needed(str(text), width) * ROW_HEIGHT / (r2 - r1 + 1)
        for r in range(r1, r2 + 1):
            buf.height(r, max(ROW_HEIGHT, need))


ValueOf = Callable[[Slot], tuple[Any, str, Any, Any]]  # → (value, number format, fill, comment)


def render_tables(buf: SheetBuffer, layout: Layout, top: int, value_of: ValueOf) -> dict[str, tuple[int, int]]:
    """The three national tables from row ``top``; returns where each field's value went."""
    st = buf.st
    fonts = {
        "heading": (st.table_title, st.left),
        "caption": (st.header, st.center),
        "header": (st.header, st.center),
        "note": (st.note, st.center),
        "label_center": (st.body, st.center),
        "label": (st.body, st.left),
        "vertical": (st.body, st.vertical),
    }
    for t in layout.texts:
        font, align = fonts[t.role]
        text_block(buf, top + t.r1, t.c1, top + t.r2, t.c2, t.text, font, align, border=t.border)
    where: dict[str, tuple[int, int]] = {}
    for s in layout.slots:
        value, fmt, fill, comment = value_of(s)
        r = top + s.row
        buf.put(r, s.c1, value, font=st.body, alignment=st.center, border=st.border, fill=fill,
                number_format=fmt, comment=comment)
        buf.merge(r, s.c1, r, s.c2, border=st.border, fill=fill)
        buf.height(r, ROW_HEIGHT)
        where[s.field] = (r, s.c1)
    for r, h in layout.heights.items():
        buf.height(top + r, h)
    return where


def grid_columns(ws: Any) -> None:
    """The 30 narrow base columns of a national-layout sheet."""
    from openpyxl.utils import get_column_letter

    for c in range(1, GRID + 1):
        ws.column_dimensions[get_column_letter(c)].width = BASE_WIDTH
