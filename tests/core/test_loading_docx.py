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
    assert (
        doc.text.index("三、收到和处理政府信息公开申请情况") < g.span.start < doc.text.index("四、政府信息公开行政复议")
    )


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


def _numbered_docx(path: Path) -> Path:
    """Headings numbered by Word (一、 / （一）) through a list style and direct numPr."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def para(text: str, level: int | None) -> None:
        p = d.add_paragraph(text)
        if level is not None:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    para("总体情况", 0)
    para("主动公开情况。本年度主动公开信息12条。", 1)
    para("依申请公开情况。", 1)
    para("正文段落。", None)
    para("主动公开政府信息情况", 0)
    para("第一项", 2)
    for _ in range(10):
        para("填充", 0)
    d.save(str(path))
    return path


def test_word_automatic_numbering_becomes_text(tmp_path: Path) -> None:
    doc = load_file(str(_numbered_docx(tmp_path / "numbered.docx")))
    lines = doc.text.splitlines()
    assert lines[:6] == [
        "一、总体情况",
        "（一）主动公开情况。本年度主动公开信息12条。",
        "（二）依申请公开情况。",
        "正文段落。",
        "二、主动公开政府信息情况",
        "1.第一项",
    ]
    assert lines[-1] == "十二、填充"


def test_chinese_numbers() -> None:
    from core.loading.docx_numbering import chinese_number, format_number

    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110, 115)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百一十五",
    ]  # fmt: skip
    assert format_number(4, "upperRoman") == "IV" and format_number(3, "decimalEnclosedCircle") == "③"


def test_numbering_through_a_heading_style(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    path = _numbered_docx(tmp_path / "base.docx")
    d = docx.Document(str(path))
    for p in list(d.paragraphs):
        p._p.getparent().remove(p._p)
    heading = d.styles["Heading 1"].element
    heading.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    d.add_paragraph("总体情况", style="Heading 1")
    d.add_paragraph("本年度工作。")
    d.add_paragraph("主动公开政府信息情况", style="Heading 1")
    d.save(str(tmp_path / "styled.docx"))
    doc = load_file(str(tmp_path / "styled.docx"))
    assert doc.text.splitlines() == ["一、总体情况", "本年度工作。", "二、主动公开政府信息情况"]


def test_numbering_counts_afresh_in_each_document(tmp_path: Path) -> None:
    # numbering and style definitions are shared between documents with the same parts; the
    # counters are not: the second load of the same file numbers from 一 again
    path = str(_numbered_docx(tmp_path / "numbered.docx"))
    first, second = load_file(path).text, load_file(path).text
    assert second == first
    assert second.splitlines()[0] == "一、总体情况" and second.splitlines()[-1] == "十二、填充"
