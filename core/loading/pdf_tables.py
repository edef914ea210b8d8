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
    texts = extract_table(table)
    cells: list[tuple[str, tuple[float, float, float, float]]] = []
    for row, trow in zip(table.rows, texts, strict=False):  # type: ignore[attr-defined]
        for bbox, txt in zip(row.cells, trow, strict=False):
            if bbox is not None:
                x0, top, x1, bottom = (float(v) for v in bbox)
                cells.append((txt or "", (x0, top, x1, bottom)))
    if not cells:
        return None
    xs = _cluster([c[1][0] for c in cells] + [c[1][2] for c in cells])
    if len(xs) < 3:
        return None
    return TablePart(page, tuple(float(v) for v in table.bbox), cells, xs)  # type: ignore[attr-defined, arg-type]


def extract_table(table: object) -> list[list[str | None]]:
    """What pdfplumber's ``Table.extract()`` returns, without scanning every character of the page per row.

    The same rule (a character belongs to the cell holding the middle of its box) and the same
    text extraction; only the characters whose middle lies in the table are looked at, and each
    character's middle is computed once.
    """
    from pdfplumber import utils

    tx0, ttop, tx1, tbottom = table.bbox  # type: ignore[attr-defined]
    chars = []
    for ch in table.page.chars:  # type: ignore[attr-defined]
        v = (ch["top"] + ch["bottom"]) / 2
        h = (ch["x0"] + ch["x1"]) / 2
        if h >= tx0 and h < tx1 and v >= ttop and v < tbottom:
            chars.append((h, v, ch))
    out: list[list[str | None]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        rx0, rtop, rx1, rbottom = row.bbox
        row_chars = [c for c in chars if c[0] >= rx0 and c[0] < rx1 and c[1] >= rtop and c[1] < rbottom]
        arr: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                arr.append(None)
                continue
            x0, top, x1, bottom = cell
            cell_chars = [ch for h, v, ch in row_chars if h >= x0 and h < x1 and v >= top and v < bottom]
            arr.append(utils.extract_text(cell_chars) if cell_chars else "")
        out.append(arr)
    return out


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
                RawCell(
                    clean_cell_text(text),
                    offset + r0,
                    c0,
                    max(1, r1 - r0),
                    max(1, c1 - c0),
                    part.page,
                    (x0, top, x1, bottom),
                )
            )
        placed.append(cells)
        offset += max(1, len(ys) - 1)
    n_rows = offset
    for k in range(1, len(placed)):
        n_rows -= _drop_repeated_header(placed, k)
    for k in range(1, len(placed)):
        if _join_split_row(placed, k):
            n_rows -= 1
        else:
            _join_seam(placed, k)
    cells = [c for part in placed for c in part]
    n_cols = max(1, len(xs) - 1)
    cells = _dedupe(cells)
    return make_grid(cells, n_rows, n_cols, pages=tuple(p.page for p in parts))


def _dedupe(cells: list[RawCell]) -> list[RawCell]:
    seen: set[tuple[int, int]] = set()
    out = []
    for c in cells:
        if (c.row, c.col) in seen:
            continue
        seen.add((c.row, c.col))
        out.append(c)
    return out


def _drop_repeated_header(placed: list[list[RawCell]], k: int) -> int:
    """Remove header rows that Word repeats at the top of a continued table ("重复标题行").

    Returns the number of rows removed from part k (later rows and parts move up).
    """
    first, part = placed[0], placed[k]
    if not first or not part:
        return 0
    top0 = min(c.row for c in first)
    topk = min(c.row for c in part)

    def signature(cells: list[RawCell], top: int, r: int) -> list[tuple[int, int, int, str]]:
        return sorted((c.col, c.colspan, c.rowspan, c.text) for c in cells if c.row == top + r)

    rows_k = max(c.row + c.rowspan for c in part) - topk
    m = 0
    while m < rows_k - 1:
        sig = signature(part, topk, m)
        if not sig or sig != signature(first, top0, m) or any(_is_number(t) for *_, t in sig):
            break
        m += 1
    # only whole rows: no header cell may reach below the rows removed
    while m and any(c.row < topk + m < c.row + c.rowspan for c in part):
        m -= 1
    if not m:
        return 0
    placed[k] = [c for c in part if c.row >= topk + m]
    for later in placed[k:]:
        for c in later:
            c.row -= m
    return m


def _is_number(text: str) -> bool:
    return bool(text) and bool(_NUMERIC_RE.match(text)) and any(ch.isdigit() for ch in text)


def _join_split_row(placed: list[list[RawCell]], k: int) -> bool:
    """Join one table row that the page break cut in two ("允许跨行断页").

    The last row of part k-1 and the first row of part k are halves of one row when their
    cells line up column for column, one half holds the row's numbers while the other half's
    cells in those columns are empty, and the lower half does not start a new numbered label.
    The halves' texts are joined, the lower row disappears, and later rows move up by one.
    """
    above, below = placed[k - 1], placed[k]
    if not above or not below:
        return False
    seam = min(c.row for c in below)
    top_half = {(c.col, c.colspan): c for c in above if c.row + c.rowspan == seam}
    low_half = [c for c in below if c.row == seam]
    pairs = []
    for b in low_half:
        a = top_half.get((b.col, b.colspan))
        if a is None:
            return False
        pairs.append((a, b))
    if len(pairs) != len(top_half):
        return False
    numbers_above = [a for a, b in pairs if a.row == seam - 1 and _is_number(a.text)]
    numbers_below = [b for a, b in pairs if _is_number(b.text)]
    if bool(numbers_above) == bool(numbers_below):
        return False  # both halves hold numbers (two rows) or neither does (nothing to tell)
    for a, b in pairs:
        if a.text and b.text and (_is_number(a.text) or _is_number(b.text)):
            return False
        if b.text and _NUMBERED_RE.match(b.text) and a.row == seam - 1:
            return False
    for a, b in pairs:
        a.text += b.text
        a.rowspan += b.rowspan - 1
    ids = {id(b) for _, b in pairs}
    for part in placed[k:]:
        for c in part:
            if c.row > seam:
                c.row -= 1
    placed[k] = [c for c in below if id(c) not in ids]
    return True


def _label_right(cell: RawCell, cells: list[RawCell], seam: int) -> bool:
    """A text (sub-label) cell to the right of ``cell`` on the seam row: ``cell`` is a group label."""
    for c in cells:
        on_seam = c.row + c.rowspan == seam if c.row < seam else c.row == seam
        if on_seam and c.col >= cell.col + cell.colspan and c.text and not _NUMERIC_RE.match(c.text):
            return True
    return False


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
        if (
            b.text
            and a.rowspan == 1
            and b.rowspan == 1
            and not (_label_right(a, above, seam) and _label_right(b, below, seam))
        ):
            continue  # two one-row labels of plain rows: two rows, not one label cut in two
        a.text += b.text
        a.rowspan += b.rowspan
        remove.append(b)
    if remove:
        ids = {id(c) for c in remove}
        placed[k] = [c for c in below if id(c) not in ids]
