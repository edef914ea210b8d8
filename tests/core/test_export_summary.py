"""A batch in one workbook: summary figures, live totals, filters, highlighting, lists, charts."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from core.batch import Failure
from core.errors import Cancelled, LoadError
from core.export import ExportOptions, export_batch
from core.model import Finding
from core.review.state import ReviewedEdit, ValueEdit
from core.validation import status, validate
from tests.core.export_helpers import make_reviewed

openpyxl = pytest.importorskip("openpyxl")

DENIED = ("state_secret", "law_forbidden", "safety_stability", "third_party", "internal_affairs", "process_info",
          "enforcement_file", "query_matter")


def expected_figures(rr: Any) -> dict[str, Any]:
    """The summary's key figures, written out by hand from the national tables."""
    v = rr.numbers()
    t = "apply.{}.total".format

    def total(keys: list[str]) -> Any:
        got = [v[k] for k in keys if k in v]
        return sum(got) if got else None

    other = ["apply.other.total"] if rr.template == "2019" else [
        t("other.no_correction"), t("other.no_fee"), t("other.other")]
    current = "total" if rr.template == "2019" else "in_force"
    return {
        "新收申请": v.get(t("new")),
        "上年结转": v.get(t("carried")),
        "予以公开": v.get(t("granted")),
        "部分公开": v.get(t("partial")),
        "不予公开": total([t(f"denied.{k}") for k in DENIED]),
        "无法提供": total([t("unable.not_held"), t("unable.needs_creation"), t("unable.unclear")]),
        "不予处理": total([t(f"rejected.{k}") for k in
                       ("petition", "duplicate", "publication", "mass_repeat", "confirm_info")]),
        "其他处理": total(other),
        "办理结果总计": v.get(t("total_handled")),
        "结转下年度": v.get(t("carry_forward")),
        "行政复议总计": v.get("review.total"),
        "直接起诉总计": v.get("suit_direct.total"),
        "复议后起诉总计": v.get("suit_after_review.total"),
        "规章（现行有效/公开总数）": v.get(f"active.rules.{current}"),
        "规范性文件（现行有效/公开总数）": v.get(f"active.normative.{current}"),
        "行政许可决定": v.get("active.license.decisions"),
        "行政处罚决定": v.get("active.penalty.decisions"),
        "行政强制决定": v.get("active.coercion.decisions"),
    }


def batch() -> list[Any]:
    a = make_reviewed("2021", agency="甲市测试局", seed=1)
    b = make_reviewed("2019", agency="乙县测试办", year=2020, seed=2, path="乙县.txt")
    c = make_reviewed("2021", agency="=丙区测试委", seed=3, path="丙区.txt")
    c.report.findings.append(Finding("test.injected", "error", "表三勾稽不平", ["apply.new.total"]))
    a.apply(ValueEdit("apply.new.natural", 1234, note="原文漏印"))
    a.apply(ReviewedEdit(True))
    return [a, b, c]


def header_index(ws: Any) -> dict[str, int]:
    return {c.value: c.column for c in ws[2] if c.value}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, list[Any]]:
    reports = batch()
    out = tmp_path / "汇总.xlsx"
    fail = Failure(str(tmp_path / "坏文件.pdf"), LoadError("文件“坏文件.pdf”已加密，无法读取。", code="pdf.encrypted"))
    export_batch(reports, str(out), failures=[fail])
    return out, reports


def test_summary_rows_hold_status_and_key_figures(exported: tuple[Path, list[Any]]) -> None:
    out, reports = exported
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:5] == ["汇总", "图表", "发现的问题", "修改记录", "无法读取的文件"]
    ws = wb["汇总"]
    cols = header_index(ws)
    for i, rr in enumerate(reports):
        r = 3 + i
        st = status(rr, validate(rr))
        assert ws.cell(r, cols["状态"]).value == st.label
        assert ws.cell(r, cols["未处理错误"]).value == st.errors
        assert ws.cell(r, cols["格式"]).value == rr.template + "版"
        assert ws.cell(r, cols["年度"]).value == rr.metadata_value("year")
        for header, want in expected_figures(rr).items():
            assert ws.cell(r, cols[header]).value == want, (rr.template, header)
    assert ws.cell(3, cols["新收申请"]).value == reports[0].value("apply.new.total")  # effective, not printed
    assert ws.cell(3, cols["状态"]).value == "已审核"
    assert ws.cell(3, cols["审核人"]).value == (reports[0].state.reviewed_by or None)
    at = reports[0].state.reviewed_at
    assert ws.cell(3, cols["审核时间"]).value == at[:10] + " " + at[11:16]
    assert ws.cell(5, cols["未处理错误"]).value >= 1
    agency = ws.cell(5, cols["机关"])
    assert agency.value == "=丙区测试委" and agency.data_type == "s" and agency.quotePrefix


def test_totals_row_has_live_sums_over_exactly_the_data_rows(exported: tuple[Path, list[Any]]) -> None:
    out, reports = exported
    ws = openpyxl.load_workbook(out)["汇总"]
    cols = header_index(ws)
    total_row = 3 + len(reports)
    assert ws.cell(total_row, 2).value == "合计"
    checked = 0
    for header in ["未处理错误", "修改处数", *expected_figures(reports[0])]:
        c = cols[header]
        letter = openpyxl.utils.get_column_letter(c)
        assert ws.cell(total_row, c).value == f"=SUM({letter}3:{letter}{total_row - 1})"
        data = [ws.cell(r, c).value for r in range(3, total_row)]
        expected = sum(x for x in data if isinstance(x, int | float))
        if header in expected_figures(reports[0]):
            by_hand = sum(x for x in (expected_figures(rr)[header] for rr in reports) if x is not None)
            assert expected == by_hand
        checked += 1
    assert checked == 20
    assert ws.cell(total_row, cols["序号"]).value is None  # no sum of row numbers


def test_filter_freeze_highlight_and_print_setup(exported: tuple[Path, list[Any]]) -> None:
    out, reports = exported
    ws = openpyxl.load_workbook(out)["汇总"]
    last = openpyxl.utils.get_column_letter(ws.max_column)
    assert ws.auto_filter.ref == f"A2:{last}{2 + len(reports)}"  # the totals row stays out of the filter
    assert ws.freeze_panes == "C3"
    rules = [(str(rng.sqref), r) for rng in ws.conditional_formatting for r in rng.rules]
    assert len(rules) == 1
    sqref, rule = rules[0]
    assert sqref == f"A3:{last}{2 + len(reports)}"
    assert rule.formula == ["$F3>0"] and ws["F2"].value == "未处理错误"
    assert rule.dxf.fill.fgColor.rgb.endswith("F8CBAD") or rule.dxf.fill.bgColor.rgb.endswith("F8CBAD")
    assert ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws["A1"].font.name == "黑体"
    assert ws.print_area == f"'汇总'!$A$1:${openpyxl.utils.get_column_letter(ws.max_column - 1)}${3 + len(reports)}"
    assert ws.cell(3, 12).number_format == "#,##0"


def test_findings_corrections_and_failures_sheets(exported: tuple[Path, list[Any]], tmp_path: Path) -> None:
    out, reports = exported
    wb = openpyxl.load_workbook(out)
    rows = [[c.value for c in r] for r in wb["发现的问题"].iter_rows(min_row=3)]
    mine = [r for r in rows if r[2] == "test.injected"]
    assert mine == [["=丙区测试委 2023年", "错误", "test.injected", "表三勾稽不平",
                     "表三 “一、本年新收政府信息公开申请数量” 行 “总计” 列", "否", None, "丙区.txt"]]
    assert len(rows) == sum(len(validate(rr)) for rr in reports)
    corr = [[c.value for c in r] for r in wb["修改记录"].iter_rows(min_row=3)]
    assert len(corr) == 1
    assert corr[0][:6] == ["甲市测试局 2023年", "表三 “一、本年新收政府信息公开申请数量” 行 “自然人” 列",
                           "apply.new.natural", reports[0].report.values["apply.new.natural"].value, 1234, "原文漏印"]
    fails = [[c.value for c in r] for r in wb["无法读取的文件"].iter_rows(min_row=3)]
    assert fails == [[str(tmp_path / "坏文件.pdf"), "pdf.encrypted", "文件“坏文件.pdf”已加密，无法读取。"]]


def test_charts_read_the_summary(exported: tuple[Path, list[Any]]) -> None:
    out, reports = exported
    import re
    import zipfile

    with zipfile.ZipFile(out) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == 2
        xml = [z.read(n).decode("utf-8") for n in charts]
    ws = openpyxl.load_workbook(out)["汇总"]
    assert ws["K2"].value == "新收申请" and ws["L2"].value == "上年结转"
    n = 2 + len(reports)
    bar, mix = xml
    assert re.findall(r"<val><numRef><f>(.*?)</f>", bar) == [f"'汇总'!$K$3:$K${n}"]
    values = re.findall(r"<val><numRef><f>(.*?)</f>", mix)
    assert [ws[v.split("!")[1].split(":")[0].replace("$", "")[0] + "2"].value for v in values] == [
        "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    assert "percentStacked" in mix
    for x in xml:  # agencies as text categories
        assert re.findall(r"<cat><strRef><f>(.*?)</f>", x) == [f"'汇总'!$B$3:$B${n}"] * len(re.findall("<ser>", x))


def test_official_sheets_for_small_batches_only(tmp_path: Path) -> None:
    reports = batch()
    out = tmp_path / "a.xlsx"
    export_batch(reports, str(out))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[5:] == ["甲市测试局（2023）", "乙县测试办（2020）", "=丙区测试委（2023）"]
    link = wb["汇总"]["B3"].hyperlink
    assert link is not None and "甲市测试局（2023）" in link.location
    export_batch(reports, str(out), official_limit=2)
    assert len(openpyxl.load_workbook(out).sheetnames) == 5
    export_batch(reports, str(out), options=ExportOptions(official_sheets=False, charts=False))
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", "发现的问题", "修改记录", "无法读取的文件"]
    with pytest.raises(TypeError):
        export_batch(reports, str(out), colour="red")


def test_same_agency_twice_gets_unique_sheets(tmp_path: Path) -> None:
    reports = [make_reviewed(seed=i, agency="某某省某某市某某区人民政府办公室某某科某某股") for i in range(3)]
    reports.append(make_reviewed(agency="O'Hare/测试[局]"))
    out = tmp_path / "a.xlsx"
    export_batch(reports, str(out))
    wb = openpyxl.load_workbook(out)
    names = wb.sheetnames[5:]
    assert len(set(names)) == 4 and all(len(n) <= 31 for n in names)
    assert names[3] == "O'Hare_测试_局_（2023）"
    assert wb["汇总"]["B6"].hyperlink.location == "'O''Hare_测试_局_（2023）'!A1"
    assert wb[names[3]].print_title_rows == "$1:$2"


def test_empty_batch_still_lists_failures(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    export_batch([], str(out), failures=[Failure("x.doc", LoadError("需要 LibreOffice。", code="load.missing_tool"))])
    wb = openpyxl.load_workbook(out)
    assert wb["汇总"]["B3"].value == "合计"
    assert wb["无法读取的文件"]["C3"].value == "需要 LibreOffice。"


def test_progress_and_cancel(tmp_path: Path) -> None:
    reports = batch()
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


def test_cli_export_writes_workbook_with_unreadable_files(tmp_path: Path) -> None:
    from core.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "空.txt").write_bytes(b"")
    out = tmp_path / "out.xlsx"
    assert main(["export", str(folder), "-o", str(out)]) == 1
    fails = [[c.value for c in r] for r in openpyxl.load_workbook(out)["无法读取的文件"].iter_rows(min_row=3)]
    assert len(fails) == 1 and fails[0][0].endswith("空.txt") and fails[0][2]
    # an output that is not .xlsx is a usage error (cli-json.md: exit 2), and nothing is written
    assert main(["export", str(folder), "-o", str(tmp_path / "out.xls")]) == 2
    assert not (tmp_path / "out.xls").exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_totals_and_keeps_text(exported: tuple[Path, list[Any]], tmp_path: Path) -> None:
    out, reports = exported
    conv = tmp_path / "csv"
    conv.mkdir()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(conv), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    rows = list(csv.reader((conv / "汇总.csv").read_text(encoding="utf-8").splitlines()))
    header = rows[1]
    total = rows[2 + len(reports)]
    assert total[1] == "合计"
    for name in ("新收申请", "不予公开", "其他处理", "行政复议总计", "未处理错误"):
        c = header.index(name)
        want = sum(int(r[c].replace(",", "")) for r in rows[2 : 2 + len(reports)] if r[c])
        by_hand = sum(x or 0 for x in (expected_figures(rr).get(name) for rr in reports)) if name != "未处理错误" else want
        assert int(total[c].replace(",", "")) == want == by_hand, name
    assert rows[4][1] == "=丙区测试委"  # shown as text, not evaluated


def test_suggested_filenames_are_valid_everywhere() -> None:
    from core.export import suggested_filename

    one = make_reviewed(agency="示例市/测试局:办公室", year=2023)
    assert suggested_filename([one]) == "示例市_测试局_办公室2023年政府信息公开年报审核.xlsx"
    many = [make_reviewed(year=y) for y in (2021, 2023, 2022)]
    assert suggested_filename(many) == "政府信息公开年报汇总2021-2023年（3份）.xlsx"
    assert suggested_filename([make_reviewed(agency=None, year=None)]) == "报告政府信息公开年报审核.xlsx"


def test_key_figures_of_a_legacy_report_use_what_exists() -> None:
    from core.export import key_figures

    rr = make_reviewed("legacy", values={"apply.new.total": 9, "apply.denied.state_secret.total": 2,
                                         "apply.denied.third_party.total": 3, "apply.other.total": 4})
    figs = key_figures(rr)
    assert figs["new"] == 9 and figs["denied"] == 5
    assert figs["other"] == 4  # no 2021 （六） leaves: the 2019 single row the parser found
    assert figs["granted"] is None and figs["review"] is None  # nothing is made up
