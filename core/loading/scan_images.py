"""Scanned reports' page images: each page of a PDF rendered, each frame of an image file decoded.

Greyscale images at about ``RENDER_DPI`` with the page's size in points; an image file, which
carries no reliable page size, is given an A4 page (``image_page_size``) — the page view draws it
at that size. No OCR here: the window imports this module to show image pages.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.errors import LoadError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
RENDER_DPI = 200  # PDF pages are rendered at this resolution; images are scaled to about it
_A4_PT = (595.28, 841.89)


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
