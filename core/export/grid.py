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
        # rendered blocks under this buffer's own cells, each with its slots' plain values (``include``)
        self.blocks: list[tuple[_Tables, list[Plain | None]]] = []

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

    def include(self, block: _Tables, values: list[Plain | None]) -> None:
        """Add a rendered block: its merges and heights, and its cells under this buffer's own (whose
        XML is written once per workbook). Cells put here later take the place of the block's.

        ``values``: per slot of the block's layout, a plain value cell (value, number format: body
        font, centred, bordered, no fill, no comment), or None where the sheet put its own cell."""
        self.blocks.append((block, values))
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
        for block, values in self.blocks:
            for r, row in block.cells.items():
                out.setdefault(r, {}).update(row)
            for (r, c, _ref), v in zip(block.slots, values, strict=True):
                if v is not None:
                    out.setdefault(r, {})[c] = (v[0], block.value_style(v[1]), None)
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
        blocks = [(b.rows_xml(ws), b, values) for b, values in self.blocks]
        out: list[str] = []
        commented: dict[int, dict[int, Any]] = {}
        rows = self.cells.keys() | self.heights.keys()
        for xml, _b, _v in blocks:
            rows |= xml.keys()
        for r in sorted(rows):
            h = self.heights.get(r)
            out.append(f'<row r="{r}" ht="{round(h, 1)}" customHeight="1">' if h is not None else f'<row r="{r}">')
            own = self.cells.get(r)
            if not own:
                for _xml, b, values in blocks:
                    for x in b.runs.get(r, ()):
                        out.append(x if isinstance(x, str) else b.value_xml(x, values[x]))
            else:
                parts = [(c, writer.xml(r, c, e)) for c, e in own.items()]
                for xml, b, values in blocks:
                    parts += [(c, x if isinstance(x, str) else b.value_xml(x, values[x]))
                              for c, x in xml.get(r, ()) if c not in own]
                parts.sort()
                out.extend(x for _c, x in parts)
            out.append("</row>")
            for c, (_v, _s, comment) in (own or {}).items():
                if comment is not None:
                    commented.setdefault(r, {})[c] = comment
        merges = "".join([_merge_xml(*m) for m in self.merges])
        after = f'<mergeCells count="{len(self.merges)}">{merges}</mergeCells>' if self.merges else ""
        width = max([max(row) for row in self.cells.values() if row] + [b.width for b, _v in self.blocks] + [1])
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
        sid = self.style_index(style, isinstance(v, str) and is_formula_like(v))
        attrs = f' r="{column_letter(c)}{r}" s="{sid}"' if sid else f' r="{column_letter(c)}{r}"'
        return f"<c{attrs}{cell_xml_tail(v)}"

    def style_index(self, style: tuple[Any, ...], quote: bool = False) -> int:
        """The ``s`` attribute of a combination of styles (0: none); ``quote``: formula-like text kept text."""
        key = (*map(id, style), quote)  # openpyxl hashes a style object by its whole content
        sid = self.ids.get(key)
        if sid is None:
            plain = not quote and all(x is None for x in style)
            font, border, fill, align, fmt = style
            sid = self.ids[key] = 0 if plain else self.st.style_id(self.ws, font, border, fill, align, fmt, quote)
        return sid


@cache
def _merge_xml(r1: int, c1: int, r2: int, c2: int) -> str:
    return f'<mergeCell ref="{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"/>'


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


Plain = tuple[Any, str]  # a value cell of the national tables: (value, number format)


class _Tables:
    """The national tables of a layout at a row without their values: labels, frames, merges and
    heights, rendered once per workbook, with each row's cell XML once it has been written.

    Each row's XML is kept as (column, XML) pairs in column order, where a value cell's XML is the
    index of its slot instead: a sheet's values go in there (``value_xml``), so an official sheet
    is mostly joined from strings made once per workbook."""

    def __init__(self, st: Styles, layout: Layout, top: int) -> None:
        buf = SheetBuffer(st)
        self.where = _frame(buf, layout, top)
        self.layout = layout  # kept alive: the memo is keyed by its id
        self.st = st
        self.cells, self.merges, self.heights, self.n_rows = buf.cells, buf.merges, buf.heights, buf.n_rows
        self.slots = [(top + s.row, s.c1, f"{column_letter(s.c1)}{top + s.row}") for s in layout.slots]
        self.n_rows = max([self.n_rows] + [r for r, _c, _ref in self.slots])
        self.width = max([max(row) for row in self.cells.values() if row] + [c for _r, c, _ref in self.slots] + [1])
        self._xml: dict[int, list[tuple[int, str | int]]] = {}
        self.runs: dict[int, list[str | int]] = {}  # row → its XML: runs of frame cells and slot indexes
        self._wb: Any = None
        self._writer: _CellXml | None = None
        self._heads: dict[tuple[int, str], str] = {}  # (slot, number format) → ``<c r=… s=…``

    def value_style(self, fmt: str) -> tuple[Any, ...]:
        """The styles of a value cell: (font, border, fill, alignment, number format)."""
        st = self.st
        return (st.body, st.border, None, st.center, fmt)

    def rows_xml(self, ws: Any) -> dict[int, list[tuple[int, str | int]]]:
        """Row → its cells' (column, XML or slot index) in ``ws``'s workbook, in column order."""
        if self._wb is not ws.parent:  # style indexes are the workbook's
            writer = self._writer = _CellXml(self.st, ws)
            rows: dict[int, dict[int, str | int]] = {
                r: {c: writer.xml(r, c, e) for c, e in row.items()} for r, row in self.cells.items()
            }
            for i, (r, c, _ref) in enumerate(self.slots):
                rows.setdefault(r, {})[c] = i
            self._xml = {r: sorted(row.items()) for r, row in rows.items()}
            self.runs = {}
            for r, row_xml in self._xml.items():
                run: list[str | int] = []
                for _c, x in row_xml:
                    if isinstance(x, str) and run and isinstance(run[-1], str):
                        run[-1] += x
                    else:
                        run.append(x)
                self.runs[r] = run
            self._heads = {}
            self._wb = ws.parent
        return self._xml

    def value_xml(self, i: int, plain: Plain | None) -> str:
        """The XML of slot ``i``'s value cell ("" when the sheet put its own cell there)."""
        if plain is None:
            return ""
        value, fmt = plain
        if type(value) is int and -(10**15) < value < 10**15:
            tail = f"><v>{value}</v></c>"
        elif value is None:
            tail = "/>"
        else:  # text, a float, a long number: as any other cell
            assert self._writer is not None  # rows_xml came first
            r, c, _ref = self.slots[i]
            return self._writer.xml(r, c, (value, self.value_style(fmt), None))
        head = self._heads.get((i, fmt))
        if head is None:
            assert self._writer is not None
            sid = self._writer.style_index(self.value_style(fmt))
            head = self._heads[(i, fmt)] = f'<c r="{self.slots[i][2]}" s="{sid}"'
        return head + tail


def render_tables(buf: SheetBuffer, layout: Layout, top: int, value_of: ValueOf) -> dict[str, tuple[int, int]]:
    """The three national tables from row ``top``; returns where each field's value went.

    The labels and frames are rendered once per layout and row (``Styles.memo``); each sheet adds
    its values (and the fill and comment of corrected cells, as cells of its own).
    """
    st = buf.st
    key = ("tables", id(layout), top)
    block = st.memo.get(key)
    if block is None or block.layout is not layout:
        block = st.memo[key] = _Tables(st, layout, top)
    values: list[Plain | None] = []
    for s in layout.slots:
        value, fmt, fill, comment = value_of(s)
        if fill is None and comment is None:
            values.append((value, fmt))
            continue
        values.append(None)
        r = top + s.row
        buf.put(r, s.c1, value, font=st.body, alignment=st.center, border=st.border, fill=fill,
                number_format=fmt, comment=comment)
        if fill is not None:
            buf.cover(r, s.c1, r, s.c2, border=st.border, fill=fill)
    buf.include(block, values)
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
