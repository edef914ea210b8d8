"""Assemble a loader's blocks (paragraphs, grids) into a normalised SourceDocument."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from core.lazy_re import lazy_compile
from core.loading.limits import MAX_GRID_CELLS, MAX_GRID_COLUMNS, MAX_TEXT_CHARS, text_too_long
from core.model import Grid, GridCell, PageBox, SourceDocument, Span

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WS_CJK_RE = lazy_compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_WS_RE = lazy_compile("\\s+")
_PLAIN_RE = lazy_compile("[^\\s\u00a0\u3000\u200b]*")


def clean_cell_text(text: str) -> str:
    """Cell text as one line: whitespace between CJK characters dropped, other runs → one space."""
    if _PLAIN_RE.fullmatch(text):
        return text  # the common case: "12", "规章", "/" — nothing to clean
    stripped = text.strip()
    if _PLAIN_RE.fullmatch(stripped):
        return stripped  # "\n12\n" from <td><p>12</p></td>: only the edges to clean
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\u200b", "")
    text = _WS_CJK_RE.sub("", text.strip())
    return _WS_RE.sub(" ", text)


@dataclass
class RawCell:
    """A cell as a loader reads it, before placement in the text."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


def make_grid(cells: list[RawCell], n_rows: int, n_cols: int, pages: tuple[int, ...] = ()) -> Grid:
    """A Grid from placed raw cells (text cleaned; spans filled in later by the builder)."""
    out = [
        GridCell(clean_cell_text(c.text), c.row, c.col, c.rowspan, c.colspan, page=c.page, bbox=c.bbox) for c in cells
    ]
    out.sort(key=lambda c: (c.row, c.col))
    return Grid(out, n_rows, n_cols, pages=pages)


def place_grid(rows: list[list[tuple[str, int, int]]]) -> Grid:
    """A Grid from HTML-style rows of ``(text, rowspan, colspan)`` (cell text cleaned).

    Slots taken by a rowspan from above are skipped, as browsers do. Spans are clamped to the
    table (a rowspan past the last row ends there) and to sane sizes.

    Raises:
        ValueError: the table is over ``MAX_GRID_COLUMNS`` columns or ``MAX_GRID_CELLS`` cells.
    """
    # Slots as integers row * MAX_GRID_COLUMNS + col: every placed cell ends before that column
    # (checked), so they are distinct; cells come out ordered by row, then column.
    width = MAX_GRID_COLUMNS
    taken: set[int] = set()
    cells: list[GridCell] = []
    n_rows = len(rows)
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        base = r * width
        for text, rowspan, colspan in row:
            while base + c in taken:
                c += 1
            if rowspan == 1 and colspan == 1:
                if len(taken) >= MAX_GRID_CELLS or c >= width:
                    raise ValueError("table too large")
                taken.add(base + c)
            else:
                rowspan = max(1, min(rowspan, n_rows - r, 1000))
                colspan = max(1, min(colspan, 1000))
                if len(taken) + rowspan * colspan > MAX_GRID_CELLS or c + colspan > width:
                    raise ValueError("table too large")
                for rr in range(r, r + rowspan):
                    taken.update(range(rr * width + c, rr * width + c + colspan))
            cells.append(GridCell(clean_cell_text(text), r, c, rowspan, colspan))
            c += colspan
            if c > n_cols:
                n_cols = c
    return Grid(cells, n_rows, n_cols)


@dataclass
class DocBuilder:
    """Collects the original text block by block; grids are rendered as tab-separated rows."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    grids: list[Grid] = field(default_factory=list)
    grid_orig: list[tuple[tuple[int, int], list[tuple[int, int]]]] = field(default_factory=list)
    protected: list[tuple[int, int]] = field(default_factory=list)
    soft_breaks: list[int] = field(default_factory=list)
    pages: list[tuple[PageBox, int, int]] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # → SourceDocument.notes (findings)

    def add(self, text: str) -> None:
        """Append raw text.

        Raises:
            LimitExceeded: the document passed ``MAX_TEXT_CHARS`` characters.
        """
        if text:
            self.parts.append(text)
            self.length += len(text)
            if self.length > MAX_TEXT_CHARS:
                raise text_too_long(self.length)

    def table_too_large(self, n_rows: int, n_cols: int, text: str) -> None:
        """A table over the grid limits: its text is kept as a paragraph and a finding says why."""
        self.notes.append(
            (
                "load.table_too_large",
                f"文件中有一个表格过大（{n_rows} 行 × {n_cols} 列，上限为 {MAX_GRID_COLUMNS} 列、"
                f"{MAX_GRID_CELLS} 个单元格），未按表格读取，其中的数值没有读取。",
            )
        )
        self.paragraph(text)

    def newline(self) -> None:
        """End the current line (no blank line)."""
        if self.length and not self._ends_with("\n"):
            self.add("\n")

    def paragraph(self, text: str) -> None:
        """Append a paragraph on its own line."""
        self.newline()
        self.add(text)
        self.newline()

    def soft_break(self) -> None:
        """A newline that is a hard wrap inside a paragraph (removed by normalisation)."""
        self.soft_breaks.append(self.length)
        self.add("\n")

    def grid(self, grid: Grid) -> None:
        """Append a grid, one line per row, n_cols fields joined by tabs."""
        self.newline()
        start = self.length
        by_slot = {(c.row, c.col): i for i, c in enumerate(grid.cells)}
        spans: list[tuple[int, int]] = [(0, 0)] * len(grid.cells)
        pieces: list[str] = []  # one add() for the whole table: this runs for every cell
        at = self.length
        for r in range(grid.n_rows):
            for k in range(grid.n_cols):
                if k:
                    pieces.append("\t")
                    at += 1
                i = by_slot.get((r, k))
                if i is not None:
                    t = grid.cells[i].text
                    spans[i] = (at, at + len(t))
                    pieces.append(t)
                    at += len(t)
            pieces.append("\n")
            at += 1
        self.add("".join(pieces))
        self.grids.append(grid)
        self.grid_orig.append(((start, self.length), spans))
        self.protected.append((start, self.length))

    def page(self, box: PageBox, start: int) -> None:
        """Record a PDF page covering original text from ``start`` to the current end."""
        self.pages.append((box, start, self.length))

    def _ends_with(self, s: str) -> bool:
        return bool(self.parts) and self.parts[-1].endswith(s)

    def build(self, path: str, form: str, *, encoding: str | None = None, join_lines: bool = True) -> SourceDocument:
        """Normalise the collected text and map grid/page spans into it."""
        from core.loading.normalize import is_metadata_line, normalize

        original = "".join(self.parts)
        norm = normalize(
            original, form=form, protected=self.protected, soft_breaks=self.soft_breaks, join_lines=join_lines
        )
        offs = norm.offsets
        text = norm.text

        def pos(orig_index: int) -> int:
            return bisect.bisect_left(offs, orig_index)

        for grid, ((gs, ge), spans) in zip(self.grids, self.grid_orig, strict=True):
            ps, pe = pos(gs), pos(ge)
            grid.span = Span(ps, pe)
            if pe - ps == ge - gs and (ps == pe or offs[ps] == gs):
                # nothing removed inside the table (the common case): offsets strictly increase
                # (normalisation replaces a run by at most one character), so the map is a shift
                shift = ps - gs
                for cell, (s, e) in zip(grid.cells, spans, strict=True):
                    ts, te = s + shift, e + shift
                    cell.span = Span(ts, te)
                    cell.text = text[ts:te]
                continue
            for cell, (s, e) in zip(grid.cells, spans, strict=True):
                ts, te = pos(s), pos(e)
                cell.span = Span(ts, te)
                cell.text = text[ts:te]
        meta_rows = [
            " ".join(c.text for c in row if c.text)
            for grid in self.grids
            if len(grid.cells) <= 60
            for row in grid.rows()
            if any(is_metadata_line(c.text + "：") or is_metadata_line(c.text) for c in row if c.text)
        ]
        pages = []
        for box, s, e in self.pages:
            box.span = Span(pos(s), pos(e))
            pages.append(box)
        if text == original:
            text = original  # one string, not two equal ones (kept once when the report is sent or saved)
        return SourceDocument(
            path=path,
            form=form,
            original=original,
            text=text,
            offsets=offs,
            grids=self.grids,
            boilerplate=self.boilerplate + norm.boilerplate + meta_rows,
            pages=pages,
            encoding=encoding,
            notes=list(self.notes),
        )
