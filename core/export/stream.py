"""A streamed workbook (openpyxl write-only) whose sheets' rows we write as sheet XML ourselves.

openpyxl writes each sheet's frame (columns, print settings, header row, comments); the rows of
the list sheets (``RowsXml``) and of the national-layout sheets (``grid.SheetXml``) are written by
us, kept in temporary files or compressed, and spliced into the saved file in place of the sheet's
rows: memory stays flat at any batch size.

Public API:
    Col(name, width=10, fmt=None), columns(*spec) -> the columns of a list sheet
    StreamedWorkbook(options, path): .sheet(name) / .reserve(name) / .splice(ws, rows)
        / .write_list(name, cols, rows, …) / .header_text(ws, title) / .save(path) / .discard()
    RowsXml: the data rows of a list sheet as sheet XML
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.export.options import ExportOptions
from core.export.safe import cell_value, cell_xml_tail, clean_text, sheet_name
from core.export.styles import Styles, lines_needed

if TYPE_CHECKING:
    from core.export.grid import SheetXml


# Column widths (characters) a landscape A4 page shows at 80 % or more: a list sheet up to this wide
# prints one page wide; a wider one (报告一览, 数据) prints in column groups at 100 %.
_FIT_WIDTH = 160


@dataclass(frozen=True)
class Col:
    """A column of a list sheet: header, width (character units), number format."""

    name: str
    width: float = 10
    fmt: str | None = None


def columns(*spec: tuple[str, float] | tuple[str, float, str]) -> tuple[Col, ...]:
    return tuple(Col(*s) for s in spec)


class RowsXml:
    """The data rows of a list sheet as sheet XML, in a temporary file (memory stays flat).

    openpyxl spends ~30 µs on each cell it writes; a 数据 sheet has millions. Text goes in as
    inline strings (never a formula, whatever it starts with), numbers as numbers; row 1 (the
    header) is openpyxl's.
    """

    def __init__(self, n_cols: int, formats: dict[int, int], wrap: dict[int, float]) -> None:
        import tempfile

        from openpyxl.utils import get_column_letter

        self.file = tempfile.TemporaryFile()
        self.letters = [get_column_letter(i) for i in range(1, n_cols + 1)]
        self.formats = formats
        self.wrap = wrap
        self.n_rows = 1
        self.last_ref = f"{self.letters[-1]}1"
        self.links: list[tuple[str, str]] = []  # (cell, location in this workbook)
        self.after_rows = b""  # sheet XML right after the rows (none: a list sheet has no merged cells)

    def write_rows(self, out: Any) -> None:
        import shutil

        self.file.seek(0)
        shutil.copyfileobj(self.file, out, 1 << 20)

    def close(self) -> None:
        self.file.close()

    def write_all(self, rows: Iterable[Sequence[Any]], links: dict[int, str] | None = None) -> int:
        """Rows from row 2; ``links``: data-row number (1-based) → sheet the row's column B links to."""
        buf: list[str] = []
        size = 0
        letters, formats, wrap = self.letters, self.formats, self.wrap
        caches: list[dict[str, str]] = [{} for _ in letters]  # per column: text → cell XML after its reference
        styled = [f' s="{formats[i]}"' if i in formats else "" for i in range(len(letters))]
        heads = [f'<c r="{x}' for x in letters]  # a cell's XML up to its row number
        plain_int = [i not in formats for i in range(len(letters))]  # an int goes in as <v> unstyled
        r = 1
        for values in rows:
            r += 1
            at = f'{r}"'
            cells = [f'<row r="{r}"']
            if wrap:
                lines = max((lines_needed(str(values[i]), w) for i, w in wrap.items() if values[i]), default=1)
                if lines > 1:
                    cells.append(f' ht="{14.0 * min(lines, 8)}" customHeight="1"')
            cells.append(">")
            for i, v in enumerate(values):
                t = type(v)
                if t is int and plain_int[i] and -(10**15) < v < 10**15:
                    cells.append(f"{heads[i]}{at}><v>{v}</v></c>")
                    continue
                if t is str:
                    if not v:
                        continue
                    cache = caches[i]
                    tail = cache.get(v)
                    if tail is None:
                        tail = self._tail(v, styled[i])
                        if len(cache) < 5_000:
                            cache[v] = tail
                elif v is None:
                    continue
                else:
                    tail = self._tail(v, styled[i])
                cells.append(f"{heads[i]}{at}{tail}")
            cells.append("</row>")
            if links and (r - 1) in links:
                target = links[r - 1].replace("'", "''")
                self.links.append((f"{letters[min(1, len(letters) - 1)]}{r}", f"'{target}'!A1"))
            line = "".join(cells)
            buf.append(line)
            size += len(line)
            if size > 1 << 20:
                self.file.write("".join(buf).encode("utf-8"))
                buf.clear()
                size = 0
        if buf:
            self.file.write("".join(buf).encode("utf-8"))
        self.n_rows = r
        self.last_ref = f"{letters[-1]}{r}"
        return r - 1

    @staticmethod
    def _tail(v: Any, style: str) -> str:
        return style + cell_xml_tail(cell_value(v))  # numbers Excel keeps exactly, else exact text


class StreamedWorkbook:
    """One streamed workbook: styles, sheet names, list sheets and official-layout sheets."""

    def __init__(self, options: ExportOptions, path: str = "") -> None:
        from openpyxl import Workbook

        self.path = path
        self.opts = options
        self.wb = Workbook(write_only=True)
        self._default_font()
        self.st = Styles(options)
        self.used: set[str] = set()
        self.sheets: list[str] = []
        self.spliced: list[tuple[Any, RowsXml | SheetXml]] = []  # sheets whose rows are written by us
        self.now = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")

    def _default_font(self) -> None:
        """Unstyled cells (most of a big list) in the body font, not Calibri."""
        from openpyxl.styles import Font
        from openpyxl.utils.indexed_list import IndexedList

        from core.export.styles import GB2312_CHARSET, body_font_name

        fonts = getattr(self.wb, "_fonts", None)
        if isinstance(fonts, IndexedList) and len(fonts) == 1:
            # openpyxl keeps the default font as the first of its private font list (no public setter)
            self.wb._fonts = IndexedList(  # type: ignore[attr-defined]
                [Font(name=body_font_name(self.opts), size=10.5, charset=GB2312_CHARSET)]
            )

    def save(self, path: Any) -> None:
        """Save (``atomic_save`` calls this): openpyxl writes the workbook and each sheet's frame, the
        rows we wrote (list sheets' data rows, official and 汇总 sheets) going into their sheets."""
        from core.export.splice import save_spliced

        try:
            save_spliced(self.wb, path, {id(ws): rows for ws, rows in self.spliced})
        finally:
            for _ws, rows in self.spliced:
                rows.close()

    def discard(self) -> None:
        """After a failure or cancellation: finish every open stream and remove its temporary file."""
        for _ws, rows in self.spliced:
            rows.close()
        for ws in getattr(self.wb, "_sheets", []):
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            with contextlib.suppress(Exception):
                if not ws.closed:
                    ws.close()
            with contextlib.suppress(Exception):
                writer.cleanup()

    def sheet(self, name: str, reserved: bool = False) -> Any:
        """A new streamed sheet; ``reserved``: ``name`` was already made unique by ``reserve``."""
        from core.export.splice import MemorySheet

        title = name if reserved else sheet_name(name, self.used)
        self.sheets.append(title)
        # openpyxl checks a new sheet's title against the list of every sheet's, built anew for each
        # sheet (quadratic: 1000 per-report sheets cost seconds); ours are unique already (self.used)
        wb: Any = self.wb  # openpyxl's private sheet list (no public way to skip the check)
        sheets, wb._sheets = wb._sheets, []
        try:
            ws = MemorySheet(parent=wb, title=title)
        finally:
            wb._sheets = sheets
        wb._add_sheet(ws)
        return ws

    def splice(self, ws: Any, rows: SheetXml) -> None:
        """Put ``rows`` (a sheet's rows as XML) into the saved file in place of ``ws``'s rows."""
        self.spliced.append((ws, rows))

    def reserve(self, name: str) -> str:
        """A unique sheet name for a sheet created later (links to it are written first)."""
        return sheet_name(name, self.used)

    def header_text(self, ws: Any, title: str) -> None:
        """Title, scope and date in the print header; page numbers in the footer."""
        unit = self.opts.unit
        left = f"{unit} " if unit else ""
        ws.oddHeader.left.text = clean_text(left + title, 200).replace("&", "&&")
        ws.oddHeader.right.text = f"导出时间：{self.now}"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        by = self.opts.reviewer or self.opts.exported_by
        if by:
            ws.oddFooter.right.text = clean_text(f"导出人：{by}", 200).replace("&", "&&")

    def write_list(
        self,
        name: str,
        cols: Sequence[Col],
        rows: Iterable[Sequence[Any]],
        *,
        repeat_col: str = "B",
        wrap: Sequence[int] = (),
        title: str = "",
        links: dict[int, str] | None = None,
    ) -> int:
        """A list sheet: header in row 1, one value per cell; returns the number of data rows.

        ``links``: data-row number (1-based) → name of a sheet of this workbook column B links to.
        """
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        ws = self.sheet(name)
        st = self.st
        for i, c in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        fit = sum(c.width for c in cols) <= _FIT_WIDTH
        if fit:  # sheet properties are written with the first row of a streamed sheet
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.freeze_panes = "C2" if repeat_col == "B" else "B2"
        header = []
        for c in cols:
            cell = WriteOnlyCell(ws)
            st.stamp(cell, font=st.header, alignment=st.center, border=st.border, fill=st.header_fill)
            cell.value = c.name
            header.append(cell)
        tall = max(lines_needed(c.name, c.width) for c in cols)
        ws.row_dimensions[1].height = 15.0 * min(3, tall) + 3
        ws.append(header)
        fmts: dict[int, int] = {}
        for i, c in enumerate(cols):
            if c.fmt:
                probe = WriteOnlyCell(ws)
                st.stamp(probe, number_format=c.fmt)
                fmts[i] = probe.style_id
        rows_xml = RowsXml(len(cols), fmts, {i: cols[i].width for i in wrap})
        n = rows_xml.write_all(rows, links)
        self.spliced.append((ws, rows_xml))
        last = get_column_letter(len(cols))
        ws.auto_filter.ref = f"A1:{last}{n + 1}"
        ws.print_title_rows = "1:1"
        ws.print_title_cols = f"{repeat_col}:{repeat_col}"
        self._list_print(ws, title or name, fit)
        return n

    def _list_print(self, ws: Any, title: str, fit: bool) -> None:
        """A4 landscape: a sheet a little wider than the page (``fit``) shrunk to one page wide; a wide
        one at 100 % in page-wide column groups (机关 repeated), not shrunk past reading."""
        ws.page_setup.paperSize = 9  # A4 (a streamed sheet has no PAPERSIZE_A4)
        ws.page_setup.orientation = "landscape"
        if fit:
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
        else:
            ws.page_setup.scale = 100
            ws.page_setup.pageOrder = "overThenDown"
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        self.header_text(ws, title)

