"""Section finding on synthetic texts: every heading variant real reports use (made-up agencies)."""

from __future__ import annotations

import itertools

from core.model import SourceDocument
from core.parsing.headings import cn_number, find_candidates
from core.parsing.sections import find_sections


def doc(text: str) -> SourceDocument:
    return SourceDocument(path="synthetic.txt", form="txt", original=text, text=text, offsets=list(range(len(text))))


def outline(text: str) -> tuple[str, list[tuple[str, str]]]:
    kind, secs, findings = find_sections(doc(text))
    assert findings == []
    return kind, [(s.id, s.title) for s in secs]


STANDARD = """示范县林业局2022年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》规定，编制本报告。
一、总体情况
2022年，我局认真贯彻条例。
（一）主动公开
主动公开信息12条。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1
三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0
四、政府信息公开行政复议、行政诉讼情况
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0
五、存在的主要问题及改进情况
主要问题是人手不足。
六、其他需要报告的事项
本年度未收取信息处理费。
"""

STANDARD_OUTLINE = [
    ("s1", "一、总体情况"),
    ("s2", "二、主动公开政府信息情况"),
    ("s3", "三、收到和处理政府信息公开申请情况"),
    ("s4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("s5", "五、存在的主要问题及改进情况"),
    ("s6", "六、其他需要报告的事项"),
]


def test_standard_report_with_table_labels_that_look_like_headings():
    kind, got = outline(STANDARD)
    assert kind == "report"
    assert got == STANDARD_OUTLINE


def test_bodies_run_from_heading_to_next_section_and_skip_the_preamble():
    d = doc(STANDARD)
    _, secs, _ = find_sections(d)
    assert secs[0].body.start == STANDARD.index("一、总体情况")  # the preamble is not a section
    for a, b in itertools.pairwise(secs):
        assert a.body.end == b.body.start
    assert STANDARD[secs[-1].body.start : secs[-1].body.end] == "六、其他需要报告的事项\n本年度未收取信息处理费。"
    s3 = secs[2]
    assert "四、结转下年度继续办理" in STANDARD[s3.body.start : s3.body.end]


def test_table_three_label_right_before_the_real_section_four():
    text = STANDARD.replace(
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n四、政府信息公开行政复议",
        "四、结转下年度继续办理 0 0 0 0 0 0 0 四、政府信息公开行政复议",
    )
    _, secs, _ = find_sections(doc(text))
    s4 = secs[3]
    assert s4.id == "s4" and text[s4.heading.start : s4.heading.end] == "四、政府信息公开行政复议、行政诉讼情况"
    assert text[s4.heading.start - 2 : s4.heading.start] == "0 "


def test_inline_headings_inside_long_lines():
    text = (
        "某市统计局2021年政府信息公开工作年度报告\n"
        "本报告依据条例撰写。报告包括总体情况、主动公开政府信息情况等。 一、总体情况 2021年,我局认真落实条例。 "
        "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
        "五、存在的主要问题及改进情况 2021年,我局仍有不足。 下一步,我局将改进。\n"
        "六、其他需要报告的事项 本报告的统计期限为2021年1月1日至2021年12月31日。 某市统计局 2021年12月31日\n"
    )
    kind, got = outline(text)
    assert kind == "report"
    assert got == STANDARD_OUTLINE


def test_markdown_headings_are_stripped_of_marks():
    text = (
        "# 某区民政局2022年政府信息公开工作年度报告\n\n"
        "## 一、总体情况\n\n正文。\n\n## **二、主动公开政府信息情况**\n\n表。\n\n"
        "## 三、收到和处理政府信息公开申请情况\n\n表。\n\n### 四、政府信息公开行政复议、行政诉讼情况\n\n表。\n\n"
        "## **五、存在的主要问题及改进情况**\n\n问题。\n\n## 六、其他需要报告的事项\n\n无。\n"
    )
    kind, got = outline(text)
    assert kind == "report"
    assert got == STANDARD_OUTLINE


def test_variant_wordings():
    text = (
        "一、概述\n正文。\n二、主动公开政府信息情况\n表。\n三、收到和处理政府信息公开申请情况\n表。\n"
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n表。\n"
        "五、政府信息公开工作存在的主要问题及改进情况\n问题。\n六、其他事项\n无。\n"
    )
    kind, got = outline(text)
    assert kind == "report"
    assert [sid for sid, _ in got] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert got[3][1] == "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    assert got[4][1] == "五、政府信息公开工作存在的主要问题及改进情况"


def test_s5_split_into_problems_and_improvements():
    text = (
        "一、总体情况\n正文。\n二、主动公开政府信息情况\n表。\n三、收到和处理政府信息公开申请情况\n表。\n"
        "四、政府信息公开行政复议、行政诉讼情况\n表。\n五、存在的主要问题\n问题。\n六、改进措施\n措施。\n"
        "七、其他需要报告的事项\n无。\n"
    )
    kind, secs, _ = find_sections(doc(text))
    assert kind == "report"
    assert [(s.id, s.title) for s in secs][4:] == [("s5", "五、存在的主要问题"), ("s6", "七、其他需要报告的事项")]
    s5 = secs[4]
    assert [(c.id, c.title, c.level) for c in s5.children] == [("s5b", "六、改进措施", 2)]
    assert s5.body.end == secs[5].body.start
    assert "措施。" in text[s5.body.start : s5.body.end]


def test_missing_section_is_simply_absent():
    text = STANDARD.replace("五、存在的主要问题及改进情况\n主要问题是人手不足。\n", "")
    kind, got = outline(text)
    assert kind == "report"
    assert [sid for sid, _ in got] == ["s1", "s2", "s3", "s4", "s6"]


def test_other_numbering():
    paren = (
        "（一）总体情况\n正文。\n（二）主动公开政府信息情况\n表。\n（三）收到和处理政府信息公开申请情况\n表。\n"
        "（四）政府信息公开行政复议、行政诉讼情况\n表。\n（五）存在的主要问题及改进情况\n问题。\n（六）其他需要报告的事项\n无。\n"
    )
    kind, got = outline(paren)
    assert kind == "report"
    assert got[0] == ("s1", "（一）总体情况") and [s for s, _ in got] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    arabic = paren.replace("（一）", "1. ").replace("（二）", "2. ").replace("（三）", "3. ")
    arabic = arabic.replace("（四）", "4. ").replace("（五）", "5. ").replace("（六）", "6. ")
    kind, got = outline(arabic)
    assert kind == "report"
    assert got[1] == ("s2", "2. 主动公开政府信息情况") and len(got) == 6
    wordings = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    parts = "".join(f"第{n}部分 {w}\n内容。\n" for n, w in zip("一二三四五六", wordings, strict=True))
    kind, got = outline(parts)
    assert kind == "report" and len(got) == 6 and got[0][1] == "第一部分 总体情况"


def test_subheadings_inside_s1_do_not_become_sections():
    text = STANDARD.replace("（一）主动公开\n", "（一）主动公开\n（二）依申请公开情况\n（三）其他事项\n")
    _, got = outline(text)
    assert got == STANDARD_OUTLINE


def test_non_standard_outline_is_matched_by_wording_not_numeral():
    # Prose parts with their own names, then the tables titled 一/二/三, then （一）问题 （二）改进, then 五.
    text = (
        "2024 年某市某委政府信息公开工作\n年度报告\n"
        "一、总体情况\n正文。\n二、工作机制保障\n正文。\n三、主动公开工作情况\n正文。\n四、政府信息公开申请情况\n正文。\n"
        "一、主动公开政府信息情况\n表。\n二、收到和处理政府信息公开申请情况\n表。\n三、政府信息公开行政复议、行政诉讼情况\n表。\n"
        "（一）主要问题\n问题。\n（二）改进情况\n改进。\n五、其他需要报告的事项\n无。\n"
    )
    kind, secs, _ = find_sections(doc(text))
    assert kind == "report"
    assert [(s.id, s.title) for s in secs] == [
        ("s1", "一、总体情况"),
        ("s2", "一、主动公开政府信息情况"),
        ("s3", "二、收到和处理政府信息公开申请情况"),
        ("s4", "三、政府信息公开行政复议、行政诉讼情况"),
        ("s5", "（一）主要问题"),
        ("s6", "五、其他需要报告的事项"),
    ]
    assert secs[4].children[0].title == "（二）改进情况"


def test_work_summary_headings_and_children():
    text = (
        "某县教育局2021年政务公开工作总结\n现将工作总结如下：\n"
        "一、强化组织领导\n（一）成立领导小组。由局长任组长。\n（二）明确分工\n正文。\n"
        "二、存在的主要问题\n问题。\n三、下一步工作计划\n计划。\n四、加强平台建设\n正文。\n"
    )
    kind, secs, _ = find_sections(doc(text))
    assert kind == "summary"
    assert [(s.id, s.title) for s in secs] == [("h1", "一、强化组织领导"), ("s5", "二、存在的主要问题"), ("h3", "四、加强平台建设")]
    assert [(c.id, c.title) for c in secs[0].children] == [("h1.1", "（一）成立领导小组"), ("h1.2", "（二）明确分工")]
    assert [(c.id, c.title) for c in secs[1].children] == [("s5b", "三、下一步工作计划")]


def test_non_report_text_is_other():
    kind, secs, _ = find_sections(doc("关于召开春季运动会的通知\n各班级：\n一、时间\n四月十日。\n二、地点\n操场。\n"))
    assert kind == "other" and secs == []
    assert find_sections(doc(""))[0] == "other"


def test_preamble_listing_the_parts_is_not_a_heading():
    text = "报告主要包括:总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况。\n" + STANDARD
    _, got = outline(text)
    assert got == STANDARD_OUTLINE


def test_cn_number():
    assert [cn_number(s) for s in ("一", "十", "十二", "二十", "二十三", "甲")] == [1, 10, 12, 20, 23, 0]


def test_table_of_contents_and_numbered_preamble_listing():
    toc = "目录\n一、总体情况……………1\n二、主动公开政府信息情况……2\n三、收到和处理政府信息公开申请情况 3\n"
    listing = "本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；六、其他需要报告的事项。\n"
    text = toc + listing + STANDARD
    kind, secs, _ = find_sections(doc(text))
    assert kind == "report"
    assert [(s.id, s.title) for s in secs] == STANDARD_OUTLINE
    assert secs[0].heading.start == text.index("一、总体情况\n2022年")


def test_disclosure_guide_is_other_not_summary():
    text = (
        "某县财政局政府信息公开指南\n为了更好地提供政府信息公开服务，编制本指南。\n"
        "一、主动公开\n（一）公开范围\n正文。\n二、依申请公开\n正文。\n三、监督方式\n正文。\n"
    )
    kind, secs, _ = find_sections(doc(text))
    assert (kind, secs) == ("other", [])


def test_two_sections_with_table_labels_is_a_report():
    text = (
        "一、总体情况\n正文。\n二、主动公开政府信息情况\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t0\t0\t0\n申请人情况\n自然人\n（六）其他处理\t1.申请人无正当理由逾期不补正\t0\n"
    )
    kind, got = outline(text)
    assert kind == "report" and got == [("s1", "一、总体情况"), ("s2", "二、主动公开政府信息情况")]


def test_headings_inside_a_layout_table_row_still_count():
    # Some CMS pages put the whole report in a two-column layout table: every line carries a tab.
    text = "\n".join(f"\t{t}" for _, t in STANDARD_OUTLINE) + "\n"
    kind, got = outline(text)
    assert kind == "report" and got == STANDARD_OUTLINE


def test_caption_row_of_a_table_loses_to_the_heading_line():
    text = STANDARD.replace("第二十条第（一）项\n", "二、主动公开政府信息情况\t\t\t\n第二十条第（一）项\n")
    _, secs, _ = find_sections(doc(text))
    assert secs[1].heading.start == text.index("二、主动公开政府信息情况")


def test_short_wording_glued_to_the_text_with_its_own_numeral():
    text = STANDARD.replace("一、总体情况\n2022年", "一、总体情况我局2022年").replace(
        "六、其他需要报告的事项\n", "六、其他事项本年度无。"
    )
    _, got = outline(text)
    assert got[0] == ("s1", "一、总体情况") and got[-1] == ("s6", "六、其他事项")
    # With another numeral the same glued wording is not a heading.
    assert [c.sid for c in find_candidates("一、概述我局情况\n")] == ["s1"]
    assert find_candidates("三、概述我局情况\n") == []
