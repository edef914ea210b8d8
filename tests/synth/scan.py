"""Synthetic scans: our own synthetic report PDF rendered to page images, as a scanner would make them.

Usage::

    from tests.synth.scan import ScanStyle, scan_pages, scanned_pdf, write_image

    pages = scan_pages(pdf_bytes, ScanStyle(dpi=150, angle=0.8, noise=0.03, blur=1))  # greyscale arrays
    data = scanned_pdf(pages, dpi=150)   # an image-only PDF (no text layer), as a scanner writes it
    write_image(path, pages[0])          # .png / .jpg / .tif

``ScanStyle``: resolution, rotation in degrees (positive: counter-clockwise), salt-and-pepper
speckle share, Gaussian blur radius in pixels, grey paper level, upside down, and smudges
(rectangles in PDF points blotted out, e.g. one table cell).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass
class ScanStyle:
    dpi: int = 200
    angle: float = 0.0
    noise: float = 0.0  # share of pixels flipped to black or white
    blur: float = 0.0  # Gaussian sigma in pixels
    paper: int = 255  # paper grey level (ink stays dark)
    upside_down: bool = False
    smudges: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)  # (page, box pt)
    seed: int = 0


def scan_pages(pdf: bytes, style: ScanStyle, pages: list[int] | None = None) -> list[np.ndarray]:
    """Render each page (1-based numbers in ``pages``; default all) and age it like a scan."""
    import cv2
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    rng = np.random.default_rng(style.seed)
    out = []
    try:
        numbers = pages or list(range(1, len(doc) + 1))
        for n in numbers:
            page = doc[n - 1]
            img = page.render(scale=style.dpi / 72, grayscale=True).to_numpy().copy()
            page.close()
            if img.ndim == 3:
                img = img[:, :, 0]
            scale = style.dpi / 72
            for pn, (x0, t0, x1, b1) in style.smudges:
                if pn == n:
                    x0, t0, x1, b1 = x0 + 2, t0 + 2, x1 - 2, b1 - 2  # inside the cell's rules
                    # a smear over the cell: ink blotted into an unreadable blob
                    ya, yb, xa, xb = int(t0 * scale), int(b1 * scale), int(x0 * scale), int(x1 * scale)
                    region = img[ya:yb, xa:xb]
                    cv2.GaussianBlur(region, (0, 0), 6, dst=region)
                    cv2.ellipse(
                        img, ((xa + xb) // 2, (ya + yb) // 2), ((xb - xa) // 3, (yb - ya) // 3), 15, 0, 360, 60, -1
                    )
            img = _age(img, style, rng)
            out.append(img)
    finally:
        doc.close()
    return out


def _age(img: np.ndarray, style: ScanStyle, rng: np.random.Generator) -> np.ndarray:
    import cv2

    if style.paper < 255:
        img = (img.astype(np.float32) * (style.paper / 255.0)).astype(np.uint8)
    if style.angle:
        h, w = img.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), style.angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=style.paper)
    if style.blur:
        img = cv2.GaussianBlur(img, (0, 0), style.blur)
    if style.noise:
        mask = rng.random(img.shape)
        img = img.copy()
        img[mask < style.noise / 2] = 0
        img[mask > 1 - style.noise / 2] = 255
    if style.upside_down:
        img = cv2.rotate(img, cv2.ROTATE_180)
    return img


def scanned_pdf(pages: list[np.ndarray], dpi: int) -> bytes:
    """An image-only PDF of the pages (no text layer), as a scanner's PDF."""
    from PIL import Image

    images = [Image.fromarray(p) for p in pages]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return buf.getvalue()


def write_image(path: Path, page: np.ndarray, dpi: int = 200) -> Path:
    """Write one page as an image; the suffix picks the format (.png, .jpg, .tif)."""
    from PIL import Image

    Image.fromarray(page).save(path, dpi=(dpi, dpi))
    return path


def write_tiff(path: Path, pages: list[np.ndarray], dpi: int = 200) -> Path:
    """A multi-page TIFF, one frame per page."""
    from PIL import Image

    images = [Image.fromarray(p) for p in pages]
    images[0].save(path, dpi=(dpi, dpi), save_all=True, append_images=images[1:], compression="tiff_lzw")
    return path
