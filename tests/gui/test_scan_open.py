"""Scanned pages can be chosen in the open dialog (read by OCR like any report)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_open_dialog_offers_scanned_images(window) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    window._ask_open_files = lambda title, directory, filt: asked.append(filt) or []
    window.open_files_dialog()
    assert asked and all(f"*{ext}" in asked[0] for ext in (".pdf", ".png", ".jpg", ".tif", ".docx"))


@pytest.mark.slow
def test_value_read_from_an_image_shows_the_page_with_its_box(qtbot, window, sync_workers, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A scanned JPEG (our self-test page): selecting a value shows the picture with the cell's box."""
    import shutil
    from pathlib import Path

    from PySide6.QtGui import QColor

    from core.model import Finding

    src = Path(__file__).resolve().parents[2] / "resources" / "selftest" / "扫描示例（表四）.jpg"
    path = shutil.copy(src, tmp_path / "扫描页.jpg")
    with qtbot.waitSignal(window.batch_finished, timeout=120000):
        window.open_paths([str(path)])
    rr = window.current.reviewed
    assert rr.report.document.form == "image"
    view = window.pdf_view
    assert view is not None and view.isVisible() and view.page_count == 1
    fid = next(f for f, v in rr.values().items() if v.bbox is not None and v.value)
    view.set_zoom(2.0)
    window.stat_tables.select_fields([fid])
    rect = view.highlight_rect()
    assert view.page == 1 and rect is not None
    # the box is on the printed digits: dark ink inside it, where the picture shows the cell
    image = view.canvas.image
    inside = [
        QColor(image.pixel(x, y)).lightness()
        for x in range(int(rect.left()) + 2, int(rect.right()) - 1)
        for y in range(int(rect.top()) + 2, int(rect.bottom()) - 1)
    ]
    assert min(inside) < 150  # the paper is 235
    # a finding on a value read from the image goes to the same page and box
    other, ov = next((f, v) for f, v in rr.values().items() if v.bbox is not None and f != fid)
    window.go_to_finding(Finding("ocr.low_confidence", "warning", "核对", [other]))
    moved = view.highlight_rect()
    assert moved is not None and moved != rect
    assert moved.top() == pytest.approx(ov.bbox[1] * view.zoom, abs=1)
