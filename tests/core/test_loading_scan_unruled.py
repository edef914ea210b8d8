"""Scanned tables printed without ruling lines: the grid from the geometry of the recognised boxes.

The fast tests lay out OCR boxes by hand (a page of white paper); the slow one renders our own
synthetic report with no table rules, scans it (turned, speckled, blurred, one cell smudged) and
reads it through the whole loader and parser.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from core.loading.ocr_engine import OcrBox
from core.loading.scan_unruled import find_unruled_tables, numeric

H = 30.0  # text height in pixels


def box(text: str, x: float, y: float, score: float = 0.99, chars: float | None = None) -> OcrBox:
    width = (chars if chars is not None else len(text)) * 0.9 * H
    return OcrBox(text, score, (x, y, x + width, y + H))


def page() -> np.ndarray:
    return np.full((1200, 1600), 245, np.uint8)


def _rows(table: object) -> list[list[str]]:
    """The table's cell texts row by row (cells ordered by their boxes)."""
    tops = sorted({c.box[1] for c in table.cells})
    return [[c.text for c in sorted((c for c in table.cells if c.box[1] == t), key=lambda c: c.box[0])] for t in tops]


def test_numbers_in_columns_become_a_grid_with_a_label_column() -> None:
    boxes = [
        box("三、收到和处理政府信息公开申请情况", 100, 40, chars=16),  # a heading: larger, not in the table
        box("信息内容", 100, 200),
        box("本年制发件数", 500, 200),
        box("本年废止件数", 800, 200),
        box("现行有效件数", 1100, 200),
        box("规章", 100, 250),
        box("3", 500, 250),
        box("0", 800, 250),
        box("30", 1100, 250, score=0.62),
        box("行政规范性文件（区分处理", 100, 300),  # a label wrapped over two lines
        box("的，只计）", 100, 328),
        box("12", 500, 314),
        box("4", 800, 314),
        box("8", 1100, 314),
        box("本年度未收取信息处理费，下一步将加强培训，完善工作机制。", 100, 420, chars=30),  # prose
    ]
    big = boxes[0]
    boxes[0] = OcrBox(big.text, big.score, (big.box[0], big.box[1], big.box[2], big.box[1] + 1.6 * H))
    tables, rest = find_unruled_tables(page(), boxes)
    assert len(tables) == 1
    rows = _rows(tables[0])
    assert rows == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "3", "0", "30"],
        ["行政规范性文件（区分处理的，只计）", "12", "4", "8"],
    ]
    # the unsure number keeps its confidence; the heading and the prose stay outside the table
    assert next(c.score for c in tables[0].cells if c.text == "30") == pytest.approx(0.62)
    assert {b.text for b in rest} == {boxes[0].text, boxes[-1].text}
    # every cell is a box on the page, the table's rows and columns edge to edge
    t = tables[0]
    assert all(
        t.box[0] <= c.box[0] < c.box[2] <= t.box[2] and t.box[1] <= c.box[1] < c.box[3] <= t.box[3] for c in t.cells
    )


def test_a_number_ocr_missed_is_read_again_from_its_cell() -> None:
    """A row whose number detection missed (ink in the column, no box) becomes a row; its cell is reread."""
    import cv2

    img = page()
    cv2.putText(img, "7", (805, 325), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 20, 3)  # ink where OCR found nothing
    boxes = [
        box("信息内容", 100, 200),
        box("本年制发件数", 500, 200),
        box("本年废止件数", 800, 200),
        box("规章", 100, 250),
        box("3", 500, 250),
        box("0", 800, 250),
        box("行政许可", 100, 300),
    ]
    asked: list[tuple[int, int]] = []

    def reread(crops: list) -> list[tuple[str, float]]:
        asked.extend(c.shape for c in crops)
        return [("7", 0.55)] * len(crops)

    [table], _ = find_unruled_tables(img, boxes, reread)
    rows = _rows(table)
    assert rows[-1] == ["行政许可", "", "7"]
    assert len(asked) == 1  # only the cell with ink, not the empty one beside it
    assert next(c.score for c in table.cells if c.text == "7") == pytest.approx(0.55)


def test_a_wrapped_label_overlapping_its_numbers_is_one_row() -> None:
    """OCR boxes of a three-line label overlap the line of numbers beside its middle line: one row."""
    import cv2

    img = page()
    for x in (700, 1000):  # the numbers' ink, as printed beside the label's middle line
        cv2.putText(img, "12", (x + 2, 348), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 20, 3)
    boxes = [
        box("信息内容", 100, 200),
        box("自然人", 700, 200),
        box("总计", 1000, 200),
        box("规章", 100, 250),
        box("3", 700, 250),
        box("3", 1000, 250),
        box("1.申请人无正当理由逾期不补正、", 100, 300, chars=14),
        box("行政机关不再处理其政府", 100, 322, chars=11),
        box("12", 700, 322),
        box("12", 1000, 322),
        box("申请", 100, 346),
    ]
    [table], rest = find_unruled_tables(img, boxes)
    assert rest == []
    assert _rows(table) == [
        ["信息内容", "自然人", "总计"],
        ["规章", "3", "3"],
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府申请", "12", "12"],
    ]


def test_a_table_without_label_column_reads_its_first_column_as_values() -> None:
    """表四's layout: headers over a single row of numbers; its first value, misread as a letter, is read
    again as a number like any other cell."""
    boxes = [
        box("行政复议", 100, 200),
        box("行政诉讼", 600, 200),
        box("结果维持", 100, 260),
        box("结果纠正", 250, 260),
        box("总计", 400, 260),
        box("结果维持", 600, 260),
        box("总计", 750, 260),
        box("O", 120, 320, score=0.41),
        box("1", 270, 320),
        box("1", 420, 320),
        box("2", 620, 320),
        box("2", 770, 320),
    ]
    asked: list[int] = []

    def numbers(crops: list) -> list[tuple[str, float]]:
        asked.append(len(crops))
        return [("0", 0.93)] * len(crops)

    [table], _ = find_unruled_tables(page(), boxes, numbers=numbers)
    rows = _rows(table)
    assert rows[-1] == ["0", "1", "1", "2", "2"]  # five value columns, no label column
    assert rows[-2] == ["结果维持", "结果纠正", "总计", "结果维持", "总计"]
    assert asked == [1]  # only the misread cell
    assert next(c.score for c in table.cells if c.text == "0") == pytest.approx(0.93)


@pytest.mark.parametrize("digits", [("0.", 0.95), ("", 0.0)])
def test_a_number_with_a_speck_beside_it_is_taken_as_unsure(digits: tuple[str, float]) -> None:
    """ "0." (a speck read as a dot): the number is kept, with a confidence that flags it for comparison."""
    from core.loading.scan_tables import DOUBT
    from core.validation.ocr import LOW_CONFIDENCE

    boxes = [
        box("信息内容", 100, 200),
        box("本年制发件数", 500, 200),
        box("本年废止件数", 800, 200),
        box("规章", 100, 250),
        box("0.", 500, 250, score=0.89),
        box("7", 800, 250),
    ]
    [table], _ = find_unruled_tables(page(), boxes, numbers=lambda crops: [digits] * len(crops))
    assert _rows(table)[-1] == ["规章", "0", "7"]
    assert next(c.score for c in table.cells if c.text == "0") == DOUBT < LOW_CONFIDENCE


def test_a_column_whose_numbers_ocr_missed_is_kept_from_its_header_word() -> None:
    """The 科研机构 column: no number of it detected, and its header word so close to the next column's
    second header line ("组织") that they form one piece; the wide gap between the columns around it
    and the word alone in it keep the column, so the numbers beside it stay in their own columns."""
    boxes = [
        box("信息内容", 100, 200),
        box("商业企业", 500, 200),
        box("科研机构", 630, 200),
        box("组织", 760, 200),  # 30 px after 科研机构: one piece with it
        box("其他", 890, 200),
        box("总计", 1020, 200),
        box("本年新收", 100, 260),
        box("51", 500, 260),
        box("83", 760, 260),
        box("92", 890, 260),
        box("226", 1020, 260),
        box("上年结转", 100, 320),
        box("4", 500, 320),
        box("2", 760, 320),
        box("0", 890, 320),
        box("6", 1020, 320),
    ]
    [table], _ = find_unruled_tables(page(), boxes)
    assert _rows(table) == [
        ["信息内容", "商业企业", "科研机构", "组织", "其他", "总计"],
        ["本年新收", "51", "", "83", "92", "226"],
        ["上年结转", "4", "", "2", "0", "6"],
    ]


def test_letters_in_a_row_of_numbers_that_read_as_no_number_are_left_out() -> None:
    """ "II" (a 11 read as letters) that a digits-only reading cannot make a number of: unreadable, flagged,
    so the rest of its row is still read."""
    from core.loading.scan_tables import UNREADABLE

    boxes = [
        box("信息内容", 100, 200),
        box("自然人", 500, 200),
        box("总计", 800, 200),
        box("予以公开", 100, 250),
        box("2", 500, 250),
        box("II", 800, 250, score=0.93),
        box("部分公开", 100, 300),
        box("0", 500, 300),
        box("0", 800, 300),
    ]
    [table], _ = find_unruled_tables(page(), boxes, numbers=lambda crops: [("", 0.0)] * len(crops))
    assert _rows(table)[1:] == [["予以公开", "2", UNREADABLE], ["部分公开", "0", "0"]]
    assert next(c.score for c in table.cells if c.text == UNREADABLE) == 0.0


def test_prose_with_figures_is_no_table() -> None:
    boxes = [
        box("本年度共收到政府信息公开申请", 100, 200, chars=14),
        box("48件", 600, 200),
        box("办结", 100, 250),
        box("45件", 600, 250),
    ]
    tables, rest = find_unruled_tables(page(), boxes)
    assert tables == [] and len(rest) == 4


@pytest.mark.parametrize(
    "text, expected",
    [("0", True), ("1,234", True), ("0.", True), ("/", True), ("——", True), ("12件", False), ("不0", False)],
)
def test_numeric(text: str, expected: bool) -> None:
    assert numeric(text) is expected


# --------------------------------------------------------------------------- a whole scanned report


@pytest.mark.slow
def test_unruled_scanned_report(tmp_path: Path) -> None:
    """Our synthetic report printed without rules, scanned at 150 dpi, turned 0.7°, one 表三 cell smudged."""
    from core.parsing import parse_report
    from core.review.state import ReviewedReport
    from core.validation import validate
    from tests.synth import random_values, render
    from tests.synth.office import render_pdf
    from tests.synth.scan import ScanStyle, scan_pages, scanned_pdf

    values = random_values("2021", random.Random(11))
    ruled = render(values, "2021", "pdf", seed=11)
    text = parse_report(str(ruled.write(tmp_path / "text")))  # the same layout with rules: the cells' boxes
    fid = next(f for f, v in text.values.items() if f.startswith("apply.granted.") and v.value and v.bbox)
    smudge = text.values[fid]
    unruled = render_pdf(ruled.blocks, ruled=False)
    style = ScanStyle(
        dpi=150, angle=0.7, noise=0.004, blur=0.6, paper=230, smudges=[(smudge.page, smudge.bbox)], seed=2
    )
    path = tmp_path / "无框线扫描件.pdf"
    path.write_bytes(scanned_pdf(scan_pages(unruled, style), 150))

    r = parse_report(str(path))
    doc = r.document
    assert len(doc.grids) == 3  # 表二, 表三 (across two pages, joined), 表四
    expected = {f: v for f, v in ruled.expected.items() if f != fid}
    right = [f for f, v in expected.items() if f in r.values and r.values[f].value == v]
    assert len(right) >= 0.97 * len(expected), {f: r.values.get(f) for f in set(expected) - set(right)}
    # every value read from the tables has its cell's page box and an OCR confidence
    table_values = [v for v in r.values.values() if v.origin == "table"]
    assert table_values and all(v.page and v.bbox for v in table_values)
    for v in table_values:
        cell = next(c for c in doc.grids[v.table].cells if (c.row, c.col) == (v.row, v.col))
        assert cell.confidence is not None
    # the value under the smudge is never a confident wrong number: left out and flagged first
    findings = validate(ReviewedReport(r))
    got = r.values.get(fid)
    if got is None or got.value != ruled.expected[fid]:
        doubts = [f for f in findings if fid in f.fields and f.rule.startswith("ocr.")]
        assert doubts and findings[0].rule.startswith("ocr.")
        assert not [f for f in findings if fid in f.fields and f.severity == "error" and not f.rule.startswith("ocr.")]
