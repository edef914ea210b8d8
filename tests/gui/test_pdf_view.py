"""PdfPageView: renders a generated PDF, scrolls to and highlights a box, survives broken files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor

from gui.source_view.pdf_page_view import PdfPageView

PAGE_W, PAGE_H = 612, 792
# A black box drawn on every page, in PDF user space (origin bottom-left): x, y, width, height.
BOX = (100, 600, 200, 50)
BOX_TOP_LEFT = (100.0, PAGE_H - 650.0, 300.0, PAGE_H - 600.0)  # the same box as x0, top, x1, bottom


def make_pdf(path: Path, pages: int = 3) -> Path:
    """Write a small valid PDF by hand: each page has a black box and a line of text."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_obj = 3 + 2 * pages
    for i in range(pages):
        x, y, w, h = BOX
        stream = f"0 0 0 rg {x} {y} {w} {h} re f BT /F1 24 Tf 72 720 Td (Page {i + 1}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << /F1 {font_obj} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


@pytest.fixture
def view(qtbot):
    v = PdfPageView()
    qtbot.addWidget(v)
    v.resize(700, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_renders_a_page_and_highlights_a_box(view, tmp_path) -> None:
    assert view.set_document(make_pdf(tmp_path / "示例.pdf"))
    assert view.page_count == 3 and view.page == 1 and view.error == ""
    image = view.canvas.image
    assert image is not None and image.width() > 100
    z = view.zoom
    assert image.width() == pytest.approx(PAGE_W * z, abs=2)
    # the rendered page really shows the black box where the PDF draws it, white elsewhere
    assert QColor(image.pixel(int(150 * z), int(170 * z))).lightness() < 40
    assert QColor(image.pixel(int(400 * z), int(400 * z))).lightness() > 220

    view.set_zoom(1.5)
    view.show_box(3, BOX_TOP_LEFT)
    assert view.page == 3
    rect = view.highlight_rect()
    assert rect is not None
    assert (rect.left(), rect.top(), rect.width(), rect.height()) == pytest.approx((150, 213, 300, 75))
    # scrolled so the box is in view
    viewport = view.scroll.viewport().rect().translated(
        view.scroll.horizontalScrollBar().value(), view.scroll.verticalScrollBar().value()
    )
    assert viewport.intersects(rect.toRect())
    view.previous_page()
    assert view.page == 2 and view.highlight_rect() is None
    view.next_page()
    assert view.highlight_rect() is not None  # the box belongs to page 3
    view.show_box(1, None)  # a value known only by its page
    assert view.page == 1 and view.highlight_rect() is None


def test_zoom_and_fit_width(view, tmp_path) -> None:
    view.set_document(make_pdf(tmp_path / "a.pdf", pages=1))
    view.set_zoom(1.0)
    width = view.canvas.image.width()
    view.zoom_in()
    assert view.canvas.image.width() > width
    view.zoom_out()
    view.zoom_out()
    assert view.canvas.image.width() < width
    view.fit_to_width()
    assert view.fit_width
    assert view.canvas.image.width() <= view.scroll.viewport().width()
    assert not view.next_button.isEnabled()


def test_page_spin_box_navigates(view, tmp_path) -> None:
    view.set_document(make_pdf(tmp_path / "a.pdf"))
    view.page_box.setValue(2)
    assert view.page == 2
    view.show_page(99)
    assert view.page == 3


@pytest.mark.parametrize(
    "content",
    [b"this is not a pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", b""],
)
def test_broken_files_show_a_message(view, tmp_path, content: bytes) -> None:
    path = tmp_path / "坏文件.pdf"
    path.write_bytes(content)
    assert not view.set_document(path)
    assert "坏文件.pdf" in view.error
    assert view.stack.currentWidget() is view.message
    view.show_box(1, (0, 0, 10, 10))  # no document: nothing happens, no exception
    view.next_page()
    assert view.page == 0


def test_missing_file_and_reopening(view, tmp_path) -> None:
    assert not view.set_document(tmp_path / "没有这个文件.pdf")
    assert "没有这个文件.pdf" in view.error
    assert view.set_document(make_pdf(tmp_path / "ok.pdf"))
    assert view.error == "" and view.stack.currentWidget() is view.scroll
    view.set_document(None)
    assert view.page_count == 0 and view.error == ""


# --------------------------------------------------------------------------- scanned image files

A4_W, A4_H = 595.28, 841.89


def make_scan(page: int, w: int = 827, h: int = 1170) -> np.ndarray:
    """A grey page image (A4 at 100 dpi) with a black block whose place depends on the page."""
    img = np.full((h, w), 235, np.uint8)
    img[300 + 100 * page : 350 + 100 * page, 200:400] = 0
    return img


def block_box(page: int, w: int = 827, h: int = 1170) -> tuple[float, float, float, float]:
    """The black block of ``make_scan`` in page points, as the OCR loader measures them."""
    k = (A4_H if h >= w else A4_W) / h  # the height is A4's long side (portrait) or short side
    return (200 * k, (300 + 100 * page) * k, 400 * k, (350 + 100 * page) * k)


def _dark(view: PdfPageView) -> float:
    """The share of dark pixels of the page image under the highlight."""
    rect = view.highlight_rect()
    assert rect is not None
    image = view.canvas.image
    pts = [
        (int(rect.left() + (i + 0.5) * rect.width() / 8), int(rect.top() + (j + 0.5) * rect.height() / 4))
        for i in range(8)
        for j in range(4)
    ]
    return sum(QColor(image.pixel(x, y)).lightness() < 60 for x, y in pts) / len(pts)


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_image_page_is_shown_with_the_box(view, tmp_path, suffix: str) -> None:
    from PIL import Image

    path = tmp_path / f"扫描页{suffix}"
    Image.fromarray(make_scan(1)).save(path)
    assert view.set_document(path)
    assert view.page_count == 1 and view.error == ""
    view.set_zoom(1.0)
    assert view.canvas.image.width() == pytest.approx(A4_W, abs=2)
    assert view.canvas.image.height() == pytest.approx(A4_H, abs=2)
    view.show_box(1, block_box(1))
    assert _dark(view) > 0.9  # the box lies on the block in the picture
    view.show_box(1, (400, 600, 500, 700))
    assert _dark(view) == 0


def test_multi_page_tiff_is_one_page_per_frame(view, tmp_path) -> None:
    from tests.synth.scan import write_tiff

    path = write_tiff(tmp_path / "扫描.tif", [make_scan(n) for n in (1, 2, 3)], dpi=100)
    assert view.set_document(path)
    assert view.page_count == 3
    view.set_zoom(1.25)
    view.show_box(3, block_box(3))
    assert view.page == 3 and _dark(view) > 0.9
    view.show_box(2, block_box(3))  # page 2's block is higher up: the box there is on paper
    assert view.page == 2 and _dark(view) == 0


def test_landscape_image_page_size(view, tmp_path) -> None:
    from PIL import Image

    path = tmp_path / "横向.png"
    Image.fromarray(make_scan(1, w=1170, h=827)).save(path)
    assert view.set_document(path)
    view.set_zoom(1.0)
    assert view.canvas.image.width() == pytest.approx(A4_H, abs=2)
    view.show_box(1, block_box(1, w=1170, h=827))
    assert _dark(view) > 0.9


def test_broken_image_shows_a_message(view, tmp_path) -> None:
    path = tmp_path / "坏图片.png"
    path.write_bytes(b"this is no image at all")  # e.g. replaced since it was read
    assert not view.set_document(path)
    assert "坏图片.png" in view.error and view.stack.currentWidget() is view.message
    assert not view.set_document(tmp_path / "没有.png")
    assert "没有.png" in view.error
