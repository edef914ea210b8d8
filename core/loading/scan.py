"""Scanned reports: page images → OCR text lines and ruled tables → one SourceDocument.

Input is a PDF without a usable text layer (each page rendered with pypdfium2) or an image file
(.png, .jpg, .tif; a multi-page TIFF is one page per frame): ``scan_images``. Each page is brought
to about 200 dpi, turned upright (a page scanned upside down reads with low confidence and is read
again turned 180°), straightened (skew up to ±3° found from the row profile), then read by the OCR
engine: ``scan_page``. Ruled tables (``scan_tables``) and tables without rules (``scan_unruled``,
from the geometry of the recognised boxes) become grids whose cells carry page boxes in PDF points
of the original page — the same grids with page boxes the text-PDF loader makes — and the OCR
confidence of each cell (``GridCell.confidence``). Text outside tables becomes lines; wide gaps
between the pieces of one line are tabs (an unruled table reads as tab-separated rows, as in a
text PDF). This module puts the pages together into one document (``load_scan``, ``assemble``) and
tells a text layer that is not the page's text (``garbled_text_layer``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import Cancelled, LoadError
from core.loading.builder import DocBuilder
from core.loading.pdf_tables import TablePart, join_parts
from core.loading.scan_images import image_pages, pdf_pages
from core.loading.scan_page import Box, ScanLine, ScanPage, read_page
from core.model import OcrSpan, PageBox, SourceDocument, Span

_PAGE_NO_RE = re.compile(r"^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")

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
