"""Word .docx loading: body order, merges (gridSpan/vMerge), the real blank 2021 template."""

from __future__ import annotations

from pathlib import Path

from core.loading.dispatch import load_file
from tests.conftest import CORPUS
from tests.core.loader_fixtures import make_docx


def test_synthetic_docx_grid_with_merges(tmp_path: Path) -> None:
    doc = load_file(str(make_docx(tmp_path / "r.docx", 11)))
    assert doc.form == "docx"
    assert len(doc.grids) == 1
    g = doc.grids[0]
    assert (g.n_rows, g.n_cols) == (10, 8)
    cells = {(c.row, c.col): c for c in g.cells}
    assert cells[0, 0].text == "项目" and cells[0, 0].rowspan == 2
    assert cells[0, 1].text == "申请人情况" and cells[0, 1].colspan == 7
    assert (1, 0) not in cells
    assert cells[1, 1].text == "自然人"
    assert cells[2, 0].text == "一、本年新收政府信息公开申请数量"
    lines = doc.text[g.span.start : g.span.end].split("\n")
    assert lines[0] == "项目\t申请人情况" + "\t" * 6
    assert lines[1].startswith("\t自然人\t商业企业")
    for c in g.cells:
        assert doc.text[c.span.start : c.span.end] == c.text
    # paragraphs before and after the table, in body order
    assert doc.text.index("三、收到和处理政府信息公开申请情况") < g.span.start < doc.text.index("四、政府信息公开行政复议")


def test_real_blank_template_gives_three_grids() -> None:
    doc = load_file(str(CORPUS / "template_2021_blank.docx"))
    assert len(doc.grids) == 3
    t2, t3, t4 = doc.grids
    assert (t3.n_cols, t4.n_cols) == (10, 15)
    labels = [c.text for c in t3.cells]
    assert "（四）无法提供" in labels and "商业企业" in labels
    big = next(c for c in t3.cells if c.text == "三、本年度办理结果")
    assert big.rowspan == 22
    assert t4.cells[0].text == "行政复议" and t4.cells[0].colspan == 5
    assert "六、其他需要报告的事项" in doc.text
    assert t2.span.end <= t3.span.start <= t4.span.start


def test_docx_paragraph_with_traditional_text(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("政府資訊公開工作年度報告")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "行政覆議"
    t.cell(0, 1).text = "３"
    d.save(str(tmp_path / "t.docx"))
    doc = load_file(str(tmp_path / "t.docx"))
    assert doc.text.startswith("政府信息公开工作年度报告\n")
    assert [c.text for c in doc.grids[0].cells] == ["行政复议", "3"]
