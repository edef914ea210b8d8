"""Template detection on synthetic reports: table verdicts, label keywords, legacy layout, lost tables."""

from __future__ import annotations

from core.model import Report, SourceDocument
from core.parsing.metadata import extract_metadata
from core.parsing.sections import find_sections
from core.parsing.template import detect_template, legacy_score, template_from_keywords


def build(text: str, table_templates: dict[str, str] | None = None) -> Report:
    doc = SourceDocument(path="synthetic.txt", form="txt", original=text, text=text, offsets=list(range(len(text))))
    rep = Report(path=doc.path, document=doc)
    rep.metadata = extract_metadata(doc)
    rep.kind, rep.sections, _ = find_sections(doc)
    rep.table_templates = dict(table_templates or {})
    return rep


def detect(rep: Report):
    template, findings = detect_template(rep.document, rep)
    return template, {f.rule: f for f in findings}


def six_parts(year: int, s2: str = "", s3: str = "", s4: str = "") -> str:
    return (
        f"某县科技局{year}年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
        f"二、主动公开政府信息情况\n{s2}三、收到和处理政府信息公开申请情况\n{s3}"
        f"四、政府信息公开行政复议、行政诉讼情况\n{s4}五、存在的主要问题及改进情况\n不足。\n六、其他需要报告的事项\n无。\n"
    )


TABLE2_2021 = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n"
TABLE2_2019 = "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n"
TABLE3_2021 = "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\n（七）总计\t0\n"
TABLE3_2019 = "（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n（七）总计\t0\t0\t0\t0\t0\t0\t0\n"
TABLE4 = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"


def test_keywords_2021_and_2019():
    assert detect(build(six_parts(2022, TABLE2_2021, TABLE3_2021, TABLE4)))[0] == "2021"
    assert detect(build(six_parts(2020, TABLE2_2019, TABLE3_2019, TABLE4)))[0] == "2019"


def test_labels_not_the_year_decide():
    # A 2022 report still printing the 2019 table.
    template, found = detect(build(six_parts(2022, TABLE2_2019, TABLE3_2019, TABLE4)))
    assert template == "2019" and "tables.lost" not in found


def test_other_handling_rows_break_a_keyword_tie():
    assert template_from_keywords("（六）其他处理\n1.申请人无正当理由……\n") is None  # no keyword yet
    assert template_from_keywords("收费通知 政府集中采购 （六）其他处理 1.申请人") == "2021"
    assert template_from_keywords("收费通知 政府集中采购 （六）其他处理0（七）总计0") == "2019"


def test_table_verdicts_take_precedence_majority_then_table_three():
    rep = build(six_parts(2022, TABLE2_2021, TABLE3_2021, TABLE4), {"active": "2019", "apply": "2019", "appeal": "2021"})
    assert detect(rep)[0] == "2019"
    rep = build(six_parts(2022), {"active": "2021", "apply": "2019"})
    assert detect(rep)[0] == "2021"  # mixed 表二/表三 (issue #13): the format in force for the year
    rep = build(six_parts(2020), {"active": "2021", "apply": "2019"})
    assert detect(rep)[0] == "2019"
    rep = build(six_parts(2022), {"active": "2021", "appeal": "2019"})
    assert detect(rep)[0] == "2021"  # a tie without 表三: 表二's


def test_tables_lost_falls_back_on_the_year():
    template, found = detect(build(six_parts(2021)))
    assert template == "2021"
    lost = found["tables.lost"]
    assert lost.severity == "warning"
    assert lost.message == "第二、三、四部分只有标题，没有统计表（可能在网页复制时丢失）"
    assert lost.params["tables"] == ["active", "apply", "appeal"] and "table" not in lost.params
    assert detect(build(six_parts(2020)))[0] == "2019"
    # A 2018 report already in the six-part layout: the six-part layout is the 2019 format.
    assert detect(build(six_parts(2018)))[0] == "2019"


def test_only_the_missing_tables_are_named():
    rep = build(six_parts(2021, s2="", s3="一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n", s4=TABLE4))
    template, found = detect(rep)
    assert template == "2021"
    assert found["tables.lost"].message.startswith("第二部分只有标题")
    assert found["tables.lost"].params["sections"] == ["s2"]
    assert found["tables.lost"].params["table"] == "active"


def test_tables_lost_without_a_year_is_unknown():
    text = six_parts(2021).replace("某县科技局2021年政府信息公开工作年度报告", "政府信息公开工作年度报告")
    template, found = detect(build(text))
    assert template == "unknown" and "tables.lost" in found


LEGACY = """某县环保局2012年政府信息公开工作年度报告
一、概述
2012年，我局认真贯彻《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
统计指标\t单位\t统计数
主动公开政府信息数\t条\t56
三、依申请公开政府信息情况
本年共收到申请3件，同意公开2件，否决公开1件。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
无。
六、政府信息公开工作存在的主要问题和改进措施
不足。
七、其他需要报告的事项
无。
"""


def test_legacy_layout():
    rep = build(LEGACY)
    assert rep.kind == "report"
    template, found = detect(rep)
    assert template == "legacy"
    assert "tables.lost" not in found
    assert legacy_score(LEGACY) >= 4


def test_agreeing_to_disclose_alone_is_not_legacy():
    text = six_parts(2024, TABLE2_2021, "所有办结的申请中同意公开答复9件。\n" + TABLE3_2021, TABLE4)
    assert detect(build(text))[0] == "2021"


def test_non_report_is_unknown_with_a_warning():
    rep = build("关于召开春季运动会的通知\n各班级：\n一、时间\n四月十日。\n二、地点\n操场。\n")
    assert rep.kind == "other"
    template, found = detect(rep)
    assert template == "unknown"
    assert found["document.not_report"].severity == "warning"


def test_work_summary_is_unknown_with_an_info():
    rep = build("某县档案局2021年政务公开工作总结\n一、强化组织领导\n正文。\n二、加强平台建设\n正文。\n")
    assert rep.kind == "summary"
    template, found = detect(rep)
    assert template == "unknown"
    assert found["document.summary"].severity == "info"
    assert found["document.summary"].message == "这是一份工作总结，不是按六部分格式编写的年度报告"


def test_statistics_data_in_prose_is_no_legacy_marker():
    text = six_parts(2020).replace("正文。", "结合有关统计数据撰写，本年度同意公开申请2件。")
    assert legacy_score(text) == 1
    assert detect(build(text))[0] == "2019"
