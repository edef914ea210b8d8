"""PdfPageView: renders a generated PDF, scrolls to and highlights a box, survives broken files."""

from __future__ import annotations

from pathlib import Path

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
