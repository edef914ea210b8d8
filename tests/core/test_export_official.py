"""One report in the national layout: merged headers, values, formats, corrections, print setup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core import templates as T
from core.errors import Cancelled
from core.export import ExportOptions, export_report
from core.model import Finding
from core.review.state import ValueEdit
from tests.core.export_helpers import make_reviewed

openpyxl = pytest.importorskip("openpyxl")


def find(ws: Any, text: str) -> Any:
    hits = [c for row in ws.iter_rows() for c in row if c.value == text]
    assert len(hits) == 1, (text, [c.coordinate for c in hits])
    return hits[0]


def merged(ws: Any, cell: Any) -> tuple[int, int]:
    """(rows, columns) covered by the merged range whose top-left is ``cell`` (1×1 if not merged)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == cell.row and rng.min_col == cell.column:
            return rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1
    return 1, 1


def export(tmp_path: Path, rr: Any, **opts: Any) -> tuple[Any, Any]:
    out = tmp_path / "report.xlsx"
    info = export_report(rr, str(out), ExportOptions(**opts))
    wb = openpyxl.load_workbook(out)
    return wb, info


def test_apply_table_headers_are_merged_as_printed(tmp_path: Path) -> None:
    wb, _ = export(tmp_path, make_reviewed("2021"))
    ws = wb.worksheets[0]
    applicants = find(ws, "申请人情况")
    org = find(ws, "法人或其他组织")
    natural = find(ws, "自然人")
    assert merged(ws, applicants) == (1, 14)  # over 7 columns of 2
    assert org.row == applicants.row + 1 and merged(ws, org) == (1, 10)
    assert natural.row == org.row and merged(ws, natural) == (2, 2)
    total = [c for c in ws[natural.row] if c.value == "总计"]
    assert len(total) == 1 and merged(ws, total[0]) == (2, 2) and total[0].column > org.column
    for label in ("商业企业", "科研机构", "社会公益组织", "法律服务机构"):
        assert find(ws, label).row == org.row + 1
    note = find(ws, T.APPLY_NOTE)
    assert note.row == applicants.row and merged(ws, note) == (3, 16)
    results = find(ws, "三、本年度办理结果")
    (block,) = T.layout("2021", T.TABLE_APPLY)
    n_results = sum(1 for r in block.rows if r.level >= 1)
    assert merged(ws, results) == (n_results, 1)
    assert results.alignment.text_rotation == 255  # vertical, as printed
    assert merged(ws, find(ws, "（三）不予公开"))[0] == 8
    assert merged(ws, find(ws, "（四）无法提供"))[0] == 3
    assert merged(ws, find(ws, "（五）不予处理"))[0] == 5
    assert merged(ws, find(ws, "（六）其他处理"))[0] == 3
    assert find(ws, "1.属于国家秘密").row == find(ws, "（三）不予公开").row
    # a top row spans all three label columns
    assert merged(ws, find(ws, "一、本年新收政府信息公开申请数量")) == (1, 16)


def test_appeal_table_is_one_row_of_fifteen(tmp_path: Path) -> None:
    rr = make_reviewed("2021", seed=3)
    wb, info = export(tmp_path, rr)
    ws = wb.worksheets[0]
    review = find(ws, "行政复议")
    suit = find(ws, "行政诉讼")
    assert merged(ws, review) == (2, 10) and merged(ws, suit) == (1, 20) and suit.row == review.row
    direct, after = find(ws, "未经复议直接起诉"), find(ws, "复议后起诉")
    assert direct.row == after.row == review.row + 1
    assert merged(ws, direct) == merged(ws, after) == (1, 10)
    fids = [f.id for f in T.fields_for("2021", T.TABLE_APPEAL)]
    assert len(fids) == 15
    cells = [ws[info.cells[f]] for f in fids]
    assert len({c.row for c in cells}) == 1
    assert [c.column for c in cells] == sorted(c.column for c in cells)
    assert [c.value for c in cells] == [rr.value(f) for f in fids]
    headers = [c for c in ws[review.row + 2] if c.value in {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}]
    assert len(headers) == 15


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_every_field_of_the_template_is_placed_with_its_value(tmp_path: Path, template: str) -> None:
    rr = make_reviewed(template, seed=7)
    wb, info = export(tmp_path, rr)
    ws = wb.worksheets[0]
    expected = {f.id for f in T.fields_for(template)}
    assert set(info.cells) == expected
    for f in T.fields_for(template):
        cell = ws[info.cells[f.id]]
        assert cell.value == rr.value(f.id), f.id
        if f.kind == "decimal":
            assert isinstance(cell.value, float) and cell.number_format == "0.00##"
        elif f.kind == "signed":
            assert cell.number_format == "+0;-0;0"
        else:
            assert isinstance(cell.value, int) and cell.number_format == "0"
    captions = [b.caption for b in T.layout(template, T.TABLE_ACTIVE)]
    for cap in captions:
        cell = find(ws, cap)
        assert merged(ws, cell) == (1, 30)
        assert ws.cell(cell.row + 1, 1).value == "信息内容"
    assert sum(1 for row in ws.iter_rows() for c in row if c.value == "信息内容") == len(captions)


def test_2019_other_is_one_row_and_2021_has_three(tmp_path: Path) -> None:
    ws19 = export(tmp_path, make_reviewed("2019"))[0].worksheets[0]
    cell = find(ws19, "（六）其他处理")
    assert merged(ws19, cell) == (1, 15)  # group + leaf columns, one row
    assert find(ws19, "（七）总计").row == cell.row + 1
    assert "本年新制作数量" in [c.value for row in ws19.iter_rows() for c in row]


def test_unknown_template_uses_2021_layout_and_lists_other_values(tmp_path: Path) -> None:
    values = {"apply.new.total": 5, "active.procurement.count": 3}
    rr = make_reviewed("legacy", values=values)
    wb, info = export(tmp_path, rr)
    ws = wb.worksheets[0]
    assert "第二十条第（八）项" in [c.value for row in ws.iter_rows() for c in row]
    assert ws[info.cells["apply.new.total"]].value == 5
    assert ws[info.cells["active.procurement.count"]].value == 3  # not in the 2021 tables: listed below
    assert find(ws, "其他识别到的数值（不在本格式的表格中）").row > ws[info.cells["review.total"]].row
    assert ws[info.cells["apply.granted.total"]].value is None  # missing stays empty, not 0
    assert "旧版格式" in ws["A2"].value


def test_title_fonts_borders_widths_and_page_setup(tmp_path: Path) -> None:
    rr = make_reviewed("2021", agency="示例县测试局", year=2022)
    wb, info = export(tmp_path, rr, body_font="仿宋_GB2312", exported_by="张三")
    ws = wb.worksheets[0]
    assert ws.title == "示例县测试局（2022）"
    assert ws["A1"].value == "示例县测试局2022年政府信息公开工作年度报告"
    assert "2021 版格式" in ws["A2"].value and "示例市测试局2023年报.txt" in ws["A2"].value
    assert ws["A1"].font.name == "黑体"
    assert find(ws, "申请人情况").font.name == "黑体"
    value_cell = ws[info.cells["apply.new.total"]]
    assert value_cell.font.name == "仿宋_GB2312"
    assert find(ws, "一、本年新收政府信息公开申请数量").font.name == "仿宋_GB2312"
    for side in ("left", "right", "top", "bottom"):
        assert getattr(value_cell.border, side).style == "thin"
    note = find(ws, T.APPLY_NOTE)
    covered = ws.cell(note.row + 2, note.column + 15)  # bottom-right corner of the merged note
    assert covered.border.right.style == "thin" and covered.border.bottom.style == "thin"
    assert ws.column_dimensions["A"].width == pytest.approx(3.3)
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$2"
    assert "张三" in ws.oddFooter.right.text
    apply_top = find(ws, "三、收到和处理政府信息公开申请情况").row
    assert [b.id for b in ws.row_breaks.brk] == [apply_top - 1]  # 表三 starts a page


def test_default_body_font_is_fangsong(tmp_path: Path) -> None:
    from core.export.styles import body_font_name

    name = body_font_name(ExportOptions())
    assert name in {"仿宋_GB2312", "仿宋"}
    ws = export(tmp_path, make_reviewed())[0].worksheets[0]
    assert find(ws, "行政许可").font.name == name


def test_edit_export_reread_shows_correction(tmp_path: Path) -> None:
    rr = make_reviewed("2021", seed=2)
    fid = "apply.granted.natural"
    printed = rr.value(fid)
    rr.apply(ValueEdit(fid, printed + 4, note="原表合计有误"))
    wb, info = export(tmp_path, rr)
    ws = wb.worksheets[0]
    cell = ws[info.cells[fid]]
    assert cell.value == printed + 4
    assert cell.fill.fgColor.rgb.endswith("FFF2CC")
    c = rr.state.corrections[fid]
    assert f"原文：{printed}" in cell.comment.text
    assert f"修改为：{printed + 4}" in cell.comment.text
    assert c.time in cell.comment.text and "原表合计有误" in cell.comment.text
    other = ws[info.cells["apply.granted.total"]]
    assert other.comment is None and other.fill.fgColor.rgb != cell.fill.fgColor.rgb
    log = wb["修改记录"]
    rows = [[c.value for c in r] for r in log.iter_rows(min_row=3)]
    assert rows == [["示例市测试局 2023年", "表三 “（一）予以公开” 行 “自然人” 列", fid, printed, printed + 4,
                     "原表合计有误", c.user or None, c.time, rr.path]]
    assert "审核时修改" in [c.value for row in ws.iter_rows() for c in row if c.value][-1]


def test_findings_sheet_lists_findings_and_confirmations(tmp_path: Path) -> None:
    from core.review.state import ConfirmEdit

    rr = make_reviewed()
    f1 = Finding("apply.balance", "error", "=表三勾稽不平", ["apply.new.total"])
    f2 = Finding("prose.mismatch", "warning", "正文与表格不一致", [])
    rr.apply(ConfirmEdit(f2.key, "原文如此"))
    out = tmp_path / "r.xlsx"
    export_report(rr, str(out), findings=[f1, f2])
    ws = openpyxl.load_workbook(out)["发现的问题"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3)]
    assert rows[0][1:7] == ["错误", "apply.balance", "=表三勾稽不平", "表三 “一、本年新收政府信息公开申请数量” 行 “总计” 列", "否", None]
    assert ws["D3"].quotePrefix is True
    assert rows[1][1:7] == ["警告", "prose.mismatch", "正文与表格不一致", None, "是", "原文如此"]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:H4"
    assert ws.row_dimensions[3].height == 30  # the cell name takes two lines
    assert ws.row_dimensions[4].height is None  # short text: one line, the spreadsheet's own height


def test_long_finding_rows_are_tall_enough_to_read(tmp_path: Path) -> None:
    rr = make_reviewed()
    long = "表三 “自然人” 列勾稽不平：" + "第一项加第二项之和不等于第三项加第四项之和，" * 6
    out = tmp_path / "r.xlsx"
    export_report(rr, str(out), findings=[Finding("apply.balance", "error", long, [])])
    ws = openpyxl.load_workbook(out)["发现的问题"]
    assert ws["D3"].value == long and ws["D3"].alignment.wrap_text
    assert ws.row_dimensions[3].height >= 15 * 4  # ~270 display units in a 60-unit column


def test_progress_and_cancel(tmp_path: Path) -> None:
    seen: list[float] = []
    export_report(make_reviewed(), str(tmp_path / "a.xlsx"), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        export_report(make_reviewed(), str(tmp_path / "b.xlsx"), cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


def test_metadata_correction_renames_title_and_is_logged(tmp_path: Path) -> None:
    from core.review.state import MetadataEdit

    rr = make_reviewed("2021", agency="示例市测试局", year=2023)
    rr.apply(MetadataEdit("agency", "示例市测试管理局"))
    rr.apply(MetadataEdit("template", "2019"))
    wb, info = export(tmp_path, rr)
    ws = wb.worksheets[0]
    assert ws["A1"].value == "示例市测试管理局2023年政府信息公开工作年度报告"
    assert "2019 版格式" in ws["A2"].value  # the corrected template decides the layout
    assert "active.rules.made" in info.cells
    rows = [[c.value for c in r][:5] for r in wb["修改记录"].iter_rows(min_row=3)]
    assert ["示例市测试管理局 2023年", "报告信息：机关名称", "agency", "示例市测试局", "示例市测试管理局"] in rows
    assert ["示例市测试管理局 2023年", "报告信息：格式", "template", "2021", "2019"] in rows


def test_corrections_can_be_left_unmarked(tmp_path: Path) -> None:
    rr = make_reviewed()
    fid = "review.total"
    rr.apply(ValueEdit(fid, 77))
    wb, info = export(tmp_path, rr, mark_corrections=False)
    cell = wb.worksheets[0][info.cells[fid]]
    assert cell.value == 77 and cell.comment is None and cell.fill.fill_type is None
    assert info.corrected == []
    assert len(list(wb["修改记录"].iter_rows(min_row=3))) == 1  # still on record


def _look(ws: Any) -> dict[str, Any]:
    """Everything a reader of an official sheet sees: values, styles, merges, heights, comments, print setup."""
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style and c.comment is None:
                continue
            b = c.border
            # an empty cell's font shows nowhere (the batch workbook's default font is the body font)
            font = (c.font.name, c.font.sz, c.font.b) if c.value is not None else None
            cells[c.coordinate] = (
                c.value, font, c.fill.fill_type, c.fill.fgColor.rgb,
                (b.left.style, b.right.style, b.top.style, b.bottom.style),
                (c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text, c.alignment.textRotation),
                c.number_format, c.quotePrefix, c.comment.text if c.comment else None,
            )
    return {
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "breaks": [b.id for b in ws.row_breaks.brk],
        "print": (ws.print_area, ws.print_title_rows, ws.page_setup.orientation, ws.sheet_view.showGridLines),
    }


@pytest.mark.parametrize("template", ["2021", "2019", "legacy"])
def test_official_sheet_in_the_batch_workbook_is_the_one_report_sheet(tmp_path: Path, template: str) -> None:
    """The workbook writes official sheets as XML spliced into the file (fast); the one-report export
    through openpyxl cells. A reader sees the same sheet either way."""
    from core.export import export_batch

    values = {"apply.new.total": 5, "active.procurement.count": 3} if template == "legacy" else None
    rr = make_reviewed(template, agency="=示例局 ", seed=4, values=values)
    rr.apply(ValueEdit("apply.new.total", 70, note="原件为七十 & <核对>"))
    rr.apply(ValueEdit("review.total", 10**400))  # beyond Excel's digits: exact text
    wb_one, _ = export(tmp_path, rr, exported_by="张三")
    out = tmp_path / "batch.xlsx"
    export_batch([rr], str(out), ExportOptions(per_report_sheets=True, exported_by="张三"))
    wb_all = openpyxl.load_workbook(out)
    one = _look(wb_one.worksheets[0])
    streamed = _look(wb_all[wb_one.worksheets[0].title])
    assert streamed["cells"] == one["cells"]
    assert {k: v for k, v in streamed.items() if k != "cells"} == {k: v for k, v in one.items() if k != "cells"}
    assert len(one["cells"]) > 500 and one["merged"]
    assert one["cells"]["A1"][7] is True  # the agency name starting with "=" stays text
