"""A sheet assembled in memory, then written in one go (to a normal or a write-only worksheet).

The national tables are laid out cell by cell in any order (``core.layout``); a streamed
(write-only) worksheet wants whole rows in order. ``SheetBuffer`` holds the ~1500 cells of an
official or 汇总 sheet, then ``flush`` writes them with their merges and heights: as openpyxl cells
into a normal worksheet, or as sheet XML (``SheetXml``) spliced into a streamed workbook's file.

Public API:
    SheetBuffer(styles).put(r, c, value, font=…, …) / .merge(r1, c1, r2, c2) / .height(r, h)
        / .flush(ws, splice=None) / .to_xml(ws) -> SheetXml
    SheetXml(rows, last_ref, after_rows): .write_rows(out), .last_ref, .after_rows, .links, .close()
    Splice: Callable[[worksheet, SheetXml], None]
    render_tables(buf, layout, top, value_of) -> {field: (row, col)}
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import cache
from typing import Any

from core.export.safe import cell_value, cell_xml_tail, is_formula_like, put_value
from core.export.styles import Styles, lines_needed
from core.layout import GRID, Layout, Slot

BASE_WIDTH = 3.3  # width of a base column, in Excel character units
ROW_HEIGHT = 16.5  # points per line of 10.5 pt text


class SheetBuffer:
    """Cells, merges and row heights of one sheet, written in one go by ``flush``."""

    def __init__(self, styles: Styles) -> None:
        self.st = styles
        self.cells: dict[int, dict[int, Entry]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.heights: dict[int, float] = {}
        self.n_rows = 0
        self.blocks: list[_Tables] = []  # rendered blocks under this buffer's own cells (``include``)

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
        self.cover(r1, c1, r2, c2, border=border, fill=fill)

    def cover(self, r1: int, c1: int, r2: int, c2: int, *, border: Any = None, fill: Any = None) -> None:
        """Border (and fill) the cells a merged range covers, its top-left cell excepted."""
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1) and (border is not None or fill is not None):
                    self.put(r, c, None, border=border, fill=fill)

    def height(self, r: int, h: float) -> None:
        self.heights[r] = max(self.heights.get(r, 0.0), h)

    def include(self, block: _Tables) -> None:
        """Add a rendered block: its merges and heights, and its cells under this buffer's own (whose
        XML is written once per workbook). Cells put here later take the place of the block's."""
        self.blocks.append(block)
        self.merges.extend(block.merges)
        for r, h in block.heights.items():
            self.height(r, h)
        self.n_rows = max(self.n_rows, block.n_rows)

    def flush(self, ws: Any, splice: Splice | None = None) -> None:
        """Write everything to ``ws``.

        A normal worksheet gets openpyxl cells. A streamed (write-only) worksheet gets its rows as
        sheet XML (``SheetXml``), handed to ``splice`` to go into the saved workbook in place of
        the sheet's rows: openpyxl spends ~50 µs on each of the ~1500 cells of an official sheet.
        """
        if hasattr(ws, "cell"):
            self._cells(ws)
        elif splice is None:
            raise ValueError("a streamed sheet's rows go in through a splice")
        else:
            splice(ws, self.to_xml(ws))

    def _all_cells(self) -> dict[int, dict[int, Entry]]:
        out: dict[int, dict[int, Entry]] = {}
        for block in self.blocks:
            for r, row in block.cells.items():
                out.setdefault(r, {}).update(row)
        for r, row in self.cells.items():
            out.setdefault(r, {}).update(row)
        return out

    def _cells(self, ws: Any) -> None:
        for r, h in self.heights.items():
            ws.row_dimensions[r].height = round(h, 1)
        cells = self._all_cells()
        for r in sorted(cells):
            row = cells[r]
            for c in sorted(row):
                value, style, comment = row[c]
                cell = ws.cell(r, c)
                self.st.stamp(cell, *style)
                put_value(cell, value)
                if comment is not None:
                    cell.comment = comment
        from openpyxl.worksheet.cell_range import CellRange

        for r1, c1, r2, c2 in self.merges:
            _merge_fast(ws, CellRange(min_row=r1, min_col=c1, max_row=r2, max_col=c2))

    def to_xml(self, ws: Any) -> SheetXml:
        """The rows and merged ranges as sheet XML (styles registered in ``ws``'s workbook).

        Text goes in as inline strings (formula-like text with the quote prefix, as ``put_text``),
        numbers as numbers, as ``safe.put_value`` stores them. Cells with a comment are also
        appended to ``ws`` (empty), so openpyxl writes the comments and their drawing.
        """
        writer = _CellXml(self.st, ws)
        blocks = [b.rows_xml(ws) for b in self.blocks]
        out: list[str] = []
        commented: dict[int, dict[int, Any]] = {}
        rows = self.cells.keys() | self.heights.keys()
        for b in blocks:
            rows |= b.keys()
        for r in sorted(rows):
            h = self.heights.get(r)
            out.append(f'<row r="{r}" ht="{round(h, 1)}" customHeight="1">' if h is not None else f'<row r="{r}">')
            own = self.cells.get(r)
            if not own:
                for b in blocks:
                    out.extend(x for _c, x in b.get(r, ()))
            else:
                parts = [(c, writer.xml(r, c, e)) for c, e in own.items()]
                for b in blocks:
                    parts += [p for p in b.get(r, ()) if p[0] not in own]
                parts.sort()
                out.extend(x for _c, x in parts)
            out.append("</row>")
            for c, (_v, _s, comment) in (own or {}).items():
                if comment is not None:
                    commented.setdefault(r, {})[c] = comment
        merges = "".join(f'<mergeCell ref="{writer.ref(r1, c1)}:{writer.ref(r2, c2)}"/>' for r1, c1, r2, c2 in self.merges)
        after = f'<mergeCells count="{len(self.merges)}">{merges}</mergeCells>' if self.merges else ""
        width = max([max(row) for row in self.cells.values() if row] + [b.width for b in self.blocks] + [1])
        if commented:
            _append_comments(ws, commented)
        return SheetXml("".join(out).encode("utf-8"), writer.ref(max(rows, default=1), width), after.encode("utf-8"))


Entry = tuple[Any, tuple[Any, ...], Any]  # value, (font, border, fill, alignment, number format), comment


class _CellXml:
    """The sheet XML of cells of one workbook (style indexes registered as first used)."""

    def __init__(self, st: Styles, ws: Any) -> None:
        self.st = st
        self.ws = ws
        self.ids: dict[tuple[int | bool, ...], int] = {}

    @staticmethod
    def ref(r: int, c: int) -> str:
        return f"{column_letter(c)}{r}"

    def xml(self, r: int, c: int, entry: Entry) -> str:
        value, style, _comment = entry
        v = cell_value(value)
        quote = isinstance(v, str) and is_formula_like(v)
        key = (*map(id, style), quote)  # openpyxl hashes a style object by its whole content
        sid = self.ids.get(key)
        if sid is None:
            plain = not quote and all(x is None for x in style)
            font, border, fill, align, fmt = style
            sid = self.ids[key] = 0 if plain else self.st.style_id(self.ws, font, border, fill, align, fmt, quote)
        attrs = f' r="{column_letter(c)}{r}" s="{sid}"' if sid else f' r="{column_letter(c)}{r}"'
        return f"<c{attrs}{cell_xml_tail(v)}"


@cache
def column_letter(c: int) -> str:
    """The letters of column ``c`` (1 → A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(c)


class SheetXml:
    """A sheet's rows as sheet XML (kept compressed) and what follows ``</sheetData>`` (its merged
    ranges), to be spliced into the saved workbook in place of the sheet's rows."""

    def __init__(self, rows: bytes, last_ref: str, after_rows: bytes = b"") -> None:
        self.data = zlib.compress(rows, 1)
        self.last_ref = last_ref  # bottom-right cell, for the sheet's dimension
        self.after_rows = after_rows
        self.links: list[tuple[str, str]] = []  # (cell, location in this workbook): none here

    def write_rows(self, out: Any) -> None:
        out.write(zlib.decompress(self.data))

    def close(self) -> None:
        self.data = b""


Splice = Callable[[Any, SheetXml], None]


def _append_comments(ws: Any, commented: dict[int, dict[int, Any]]) -> None:
    """Empty cells carrying the comments, appended to a streamed sheet in their rows: openpyxl writes
    the comments part and the drawing the sheet refers to (its rows themselves are replaced)."""
    from openpyxl.cell import WriteOnlyCell

    last = 0
    for r in sorted(commented):
        while last < r - 1:
            ws.append([])
            last += 1
        row: list[Any] = [None] * max(commented[r])
        for c, comment in commented[r].items():
            cell = WriteOnlyCell(ws)
            cell.comment = comment
            row[c - 1] = cell
        ws.append(row)
        last = r


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


class _Tables:
    """The national tables of a layout at a row without their values: labels, frames, merges and
    heights, rendered once per workbook, with each row's cell XML once it has been written."""

    def __init__(self, st: Styles, layout: Layout, top: int) -> None:
        buf = SheetBuffer(st)
        self.where = _frame(buf, layout, top)
        self.layout = layout  # kept alive: the memo is keyed by its id
        self.st = st
        self.cells, self.merges, self.heights, self.n_rows = buf.cells, buf.merges, buf.heights, buf.n_rows
        self.width = max((max(row) for row in self.cells.values() if row), default=1)
        self._xml: dict[int, list[tuple[int, str]]] = {}
        self._wb: Any = None

    def rows_xml(self, ws: Any) -> dict[int, list[tuple[int, str]]]:
        """Row → its cells' (column, XML) in ``ws``'s workbook."""
        if self._wb is not ws.parent:  # style indexes are the workbook's
            writer = _CellXml(self.st, ws)
            self._xml = {r: [(c, writer.xml(r, c, e)) for c, e in row.items()] for r, row in self.cells.items()}
            self._wb = ws.parent
        return self._xml


def render_tables(buf: SheetBuffer, layout: Layout, top: int, value_of: ValueOf) -> dict[str, tuple[int, int]]:
    """The three national tables from row ``top``; returns where each field's value went.

    The labels and frames are rendered once per layout and row (``Styles.memo``); each sheet adds
    its values (and the fill of corrected cells).
    """
    st = buf.st
    key = ("tables", id(layout), top)
    block = st.memo.get(key)
    if block is None or block.layout is not layout:
        block = st.memo[key] = _Tables(st, layout, top)
    buf.include(block)
    for s in layout.slots:
        value, fmt, fill, comment = value_of(s)
        r = top + s.row
        buf.put(r, s.c1, value, font=st.body, alignment=st.center, border=st.border, fill=fill,
                number_format=fmt, comment=comment)
        if fill is not None:
            buf.cover(r, s.c1, r, s.c2, border=st.border, fill=fill)
    return dict(block.where)


def _frame(buf: SheetBuffer, layout: Layout, top: int) -> dict[str, tuple[int, int]]:
    """Labels, value-cell frames (merged, bordered), heights; returns where each field's value goes."""
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
        r = top + s.row
        buf.merge(r, s.c1, r, s.c2, border=st.border)
        buf.height(r, ROW_HEIGHT)
        where[s.field] = (r, s.c1)
    for r, h in layout.heights.items():
        buf.height(top + r, h)
    return where


def grid_columns(ws: Any) -> None:
    """The 30 narrow base columns of a national-layout sheet (one column range in the file)."""
    dim = ws.column_dimensions["A"]
    dim.width = BASE_WIDTH
    dim.min, dim.max = 1, GRID
