"""Tables in plain text: seed 001, hand-written text tables with faults, and the real corpus."""

from __future__ import annotations

import json

import pytest

from core.model import SourceDocument
from core.parsing import parse_report
from core.parsing.tables import extract_tables
from core.templates import fields_for
from tests.conftest import CORPUS, seed


def _tables(text: str):
    return extract_tables(SourceDocument("t.txt", "txt", text, text, list(range(len(text)))), [])


def _rules(res) -> list[str]:
    return [f.rule for f in res.findings]


# --------------------------------------------------------------------------- seed 001 (read off the file)

SEED_001_ACTIVE = {
    "active.rules.made": 0, "active.rules.published": 0, "active.rules.total": 0,
    "active.normative.made": 0, "active.normative.published": 0, "active.normative.total": 2,
    "active.license.prev": 0, "active.license.change": 0, "active.license.decisions": 0,
    "active.other_services.prev": 1, "active.other_services.change": 0, "active.other_services.decisions": 0,
    "active.penalty.prev": 0, "active.penalty.change": 0, "active.penalty.decisions": 0,
    "active.coercion.prev": 0, "active.coercion.change": 0, "active.coercion.decisions": 0,
    "active.fees.prev": 0, "active.fees.change": 0,
    "active.procurement.count": 0, "active.procurement.amount": 0,
}  # fmt: skip


def test_seed_001_every_value() -> None:
    res = _tables(seed("001").read_text(encoding="utf-8"))
    expected = dict(SEED_001_ACTIVE)
    for f in fields_for("2019", "apply") + fields_for("2019", "appeal"):
        expected[f.id] = 0  # every printed cell of 表三 and 表四 is 0
    assert {k: v.value for k, v in res.values.items()} == expected
    assert res.table_templates == {"active": "2019", "apply": "2019", "appeal": "2019"}
    # 变体 labels (商业机构, 法律服务, 其他法律法规规章禁止公开) are mapped, not kept as extra rows
    assert res.extra_rows == []
    assert res.values["apply.denied.law_forbidden.natural"].value == 0


def test_seed_001_short_and_long_rows_are_inferred_with_warnings() -> None:
    res = _tables(seed("001").read_text(encoding="utf-8"))
    inferred = [f for f in res.findings if f.rule == "table.inferred"]
    assert inferred and all(f.severity == "warning" for f in inferred)
    named = {fid for f in inferred for fid in f.fields}
    # the 不予公开 … 4.无正当理由大量反复申请 rows print 6 numbers for 7 columns
    assert "apply.denied.state_secret.total" in named
    assert "apply.rejected.mass_repeat.natural" in named
    assert res.values["apply.denied.state_secret.total"].origin == "inferred"
    # rows after the page break print 7 numbers in a wider row: read as printed
    assert res.values["apply.rejected.confirm_info.total"].origin == "table"
    assert res.values["apply.carry_forward.total"].origin == "table"
    # 表四 prints 14 numbers (the header stops at 复议后起诉 尚未审结): the total is inferred
    assert "suit_after_review.total" in named
    assert res.values["suit_after_review.total"].origin == "inferred"
    # …and its header says which column is missing, so the 14 printed numbers stay as printed
    assert res.values["review.total"].origin == "table"
    assert res.values["suit_after_review.pending"].origin == "table"
    msg = next(f.message for f in inferred if "suit_after_review.total" in f.fields)
    assert "表四" in msg and "总计" in msg


def test_seed_001_value_spans_point_at_the_tokens() -> None:
    text = seed("001").read_text(encoding="utf-8")
    res = _tables(text)
    v = res.values["active.normative.total"]
    assert v.span is not None and text[v.span.start : v.span.end] == "2"
    v = res.values["active.other_services.prev"]
    assert text[v.span.start : v.span.end] == "1"


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_seeds_without_tables_give_no_values(prefix: str) -> None:
    res = _tables(seed(prefix).read_text(encoding="utf-8"))
    assert res.values == {}


# --------------------------------------------------------------------------- hand-made faults

HEAD = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"


def test_stray_extra_cell_is_dropped_by_the_identity() -> None:
    text = HEAD + "\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t3\t0\t0\t0\t3\t0\n"
    res = _tables(text)
    got = [res.values[f"apply.rejected.confirm_info.{c}"].value for c in
           ("natural", "commercial", "research", "social", "legal", "other", "total")]  # fmt: skip
    assert got == [0, 0, 3, 0, 0, 0, 3]
    f = next(f for f in res.findings if f.rule == "table.inferred")
    assert "apply.rejected.confirm_info.total" in f.fields and f.severity == "warning"
    assert res.values["apply.rejected.confirm_info.research"].origin == "inferred"


def test_split_number_is_joined_only_when_the_identity_says_so() -> None:
    text = HEAD + "一、本年新收政府信息公开申请数量\t1\t2\t0\t0\t0\t0\t0\t12\n"  # 8 cells: "1 2" split in two
    res = _tables(text)
    assert res.values["apply.new.natural"].value == 12
    assert res.values["apply.new.total"].value == 12
    assert "table.inferred" in _rules(res)


def test_dropped_cells_that_cannot_be_placed_are_left_to_the_reviewer() -> None:
    text = HEAD + "一、本年新收政府信息公开申请数量\t3\t4\t7\n"  # a CMS dropped the empty cells
    res = _tables(text)
    assert "apply.new.natural" not in res.values
    f = next(f for f in res.findings if f.rule == "table.ambiguous")
    assert "apply.new.total" in f.fields


def test_unreadable_cell_is_an_error_naming_the_cell() -> None:
    text = HEAD + "二、上年结转政府信息公开申请数量\t0\t1O\t0\t0\t0\t0\t1\n"
    res = _tables(text)
    v = res.values["apply.carried.commercial"]
    assert v.value is None and v.raw == "1O"
    f = next(f for f in res.findings if f.rule == "table.unreadable")
    assert f.severity == "error" and f.fields == ["apply.carried.commercial"]
    assert "商业企业" in f.message


def test_extra_provincial_row_is_kept_and_does_not_shift_rows() -> None:
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t1\t0\t5\n其他主动公开文件（本省增设）\t9\t9\t9\n本部门转发的上级规范性文件汇编\t7\t7\t7\n"
        "行政规范性文件\t2\t1\t30\n"
    )
    res = _tables(text)
    assert res.values["active.normative.in_force"].value == 30
    assert res.values["active.rules.issued"].value == 1
    assert [r.label for r in res.extra_rows] == ["其他主动公开文件（本省增设）", "本部门转发的上级规范性文件汇编"]
    assert "table.extra_row" in _rules(res)
    assert "table.missing_rows" in _rules(res)  # 许可/处罚/强制/收费 are not printed


def test_mixed_templates_are_mapped_table_by_table() -> None:
    text = (
        "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
        + HEAD
        + "\t（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n\t（七）总计\t0\t0\t0\t0\t0\t0\t0\n"
    )
    res = _tables(text)
    assert res.table_templates["active"] == "2021"
    assert res.table_templates["apply"] == "2019"
    assert "apply.other.total" in res.values and "active.rules.issued" in res.values


def test_blank_total_gets_a_finding_with_a_suggestion() -> None:
    text = HEAD + "| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |\n"
    res = _tables(text)
    v = res.values["apply.carry_forward.total"]
    assert (v.value, v.raw) == (0, "")
    f = next(f for f in res.findings if f.rule == "table.blank_total")
    assert f.suggestion == {"apply.carry_forward.total": 1}


def test_empty_tokens_keep_their_raw_text() -> None:
    text = "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t/\t——\t无\n"
    res = _tables(text)
    assert [(res.values[f"active.rules.{c}"].value, res.values[f"active.rules.{c}"].raw) for c in
            ("issued", "repealed", "in_force")] == [(0, "/"), (0, "——"), (0, "无")]  # fmt: skip


def test_bare_run_of_15_after_the_heading() -> None:
    text = "四、政府信息公开行政复议、行政诉讼情况\n1 0 0 1 2 0 0 0 0 0 0 1 0 0 1\n五、存在的主要问题及改进情况\n"
    res = _tables(text)
    assert res.values["review.total"].value == 2
    assert res.values["suit_after_review.corrected"].value == 1
    assert res.findings == []


# --------------------------------------------------------------------------- the real corpus


def test_kewei_2024_md() -> None:
    exp = json.loads((CORPUS / "kewei_2024.expected.json").read_text(encoding="utf-8"))
    rep = parse_report(str(CORPUS / "kewei_2024.md"))
    for fid, value in exp["values"].items():
        assert rep.values[fid].value == value, fid
    for fid in exp["ambiguous_fields"]:
        assert fid not in rep.values or any(fid in f.fields for f in rep.findings if f.rule.startswith("table."))
    extra = set(rep.values) - set(exp["values"]) - set(exp["ambiguous_fields"])
    assert not {f for f in extra if rep.values[f].origin != "prose"}
    assert rep.table_templates["active"] == "2021" and rep.table_templates["apply"] == "2021"
    # the unlabeled rows are placed by position and say so
    assert rep.values["apply.other.no_correction.total"].origin == "inferred"
    assert "table.stray" in [f.rule for f in rep.findings]


def test_huaian_city_2024_pdf() -> None:
    exp = json.loads((CORPUS / "huaian_city_2024.expected.json").read_text(encoding="utf-8"))
    rep = parse_report(str(CORPUS / "huaian_city_2024.pdf"))
    got = {k: v.value for k, v in rep.values.items() if v.origin != "prose"}
    assert got == exp["values"]
    v = rep.values["apply.new.total"]
    assert v.page is not None and v.table is not None and v.bbox is not None


def test_blank_template_docx_invents_nothing() -> None:
    rep = parse_report(str(CORPUS / "template_2021_blank.docx"))
    assert all(v.value == 0 and v.raw == "" for v in rep.values.values())
    assert set(rep.values) == {f.id for f in fields_for("2021")}  # every printed (empty) cell, nothing else
    assert rep.table_templates.get("apply") == "2021"


def test_row_label_broken_over_two_lines() -> None:
    text = HEAD + "\t\t5.属于三类内部事务信\n息\t0\t0\t2\t0\t0\t0\t2\n\t\t6.属于四类过程性信息\t1\t0\t0\t0\t0\t0\t1\n"
    res = _tables(text)
    assert res.values["apply.denied.internal_affairs.research"].value == 2
    assert res.values["apply.denied.process_info.natural"].value == 1
    assert res.extra_rows == []


def test_fourteen_numbers_without_a_header_are_placed_by_the_identities() -> None:
    text = "四、政府信息公开行政复议、行政诉讼情况\n1 0 0 1 2 0 0 0 0 0 0 1 0 0 \n五、存在的主要问题及改进情况\n"
    res = _tables(text)
    # only "the last total is missing" keeps every group total equal to its parts
    assert res.values["suit_after_review.total"].value == 1
    assert all(v.origin == "inferred" for v in res.values.values())
    assert [f.rule for f in res.findings] == ["table.inferred"]


def test_seed_001_through_the_pipeline() -> None:
    rep = parse_report(str(seed("001")))
    assert {k: v.value for k, v in rep.values.items()} == {k: v.value for k, v in _tables(
        seed("001").read_text(encoding="utf-8")).values.items()}  # fmt: skip
    assert rep.template == "2019"


def test_lost_cell_is_placed_by_the_column_identities() -> None:
    # the 予以公开 row loses its 自然人 cell (one slot fewer than the other rows): the row total
    # alone cannot tell which column is missing; 总计 = Σ outcomes per column can
    import random

    from tests.synth import random_values, render

    values = random_values("2019", random.Random(1), zero_rate=0.0)
    text = render(values, "2019", "txt_tabs").content
    lines = text.split("\n")
    k = next(i for i, ln in enumerate(lines) if "予以公开" in ln and "\t" in ln)
    cells = lines[k].split("\t")
    del cells[-7]
    lines[k] = "\t".join(cells)
    res = _tables("\n".join(lines))
    assert res.values["apply.granted.natural"].value == values["apply.granted.natural"] > 0
    assert res.values["apply.granted.natural"].origin == "inferred"
    assert res.values["apply.new.natural"].origin == "table"
    assert {k: v.value for k, v in res.values.items()} == values
    f = next(f for f in res.findings if f.rule == "table.inferred")
    assert "apply.granted.natural" in f.fields


def test_header_without_rows_is_reported() -> None:
    text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\n三、收到和处理政府信息公开申请情况\n无。\n"
    res = _tables(text)
    assert res.values == {}
    f = next(f for f in res.findings if f.rule == "table.no_rows")
    assert f.severity == "warning" and f.params["table"] == "active"
