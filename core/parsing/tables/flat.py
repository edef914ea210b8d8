"""A whole table flattened onto one line (`` | `` between cells): cut back into rows.

Some browsers and CMS exports save a page's table as one long line, every cell separated by
`` | ``, the rows following each other with nothing between them. The cells are intact, only the
row breaks are lost; a row starts where a label follows a value (a number, a blank or an empty
mark), so the line is cut there. Within a piece, the labels before the row's own label (the
sub-table caption, the column headers) become a label line of their own, so the row keeps the
shape of a printed row: its label, then its values.
"""

from __future__ import annotations

from itertools import pairwise

from core.model import Span
from core.parsing.tables.cells import parse_token
from core.parsing.tables.text_grid import Cell, Line

# a line is a flattened table when it holds this many cells, labels and values
_MIN_CELLS = 20  # a Markdown or pipe row holds at most 16 (表四); a flattened table 30 or more


def _breaks(cells: list[Cell]) -> list[int]:
    """Indices where a new row starts: a label right after a value cell."""
    out = []
    for k in range(1, len(cells)):
        if cells[k].kind == "label" and cells[k - 1].kind != "label":
            out.append(k)
    return out


def _line(cells: list[Cell], text: str, base: int) -> Line:
    start, end = cells[0].start, cells[-1].end
    return Line(cells, Span(start, end), True, text[start - base : end - base])


def unflatten(lines: list[Line]) -> list[Line]:
    """The lines of a table region with each flattened table line cut back into its rows."""
    out: list[Line] = []
    for ln in lines:
        if ln is None or not ln.structured or len(ln.cells) < _MIN_CELLS or "\t" in ln.text:
            out.append(ln)
            continue
        breaks = _breaks(ln.cells)
        if not breaks and not (ln.cells[0].kind == "label" and ln.cells[-1].kind != "label"):
            out.append(ln)
            continue
        base = ln.span.start
        cells = list(ln.cells)
        stripped = ln.text.strip()
        if stripped.endswith("|") and not stripped.startswith("|"):
            # "… | 0 | ": not a Markdown row, so the bar closes a last (blank) cell
            end = ln.span.start + len(ln.text.rstrip())
            cells.append(Cell("", (end, end), parse_token("")))
        bounds = [0, *breaks, len(cells)]
        for a, b in pairwise(bounds):
            piece = cells[a:b]
            last = max((k for k, c in enumerate(piece) if c.kind == "label"), default=-1)
            if last > 0:
                head = [c for c in piece[:last] if c.text]
                if head:
                    out.append(_line(head, ln.text, base))
                piece = piece[last:]
            out.append(_line(piece, ln.text, base))
    return out
