"""Cells of scanned tables (core.loading.scan_tables) with a hand-made reader: no OCR engine needed."""

from __future__ import annotations

import numpy as np

from core.loading.scan_tables import DOUBT, UNREADABLE, ScanCell, second_read
from core.validation.ocr import LOW_CONFIDENCE


def test_second_reading_that_disagrees_flags_the_number() -> None:
    """A "0" the despeckled page read as "6" with 99 % confidence: read again from the page as scanned,
    it reads "0"; the first reading is kept, with a confidence the review flags. Agreeing readings,
    labels, unreadable and smudged cells are left as they are."""
    page = np.full((200, 600), 240, np.uint8)
    page[20:40, 20:30] = 30  # some ink in each cell, as a digit would be
    cells = [
        ScanCell((0, 0, 100, 60), "6", 0.998),
        ScanCell((100, 0, 200, 60), "1,234", 0.97),
        ScanCell((200, 0, 300, 60), "规章", 0.99),
        ScanCell((300, 0, 400, 60), UNREADABLE, 0.0),
        ScanCell((400, 0, 500, 60), "3", 0.99, smudged=True),
        ScanCell((500, 0, 600, 60), "12", 0.95),
    ]
    asked: list[int] = []

    def numbers(crops: list) -> list[tuple[str, float]]:
        asked.append(len(crops))
        return [("0", 0.7), ("1234", 0.99), ("12", 0.99)]

    ink = (page < 128).astype(np.uint8) * 255
    assert second_read(cells, page, ink, numbers) == 1
    assert asked == [3]  # the three numbers, in one batch
    assert [(c.text, c.score) for c in cells] == [
        ("6", DOUBT),
        ("1,234", 0.97),
        ("规章", 0.99),
        (UNREADABLE, 0.0),
        ("3", 0.99),
        ("12", 0.95),
    ]
    assert DOUBT < LOW_CONFIDENCE
