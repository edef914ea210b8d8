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
    assert "2024 年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习" in text
    # the paragraph broken by the page 1/2 break is one line
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in text
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
    c.save()
    with pytest.raises(LoadError) as err:
        load_file(str(path))
    assert err.value.code == "pdf.scanned"
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
    assert err.value.code in ("pdf.corrupt", "pdf.scanned") and "junk.pdf" in err.value.message
