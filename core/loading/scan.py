"""Scanned reports: page images → OCR text lines and ruled tables → one SourceDocument.

Input is a PDF without a usable text layer (each page rendered with pypdfium2) or an image file
(.png, .jpg, .tif; a multi-page TIFF is one page per frame). Each page is brought to about 200 dpi,
turned upright (a page scanned upside down reads with low confidence and is read again turned
180°), straightened (skew up to ±3° found from the row profile), then read by the OCR engine.
Ruled tables (``scan_tables``) and tables without rules (``scan_unruled``, from the geometry of
the recognised boxes) become grids whose cells carry page boxes in PDF points of the
original page — the same grids with page boxes the text-PDF loader makes — and the OCR confidence
of each cell (``GridCell.confidence``). Text outside tables becomes lines; wide gaps between the
pieces of one line are tabs (an unruled table reads as tab-separated rows, as in a text PDF).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import Cancelled, LoadError
from core.loading.builder import DocBuilder
from core.loading.ocr_engine import OcrBox, read_crops, read_numbers, recognise
from core.loading.pdf_tables import TablePart, join_parts
from core.loading.scan_tables import ScanTable, binarise, find_tables, group_lines, second_read
from core.loading.scan_unruled import find_unruled_tables
from core.model import OcrSpan, PageBox, SourceDocument, Span

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
RENDER_DPI = 200  # PDF pages are rendered at this resolution; images are scaled to about it
_A4_PT = (595.28, 841.89)
_MAX_SKEW = 3.0  # degrees searched for the page's skew
_FLIP_SCORE = 0.75  # a page whose mean confidence is below this is tried upside down too
Box = tuple[float, float, float, float]
_PAGE_NO_RE = re.compile(r"^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")


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


# --------------------------------------------------------------------------- page images


def pdf_pages(path: str) -> Iterator[tuple[int, float, float, Any]]:
    """(page number, width pt, height pt, greyscale image at RENDER_DPI) for each page of a PDF."""
    import pypdfium2 as pdfium

    name = Path(path).name
    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as exc:
        raise LoadError(
            f"无法打开 PDF 文件“{name}”：文件已损坏或不完整。", code="pdf.corrupt", details=repr(exc)
        ) from exc
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                w, h = page.get_size()
                bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
                img = bitmap.to_numpy().copy()
                bitmap.close()
            finally:
                page.close()
            if img.ndim == 3:
                img = img[:, :, 0]
            yield i + 1, float(w), float(h), img
    finally:
        pdf.close()


def image_pages(path: str) -> Iterator[tuple[int, float, float, Any]]:
    """(page number, width pt, height pt, greyscale image) for an image file (every TIFF frame).

    Image files carry no reliable page size: a page is taken as A4 (portrait or landscape by its
    shape, ``image_page_size``), so boxes are in the same points a scanned PDF of it would have.
    """
    import cv2
    import numpy as np

    name = Path(path).name
    try:
        data = np.fromfile(path, dtype=np.uint8)  # cv2.imread cannot open non-ASCII paths on Windows
    except OSError as exc:
        raise LoadError(f"无法读取图片文件“{name}”：{exc.strerror or exc}。", code="file.unreadable") from exc
    frames = _tiff_frames(data) if Path(path).suffix.lower() in (".tif", ".tiff") else iter(())
    first = next(frames, None)
    if first is None:
        first = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)
        frames = iter(())
    if first is None:
        raise LoadError(
            f"无法打开图片文件“{name}”：文件已损坏，或不是可识别的图片格式（可读取 PNG、JPEG、TIFF）。",
            code="image.corrupt",
        )
    for i, img in enumerate(itertools.chain([first], frames)):
        h, w = img.shape[:2]
        pw, ph = image_page_size(w, h)
        yield i + 1, pw, ph, img


def _tiff_frames(data: Any) -> Iterator[Any]:
    """A TIFF's frames decoded one at a time (a 30-page scan never holds more than one page image)."""
    import cv2

    k = 0
    while True:
        try:
            ok, imgs = cv2.imdecodemulti(data, cv2.IMREAD_GRAYSCALE, range=(k, k + 1))
        except (TypeError, cv2.error):  # an OpenCV without page ranges: every frame at once
            if k == 0:
                ok, imgs = cv2.imdecodemulti(data, cv2.IMREAD_GRAYSCALE)
                yield from (imgs if ok else [])
            return
        if not ok or not imgs:
            return
        yield imgs[0]
        k += 1


def image_page_size(width_px: int, height_px: int) -> tuple[float, float]:
    """The page size (points) an image page is given: the image scaled evenly so that its height is
    A4's long side (portrait) or short side (landscape). An A4 scan becomes an A4 page; the page
    view (``gui.source_view``) draws the image at this size, so boxes land where OCR read them."""
    ph = _A4_PT[1] if height_px >= width_px else _A4_PT[0]
    return round(width_px * ph / max(height_px, 1), 2), ph


# --------------------------------------------------------------------------- reading a page


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


# --------------------------------------------------------------------------- a broken text layer

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_JUNK_RE = re.compile(r"[\ue000-\uf8ff\ufffd\u00c0-\u00ff\x00-\x08\x0e-\x1f]")


def garbled_text_layer(text: str) -> bool:
    """A PDF text layer that is not the page's text: private-use glyphs, replacement marks, or GBK
    bytes shown as Latin letters ("ÕþÐÅ") where a Chinese report has almost no Chinese characters."""
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) < 20:
        return False
    cjk = len(_CJK_RE.findall(text))
    junk = len(_JUNK_RE.findall(text))
    return cjk < 0.1 * len(visible) and junk > 0.3 * len(visible)


# --------------------------------------------------------------------------- the document

_page_progress: Callable[[int, int], None] | None = None


def set_page_progress(fn: Callable[[int, int], None] | None) -> None:
    """Call ``fn(pages done, pages in all)`` after each page of every scan read in this process
    (the parse worker sends it to the pool, whose time limit then counts from the last page)."""
    global _page_progress
    _page_progress = fn


def load_scan(
    path: str,
    form: str,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    reason: str = "",
) -> SourceDocument:
    """Read a scanned PDF (``form`` "pdf") or an image file (``form`` "image") by OCR.

    Args:
        path: the file.
        form: "pdf" or "image".
        cancelled: polled before each page; when it returns True, ``Cancelled`` is raised.
        progress: called with (pages done, pages in all) after each page (0 when unknown).
        reason: why a PDF with a text layer is read by OCR (a note on the document).

    Raises:
        LoadError: unreadable file, no page, or no text found on any page.
    """
    name = Path(path).name
    pages: list[ScanPage] = []
    source = pdf_pages(path) if form == "pdf" else image_pages(path)
    total = _page_count(path) if form == "pdf" else 0
    for number, w, h, img in source:
        if cancelled is not None and cancelled():
            raise Cancelled()
        pages.append(read_page(number, w, h, img))
        del img
        if progress is not None:
            progress(len(pages), total)
        if _page_progress is not None:
            _page_progress(len(pages), total)
    if not pages:
        raise LoadError(f"文件“{name}”没有任何页面。", code="scan.empty")
    doc = assemble(path, form, pages, reason) if any(p.lines or p.tables for p in pages) else None
    if doc is None or not doc.text.strip():  # nothing, or only page numbers
        raise LoadError(
            f"文件“{name}”是扫描件或图片，但文字识别（OCR）没有读出任何文字：页面可能是空白的，或图像过于模糊。",
            code="scan.no_text",
        )
    return doc


def _page_count(path: str) -> int:
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:
        return 0


def assemble(path: str, form: str, pages: list[ScanPage], reason: str = "") -> SourceDocument:
    """One SourceDocument from read pages: tables continued across a page break are joined."""
    flow: list[Any] = []  # ScanLine | list of (TablePart, scores)
    first: dict[int, int] = {}
    for p in pages:
        items: list[tuple[float, Any]] = [(ln.box[1], ln) for ln in p.lines if not _page_number(ln, p)]
        items += [(part.bbox[1], (part, scores)) for part, scores in p.tables]
        items.sort(key=lambda it: it[0])
        for i, (_, it) in enumerate(items):
            if isinstance(it, tuple):
                it[0].is_last = i == len(items) - 1
        for i, (_, it) in enumerate(items):
            first.setdefault(p.number, len(flow))
            if isinstance(it, tuple):
                part = it[0]
                if i == 0 and flow and isinstance(flow[-1], list):
                    last = flow[-1][-1][0]
                    if last.page == p.number - 1 and last.is_last and last.compatible(part):
                        flow[-1].append(it)
                        continue
                flow.append([it])
            else:
                flow.append((p.number, it))
    b = DocBuilder()
    read: list[tuple[int, int, int, Box, float]] = []  # OCR boxes outside tables: original start, end, page, box, score
    page_start: dict[int, int] = {}
    prev: ScanLine | None = None
    margins = _margins(pages)
    for item in flow:
        if isinstance(item, list):
            for part, _ in item:
                page_start.setdefault(part.page, b.length)
            b.newline()
            grid = join_parts([part for part, _ in item])
            _attach(grid, item)
            b.grid(grid)
            prev = None
            continue
        number, line = item
        page_start.setdefault(number, b.length)
        if prev is not None:
            if _continues(prev, line, margins):
                b.soft_break()
            else:
                b.newline()
        lead = len(line.text) - len(line.text.lstrip())
        for start, end, score, box in line.pieces:
            read.append((b.length + start - lead, b.length + end - lead, number, box, score))
        b.add(line.text.strip())
        prev = line
    b.newline()
    last = 0
    starts = []
    for p in pages:
        s = page_start.get(p.number, last)
        starts.append((p, s))
        last = s
    for k, (p, s) in enumerate(starts):
        e = starts[k + 1][1] if k + 1 < len(starts) else b.length
        b.pages.append((PageBox(p.number, p.width, p.height), s, e))
    doc = b.build(path, form, join_lines=False)
    doc.ocr_spans = _spans(doc, read)
    doc.notes.append(("ocr.used", f"本文件为扫描件，共 {len(pages)} 页，文字由文字识别（OCR）读出。"))
    if reason:
        doc.notes.append(("ocr.garbled_text_layer", reason))
    blank = [p.number for p in pages if not p.boxes]
    if blank:
        doc.notes.append(
            ("ocr.blank_pages", f"第 {'、'.join(map(str, blank))} 页没有识别出文字（空白页或图像无法识别）。")
        )
    flipped = [p.number for p in pages if p.flipped]
    if flipped:
        doc.notes.append(("ocr.rotated", f"第 {'、'.join(map(str, flipped))} 页是倒置扫描的，已旋转 180° 后识别。"))
    return doc


def _spans(doc: SourceDocument, read: list[tuple[int, int, int, Box, float]]) -> list[OcrSpan]:
    """The OCR boxes outside tables as spans of the normalised text (original offsets mapped)."""
    offs = doc.offsets
    out = []
    for start, end, page, box, score in read:
        if offs:
            s, e = bisect.bisect_left(offs, max(start, 0)), bisect.bisect_left(offs, max(end, 0))
        else:  # the text is the original
            s, e = start, end
        if e > s:
            out.append(OcrSpan(Span(s, e), page, box, round(score, 4)))
    return out


def _attach(grid: Any, item: list[tuple[TablePart, list[tuple[float | None, Box]]]]) -> None:
    """Give each grid cell its OCR confidence and its box on the original page (matched by box)."""
    by_box: dict[tuple[int, Box], tuple[float | None, Box]] = {}
    for part, extra in item:
        for (_text, box), info in zip(part.cells, extra, strict=True):
            by_box[(part.page, box)] = info
    for cell in grid.cells:
        if cell.bbox is not None:
            found = by_box.get((cell.page, tuple(cell.bbox)))
            if found is not None:
                cell.confidence, cell.bbox = found


def _page_number(line: ScanLine, page: ScanPage) -> bool:
    edge = 0.08 * page.height
    if line.box[1] > edge and line.box[3] < page.height - edge:
        return False
    return bool(_PAGE_NO_RE.match(line.text.replace(" ", "")))


def _margins(pages: list[ScanPage]) -> tuple[float, float, float]:
    """The prose's right margin, left margin and usual line height (points)."""
    lines = [ln for p in pages for ln in p.lines]
    if not lines:
        return 0.0, 0.0, 10.0
    x1s = sorted(ln.box[2] for ln in lines)
    x0s = sorted(ln.box[0] for ln in lines)
    sizes = sorted(ln.box[3] - ln.box[1] for ln in lines)
    return x1s[int(len(x1s) * 0.9)], x0s[int(len(x0s) * 0.1)], max(6.0, sizes[len(sizes) // 2])


def _continues(prev: ScanLine, line: ScanLine, margins: tuple[float, float, float]) -> bool:
    """A hard wrap: the previous line reaches the right margin and the next is not a new paragraph."""
    right, left, size = margins
    if "\t" in prev.text or "\t" in line.text:
        return False
    if prev.box[2] < right - 1.5 * size:
        return False
    if prev.box[3] - prev.box[1] > 1.3 * size or prev.box[0] > left + 2.5 * size:
        return False  # a title: larger type or centred
    if line.box[0] > left + 1.2 * size:  # first-line indent
        return False
    if re.match(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])", line.text):
        return False
    return 0 <= line.box[1] - prev.box[3] < 1.2 * size
