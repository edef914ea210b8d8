"""Scanned pages can be chosen in the open dialog (read by OCR like any report)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_open_dialog_offers_scanned_images(window) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    window._ask_open_files = lambda title, directory, filt: asked.append(filt) or []
    window.open_files_dialog()
    assert asked and all(f"*{ext}" in asked[0] for ext in (".pdf", ".png", ".jpg", ".tif", ".docx"))
