"""Tables on a page image: cells from the ruling lines (OpenCV morphology), text from the OCR boxes.

A ruled table is found as a connected set of long horizontal and vertical strokes; every white
region the strokes enclose is one cell, so merged cells come out as one region without any span
logic here. The cells' boxes (in page points) go into a ``pdf_tables.TablePart`` exactly as the
text-PDF loader builds them, and ``join_parts`` places them on the same kind of grid.

Each cell's text is the OCR boxes whose centre lies in it, in reading order, with the lowest
confidence among them. A cell with ink but no recognised text is ``UNREADABLE``: its value is left
out (never guessed as empty) and flagged by ``core.validation.ocr``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.lazy_re import lazy_compile
from core.loading.ocr_engine import OcrBox
from core.templates import UNREADABLE  # the text of a cell with ink OCR could not read


@dataclass
class ScanCell:
    """A table cell found on the image: its box (pixels), text and confidence (None: empty cell)."""

    box: tuple[float, float, float, float]
    text: str = ""
    score: float | None = None
    boxes: list[OcrBox] = field(default_factory=list)
    smudged: bool = False  # a blot over the cell: never read


@dataclass
class ScanTable:
    """A ruled table on one page image: its outer box and cells (pixels)."""

    box: tuple[float, float, float, float]
    cells: list[ScanCell]


Reader = Callable[[list[Any]], list[tuple[str, float]]]


def find_tables(
    gray: Any, boxes: list[OcrBox], reread: Reader | None = None, numbers: Reader | None = None
) -> tuple[list[ScanTable], list[OcrBox]]:
    """Ruled tables on a deskewed greyscale page, and the OCR boxes that lie outside every table.

    Args:
        gray: the page (uint8, dark text on light paper).
        boxes: the page's OCR boxes (same pixel space).
        reread: recognition without detection for crops (``ocr_engine.read_crops``): a cell with ink
            where detection found nothing, or whose text box runs into the next cell, is read again
            from its own crop.
        numbers: recognition restricted to digits (``ocr_engine.read_numbers``) for a cell read as a
            few non-Chinese characters that are not a number ("à", "B3"): a faint digit misread.

    Returns:
        (tables in top-to-bottom order, the boxes not used by any table).
    """
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    ink = binarise(gray)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 25), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 50))))
    # close small gaps in the strokes (speckle, a faint scan) so each cell is enclosed
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    grid = cv2.bitwise_or(horiz, vert)
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    tables: list[ScanTable] = []
    used: set[int] = set()
    for k in range(1, n):
        x, y, bw, bh, _area = (int(v) for v in stats[k])
        if bw < w * 0.25 or bh < h * 0.03:
            continue  # a rule under a heading, a stray stroke: not a table
        region = grid[y : y + bh, x : x + bw].copy()
        # the table's outline: a faint or smudged outer rule still closes the cells along it
        cv2.rectangle(region, (0, 0), (bw - 1, bh - 1), 255, 3)
        hsum = int(np.count_nonzero(horiz[y : y + bh, x : x + bw].any(axis=1)))
        vsum = int(np.count_nonzero(vert[y : y + bh, x : x + bw].any(axis=0)))
        if hsum < 2 or vsum < 2:
            continue
        cells = _cells(region, x, y)
        if len(cells) < 4:
            continue
        fill_cells(cells, boxes, used, gray, ink, reread)
        for i, b in enumerate(boxes):  # text inside the table but in no cell is not prose either
            cx, cy = (b.box[0] + b.box[2]) / 2, (b.box[1] + b.box[3]) / 2
            if x <= cx <= x + bw and y <= cy <= y + bh:
                used.add(i)
        if numbers is not None:
            reread_numbers(cells, gray, ink, numbers)
        tables.append(ScanTable((float(x), float(y), float(x + bw), float(y + bh)), cells))
    tables.sort(key=lambda t: t.box[1])
    rest = [b for i, b in enumerate(boxes) if i not in used]
    return tables, rest


def binarise(gray: Any) -> Any:
    import cv2

    # adaptive: a grey or unevenly lit scan still gives clean strokes
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def _cells(region: Any, x0: int, y0: int) -> list[ScanCell]:
    """The white regions enclosed by the table's strokes, as cell boxes (page pixels)."""
    import cv2

    rh, rw = region.shape[:2]
    free = cv2.bitwise_not(region)
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    cells = []
    for k in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[k])
        if x == 0 or y == 0 or x + bw >= rw or y + bh >= rh:
            continue  # the outside of the table (touches the region's edge)
        if bw < 8 or bh < 8 or area < 0.5 * bw * bh:
            continue  # a gap in a stroke, a speck
        cells.append(ScanCell((float(x0 + x), float(y0 + y), float(x0 + x + bw), float(y0 + y + bh))))
    return cells


def fill_cells(
    cells: list[ScanCell], boxes: list[OcrBox], used: set[int], gray: Any, ink: Any, reread: Reader | None
) -> None:
    """Give each cell the OCR boxes whose centre lies in it; read again or mark what is missing."""
    again: list[ScanCell] = []
    for i, b in enumerate(boxes):
        cx, cy = (b.box[0] + b.box[2]) / 2, (b.box[1] + b.box[3]) / 2
        for c in cells:
            x0, t0, x1, b1 = c.box
            if x0 - 2 <= cx <= x1 + 2 and t0 - 2 <= cy <= b1 + 2:
                used.add(i)
                if b.box[0] < x0 - 0.25 * b.height or b.box[2] > x1 + 0.25 * b.height:
                    # one box over two cells ("0 0" read as "00"): read every cell it covers on its own
                    again.extend(
                        o for o in cells if o.box[0] < b.box[2] and o.box[2] > b.box[0] and o.box[1] <= cy <= o.box[3]
                    )
                else:
                    c.boxes.append(b)
                break
    inked = []
    for c in cells:
        if c in again:
            c.boxes = []
        if _smudged(gray, c.box):
            # a blot over the cell: whatever OCR makes of it would be a guess
            c.boxes, c.text, c.score, c.smudged = [], UNREADABLE, 0.0, True
            continue
        if c.boxes:
            c.text = join_boxes(c.boxes)
            c.score = min(b.score for b in c.boxes)
            continue
        crop = _interior(ink, c.box)
        if crop is not None and has_ink(crop):
            inked.append(c)
    if inked and reread is not None:
        crops = [_text_crop(gray, ink, c.box) for c in inked]
        for c, (text, score) in zip(inked, reread(crops), strict=True):
            if text.strip():
                c.text, c.score = text.strip(), score
    for c in inked:
        if not c.text:
            c.text = UNREADABLE
            c.score = 0.0


_NUMBER_RE = lazy_compile(r"^(?:[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?|/|-|—|——|无)$")
CJK_RE = lazy_compile(r"[\u4e00-\u9fff]")


def reread_numbers(cells: list[ScanCell], gray: Any, ink: Any, numbers: Reader) -> None:
    """Read again, as digits only, the cells whose text is a few Latin characters but no number, or one
    character read without much confidence ("日" for a speckled "0")."""
    odd = [
        c
        for c in cells
        if not c.smudged
        and (c.text == UNREADABLE or (c.text and len(c.text) <= 6 and _odd(c.text)) or _garbage(c) or _one_unsure(c))
    ]
    if not odd:
        return
    for c, (text, score) in zip(odd, numbers([_text_crop(gray, ink, c.box) for c in odd]), strict=True):
        if text and _NUMBER_RE.match(text):
            c.text, c.score = text, score
        elif _NUMBER_RE.match(_bare(text)):  # "0." or ",12": a number with a speck beside it, flagged as unsure
            c.text, c.score = _bare(text), min(score, DOUBT)
        elif _NUMBER_RE.match(_bare(c.text)):
            c.text, c.score = _bare(c.text), min(c.score or 0.0, DOUBT)
        elif _garbage(c):
            c.text, c.score = UNREADABLE, 0.0  # neither a number nor a sure reading: left out, flagged


# The confidence given to a number we have a specific reason to doubt (a speck read beside it, a
# second reading that disagrees): below any threshold of "sure", so the review compares it with the scan.
DOUBT = 0.5


def second_read(cells: list[ScanCell], raw: Any, ink: Any, numbers: Reader) -> int:
    """Read every number again, digits only, from the page as scanned (before the despeckling filter);
    a number read as another number the second time gets the confidence ``DOUBT`` (a second reading
    with no number, as speckle can give, says nothing).

    The median filter that lets detection find digits through speckle can join a speck to a stroke
    ("0" with a speck inside reads "6" with 99 % confidence); the unfiltered crop keeps the speck
    apart. A disagreement says only that one of the readings is wrong: the first is kept, flagged.

    Returns:
        How many cells were flagged.
    """
    todo = [
        c
        for c in cells
        if not c.smudged and c.score is not None and _DIGIT_RE.search(c.text) and _NUMBER_RE.match(c.text)
    ]
    if not todo:
        return 0
    flagged = 0
    for c, (text, _score) in zip(todo, numbers([_strokes_crop(raw, ink, c.box) for c in todo]), strict=True):
        again = _bare(text)
        if _DIGIT_RE.search(again) and _NUMBER_RE.match(again) and again.replace(",", "") != c.text.replace(",", ""):
            c.score = min(c.score or 0.0, DOUBT)  # another number: one of the two readings is wrong
            flagged += 1
    return flagged


_DIGIT_RE = lazy_compile(r"\d")


def _strokes_crop(page: Any, ink: Any, box: tuple[float, float, float, float]) -> Any:
    """The part of ``page`` holding the cell's strokes (blobs of 15 pixels or more: no speck), with a small
    margin: a number's own width, so a batch of them costs what their digits cost."""
    import cv2
    import numpy as np

    x0, t0, x1, b1 = (int(v) for v in box)
    pad = 4
    inner = ink[t0 + pad : b1 - pad, x0 + pad : x1 - pad]
    if not inner.size:
        return page[t0:b1, x0:x1]
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(inner, connectivity=8)
    keep = [k for k in range(1, n) if stats[k][4] >= 15]
    if not keep:
        return _text_crop(page, ink, box)
    xa = min(int(stats[k][0]) for k in keep)
    ya = min(int(stats[k][1]) for k in keep)
    xb = max(int(stats[k][0] + stats[k][2]) for k in keep)
    yb = max(int(stats[k][1] + stats[k][3]) for k in keep)
    m = 4
    xa, ya = max(0, xa - m), max(0, ya - m)
    xb, yb = min(inner.shape[1], xb + m), min(inner.shape[0], yb + m)
    return np.ascontiguousarray(page[t0 + pad + ya : t0 + pad + yb, x0 + pad + xa : x0 + pad + xb])


def _bare(text: str) -> str:
    """The text without dots, commas and middle dots at its ends (specks read as punctuation)."""
    return text.strip(".,，。·、'`").strip()


def _garbage(c: ScanCell) -> bool:
    """One or two characters read with little confidence ("口" for a faint 0): not a label."""
    return bool(c.text) and len(c.text) <= 2 and c.score is not None and c.score < 0.5


def _one_unsure(c: ScanCell) -> bool:
    """A single character, not a digit, read with less confidence than a clear print gets."""
    return len(c.text) == 1 and not c.text.isdigit() and c.score is not None and c.score < _SURE_CHAR


_SURE_CHAR = 0.8  # a clearly printed character reads at 0.95–1.0; a digit blurred into a character lower


def _odd(text: str) -> bool:
    return not CJK_RE.search(text) and not _NUMBER_RE.match(text)


def _smudged(gray: Any, box: tuple[float, float, float, float]) -> bool:
    """A solid blot in the cell: dark ink far thicker than any pen stroke of printed text."""
    import cv2
    import numpy as np

    inner = _interior(gray, box)
    if inner is None:
        return False
    dark = (inner < 110).astype(np.uint8)
    if np.count_nonzero(dark) < 50:
        return False
    depth = float(cv2.distanceTransform(dark, cv2.DIST_L2, 3).max())
    return depth > max(5.0, 0.15 * inner.shape[0])


def _interior(img: Any, box: tuple[float, float, float, float], pad: int = 4) -> Any:
    x0, t0, x1, b1 = (int(v) for v in box)
    inner = img[t0 + pad : b1 - pad, x0 + pad : x1 - pad]
    return inner if inner.size else None


def _text_crop(gray: Any, ink: Any, box: tuple[float, float, float, float]) -> Any:
    """The part of a cell holding its ink, with a small white margin (what recognition expects)."""
    import numpy as np

    x0, t0, x1, b1 = (int(v) for v in box)
    pad = 4
    inner = ink[t0 + pad : b1 - pad, x0 + pad : x1 - pad]
    ys, xs = np.nonzero(inner)
    if len(xs):
        m = 6
        xa, xb = max(0, xs.min() - m), min(inner.shape[1], xs.max() + m + 1)
        ya, yb = max(0, ys.min() - m), min(inner.shape[0], ys.max() + m + 1)
        return gray[t0 + pad + ya : t0 + pad + yb, x0 + pad + xa : x0 + pad + xb]
    return gray[t0 + pad : b1 - pad, x0 + pad : x1 - pad]


def has_ink(inner: Any) -> bool:
    """A cell interior holds a mark (a smudged digit), not just speckle."""
    import cv2
    import numpy as np

    if np.count_nonzero(inner) < 12:
        return False
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(inner, connectivity=8)
    # a digit or character is a blob of some size; salt-and-pepper speckle is single pixels
    return any(int(stats[k][4]) >= 15 and max(int(stats[k][2]), int(stats[k][3])) >= 6 for k in range(1, n))


def join_boxes(boxes: list[OcrBox], gap: Callable[[OcrBox, OcrBox], str] | None = None) -> str:
    """The text of boxes read in order: lines top to bottom, boxes left to right within a line."""
    lines = group_lines(boxes)
    out = []
    for ln in lines:
        parts = [ln[0].text]
        for a, b in itertools.pairwise(ln):
            parts.append(gap(a, b) if gap is not None else "")
            parts.append(b.text)
        out.append("".join(parts))
    return "".join(out)


def group_lines(boxes: list[OcrBox]) -> list[list[OcrBox]]:
    """Boxes grouped into text lines (vertical centres within half a line height), each sorted by x."""
    lines: list[list[OcrBox]] = []
    for b in sorted(boxes, key=lambda b: (b.box[1] + b.box[3]) / 2):
        cy = (b.box[1] + b.box[3]) / 2
        if lines:
            last = lines[-1]
            ly = sum((x.box[1] + x.box[3]) / 2 for x in last) / len(last)
            lh = max(x.height for x in last)
            if abs(cy - ly) <= 0.5 * max(lh, b.height):
                last.append(b)
                continue
        lines.append([b])
    for ln in lines:
        ln.sort(key=lambda b: b.box[0])
    return lines
