"""Metadata, kind, sections and template of the real seeds and corpus files, through parse_report.

Every expectation here was read off the documents by eye (../shared/seeds, ../shared/corpus).
"""

from __future__ import annotations

import pytest

from core.parsing import parse_report
from tests.conftest import CORPUS, seed

STANDARD_TITLES = [
    ("s1", "一、总体情况"),
    ("s2", "二、主动公开政府信息情况"),
    ("s3", "三、收到和处理政府信息公开申请情况"),
    ("s4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("s5", "五、存在的主要问题及改进情况"),
    ("s6", "六、其他需要报告的事项"),
]


def _outline(rep):
    return [(s.id, s.title) for s in rep.sections]


def _rules(rep):
    return {f.rule: f for f in rep.findings}


def _span_text(rep, located):
    return rep.text[located.span.start : located.span.end] if located.span else None


def test_seed_000_inline_headings_tables_lost():
    rep = parse_report(str(seed("000")))
    m = rep.metadata
    assert (m.agency.value, m.year.value, m.published.value) == ("白银市审计局", 2021, "2022-01-07")
    assert m.title.value == "白银市审计局2021年政府信息公开工作年度报告"
    assert m.agency.source == "title" and _span_text(rep, m.agency) == "白银市审计局"
    assert m.index_no.value is None and m.publisher.value is None  # 信息来源 names a person, not a publisher
    assert rep.kind == "report"
    assert _outline(rep) == STANDARD_TITLES
    # s1 opens inside a long line and ends where 二 starts; the body of 五 is the rest of its line.
    s1, s2, s5 = rep.section("s1"), rep.section("s2"), rep.section("s5")
    assert rep.text[s1.heading.start : s1.heading.end] == "一、总体情况"
    assert s1.body.end == s2.body.start
    assert "下一步,我局将不断完善" in rep.text[s5.body.start : s5.body.end]
    assert rep.template == "2021"  # tables lost: by the year 2021
    lost = _rules(rep)["tables.lost"]
    assert lost.severity == "warning" and "第二、三、四部分" in lost.message
    assert lost.params["sections"] == ["s2", "s3", "s4"]


def test_seed_001_six_parts_2019_tables():
    rep = parse_report(str(seed("001")))
    m = rep.metadata
    assert m.title.value == "盐池县审计局2020年政府信息公开工作报告"
    assert _span_text(rep, m.title) == "盐池县审计局 2020 年政府信息 公开工作报告"
    assert (m.agency.value, m.year.value, m.published.value, m.index_no.value) == ("盐池县审计局", 2020, None, None)
    assert rep.kind == "report"
    assert _outline(rep) == STANDARD_TITLES
    assert "本年新制作数量" in rep.text[rep.section("s2").body.start : rep.section("s2").body.end]
    assert rep.template == "2019"
    assert "tables.lost" not in _rules(rep)


def test_seed_002_markdown_summary():
    rep = parse_report(str(seed("002")))
    m = rep.metadata
    assert (m.agency.value, m.year.value) == ("乐清市审计局", 2021)
    assert m.title.value == "乐清市审计局2021年政府信息公开工作总结"
    assert rep.kind == "summary"
    # Its 一 is worded as the standard s1 and its 二/三 are s5 split in two.
    assert _outline(rep) == [("s1", "一、总体情况概述"), ("s5", "二、存在的主要问题")]
    s1, s5 = rep.sections
    assert [c.title for c in s1.children] == [
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理",
        "（四）平台建设情况",
        "（五）监督保障情况",
        "（六）制度建设",
        "（七）政务新媒体建设",
    ]
    assert all(c.level == 2 for c in s1.children)
    assert [(c.id, c.title) for c in s5.children] == [("s5b", "三、改进措施")]
    assert s5.body.end > s5.children[0].heading.start
    assert rep.template == "unknown"
    assert _rules(rep)["document.summary"].severity == "info"


def test_seed_003_traditional_pinyin_normalised():
    rep = parse_report(str(seed("003")))
    m = rep.metadata
    assert m.title.value == "区财政局2018年度政府信息公开工作报告"
    assert (m.agency.value, m.year.value, m.published.value) == ("区财政局", 2018, "2020-01-03")
    assert m.index_no.value == "002590702/2019-58088"
    assert m.publisher.value == "区财政局(区国资办)"
    assert rep.kind == "report"
    assert _outline(rep) == STANDARD_TITLES
    # A 2018 report in the six-part layout with its tables lost: the six-part layout is the 2019 format.
    assert rep.template == "2019"
    assert "第二、三、四部分" in _rules(rep)["tables.lost"].message


def test_seed_004_web_header_summary():
    rep = parse_report(str(seed("004")))
    m = rep.metadata
    assert m.title.value == "安徽省审计厅2020年政务公开工作总结"
    assert (m.agency.value, m.year.value, m.published.value) == ("安徽省审计厅", 2020, "2020-12-28")
    assert m.index_no.value == "002985886/202012-00023"  # label truncated to 号 by the copy
    assert m.index_no.source == "header" and _span_text(rep, m.index_no) == m.index_no.value  # kept in the text
    assert _span_text(rep, m.published) == "2020-12-28"
    assert m.publisher.value == "安徽省审计厅"
    assert rep.kind == "summary"
    assert _outline(rep) == [
        ("h1", "一、加强用权公开、依法公开权力配置信息"),
        ("h2", "二、聚焦审计工作全面加强结果及政策解读"),
        ("h3", "三、突出重点工作,全面推进审计信息公开"),
        ("h4", "四、加强平台建设,提高服务水平"),
        ("h5", "五、强化监督保障,全面形成系统工作合力"),
    ]
    assert [c.title for c in rep.section("h3").children] == [
        "(一)落实我厅政务公开牵头任务",
        "(二)加强重点领域信息公开",
        "(三)加大政务服务信息公开",
    ]
    assert [c.id for c in rep.section("h3").children] == ["h3.1", "h3.2", "h3.3"]
    assert rep.template == "unknown"
    assert "document.summary" in _rules(rep)


def test_corpus_huaian_pdf():
    rep = parse_report(str(CORPUS / "huaian_city_2024.pdf"))
    m = rep.metadata
    assert (m.agency.value, m.year.value) == ("淮安市人民政府", 2024)
    assert rep.kind == "report"
    assert _outline(rep) == STANDARD_TITLES
    assert rep.template == "2021"


def test_corpus_kewei_markdown_nonstandard_outline():
    rep = parse_report(str(CORPUS / "kewei_2024.md"))
    m = rep.metadata
    assert (m.agency.value, m.year.value) == ("上海市科学技术委员会", 2024)
    assert _span_text(rep, m.agency) == "上海市科委"  # the title's abbreviation, expanded
    assert rep.kind == "report"
    # Headings found by their wording whatever their numeral; 五 split as （一）主要问题 （二）改进情况.
    assert _outline(rep) == [
        ("s1", "一、总体情况"),
        ("s2", "一、主动公开政府信息情况"),
        ("s3", "二、收到和处理政府信息公开申请情况"),
        ("s4", "三、政府信息公开行政复议、行政诉讼情况"),
        ("s5", "（一）主要问题"),
        ("s6", "五、其他需要报告的事项"),
    ]
    assert [c.title for c in rep.section("s5").children] == ["（二）改进情况"]
    assert rep.template == "2021"


def test_corpus_blank_template_docx():
    rep = parse_report(str(CORPUS / "template_2021_blank.docx"))
    m = rep.metadata
    assert m.agency.value is None and m.year.value is None
    assert rep.kind == "report"
    assert _outline(rep) == STANDARD_TITLES
    assert rep.template == "2021"
    assert "tables.lost" not in _rules(rep)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_sections_are_ordered_and_tile_the_text(prefix):
    rep = parse_report(str(seed(prefix)))
    starts = [s.body.start for s in rep.sections]
    assert starts == sorted(starts)
    for a, b in zip(rep.sections, rep.sections[1:], strict=False):
        assert a.body.end == b.body.start
    for s in rep.sections:
        assert s.body.start == s.heading.start < s.heading.end <= s.body.end
        assert rep.text[s.heading.start : s.heading.end].replace("**", "").strip() == s.title
