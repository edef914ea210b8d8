"""HTML loading: own decoding, boilerplate elements, tables with rowspan/colspan as grids and tab rows."""

from __future__ import annotations

from pathlib import Path

from core.loading.dispatch import load_file
from tests.core.loader_fixtures import make_html

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>青禾县审计局2021年报告</title><style>td {{ color: red }}</style>
<script>document.write("<p>脚本</p>");</script></head>
<body><div class="breadcrumb">您当前的位置：首页 &gt; 信息公开</div>
<nav>导航 菜单</nav>
<div id="main"><h1>青禾县审计局2021年政府信息
公开工作年度报告</h1>
<p>索引号：QH-2021-001</p>
<p>一、总体情况</p><p>本年度，我局<b>认真</b>贯彻落实{extra}。</p>
<table border="1">
<tr><td rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和）</td><td colspan="3">申请人情况</td></tr>
<tr><td>自然<br/>人</td><td><p>商业</p>
<p>企业</p></td><td>总计</td></tr>
<tr><td>一、本年新收</td><td><span>1</span><span>2</span></td><td>&nbsp;</td><td>1 2</td></tr>
</table>
<p>二、主动公开政府信息情况</p>
</div><footer>主办单位：青禾县人民政府</footer></body></html>"""


def _write(tmp_path: Path, html: str, encoding: str = "gb18030") -> Path:
    f = tmp_path / "page.html"
    f.write_bytes(html.encode(encoding))
    return f


def test_table_grid_with_merges_and_tab_rows(tmp_path: Path) -> None:
    doc = load_file(str(_write(tmp_path, PAGE.format(extra=""))))
    assert doc.form == "html"
    assert len(doc.grids) == 1
    g = doc.grids[0]
    assert (g.n_rows, g.n_cols) == (3, 4)
    cells = {(c.row, c.col): c for c in g.cells}
    assert (cells[0, 0].rowspan, cells[0, 1].colspan) == (2, 3)
    assert cells[1, 1].text == "自然人"
    assert cells[1, 2].text == "商业企业"
    assert cells[2, 1].text == "12"
    assert cells[2, 2].text == ""
    assert cells[2, 3].text == "1 2"
    rows = doc.text[g.span.start : g.span.end].rstrip("\n").split("\n")
    assert rows == [
        "（本列数据的勾稽关系为：第一项加第二项之和）\t申请人情况\t\t",
        "\t自然人\t商业企业\t总计",
        "一、本年新收\t12\t\t1 2",
    ]
    for c in g.cells:
        assert doc.text[c.span.start : c.span.end] == c.text
    # the table sits between the paragraphs in document flow
    assert doc.text.index("贯彻落实") < g.span.start < doc.text.index("二、主动公开")


def test_boilerplate_elements_dropped_text_kept(tmp_path: Path) -> None:
    doc = load_file(str(_write(tmp_path, PAGE.format(extra=""))))
    assert "脚本" not in doc.text and "color" not in doc.text and "导航" not in doc.text
    assert "主办单位" not in doc.text and "您当前的位置" not in doc.text
    assert "青禾县审计局2021年政府信息公开工作年度报告" in doc.text
    assert "索引号：QH-2021-001" in doc.text
    assert "本年度，我局认真贯彻落实。" in doc.text
    assert any("您当前的位置" in b for b in doc.boilerplate)
    assert "青禾县审计局2021年报告" in doc.boilerplate


def test_declared_gb2312_page_with_gbk_characters(tmp_path: Path) -> None:
    doc = load_file(str(_write(tmp_path, PAGE.format(extra="朱镕基同志的指示"))))
    assert doc.encoding == "gb18030"
    assert "朱镕基同志的指示" in doc.text
    assert "二、主动公开政府信息情况" in doc.text  # not cut at the GBK-only character


def test_utf8_page_and_offsets(tmp_path: Path) -> None:
    doc = load_file(str(_write(tmp_path, PAGE.format(extra="，資訊公開"), "utf-8")))
    assert "，信息公开" in doc.text
    i = doc.text.index("，信息公开") + 1
    assert doc.original[doc.offsets[i] : doc.offsets[i] + 2] == "資訊"


def test_layout_table_is_not_a_grid(tmp_path: Path) -> None:
    html = (
        "<html><body><table><tr><td><p>一、总体情况</p><p>正文段落。</p>"
        "<table border=1><tr><td>规章</td><td>3</td></tr></table></td></tr></table></body></html>"
    )
    doc = load_file(str(_write(tmp_path, html, "utf-8")))
    assert len(doc.grids) == 1 and doc.grids[0].n_cols == 2
    assert "一、总体情况\n正文段落。\n规章\t3\n" in doc.text


def test_entity_declarations_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" if i > 1 else "&lol;"}' * 1 + '">' for i in range(1, 10)
        )
        + "]><html><body><p>一、总体情况&lol9;</p></body></html>"
    )
    doc = load_file(str(_write(tmp_path, bomb, "utf-8")))
    assert "一、总体情况" in doc.text
    assert len(doc.text) < 200


def test_synthetic_html_report(tmp_path: Path) -> None:
    doc = load_file(str(make_html(tmp_path / "r.html", 5)))
    assert len(doc.grids) == 1
    g = doc.grids[0]
    assert g.n_cols == 8 and g.n_rows == 10
    assert g.rows()[1][0].text == "自然人"
    assert "首页" not in doc.text and "打印" not in doc.text


def test_hidden_elements_dropped(tmp_path: Path) -> None:
    html = '<html><body><p>一、总体情况</p><div style="display: none">隐藏的旧版本</div><p>正文。</p></body></html>'
    doc = load_file(str(_write(tmp_path, html, "utf-8")))
    assert doc.text == "一、总体情况\n正文。\n"


def test_table_caption_precedes_grid(tmp_path: Path) -> None:
    html = "<html><body><table><caption>表二 主动公开</caption><tr><th>规章</th><td>1</td></tr></table></body></html>"
    doc = load_file(str(_write(tmp_path, html, "utf-8")))
    assert doc.text == "表二 主动公开\n规章\t1\n"
    assert doc.grids[0].span.start == doc.text.index("规章")


def test_metadata_table_rows_copied_to_boilerplate(tmp_path: Path) -> None:
    html = (
        "<html><body><table class='xxgk'>"
        "<tr><td>索引号</td><td>QH-2021-001</td><td>发布机构</td><td>青禾县审计局</td></tr>"
        "<tr><td>发布日期</td><td>2022-01-05</td><td>文号</td><td></td></tr></table>"
        "<p>青禾县审计局2021年政府信息公开工作年度报告</p></body></html>"
    )
    doc = load_file(str(_write(tmp_path, html, "utf-8")))
    assert "索引号 QH-2021-001 发布机构 青禾县审计局" in doc.boilerplate
    assert "发布日期 2022-01-05 文号" in doc.boilerplate
    assert doc.text.startswith("索引号\tQH-2021-001\t发布机构\t青禾县审计局\n")
