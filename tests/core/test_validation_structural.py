"""Document-level rules: sections, tables, template, 六 信息处理费, statistics period, 规章, prose."""

from __future__ import annotations

import pytest

from core.model import Finding
from core.validation import validate
from core.validation.structural import agency_level
from tests.core.validation_helpers import consistent_values, make_report


def _rules(rr):
    return [f.rule for f in validate(rr)]


def _only(rr, rule):
    found = [f for f in validate(rr) if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- sections and tables


def test_missing_section_is_named_by_its_standard_heading():
    rr = make_report(consistent_values("2021", 1), sections=["s1", "s2", "s3", "s4", "s6"])
    f = _only(rr, "section.missing")
    assert f.severity == "warning"
    assert f.message == "未找到第五部分“五、存在的主要问题及改进情况”"
    assert f.params["key"] == "s5" and f.fields == []


def test_sections_are_not_required_of_summaries_or_pre_2019_reports():
    assert "section.missing" not in _rules(make_report({}, kind="summary", sections=["s1"], year=2021))
    assert "section.missing" not in _rules(make_report({}, "legacy", sections=["s1"], year=2018))


def test_missing_table():
    vals = {k: v for k, v in consistent_values("2021", 2).items() if not k.startswith(("review.", "suit_"))}
    rr = make_report(vals)
    f = _only(rr, "table.missing")
    assert f.params["key"] == "appeal"
    assert "表四" in f.message


def test_missing_table_not_repeated_when_the_parser_said_tables_lost():
    lost = Finding("tables.lost", "warning", "统计表在原文中丢失", params={"table": "appeal"})
    vals = {k: v for k, v in consistent_values("2021", 2).items() if not k.startswith(("review.", "suit_"))}
    rr = make_report(vals, findings=[lost])
    assert "table.missing" not in _rules(rr)
    assert "tables.lost" in _rules(rr)  # the parser's finding is returned too
    rr = make_report({}, findings=[Finding("tables.lost", "warning", "统计表丢失")])
    assert "table.missing" not in _rules(rr)
    two = Finding("tables.lost", "warning", "第三、四部分只有标题", params={"tables": ["apply", "appeal"]})
    rr = make_report({}, findings=[two])
    assert [f.params["key"] for f in validate(rr) if f.rule == "table.missing"] == ["active"]


def test_all_tables_missing_and_prose_figures_do_not_count_as_a_table():
    rr = make_report({"apply.new.total": 3}, origins={"apply.new.total": "prose"})
    assert sorted(f.params["key"] for f in validate(rr) if f.rule == "table.missing") == ["active", "appeal", "apply"]


# --------------------------------------------------------------------------- template


def test_2019_tables_in_a_2021_or_later_report():
    f = _only(make_report(consistent_values("2019", 1), "2019", year=2022), "template.year_mismatch")
    assert f.severity == "warning"
    assert f.message == (
        "报告年度为 2022 年，但统计表采用的是2019年版格式（国办公开办函〔2019〕60号）；"
        "2022 年度应采用2021年版格式（国办公开办函〔2021〕30号）"
    )


@pytest.mark.parametrize("template,year", [("2019", 2019), ("2019", 2020), ("2021", 2021), ("2021", 2024)])
def test_template_fits_its_year(template, year):
    assert "template.year_mismatch" not in _rules(make_report(consistent_values(template, 1), template, year=year))


def test_tables_from_different_templates():
    vals = {**consistent_values("2021", 3)}
    vals = {k: v for k, v in vals.items() if not k.startswith("active.")}
    vals.update({k: v for k, v in consistent_values("2019", 3).items() if k.startswith("active.")})
    rr = make_report(vals, "unknown", year=2021, table_templates={"active": "2019", "apply": "2021", "appeal": "2021"})
    rules = _rules(rr)
    assert "template.mixed" in rules
    f = _only(rr, "template.mixed")
    assert "表二按2019年版格式" in f.message and "表三按2021年版格式" in f.message
    # the 2019 表二 in a 2021 report is also out of its year; 表三's identities use its own template
    assert _only(rr, "template.year_mismatch").params["what"] == "表二"
    assert not [f for f in validate(rr) if f.severity == "error"]


# --------------------------------------------------------------------------- 六 信息处理费


@pytest.mark.parametrize("s6", ["无。", "本报告的统计期限为2023年1月1日至2023年12月31日。", ""])
def test_2021_report_silent_about_processing_fees(s6):
    rr = make_report(consistent_values("2021", 1), bodies={"s6": s6})
    f = _only(rr, "s6.fee_statement")
    assert f.severity == "warning"
    assert "信息处理费" in f.message
    s6_section = next(s for s in rr.sections() if s.id == "s6")
    assert f.span == s6_section.heading


@pytest.mark.parametrize(
    "s6",
    [
        "本年度未收取信息处理费。",
        "本年度未发生政府信息公开收费事项。",
        "本年度收取信息处理费3940元。",
        "本机关未收取任何费用。",
    ],
)
def test_fee_statements_that_satisfy_the_rule(s6):
    assert "s6.fee_statement" not in _rules(make_report(consistent_values("2021", 1), bodies={"s6": s6}))


def test_fee_rule_is_for_the_2021_format_only():
    assert "s6.fee_statement" not in _rules(make_report(consistent_values("2019", 1), "2019", bodies={"s6": "无。"}))


def test_work_summary_of_2021_on_must_say_it_too():
    rr = make_report({}, "unknown", kind="summary", year=2021, sections=[], bodies={})
    f = _only(rr, "s6.fee_statement")
    assert f.message.startswith("工作总结未说明信息处理费")
    # a summary mentioning other charges (涉企收费) does not count; the fee statement does
    other = make_report({}, "unknown", kind="summary", year=2021, sections=[], preamble="审计涉企收费政策落实情况。")
    assert "s6.fee_statement" in _rules(other)
    ok = make_report({}, "unknown", kind="summary", year=2021, sections=[], preamble="全年未收取信息处理费。")
    assert "s6.fee_statement" not in _rules(ok)
    old = make_report({}, "unknown", kind="summary", year=2020, sections=[])
    assert "s6.fee_statement" not in _rules(old)


# --------------------------------------------------------------------------- statistics period


@pytest.mark.parametrize(
    "preamble",
    [
        "本报告统计期限为2021年1月1日至2021年12月31日。",
        "本报告统计周期为2021年1月1日至2021年12月31日。",
        "数据统计时间自2021年1月1日起至2021年12月31日止。",
    ],
)
def test_period_not_the_report_year(preamble):
    rr = make_report(consistent_values("2021", 1), year=2022, preamble=preamble)
    f = _only(rr, "period.year_mismatch")
    assert "2021年1月1日" in f.message and "2022" in f.message
    assert rr.report.text[f.span.start : f.span.start + 4] == "2021"


def test_period_stated_as_a_whole_year():
    rr = make_report(consistent_values("2021", 1), year=2022, preamble="本报告统计期限为2021年度。")
    assert _only(rr, "period.year_mismatch").params["printed"] == "2021年度"
    ok = make_report(consistent_values("2021", 1), year=2022, preamble="本报告统计时间为2022年全年。")
    assert "period.year_mismatch" not in _rules(ok)


def test_period_of_the_report_year_is_fine():
    rr = make_report(consistent_values("2021", 1), year=2021, preamble="本报告统计期限为2021年1月1日至2021年12月31日。")
    assert "period.year_mismatch" not in _rules(rr)


# --------------------------------------------------------------------------- 规章 and the agency's level


@pytest.mark.parametrize(
    "agency,level",
    [
        ("示例县审计局", "县（区）一级"),
        ("示例市示例区财政局", "县（区）一级"),
        ("示例镇人民政府", "乡镇（街道）一级"),
        ("示例街道办事处", "乡镇（街道）一级"),
        ("示例市人民政府", None),
        ("镇江市人民政府", None),
        ("示例市乡村振兴局", None),
        ("广西壮族自治区人民政府", None),
        ("示例省住房和城乡建设厅", None),
        ("乐清市审计局", "县（区）一级"),  # a 县级市: nothing in the name says so
        ("浙江省温州市乐清市审计局", "县（区）一级"),
        ("温州市审计局", None),
        ("浙江省人民政府", None),
        ("上海市科学技术委员会", None),
        ("淮安市人民政府", None),
        ("海城市市场监督管理局", "县（区）一级"),
        ("珠海市城市管理和综合执法局", None),
    ],
)
def test_agency_level(agency, level):
    assert agency_level(agency) == level


def test_rules_by_a_county_department():
    vals = consistent_values("2021", 1)
    vals["active.rules.issued"] = 2
    vals["active.rules.in_force"] = 5
    f = _only(make_report(vals, agency="示例县审计局"), "active.rules_level")
    assert f.fields == ["active.rules.issued", "active.rules.in_force"]
    assert "本年制发件数 2" in f.message and "现行有效件数 5" in f.message and "示例县审计局" in f.message
    assert "active.rules_level" not in _rules(make_report(vals, agency="示例市人民政府"))
    assert "active.rules_level" not in _rules(make_report(consistent_values("2021", 1), agency="示例县审计局"))


# --------------------------------------------------------------------------- prose against the table


def test_prose_figure_contradicting_its_table():
    vals = consistent_values("2021", 1)
    table = vals["apply.granted.total"]
    rr = make_report(vals, prose=[("apply.granted.total", table + 17, f"全年予以公开{table + 17}件。")])
    f = _only(rr, "prose.contradiction")
    assert f.fields == ["apply.granted.total"]
    assert f.message == (
        f"正文写“全年予以公开{table + 17}件”（{table + 17}），而表三 “（一）予以公开” 行 “总计” 列为 {table}，相差 17"
    )
    assert rr.report.text[f.span.start : f.span.end] == str(table + 17)


def test_prose_figures_that_agree_or_have_no_table_value():
    vals = consistent_values("2021", 1)
    n = vals["apply.new.total"]
    agree = make_report(vals, prose=[("apply.new.total", n, f"共收到申请{n}件。")])
    assert "prose.contradiction" not in _rules(agree)
    only = make_report({}, kind="summary", sections=[], prose=[("review.total", 3, "行政复议3起。")])
    assert "prose.contradiction" not in _rules(only)


def test_other_documents_get_no_report_rules():
    period = "统计期限为2020年1月1日至2020年12月31日"
    rr = make_report({}, "unknown", kind="other", sections=[], year=2022, preamble=period)
    assert validate(rr) == []


def test_every_document_rule_has_one_evaluator():
    from core.validation import RULES
    from core.validation.structural import EVALUATORS

    assert set(EVALUATORS) == {r.id for r in RULES.values() if r.scope == "report"}


@pytest.mark.parametrize("template,year", [("2021", 2020), ("2019", 2018)])
def test_a_format_newer_than_the_year_is_only_info(template, year):
    rr = make_report(consistent_values(template, 1), template, year=year)
    f = _only(rr, "template.year_newer")
    assert f.severity == "info" and "请核对报告年度" in f.message
    assert "template.year_mismatch" not in _rules(rr)


def test_legacy_format_in_a_2019_or_later_report():
    rr = make_report({}, "legacy", year=2020, sections=["s1"])
    f = _only(rr, "template.year_mismatch")
    assert "旧版格式" in f.message


def test_a_printed_but_blank_table_is_not_missing():
    from core.model import Grid, Span

    vals = {k: v for k, v in consistent_values("2021", 2).items() if not k.startswith(("review.", "suit_"))}
    rr = make_report(vals)
    s4 = next(s for s in rr.sections() if s.id == "s4")
    rr.report.document.grids.append(Grid([], 3, 15, span=Span(s4.body.start + 2, s4.body.end)))
    assert "table.missing" not in _rules(rr)
    s1 = next(s for s in rr.sections() if s.id == "s1")
    rr.report.document.grids[0] = Grid([], 3, 15, span=Span(s1.body.start + 2, s1.body.end))  # a grid elsewhere
    assert "table.missing" in _rules(rr)


def test_fee_statement_when_six_is_missing():
    rr = make_report(consistent_values("2021", 1), sections=["s1", "s2", "s3", "s4", "s5"])
    assert _only(rr, "s6.fee_statement").message.startswith("报告（未找到第六部分）未说明")
    ok = make_report(
        consistent_values("2021", 1), sections=["s1", "s2", "s3", "s4", "s5"], bodies={"s5": "全年未收取信息处理费。"}
    )
    assert "s6.fee_statement" not in _rules(ok)


def test_correcting_the_table_to_the_prose_figure_resolves_the_contradiction():
    from core.review.state import ValueEdit

    vals = consistent_values("2021", 1)
    n = vals["apply.granted.total"] + 5
    rr = make_report(vals, prose=[("apply.granted.total", n, f"全年予以公开{n}件。")])
    assert "prose.contradiction" in _rules(rr)
    rr.apply(ValueEdit("apply.granted.total", n))
    rules = _rules(rr)
    assert "prose.contradiction" not in rules
    assert "apply.row_total" in rules  # the table row now disagrees with itself: values stay as printed
