"""PDF loading: running headers/footers, wrapped prose, tables joined across pages, the real huaian PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import LoadError
from core.loading.dispatch import load_file
from tests.conftest import CORPUS
from tests.core.loader_fixtures import PROSE, make_pdf


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "split.pdf", seed=3, pages=3)
    return load_file(str(path))


@pytest.fixture(scope="module")
def huaian():  # type: ignore[no-untyped-def]
    return load_file(str(CORPUS / "huaian_city_2024.pdf"))


def test_generated_pdf_text_extracts_back(synthetic) -> None:  # type: ignore[no-untyped-def]
    assert synthetic.form == "pdf"
    assert "青禾县第4局2023年政府信息公开工作年度报告" in synthetic.text
    assert PROSE in synthetic.text  # wrapped lines (and the page break inside) joined


def test_running_header_and_page_numbers_removed(synthetic) -> None:  # type: ignore[no-untyped-def]
    assert "青禾县人民政府办公室文件" not in synthetic.text
    assert "- 1 -" not in synthetic.text and "- 2 -" not in synthetic.text
    assert "青禾县人民政府办公室文件" in synthetic.boilerplate
    assert [p.number for p in synthetic.pages] == [1, 2, 3]
    assert synthetic.pages[0].span.start == 0 and synthetic.pages[-1].span.end == len(synthetic.text)


def test_table_split_over_two_pages_joined(synthetic) -> None:  # type: ignore[no-untyped-def]
    assert len(synthetic.grids) == 1
    g = synthetic.grids[0]
    assert g.pages == (2, 3)
    assert (g.n_rows, g.n_cols) == (7, 5)
    cells = {(c.row, c.col): c for c in g.cells}
    assert cells[1, 0].text == "三、本年度办理结果" and cells[1, 0].rowspan == 6
    assert cells[3, 1].text == "（四）无法提供" and cells[3, 1].rowspan == 3
    assert cells[4, 2].text == "2.没有现成信息" and cells[4, 2].page == 3
    assert cells[6, 1].text == "（七）总计" and cells[6, 1].colspan == 2
    assert cells[6, 3].bbox is not None and cells[6, 3].text == "11"
    rows = synthetic.text[g.span.start : g.span.end].rstrip("\n").split("\n")
    assert rows[3] == "\t（四）无法提供\t1.本机关不掌握\t3\t3"
    assert rows[4] == "\t\t2.没有现成信息\t1\t1"
    # words of the table are not repeated as prose
    assert synthetic.text.count("法提供") == 1
    assert synthetic.text.count("2.没有现成信息") == 1
    for c in g.cells:
        assert synthetic.text[c.span.start : c.span.end] == c.text


def test_huaian_tables_whole(huaian) -> None:  # type: ignore[no-untyped-def]
    assert len(huaian.pages) == 6
    assert len(huaian.grids) == 3
    t2, t3, t4 = huaian.grids
    assert t2.pages == (3, 4) and t3.pages == (4, 5) and t4.pages == (5,)
    assert (t2.n_cols, t3.n_cols, t4.n_cols) == (4, 10, 15)
    t2_labels = [c.text for c in t2.cells if c.col == 0]
    assert t2_labels.index("规章") < t2_labels.index("行政处罚") < t2_labels.index("行政事业性收费")
    label = next(c for c in t3.cells if c.text == "（四）无法提供")
    assert label.rowspan == 3 and label.page == 4
    assert not any(c.text in ("（四）无", "法提供") for c in t3.cells)
    big = next(c for c in t3.cells if c.text == "三、本年度办理结果")
    assert big.rowspan == 22
    assert t3.n_rows == 28
    row = [c.text for c in t3.rows()[27]]
    assert row == ["四、结转下年度继续办理", "103", "0", "0", "0", "0", "0", "103"]
    assert [c.text for c in t4.rows()[3]][:5] == ["72", "64", "178", "37", "351"]


def test_huaian_prose_clean(huaian) -> None:  # type: ignore[no-untyped-def]
    text = huaian.text
    assert "- 3 -" not in text and "\n- " not in text
    # hard-wrapped prose is joined into paragraphs: no line of section 一 stops mid-sentence
    # at the right margin, and no quotation (“…”) is cut in two — the paragraph broken by the
    # page 1/2 break included
    s1 = text[text.index("\n一、总体情况\n") : text.index("\n二、主动公开政府信息情况")]
    assert all(line.count("“") == line.count("”") for line in s1.splitlines())
    paragraphs = [line for line in s1.splitlines()[1:] if len(line) > 40]
    assert paragraphs and all(line.rstrip()[-1] in "。；：！？”）" for line in paragraphs)
    assert "\n一、总体情况\n" in text and "\n六、其他需要报告的事项\n" in text
    assert text.count("行政许可") == 1  # table words not repeated in the prose
    i = text.index("3940 元")
    assert huaian.original[huaian.offsets[i] : huaian.offsets[i] + 4] == "3940"
    assert huaian.pages[5].span.start <= i < huaian.pages[5].span.end


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(72, 700, "locked")
    c.save()
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert err.value.code == "pdf.encrypted" and "locked.pdf" in err.value.message and "加密" in err.value.message


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (400, 560), 255)
    for x in range(40, 360, 7):
        for y in range(60, 500, 11):
            img.putpixel((x, y), 0)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(img), 50, 100, 400, 560)
    c.showPage()
    c.drawImage(ImageReader(img), 50, 100, 400, 560)
    c.drawString(290, 30, "- 2 -")  # a scanner's page number is not a text layer
    c.save()
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    # no text layer: read by OCR, which finds no text in these dots
    assert err.value.code == "scan.no_text"
    assert "scan.pdf" in err.value.message and "扫描件" in err.value.message and "OCR" in err.value.message


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    good = make_pdf(tmp_path / "good.pdf", pages=2, split_table=False).read_bytes()
    path.write_bytes(good[: len(good) // 3])
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert "broken.pdf" in err.value.message
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    with pytest.raises(LoadError) as err:
        load_file(str(tmp_path / "junk.pdf"))
    assert err.value.code in ("pdf.corrupt", "pdf.scanned", "scan.no_text") and "junk.pdf" in err.value.message


def test_cancel_between_pages() -> None:
    from core.errors import Cancelled

    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        load_file(str(CORPUS / "huaian_city_2024.pdf"), cancelled)
    assert len(calls) == 3


def test_cell_boxes_and_pages_in_points(huaian) -> None:  # type: ignore[no-untyped-def]
    t3 = huaian.grids[1]
    cell = next(c for c in t3.cells if c.text == "3050")
    x0, top, x1, bottom = cell.bbox
    assert cell.page == 5 and 0 < x0 < x1 <= huaian.pages[4].width and 0 < top < bottom <= huaian.pages[4].height
    span = huaian.to_original(cell.span)
    assert huaian.original[span.start : span.end] == "3050"


def test_indent_typed_as_spaces_starts_a_paragraph(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "indent.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    for k, ln in enumerate(["\u3000\u3000" + "甲" * 35, "乙" * 37, "\u3000\u3000" + "丙" * 35, "丁" * 20]):
        c.drawString(72, 750 - 20 * k, ln)
    c.save()
    doc = load_file(str(path))
    assert doc.text == "甲" * 35 + "乙" * 37 + "\n" + "丙" * 35 + "丁" * 20 + "\n"


def test_row_cut_by_the_page_break_is_one_row(tmp_path: Path) -> None:
    """Word lets a row break across pages: the label's first half above, its rest and the numbers below."""
    from tests.core.loader_fixtures import make_table_pdf

    widths = [200.0, 60.0, 60.0]
    part_a = [
        ("项目", 0, 0, 1, 1), ("自然人", 0, 1, 2, 1), ("总计", 0, 2, 3, 1),
        ("（一）予以公开", 1, 0, 1, 1), ("5", 1, 1, 2, 1), ("5", 1, 2, 3, 1),
        ("（二）部分公开（区分处理的，只计这一", 2, 0, 1, 1), ("", 2, 1, 2, 1), ("", 2, 2, 3, 1),
    ]  # fmt: skip
    part_b = [
        ("情形，不计其他情形）", 0, 0, 1, 1), ("4", 0, 1, 2, 1), ("4", 0, 2, 3, 1),
        ("（七）总计", 1, 0, 1, 1), ("9", 1, 1, 2, 1), ("9", 1, 2, 3, 1),
    ]  # fmt: skip
    doc = load_file(str(make_table_pdf(tmp_path / "cut.pdf", part_a, part_b, widths)))
    assert len(doc.grids) == 1
    g = doc.grids[0]
    assert g.pages == (1, 2) and (g.n_rows, g.n_cols) == (4, 3)
    rows = [[c.text for c in r] for r in g.rows()]
    assert rows == [
        ["项目", "自然人", "总计"],
        ["（一）予以公开", "5", "5"],
        ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "4", "4"],
        ["（七）总计", "9", "9"],
    ]
    assert all(c.rowspan == 1 for c in g.cells)


def test_two_whole_rows_at_the_break_stay_apart(tmp_path: Path) -> None:
    from tests.core.loader_fixtures import make_table_pdf

    widths = [200.0, 60.0]
    part_a = [("项目", 0, 0, 1, 1), ("总计", 0, 1, 2, 1), ("3.补正后申请内容仍不明确", 1, 0, 1, 1), ("", 1, 1, 2, 1)]
    part_b = [("信访举报投诉类申请", 0, 0, 1, 1), ("", 0, 1, 2, 1), ("（七）总计", 1, 0, 1, 1), ("0", 1, 1, 2, 1)]
    doc = load_file(str(make_table_pdf(tmp_path / "two.pdf", part_a, part_b, widths)))
    rows = [[c.text for c in r] for r in doc.grids[0].rows()]
    assert rows == [["项目", "总计"], ["3.补正后申请内容仍不明确", ""], ["信访举报投诉类申请", ""], ["（七）总计", "0"]]


def test_repeated_header_rows_on_the_next_page_dropped(tmp_path: Path) -> None:
    from tests.core.loader_fixtures import make_table_pdf

    widths = [200.0, 60.0, 60.0]
    head = [("项目", 0, 0, 1, 2), ("申请人情况", 0, 1, 3, 1), ("自然人", 1, 1, 2, 1), ("总计", 1, 2, 3, 1)]
    part_a = [*head, ("（一）予以公开", 2, 0, 1, 1), ("5", 2, 1, 2, 1), ("5", 2, 2, 3, 1)]
    part_b = [*head, ("（七）总计", 2, 0, 1, 1), ("9", 2, 1, 2, 1), ("9", 2, 2, 3, 1)]
    doc = load_file(str(make_table_pdf(tmp_path / "rep.pdf", part_a, part_b, widths)))
    g = doc.grids[0]
    assert (g.n_rows, g.n_cols) == (4, 3)
    assert [[c.text for c in r] for r in g.rows()] == [
        ["项目", "申请人情况"],
        ["自然人", "总计"],
        ["（一）予以公开", "5", "5"],
        ["（七）总计", "9", "9"],
    ]
    assert doc.text.count("申请人情况") == 1


def test_unruled_table_lines_get_tabs(tmp_path: Path) -> None:
    """A table printed without rules is not a grid, but its columns become tab-separated lines."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "unruled.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 11)
    c.drawString(72, 760, "二、主动公开政府信息情况")
    rows = [
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "1", "0", "11"),
        ("行政规范性文件", "8", "26", "66"),
    ]
    for k, row in enumerate(rows):
        for x, cell in zip((72, 220, 330, 440), row, strict=True):
            c.drawString(x, 730 - 20 * k, cell)
    c.drawString(72, 650, "本年度共收到申请 12 件，办结 12 件。")
    c.save()
    doc = load_file(str(path))
    assert doc.grids == []
    assert doc.text == (
        "二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t0\t11\n"
        "行政规范性文件\t8\t26\t66\n本年度共收到申请 12 件，办结 12 件。\n"
    )


def test_letter_spaced_heading_not_split_into_columns(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 14)
    for k, ch in enumerate("工作报告"):
        c.drawString(200 + 50 * k, 760, ch)
    c.drawString(72, 700, "本年度共收到申请 12 件。")
    c.save()
    assert "\t" not in load_file(str(path)).text
