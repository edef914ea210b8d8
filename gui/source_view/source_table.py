"""The source's table around a highlighted value, shown as a table (read-only grid).

The source text flattens a table into tab-separated lines that wrap and misalign; this view shows
the table the value was read from as rows and columns, with the value's cell selected:
- HTML, Word and PDF reports: the real table (``SourceDocument.grids``, merged cells kept);
- text and Markdown reports: the block of tab- or ``|``-separated lines around the value.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from core.model import Grid, Span

HEADER_MAX_WIDTH = 130  # logical pixels of the row-label header beside the grid …
HEADER_MAX_SHARE = 0.4  # … and at most this share of a narrow grid's width


@dataclass(frozen=True)
class SourceCell:
    """A cell of a source table: position, extent, text and where its text lies in the normalised text."""

    row: int
    col: int
    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1


def cells_from_grid(grid: Grid) -> list[SourceCell]:
    out = []
    for c in grid.cells:
        start, end = (c.span.start, c.span.end) if c.span is not None else (-1, -1)
        out.append(SourceCell(c.row, c.col, c.text, start, end, c.rowspan, c.colspan))
    return out


def _split_line(line: str, start: int) -> list[tuple[str, int, int]] | None:
    """A table line's cells with their offsets: tab-separated, or a Markdown ``| a | b |`` row."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        if set(stripped) <= set("|-: "):
            return []  # the Markdown rule line: no cells
        cells = []
        pos = line.index("|") + 1
        for part in stripped[1:].rstrip("|").split("|"):
            lead = len(part) - len(part.lstrip())
            cells.append((part.strip(), start + pos + lead, start + pos + lead + len(part.strip())))
            pos += len(part) + 1
        return cells
    if "\t" in line:
        cells = []
        pos = 0
        for part in line.split("\t"):
            cells.append((part.strip(), start + pos, start + pos + len(part)))
            pos += len(part) + 1
        return cells
    return None


def cells_from_text(text: str, at: int) -> list[SourceCell]:
    """The tab/``|`` table block of the normalised text around offset ``at`` (empty: not in a table)."""
    if not 0 <= at <= len(text):
        return []
    line_start = text.rfind("\n", 0, at) + 1
    lines: list[tuple[int, str]] = []
    # walk up and down from the line holding ``at`` while lines look like table rows
    pos = line_start
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        prev = text[prev_start : pos - 1]
        if _split_line(prev, prev_start) is None:
            break
        pos = prev_start
    while pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if _split_line(line, pos) is None:
            if pos > line_start:
                break
            return []  # the value's own line is not a table row
        lines.append((pos, line))
        if end >= len(text):
            break
        pos = end + 1
    out = []
    row = 0
    for start, line in lines:
        parts = _split_line(line, start) or []
        if not parts:
            continue
        for col, (cell, a, b) in enumerate(parts):
            out.append(SourceCell(row, col, cell, a, b))
        row += 1
    return out


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).replace(",", "").strip().lstrip("+-").isdigit()


def header_labels(cells: list[SourceCell]) -> tuple[list[list[str]], list[list[str]]]:
    """Each row's labels and each column's headers, outermost first: the texts of the cells left of
    the first column holding a number (for rows) and above the first row holding one (for columns).

    They head the grid's frozen vertical and horizontal headers, so that a cell scrolled into view
    still says which row and column it is in. Empty lists when the table holds no number.
    """
    numbers = [c for c in cells if _is_number(c.text)]
    n_rows = max((c.row + c.rowspan for c in cells), default=0)
    n_cols = max((c.col + c.colspan for c in cells), default=0)
    if not numbers:
        return [], []
    first_row = min(c.row for c in numbers)
    first_col = min(c.col for c in numbers)
    rows: list[list[str]] = [[] for _ in range(n_rows)]
    cols: list[list[str]] = [[] for _ in range(n_cols)]
    for c in sorted(cells, key=lambda c: (c.col, c.row)):
        if c.col < first_col and c.row >= first_row and c.text:
            for r in range(c.row, c.row + c.rowspan):
                if not rows[r] or rows[r][-1] != c.text:
                    rows[r].append(c.text)
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        if c.row < first_row and c.col >= first_col and c.text:
            for k in range(c.col, c.col + c.colspan):
                if not cols[k] or cols[k][-1] != c.text:
                    cols[k].append(c.text)
    return rows, cols


class SourceTableView(QTableWidget):
    """A read-only grid of one source table; the value's cell is selected. Its row labels and column
    headers are repeated in the view's own headers, which stay in view when it scrolls to the value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("source_table")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the most specific label heads a row or a column (elided); its tooltip has them all
        self.verticalHeader().setMaximumWidth(HEADER_MAX_WIDTH)
        self.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setStyleSheet("QTableWidget { gridline-color: #8c8c8c; }")
        self.cells: list[SourceCell] = []

    def show_cells(self, cells: list[SourceCell], at: Span | None) -> SourceCell | None:
        """Fill the grid; select and return the cell whose text holds ``at`` (None if none does)."""
        self.clear()
        self.clearSpans()
        self.cells = cells
        n_rows = max((c.row + c.rowspan for c in cells), default=0)
        n_cols = max((c.col + c.colspan for c in cells), default=0)
        self.setRowCount(n_rows)
        self.setColumnCount(n_cols)
        hit: SourceCell | None = None
        for c in cells:
            item = QTableWidgetItem(c.text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if _is_number(c.text):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(c.row, c.col, item)
            if c.rowspan > 1 or c.colspan > 1:
                self.setSpan(c.row, c.col, c.rowspan, c.colspan)
            if at is not None and c.start <= at.start < max(c.end, c.start + 1) and hit is None:
                hit = c
        self._set_headers(cells, n_rows, n_cols)
        self.resizeColumnsToContents()
        for k in range(n_cols):
            self.setColumnWidth(k, min(self.columnWidth(k), 220))
        self.resizeRowsToContents()
        if hit is not None:
            self.setCurrentCell(hit.row, hit.col)
            self.scrollToItem(self.item(hit.row, hit.col), QAbstractItemView.ScrollHint.PositionAtCenter)
            right = sum(self.columnWidth(k) for k in range(hit.col + hit.colspan))
            if right <= self.viewport().width():
                self.horizontalScrollBar().setValue(0)  # the row's label stays in view when the cell fits
        else:
            self.clearSelection()
            self.scrollToTop()
            self.horizontalScrollBar().setValue(0)
        return hit

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.verticalHeader().setMaximumWidth(min(HEADER_MAX_WIDTH, int(event.size().width() * HEADER_MAX_SHARE)))
        super().resizeEvent(event)

    def _set_headers(self, cells: list[SourceCell], n_rows: int, n_cols: int) -> None:
        rows, cols = header_labels(cells)
        self.verticalHeader().setVisible(any(rows))
        self.horizontalHeader().setVisible(any(cols))
        for axis, labels, setter in ((0, rows, self.setVerticalHeaderItem), (1, cols, self.setHorizontalHeaderItem)):
            for k in range(n_rows if axis == 0 else n_cols):
                path = labels[k] if k < len(labels) else []
                item = QTableWidgetItem(path[-1] if path else "")
                if path:
                    item.setToolTip(" › ".join(path))
                setter(k, item)
