"""The upward workbook (../shared/spec/upward-workbook.md), read back the way other programs read it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from core import templates as T
from core.batch import Batch, Failure
from core.batch.directory import Directory, DirectoryAgency
from core.errors import Cancelled, LoadError
from core.export import ExportOptions, export_batch
from core.export.summary import SUMMARY_TOP
from core.layout import national_tables
from core.model import Finding, Value
from core.review.state import ValueEdit
from tests.core.export_helpers import make_reviewed

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")

OVERVIEW_CONTRACT = ["报告序号", "机关", "年度", "模板", "计入汇总", "未计入原因", "文件"]
FINDING_CONTRACT = ["机关", "年度", "级别", "问题", "表", "行", "列", "原文数值", "建议值", "状态"]
DATA_CONTRACT = ["报告序号", "机关", "年度", "模板", "字段ID", "表", "行", "列", "数值", "原文", "来源", "计入汇总"]


def incomplete(agency: str, path: str) -> Any:
    """Only three figures, stated in prose (数据不完整)."""
    rr = make_reviewed("2021", agency=agency, path=path)
    rr.report.values = {
        f: Value(f, 7, raw="7", origin="prose") for f in ("apply.new.total", "review.total", "apply.granted.total")
    }
    return rr


def blank(agency: str, path: str) -> Any:
    rr = make_reviewed("2021", agency=agency, path=path)
    rr.report.values = {f.id: Value(f.id, 0, raw="") for f in T.fields_for("2021")}
    return rr


def mixed() -> list[Any]:
    """2021/2023 ×3 (one agency twice), 2019/2020 ×1, 2021/2022 ×1, an incomplete and a blank one."""
    return [
        make_reviewed("2021", agency="示例市甲局", seed=1, path="甲局.txt"),
        make_reviewed("2021", agency="示例市乙局", seed=2, path="乙局.txt"),
        make_reviewed("2021", agency="示例市甲局", seed=3, path="甲局（定稿）.txt"),  # counted: read last
        make_reviewed("2019", agency="示例县丙办", year=2020, seed=4, path="丙办.txt"),
        make_reviewed("2021", agency="示例市甲局", year=2022, seed=5, path="甲局2022.txt"),
        incomplete("示例市丁局", "丁局.txt"),
        blank("示例市戊局", "戊局.txt"),
    ]


def summary_value(ws: Any, template: str, fid: str) -> Any:
    slot = next(s for s in national_tables(template).slots if s.field == fid)
    return ws.cell(SUMMARY_TOP + slot.row, slot.c1).value


@pytest.fixture
def written(tmp_path: Path) -> tuple[Path, Batch, list[str]]:
    reports = mixed()
    fail = Failure(str(tmp_path / "坏文件.pdf"), LoadError("文件“坏文件.pdf”已加密，无法读取。", code="pdf.encrypted"))
    batch = Batch([*reports, fail])
    out = tmp_path / "上报.xlsx"
    sheets = export_batch(batch, str(out), ExportOptions(unit="示例市政务公开办", reviewer="王审核"))
    return out, batch, sheets


def test_sheet_names_follow_the_contract(written: tuple[Path, Batch, list[str]]) -> None:
    out, _batch, sheets = written
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == sheets
    assert sheets[:3] == ["汇总表（2021版 2023年度）", "汇总表（2021版 2022年度）", "汇总表（2019版 2020年度）"]
    assert sheets[3:] == ["报告一览", "质量评估", "问题清单", "数据", "修改记录", "无法读取"]  # no directory: no 未报送


def test_summary_cells_are_sums_of_the_counted_reports_of_their_group(written: tuple[Path, Batch, list[str]]) -> None:
    out, batch, _ = written
    wb = openpyxl.load_workbook(out)
    groups = {("2021", 2023): "汇总表（2021版 2023年度）", ("2021", 2022): "汇总表（2021版 2022年度）",
              ("2019", 2020): "汇总表（2019版 2020年度）"}
    counted = {k: [e for e in batch.entries if e.counted and (e.template, e.year) == k] for k in groups}
    assert len(counted[("2021", 2023)]) == 2  # 甲局 once (the duplicate is not counted), 乙局; not 丁局, 戊局
    assert {e.path for e in counted[("2021", 2023)]} == {"甲局（定稿）.txt", "乙局.txt"}
    for key, name in groups.items():
        ws = wb[name]
        for f in T.fields_for(key[0]):
            want = [e.reviewed.value(f.id) for e in counted[key]]
            want = [v for v in want if v is not None]
            got = summary_value(ws, key[0], f.id)
            if want:
                assert got == pytest.approx(sum(want)), (name, f.id)
            else:
                assert got is None, (name, f.id)
    scope = wb["汇总表（2021版 2023年度）"]["A3"].value
    assert "计入汇总 2 份" in scope and "未计入 3 份" in scope and "重复 1 份" in scope
    assert "数据不完整 1 份" in scope and "空白模板 1 份" in scope and "示例市政务公开办" in scope
    # 2019 figures stay in their own sheet: its 对外公开总数 is not in a 2021 sheet at all
    texts_2021 = {c.value for row in wb["汇总表（2021版 2023年度）"].iter_rows() for c in row}
    assert "对外公开总数量" not in texts_2021 and "现行有效件数" in texts_2021


def test_summary_prints_readably(written: tuple[Path, Batch, list[str]]) -> None:
    out, _b, _ = written
    ws = openpyxl.load_workbook(out)["汇总表（2021版 2023年度）"]
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.print_title_rows == "$1:$2"
    dims = [d for d in ws.column_dimensions.values() if d.min <= 30]  # a <col> may cover several columns
    assert sum(min(d.max, 30) - d.min + 1 for d in dims) == 30  # every base column has its width
    total_width = sum(d.width * (min(d.max, 30) - d.min + 1) for d in dims)
    assert total_width <= 100  # one A4 portrait width at ~100 %: 10.5 pt text stays ≥ 9 pt printed
    assert "示例市政务公开办" in ws.oddHeader.left.text


def test_overview_lists_every_report_with_reasons(written: tuple[Path, Batch, list[str]]) -> None:
    out, batch, _ = written
    df = pd.read_excel(out, sheet_name="报告一览")
    assert list(df.columns[: len(OVERVIEW_CONTRACT)]) == OVERVIEW_CONTRACT
    assert len(df) == len(batch.entries) == 8
    by_path = {Path(p).name: r for p, r in zip(df["文件"], df.to_dict("records"), strict=True)}
    assert by_path["甲局.txt"]["计入汇总"] == "否" and by_path["甲局.txt"]["未计入原因"] == "重复"
    assert by_path["甲局（定稿）.txt"]["计入汇总"] == "是"
    assert by_path["丁局.txt"]["未计入原因"] == "数据不完整"
    assert by_path["戊局.txt"]["未计入原因"] == "空白模板"
    assert by_path["坏文件.pdf"]["未计入原因"] == "无法读取"
    e = next(e for e in batch.entries if e.path == "乙局.txt")
    assert by_path["乙局.txt"]["新收申请"] == e.reviewed.value("apply.new.total")
    assert by_path["乙局.txt"]["复议纠正"] == e.reviewed.value("review.corrected")
    org = sum(e.reviewed.value(f"apply.new.{c}") for c in ("commercial", "research", "social", "legal", "other"))
    assert by_path["乙局.txt"]["新收·法人或其他组织"] == org
    # last year's report of 甲局 stands beside this year's, with the change
    this = next(e for e in batch.entries if e.path == "甲局（定稿）.txt").reviewed
    last = next(e for e in batch.entries if e.path == "甲局2022.txt").reviewed
    row = by_path["甲局（定稿）.txt"]
    assert row["上年新收申请"] == last.value("apply.new.total")
    assert row["新收申请增减"] == this.value("apply.new.total") - last.value("apply.new.total")
    # 2019 and 2021 active-table figures never share a column
    assert pd.isna(by_path["丙办.txt"]["规范性文件现行有效"]) and not pd.isna(by_path["丙办.txt"][
        "规范性文件对外公开总数（2019版）"])
    assert not (df["机关"].astype(str) == "合计").any()


def test_findings_in_clerks_words_grouped_by_agency(tmp_path: Path) -> None:
    a = make_reviewed("2021", agency="示例市乙局", seed=2, path="b.txt")
    b = make_reviewed("2021", agency="示例市甲局", seed=1, path="a.txt")
    b.report.findings.append(Finding("test.injected", "error", "表三“（一）予以公开”行合计与各列之和不符",
                                     ["apply.granted.total"], suggestion={"apply.granted.total": 3}))
    out = tmp_path / "a.xlsx"
    export_batch(Batch([a, b]), str(out))
    df = pd.read_excel(out, sheet_name="问题清单")
    assert list(df.columns[: len(FINDING_CONTRACT)]) == FINDING_CONTRACT
    assert list(df["机关"]) == sorted(df["机关"])  # grouped by agency
    row = df[df["问题"].str.contains("予以公开", na=False)].iloc[0]
    assert row["级别"] == "错误" and row["表"] == "表三" and row["行"] == "（一）予以公开" and row["列"] == "总计"
    assert row["原文数值"] == b.value("apply.granted.total") and row["建议值"] == 3
    for col in FINDING_CONTRACT:  # rule IDs only in the last column
        assert not df[col].astype(str).str.fullmatch(r"[a-z_]+\.[a-z_.]+").any(), col


def test_data_long_form_has_every_field_and_tells_blank_from_zero(tmp_path: Path) -> None:
    rr = make_reviewed("2021", agency="示例市甲局", seed=1, path="a.txt")
    rr.report.values["apply.granted.natural"] = Value("apply.granted.natural", 0, raw="")
    rr.report.values["apply.granted.commercial"] = Value("apply.granted.commercial", 0, raw="0")
    rr.report.values["apply.granted.research"] = Value("apply.granted.research", 0, raw="/")
    del rr.report.values["review.pending"]
    old = make_reviewed("2019", agency="示例县丙办", year=2020, seed=4, path="c.txt")
    old.apply(ValueEdit("apply.new.total", 99))
    out = tmp_path / "a.xlsx"
    export_batch(Batch([rr, old]), str(out))
    df = pd.read_excel(out, sheet_name="数据", dtype={"原文": str})
    assert list(df.columns) == DATA_CONTRACT
    assert len(df) == len(T.fields_for("2021")) + len(T.fields_for("2019"))
    one = df[df["报告序号"] == 1].set_index("字段ID")
    assert set(one.index) == {f.id for f in T.fields_for("2021")}
    assert one.loc["apply.granted.natural", "数值"] == 0 and pd.isna(one.loc["apply.granted.natural", "原文"])
    assert one.loc["apply.granted.commercial", "数值"] == 0 and one.loc["apply.granted.commercial", "原文"] == "0"
    assert one.loc["apply.granted.research", "原文"] == "/"
    assert pd.isna(one.loc["review.pending", "数值"]) and one.loc["review.pending", "来源"] == "未读取"
    for fid, v in rr.values().items():
        assert one.loc[fid, "数值"] == pytest.approx(v.value), fid
    two = df[df["报告序号"] == 2].set_index("字段ID")
    assert two.loc["apply.new.total", "数值"] == 99 and two.loc["apply.new.total", "来源"] == "人工修改"
    assert two.loc["apply.new.total", "原文"] == str(old.report.values["apply.new.total"].raw)
    assert set(two["模板"]) == {"2019版"} and two.loc["apply.new.total", "行"] == "一、本年新收政府信息公开申请数量"


def test_corrections_name_the_reviewer_and_local_time(tmp_path: Path) -> None:
    rr = make_reviewed("2021", agency="示例市甲局", seed=1)
    printed = rr.value("apply.new.natural")
    rr.apply(ValueEdit("apply.new.natural", printed + 3, note="原文漏印"))
    rr.state.corrections["apply.new.natural"].time = "2024-01-05T01:30:12+00:00"
    out = tmp_path / "a.xlsx"
    export_batch(Batch([rr]), str(out), ExportOptions(reviewer="王审核"))
    df = pd.read_excel(out, sheet_name="修改记录")
    assert len(df) == 1
    row = df.iloc[0]
    local = dt.datetime(2024, 1, 5, 1, 30, tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    assert row["修改人"] == "王审核" and row["修改时间"] == local
    assert row["原文数值"] == printed and row["修改为"] == printed + 3 and row["说明"] == "原文漏印"
    assert row["表"] == "表三" and row["列"] == "自然人"


def test_missing_agencies_and_unreadable_files(tmp_path: Path) -> None:
    directory = Directory([DirectoryAgency("示例市甲局", ["甲局"], "示例区", "市级部门"),
                           DirectoryAgency("示例市乙局", [], "示例区", "市级部门"),
                           DirectoryAgency("示例市庚局", [], "另一区", "县区政府")])
    rr = make_reviewed("2021", agency="甲局", seed=1)
    fail = Failure("x.doc", LoadError("需要 LibreOffice。", code="load.missing_tool"))
    out = tmp_path / "a.xlsx"
    sheets = export_batch(Batch([rr, fail], directory=directory), str(out), summary_by="region")
    assert "未报送" in sheets and "汇总表（2021版 2023年度 示例区）" in sheets
    missing = pd.read_excel(out, sheet_name="未报送")
    assert list(missing["机关"]) == ["示例市乙局", "示例市庚局"] and set(missing["年度"]) == {2023}
    unreadable = pd.read_excel(out, sheet_name="无法读取")
    assert list(unreadable["文件"]) == ["x.doc"] and list(unreadable["原因"]) == ["需要 LibreOffice。"]
    overview = pd.read_excel(out, sheet_name="报告一览")
    assert overview.loc[0, "机关"] == "示例市甲局" and overview.loc[0, "地区"] == "示例区"


def test_bad_directory_rows_are_listed_not_fatal(tmp_path: Path) -> None:
    src = tmp_path / "名录.csv"
    src.write_text("机关名称,别名,地区\n示例市甲局,甲局,示例区\n,无名,示例区\n示例市乙局,甲局,示例区\n", encoding="utf-8")
    directory = Directory.load(src)
    assert [a.name for a in directory.agencies] == ["示例市甲局"] and len(directory.problems) == 2
    out = tmp_path / "a.xlsx"
    export_batch(Batch([make_reviewed("2021", agency="甲局")], directory=directory), str(out))
    rows = pd.read_excel(out, sheet_name="无法读取")
    assert list(rows["文件"]) == ["名录.csv", "名录.csv"]
    assert "第 3 行" in rows.loc[0, "原因"] and "第 4 行" in rows.loc[1, "原因"]


def test_empty_lists_have_a_header_and_no_fake_rows(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    export_batch(Batch([make_reviewed()]), str(out))
    wb = openpyxl.load_workbook(out)
    for name in ("修改记录", "无法读取"):
        rows = list(wb[name].iter_rows(values_only=True))
        assert len(rows) == 1 and rows[0][0] in ("报告序号", "文件"), name
    assert not any("（无）" in str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row)


def test_per_report_sheets_at_any_size_and_text_stays_text(tmp_path: Path) -> None:
    reports = [make_reviewed("2021", agency=f"示例市第{i}局", seed=i, path=f"{i}.txt") for i in range(55)]
    reports.append(make_reviewed("2021", agency="=HYPERLINK(1)", seed=99, path="x.txt"))
    out = tmp_path / "a.xlsx"
    sheets = export_batch(Batch(reports), str(out), per_report_sheets=True)
    official = [s for s in sheets if s.startswith("示例市第") or s.startswith("=")]
    assert len(official) == 56
    wb = openpyxl.load_workbook(out)
    ws = wb["示例市第7局（2023）"]
    assert ws["A1"].value == "示例市第7局2023年政府信息公开工作年度报告"
    df = pd.read_excel(out, sheet_name="报告一览")
    assert df.loc[55, "机关"] == "=HYPERLINK(1)"  # stored as text, not a formula
    overview = wb["报告一览"]
    assert overview["B9"].value == "示例市第7局" and overview["B9"].hyperlink.location == "'示例市第7局（2023）'!A1"
    assert not export_batch(Batch(reports[:2]), str(tmp_path / "b.xlsx"))[-1].startswith("示例市第")


def test_every_row_lists_its_cells_left_to_right(tmp_path: Path) -> None:
    """Excel reports a damaged file when a row's cells are out of column order (the national tables'
    labels are laid out in any order; corrected cells bring cells of their own into a row)."""
    import zipfile

    reports = [make_reviewed("2021", seed=1), make_reviewed("2019", agency="示例县丙办", year=2020, seed=2)]
    reports[0].apply(ValueEdit("apply.new.natural", 5, note="核对原件"))
    out = tmp_path / "a.xlsx"
    export_batch(Batch(reports), str(out), per_report_sheets=True)
    cell = re.compile(r'<c r="([A-Z]+)(\d+)"')
    checked = 0
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            for row in re.findall(r"<row [^>]*>(.*?)</row>", z.read(name).decode("utf-8"), flags=re.S):
                cols = [openpyxl.utils.column_index_from_string(c) for c, _r in cell.findall(row)]
                assert cols == sorted(set(cols)), (name, row[:200])
                checked += len(cols)
    assert checked > 3000  # two 汇总表 and two official sheets of ~1000 cells each


def test_progress_and_cancel_leave_no_file(tmp_path: Path) -> None:
    reports = mixed()
    seen: list[float] = []
    export_batch(reports, str(tmp_path / "a.xlsx"), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 4
    calls = {"n": 0}

    def cancel_later() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(Cancelled):
        export_batch(reports, str(tmp_path / "b.xlsx"), cancelled=cancel_later)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]
    with pytest.raises(TypeError):
        export_batch(reports, str(tmp_path / "c.xlsx"), colour="red")


def test_count_incomplete_counts_and_marks_them(tmp_path: Path) -> None:
    batch = Batch([make_reviewed("2021", agency="示例市甲局", seed=1), incomplete("示例市丁局", "丁局.txt")])
    told: list[Any] = []
    batch.listeners.append(told.append)
    out = tmp_path / "a.xlsx"
    export_batch(batch, str(out), count_incomplete=True)
    assert batch.count_incomplete is False  # the batch's own setting is left as it was
    assert told == [] and batch.listeners == [told.append]  # listeners (the window's models) not told
    df = pd.read_excel(out, sheet_name="报告一览")
    row = df[df["文件"] == "丁局.txt"].iloc[0]
    assert row["计入汇总"] == "是" and row["完整性"] == "数据不完整" and "按导出选项计入" in row["说明"]
    ws = openpyxl.load_workbook(out)["汇总表（2021版 2023年度）"]
    assert summary_value(ws, "2021", "review.total") == batch.entries[0].reviewed.value("review.total") + 7
    assert re.search(r"其中 1 份数据不完整", ws["A3"].value)


def test_quality_sheet_scores_each_check(tmp_path: Path) -> None:
    from core.review.state import ReviewedEdit

    rr = make_reviewed("2021", agency="示例市甲局", seed=1)
    rr.report.metadata.published.value = "2024-01-20"
    rr.apply(ReviewedEdit(True))  # 已审核, but its open warnings still show
    late = make_reviewed("2021", agency="示例市乙局", seed=2, path="b.txt")
    late.report.metadata.published.value = "2024-03-01"
    out = tmp_path / "a.xlsx"
    export_batch(Batch([rr, late]), str(out))
    df = pd.read_excel(out, sheet_name="质量评估")
    assert list(df["按时发布"]) == ["符合", "不符合"]
    checks = {"六部分齐全", "三张统计表齐全", "勾稽关系成立", "正文与表格一致", "与上年衔接", "信息处理费说明"}
    assert set(df.columns) >= checks
    for col in df.columns[4:11]:
        assert set(df[col]) <= {"符合", "不符合", "无法判断"}
    assert list(df["勾稽关系成立"]) == ["符合", "符合"]
    assert list(pd.read_excel(out, sheet_name="报告一览")["状态"]) == ["有警告", "有警告"]
    overview = pd.read_excel(out, sheet_name="报告一览")
    assert list(overview["按时发布"]) == ["是", "否"] and overview.loc[0, "发布日期"] == "2024-01-20"


def test_list_sheets_print_one_page_wide_unless_too_wide_to_read(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    export_batch(Batch([make_reviewed()]), str(out))
    wb = openpyxl.load_workbook(out)
    for name in ("无法读取", "数据"):  # a little wider than a landscape page: shrunk to its width
        ws = wb[name]
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
    for name in ("报告一览", "问题清单"):  # far wider: column groups at 100 %, 机关 repeated on each
        ws = wb[name]
        assert not ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.scale == 100 and ws.page_setup.pageOrder == "overThenDown", name
        assert ws.print_title_cols, name
