"""One scanned page read by OCR: turned upright, straightened, its ruled and unruled tables and its
lines of text, every box in points of the original page (``read_page``)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.loading.ocr_engine import OcrBox, read_crops, read_numbers, recognise
from core.loading.pdf_tables import TablePart
from core.loading.scan_images import RENDER_DPI
from core.loading.scan_tables import ScanTable, binarise, find_tables, group_lines, second_read
from core.loading.scan_unruled import find_unruled_tables

_MAX_SKEW = 3.0  # degrees searched for the page's skew
_FLIP_SCORE = 0.75  # a page whose mean confidence is below this is tried upside down too
Box = tuple[float, float, float, float]


@dataclass
class ScanLine:
    """A line of text outside the tables (page points)."""

    text: str
    score: float
    box: tuple[float, float, float, float]
    pieces: list[tuple[int, int, float, Box]] = field(
        default_factory=list
    )  # per OCR box: start, end in text, score, box


@dataclass
class ScanPage:
    """One page as read: its size in points, lines and table parts (boxes in points)."""

    number: int
    width: float
    height: float
    lines: list[ScanLine] = field(default_factory=list)
    tables: list[tuple[TablePart, list[tuple[float | None, Box]]]] = field(default_factory=list)
    skew: float = 0.0
    flipped: bool = False
    boxes: int = 0


def read_page(number: int, width: float, height: float, img: Any) -> ScanPage:
    """OCR one page image: upright, straightened, tables and lines in points of the original page."""
    import cv2
    import numpy as np

    page = ScanPage(number, width, height)
    if img.dtype != np.uint8:
        img = cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    # about RENDER_DPI: scanners write 150–600 dpi; OCR needs ~20 px text, more only costs time
    target = height * RENDER_DPI / 72
    factor = target / img.shape[0]
    if factor < 0.9 or factor > 1.6:
        interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
        img = cv2.resize(img, None, fx=factor, fy=factor, interpolation=interp)
    px_per_pt = img.shape[0] / height
    raw = img
    img = cv2.medianBlur(img, 3)  # speckle: detection misses digits in salt-and-pepper noise
    if _blank(img):
        return page
    angle = estimate_skew(img)
    upright = _rotate(img, angle)
    boxes = recognise(upright)
    if boxes and _mean_score(boxes) < _FLIP_SCORE:
        flipped = _rotate(cv2.rotate(img, cv2.ROTATE_180), -angle)
        alt = recognise(flipped)
        if _mean_score(alt) > _mean_score(boxes) + 0.05:
            boxes, upright, page.flipped, angle = alt, flipped, True, -angle
    page.skew = angle
    page.boxes = len(boxes)
    tables, rest = find_tables(upright, boxes, read_crops, read_numbers)
    unruled, rest = find_unruled_tables(upright, rest, read_crops, read_numbers)
    tables = sorted(tables + unruled, key=lambda t: t.box[1])
    if tables:  # each number read again from the page as scanned: a despeckled misreading is flagged
        raw_upright = _rotate(cv2.rotate(raw, cv2.ROTATE_180) if page.flipped else raw, angle)
        second_read([c for t in tables for c in t.cells], raw_upright, binarise(upright), read_numbers)
        del raw_upright
    del raw
    ih, iw = upright.shape[:2]

    def to_pt(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        return _back(box, angle, iw, ih, page.flipped, px_per_pt)

    for t in tables:
        page.tables.append(_part(t, number, px_per_pt, to_pt))
    for ln in group_lines(rest):
        text, at = _line_text(ln)
        if not text.strip():
            continue
        x0 = min(b.box[0] for b in ln)
        top = min(b.box[1] for b in ln)
        x1 = max(b.box[2] for b in ln)
        bottom = max(b.box[3] for b in ln)
        pieces = [(a, a + len(b.text), b.score, to_pt(b.box)) for a, b in zip(at, ln, strict=True) if b.text]
        page.lines.append(ScanLine(text, min(b.score for b in ln), to_pt((x0, top, x1, bottom)), pieces))
    return page


def _blank(img: Any) -> bool:
    """No mark on the (despeckled) page darker than the paper by a clear margin."""
    import numpy as np

    paper = float(np.median(img))
    dark = img < max(paper - 80, 0)
    return int(np.count_nonzero(dark)) < 0.0002 * img.size


def _mean_score(boxes: list[OcrBox]) -> float:
    if not boxes:
        return 0.0
    total = sum(len(b.text) for b in boxes) or 1
    return sum(b.score * len(b.text) for b in boxes) / total


def estimate_skew(img: Any) -> float:
    """The page's skew in degrees (positive: counter-clockwise), from the sharpness of its row profile.

    Text lines and table rules give a row-sum profile with high peaks only when horizontal;
    a coarse then fine search over ±_MAX_SKEW picks the angle with the most peaked profile.
    """
    import cv2
    import numpy as np

    scale = 800 / max(img.shape[:2])
    small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, 2), np.uint8))  # drop single-pixel speckle
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(a: float) -> float:
        m = cv2.getRotationMatrix2D(centre, a, 1.0)
        rot = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(prof) ** 2))

    best = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-9, 0.5), key=sharpness)
    fine = max(np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1), key=sharpness)
    return round(float(fine), 2) if abs(fine) >= 0.05 else 0.0


def _rotate(img: Any, angle: float) -> Any:
    import cv2

    if not angle:
        return img
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _back(
    box: tuple[float, float, float, float], angle: float, w: int, h: int, flipped: bool, px_per_pt: float
) -> tuple[float, float, float, float]:
    """A box on the straightened page → the box (points) on the original page image."""
    corners = [(box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])]
    if angle:
        a = math.radians(angle)
        cos, sin = math.cos(a), math.sin(a)
        cx, cy = w / 2, h / 2
        # inverse of cv2.getRotationMatrix2D(centre, angle): rotate by −angle about the centre
        corners = [(cx + cos * (x - cx) - sin * (y - cy), cy + sin * (x - cx) + cos * (y - cy)) for x, y in corners]
    if flipped:
        corners = [(w - x, h - y) for x, y in corners]
    xs = [x / px_per_pt for x, _ in corners]
    ys = [y / px_per_pt for _, y in corners]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


def _part(
    t: ScanTable, page: int, px_per_pt: float, to_pt: Callable[[tuple[float, float, float, float]], Box]
) -> tuple[TablePart, list[tuple[float | None, Box]]]:
    """A TablePart and, per cell, its confidence and its box on the original page.

    The part's boxes are in points of the straightened page, so rows and columns line up for
    ``join_parts`` however skewed the scan was; each grid cell's box is then swapped for its box
    on the original page (``_attach``), which the page view draws.
    """
    cells = []
    extra: list[tuple[float | None, Box]] = []
    for c in sorted(t.cells, key=lambda c: (c.box[1], c.box[0])):
        cells.append((c.text, _scaled(c.box, px_per_pt)))
        extra.append((c.score, to_pt(c.box)))
    xs = _cluster([b[0] for _, b in cells] + [b[2] for _, b in cells])
    return TablePart(page, _scaled(t.box, px_per_pt), cells, xs), extra


def _scaled(box: tuple[float, float, float, float], px_per_pt: float) -> Box:
    return (
        round(box[0] / px_per_pt, 2),
        round(box[1] / px_per_pt, 2),
        round(box[2] / px_per_pt, 2),
        round(box[3] / px_per_pt, 2),
    )


def _cluster(values: list[float], tol: float = 5.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _line_text(line: list[OcrBox]) -> tuple[str, list[int]]:
    """The line's text (wide gaps as tabs) and where each box's text starts in it."""
    parts = [line[0].text]
    at = [0]
    n = len(line[0].text)
    for a, b in itertools.pairwise(line):
        size = max(a.height, b.height, 1.0)
        g = b.box[0] - a.box[2]
        gap = "\t" if g > 2 * size else (" " if g > 0.6 * size and _latin(a.text, b.text) else "")
        parts += [gap, b.text]
        at.append(n + len(gap))
        n += len(gap) + len(b.text)
    return "".join(parts), at


def _latin(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a[-1].isascii() and b[0].isascii()
