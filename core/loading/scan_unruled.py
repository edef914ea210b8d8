"""Tables without ruling lines on a page image: the grid from the geometry of the OCR boxes.

A scanned table printed without rules reads, box by box, as lines with wide gaps. Here those
lines become the same ``ScanTable`` (cells with boxes, text and confidence) that ``scan_tables``
makes of a ruled table, so the grid, its page boxes and every OCR doubt work the same way:

* **Table blocks.** Text lines (``group_lines``) with at least two pieces far apart are table
  lines; a run of them, with up to a few single-piece lines between (a label's second line, a
  sub-table's title), is one table when it holds numbers. A larger-type line (a section heading)
  or a line as wide as prose ends the run.
* **Columns.** Every number of the block, and every narrow header piece, is an interval on the x
  axis; overlapping intervals are one column (numbers left-, right- or centre-aligned in a column
  overlap). What lies left of the first column is the row label. A table whose rows of numbers
  begin with a number (表四: 行政复议 结果维持 is its first column) has no label column: every
  column is a value column, its first one read and checked like the others.
* **Rows.** A line with a number or a header piece right of the label is a row; a line with label
  text only belongs to the row next to it when it touches it (the second line of a wrapped label),
  else it is a row of its own (a label line is a row with unread numbers when ink no recognised
  box covers lies right of it). Header lines that continue the one above (every piece under a piece
  of it: "结果维" over "持") are one row. Row edges lie halfway between rows.
* **Cells.** Every row × column is a cell box. Numeric cells are filled like ruled ones
  (``scan_tables.fill_cells``): a box running into the next cell or an empty cell with ink is read
  again from its own crop, a blot is left out and flagged, an odd reading is read as a number.
  A label box that runs into the first number keeps only its part left of the column.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from core.loading.ocr_engine import OcrBox
from core.loading.scan_tables import (
    CJK_RE,
    UNREADABLE,
    Reader,
    ScanCell,
    ScanTable,
    binarise,
    fill_cells,
    group_lines,
    has_ink,
    join_boxes,
    reread_numbers,
)

_NUMERIC_RE = re.compile(r"^(?:[+-]?\d[\d,，]*(?:\.\d+)?%?|/|／|-|—|——|－|无)$")
_MAX_GAP_LINES = 4  # single-piece lines allowed between two table lines of one table
Box = tuple[float, float, float, float]


@dataclass
class _Line:
    boxes: list[OcrBox]
    pieces: list[list[OcrBox]]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # the line's text height (pixels)

    @property
    def tabbed(self) -> bool:
        return len(self.pieces) >= 2


@dataclass
class _Row:
    lines: list[_Line] = field(default_factory=list)
    numeric: bool = False

    @property
    def top(self) -> float:
        return min(ln.top for ln in self.lines)

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self.lines)


def numeric(text: str) -> bool:
    """A single number or empty mark as a table prints it (stray dots and commas around it ignored)."""
    return bool(_NUMERIC_RE.match(text.strip().strip(".。,，、·").replace(" ", "")))


def find_unruled_tables(
    gray: Any, boxes: list[OcrBox], reread: Reader | None = None, numbers: Reader | None = None
) -> tuple[list[ScanTable], list[OcrBox]]:
    """Tables without rules on a deskewed page, and the OCR boxes that lie outside them.

    Args:
        gray: the page (uint8, dark text on light paper).
        boxes: the OCR boxes not in any ruled table (same pixel space).
        reread, numbers: as for ``scan_tables.find_tables``.

    Returns:
        (tables in top-to-bottom order, the boxes not used by any of them).
    """
    if len(boxes) < 4:
        return [], boxes
    lines = [_line(ln) for ln in group_lines(boxes)]
    page_width = float(gray.shape[1])
    ink = None
    tables: list[ScanTable] = []
    used: set[int] = set()
    for block in _blocks(lines, page_width):
        if ink is None:
            ink = binarise(gray)
        table = _table(block, gray, ink, reread, numbers)
        if table is None:
            continue
        tables.append(table)
        used.update(id(b) for ln in block for b in ln.boxes)
    rest = [b for b in boxes if id(b) not in used]
    return tables, rest


def _line(boxes: list[OcrBox]) -> _Line:
    size = statistics.median(b.height for b in boxes)
    pieces: list[list[OcrBox]] = [[boxes[0]]]
    for b in boxes[1:]:
        last = pieces[-1][-1]
        if b.box[0] - last.box[2] > 2 * max(size, 1.0):
            pieces.append([b])
        else:
            pieces[-1].append(b)
    return _Line(
        boxes,
        pieces,
        min(b.box[1] for b in boxes),
        max(b.box[3] for b in boxes),
        min(b.box[0] for b in boxes),
        max(b.box[2] for b in boxes),
        size,
    )


def _numbers_in(line: _Line) -> int:
    return sum(1 for p in line.pieces[1:] if numeric("".join(b.text for b in p)))


def _blocks(lines: list[_Line], page_width: float) -> list[list[_Line]]:
    """Runs of table lines (see the module docstring) that hold at least two numbers."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    pending: list[_Line] = []  # single-piece lines since the last table line

    def close() -> None:
        if sum(1 for ln in current if ln.tabbed) >= 2 and sum(_numbers_in(ln) for ln in current) >= 2:
            # a label's last lines after the last row (left of every number) belong to it too
            right = min((p[0].box[0] for ln in current for p in ln.pieces[1:]), default=0.0)
            tail: list[_Line] = []
            for ln in pending:
                if ln.x1 < right and ln.top - (tail or current)[-1].bottom < 1.5 * ln.size:
                    tail.append(ln)
                else:
                    break
            blocks.append(current + tail)

    for ln in lines:
        if ln.tabbed and not _breaks(ln, current, page_width):
            if current and len(pending) <= _MAX_GAP_LINES:
                current.extend(pending)
            else:
                if current:
                    close()
                current = []
            current.append(ln)
            pending = []
            continue
        if current and (_breaks(ln, current, page_width) or len(pending) >= _MAX_GAP_LINES):
            close()
            current, pending = [], []
            continue
        if current:
            pending.append(ln)
    if current:
        close()
    return blocks


def _breaks(line: _Line, block: list[_Line], page_width: float) -> bool:
    """A line that cannot be inside this table: larger type (a heading) or as wide as prose."""
    if not block:
        return False
    size = statistics.median(ln.size for ln in block if ln.tabbed)
    if line.size > 1.3 * size:
        return True
    return not line.tabbed and line.x1 - line.x0 > 0.6 * page_width


def _labelled(block: list[_Line]) -> bool:
    """Whether the table has a row-label column: some line with numbers begins with Chinese text.

    表四 has none: its first column is a value column (行政复议 结果维持), and its one row of numbers
    begins with a number.
    """
    rows = [ln for ln in block if _numbers_in(ln)]
    return any(CJK_RE.search(_text(ln.pieces[0])) for ln in rows)


def _number_row(line: _Line) -> bool:
    """A line of three or more pieces, no Chinese, at least two numbers: a row of values without a label
    (a misread digit, "O", among them)."""
    texts = [_text(p) for p in line.pieces]
    return len(texts) >= 3 and not any(CJK_RE.search(t) for t in texts) and sum(map(numeric, texts)) >= 2


def _text(piece: list[OcrBox]) -> str:
    return "".join(b.text for b in piece)


def _columns(block: list[_Line], labelled: bool = True) -> list[tuple[float, float]]:
    """The value columns (x intervals, pixels) from the numbers and narrow header pieces.

    A line's first piece is its row label, unless the table has no label column (``labelled``).
    """
    nums: list[tuple[float, float]] = []
    heads: list[tuple[float, float]] = []
    for ln in block:
        for p in ln.pieces[0 if not labelled else 1 :]:
            span = (min(b.box[0] for b in p), max(b.box[2] for b in p))
            (nums if numeric("".join(b.text for b in p)) else heads).append(span)
    # every word that is no number, one by one (a label's words lie left of every column: never in a gap)
    words = [(b.box[0], b.box[2]) for ln in block for p in ln.pieces for b in p if not numeric(_text(p))]
    if not nums:
        return []
    size = statistics.median(ln.size for ln in block)
    cols = _merge(nums, 0.2 * size)
    width = statistics.median(b - a for a, b in cols) if cols else size
    gap = statistics.median(b[0] - a[1] for a, b in itertools.pairwise(cols)) if len(cols) > 1 else 4 * size
    for a, b in heads:
        if labelled and a < cols[0][0] - gap:
            continue  # left of the first column: a label, not a column header
        if b - a <= max(3 * width, 3 * size) and not any(
            a < c1 + 0.2 * size and b > c0 - 0.2 * size for c0, c1 in cols
        ):
            cols = _merge([*cols, (a, b)], 0.2 * size)  # a column whose numbers OCR did not find
    return _fill_gaps(cols, words, width, size)


def _fill_gaps(
    cols: list[tuple[float, float]], words: list[tuple[float, float]], width: float, size: float
) -> list[tuple[float, float]]:
    """A column missing where two columns lie twice as far apart as the others: its header word there.

    Header words close together form one piece ("科研机构" and "组织" of the next column's
    two-line header), which overlaps a column and so adds none; one word alone in the gap does.
    """
    if len(cols) < 3:
        return cols
    pitch = statistics.median(b[0] - a[0] for a, b in itertools.pairwise(cols))
    for left, right in list(itertools.pairwise(cols)):
        if right[0] - left[0] < 1.6 * pitch:
            continue
        inside = [
            (a, b)
            for a, b in words
            if a > left[1] + 0.2 * size and b < right[0] - 0.2 * size and b - a <= max(3 * width, 3 * size)
        ]
        if inside:
            cols = _merge([*cols, *inside], 0.2 * size)
    return cols


def _merge(spans: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + tol:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _rows(block: list[_Line], label_right: float, right_edge: float, ink: Any) -> list[_Row]:
    """The block's lines grouped into table rows (see the module docstring)."""
    anchors: list[_Row] = []
    loose: list[_Line] = []
    unread = _unread_ink(block, ink)
    for ln in block:
        right = [p for p in ln.pieces if min(b.box[0] for b in p) >= label_right]
        if right:
            is_num = any(numeric("".join(b.text for b in p)) for p in right)
            anchors.append(_Row([ln], is_num))
        elif has_ink(unread[int(ln.top) : int(ln.bottom) + 1, int(label_right) : int(right_edge)]):
            anchors.append(_Row([ln], True))  # a label with marks OCR did not read: its numbers are read below
        else:
            loose.append(ln)
    # header lines continuing the line above (no number yet): one row
    merged: list[_Row] = []
    for row in anchors:
        if merged and not row.numeric and not merged[-1].numeric and _continues(merged[-1], row.lines[0], label_right):
            merged[-1].lines.append(row.lines[0])
        else:
            merged.append(row)
    rows = merged
    for ln in loose:
        best, gap = None, 0.0
        for row in rows:
            g = max(row.top - ln.bottom, ln.top - row.bottom)
            if best is None or g < gap:
                best, gap = row, g
        if best is not None and gap <= 0.25 * ln.size:  # the label's next line (cells' lines touch)
            best.lines.append(ln)
        else:
            rows.append(_Row([ln]))
    rows.sort(key=lambda r: r.top)
    return rows


def _unread_ink(block: list[_Line], ink: Any) -> Any:
    """The ink of the block's rows that no recognised box covers (the boxes blanked, with a small margin).

    A wrapped label's lines overlap the row of numbers beside them (OCR boxes of adjacent lines
    overlap by a few pixels): those numbers, already read, are not marks OCR missed on the label's line.
    """
    top = max(0, int(min(ln.top for ln in block)) - 2)
    bottom = int(max(ln.bottom for ln in block)) + 3
    free = ink.copy()
    region = free[top:bottom]
    for ln in block:
        for b in ln.boxes:
            region[
                max(0, int(b.box[1]) - 2 - top) : int(b.box[3]) + 3 - top, max(0, int(b.box[0]) - 2) : int(b.box[2]) + 3
            ] = 0
    return free


def _continues(row: _Row, line: _Line, label_right: float) -> bool:
    """Every piece of ``line`` right of the label lies under a piece of the row's last line, close below."""
    above = row.lines[-1]
    if line.top - above.bottom > 0.8 * line.size:
        return False
    spans = [(min(b.box[0] for b in p), max(b.box[2] for b in p)) for p in above.pieces]
    mine = [p for p in line.pieces if min(b.box[0] for b in p) >= label_right]
    return all(any(min(b.box[0] for b in p) < s1 and max(b.box[2] for b in p) > s0 for s0, s1 in spans) for p in mine)


def _table(block: list[_Line], gray: Any, ink: Any, reread: Reader | None, numbers: Reader | None) -> ScanTable | None:
    labelled = _labelled(block)
    if not labelled and not any(_number_row(ln) for ln in block):
        return None  # no label column and no row of numbers (表四's): not a statistics table
    cols = _columns(block, labelled)
    if not cols:
        return None
    size = statistics.median(ln.size for ln in block)
    pad = 0.4 * size
    left = min(ln.x0 for ln in block) - pad
    if labelled:
        label_right = cols[0][0] - pad
        if label_right - left < size:  # numbers under the labels: not a statistics table
            return None
        edges = [left, label_right]
    else:
        label_right = left = min(left, cols[0][0] - pad)
        edges = [left]
    first = 1 if labelled else 0  # the first value column
    edges += [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(cols)]
    right = max(cols[-1][1], max(ln.x1 for ln in block)) + pad
    edges.append(right)
    rows = _rows(block, label_right, right, ink)
    if len(rows) < 2:
        return None
    h, w = gray.shape[:2]
    ys = [max(0.0, rows[0].top - pad)]
    for upper, lower in itertools.pairwise(rows):
        if lower.top > upper.bottom:
            ys.append((upper.bottom + lower.top) / 2)
        else:  # overlapping rows (tall labels): halfway between their middles
            ys.append((upper.top + upper.bottom + lower.top + lower.bottom) / 4)
    ys.append(min(float(h - 1), rows[-1].bottom + pad))
    edges = [max(0.0, min(float(w - 1), x)) for x in edges]
    grid: list[list[ScanCell]] = [
        [ScanCell((edges[c], ys[r], edges[c + 1], ys[r + 1])) for c in range(len(edges) - 1)] for r in range(len(rows))
    ]
    first_numeric = next((r for r, row in enumerate(rows) if row.numeric), len(rows))
    for r, row in enumerate(rows):
        cells = grid[r]
        boxes = [b for ln in row.lines for b in ln.boxes]
        label: list[OcrBox] = []
        values: list[OcrBox] = []
        for b in boxes:
            cx = (b.box[0] + b.box[2]) / 2
            if cx < label_right:
                if b.box[2] > label_right + 0.25 * b.height:
                    b = _clip(b, label_right)  # "…只计这一情形。不0": the 0 is read from its own cell
                if b.text:
                    label.append(b)
            else:
                values.append(b)
        if labelled:
            cells[0].boxes = label
            if label:
                cells[0].text = join_boxes(label)
                cells[0].score = min(b.score for b in label)
        if r < first_numeric:  # a header row: each piece in the column of its centre, as printed
            for b in values:
                cx = (b.box[0] + b.box[2]) / 2
                cell = next((c for c in cells[first:] if c.box[0] <= cx < c.box[2]), cells[-1])
                cell.boxes.append(b)
            for c in cells[first:]:
                if c.boxes:
                    c.text, c.score = join_boxes(c.boxes), min(b.score for b in c.boxes)
            continue
        fill_cells(cells[first:], values, set(), gray, ink, reread)
        if numbers is not None:
            reread_numbers(cells[first:], gray, ink, numbers)
        for c in cells[first:]:
            if c.text and c.text != UNREADABLE and not numeric(c.text) and not CJK_RE.search(c.text):
                c.text, c.score = UNREADABLE, 0.0  # "II" for 11 in a row of numbers: left out, flagged
    table_box = (edges[0], ys[0], edges[-1], ys[-1])
    return ScanTable(table_box, [c for row_cells in grid for c in row_cells])


def _clip(b: OcrBox, x: float) -> OcrBox:
    """The part of a box left of ``x``: its characters placed by width (CJK twice a digit's)."""
    weights = [1.0 if ord(ch) > 0x2E7F else 0.55 for ch in b.text]
    total = sum(weights) or 1.0
    scale = (b.box[2] - b.box[0]) / total
    pos, keep = b.box[0], 0
    for k, wgt in enumerate(weights):
        if pos + wgt * scale / 2 > x:
            break
        pos += wgt * scale
        keep = k + 1
    text = b.text[:keep].rstrip()
    return OcrBox(text, b.score, (b.box[0], b.box[1], min(b.box[2], x), b.box[3]))
