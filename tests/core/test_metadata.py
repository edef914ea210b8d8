"""Metadata extraction on synthetic texts (made-up agencies, dates and index numbers)."""

from __future__ import annotations

import pytest

from core.model import SourceDocument
from core.parsing.metadata import extract_metadata, signature_agency


def doc(text: str, boilerplate: list[str] | None = None) -> SourceDocument:
    return SourceDocument(
        path="synthetic.txt",
        form="txt",
        original=text,
        text=text,
        offsets=list(range(len(text))),
        boilerplate=boilerplate or [],
    )


def at(text: str, located) -> str | None:
    return text[located.span.start : located.span.end] if located.span else None


def test_agency_before_year_with_spaces_in_title():
    text = "\n\n示范县水务局 2023 年政府信息 公开工作报告\n\n根据条例制作本报告。\n一、总体情况\n"
    m = extract_metadata(doc(text))
    assert m.title.value == "示范县水务局2023年政府信息公开工作报告"
    assert at(text, m.title) == "示范县水务局 2023 年政府信息 公开工作报告"
    assert (m.agency.value, m.agency.source, at(text, m.agency)) == ("示范县水务局", "title", "示范县水务局")
    assert (m.year.value, at(text, m.year)) == (2023, "2023")


def test_year_first_title_broken_over_two_lines_with_abbreviation():
    text = "正文\n2022 年某市发改委政府信息公开工作\n年度报告\n根据条例编制。\n"
    m = extract_metadata(doc(text))
    assert m.title.value == "2022年某市发改委政府信息公开工作年度报告"
    assert m.agency.value == "某市发展和改革委员会"
    assert at(text, m.agency) == "某市发改委"
    assert m.year.value == 2022


def test_agency_on_the_line_above_the_title():
    text = "某市人民政府\n2023 年政府信息公开工作年度报告\n本报告由某市人民政府办公室编制。\n"
    m = extract_metadata(doc(text))
    assert (m.agency.value, m.year.value) == ("某市人民政府", 2023)


def test_title_with_trailing_pipes_and_annual_suffix():
    text = "某区商务局2021年度政府信息公开工作年度报告 | ||||||||\n发布时间:2022-01-20 09:30\n浏览次数:\n"
    m = extract_metadata(doc(text))
    assert m.title.value == "某区商务局2021年度政府信息公开工作年度报告"
    assert (m.agency.value, m.year.value) == ("某区商务局", 2021)
    assert (m.published.value, m.published.source, at(text, m.published)) == ("2022-01-20", "header", "2022-01-20")


def test_web_header_labels_with_pipes():
    text = (
        "索引号: | 11111111/2023-00042 | 公开方式: | 主动公开 |\n"
        "文号: | 公开日期: | 2023-02-03 10:00 | |\n"
        "发布单位: | 某区卫生局(某区爱卫办) |\n"
        "某区卫生局2022年度政府信息公开工作报告\n一、总体情况 2022年,我局……\n"
    )
    m = extract_metadata(doc(text))
    assert (m.index_no.value, at(text, m.index_no)) == ("11111111/2023-00042", "11111111/2023-00042")
    assert m.published.value == "2023-02-03"
    assert m.publisher.value == "某区卫生局(某区爱卫办)"
    assert m.agency.value == "某区卫生局"


def test_truncated_index_label_and_header_only_in_boilerplate():
    text = "某省档案局2020年政务公开工作总结\n2020年以来,我局……\n"
    bp = [
        "您当前的位置:首页 > 政府信息公开",
        "号: 000000001/202012-00007 信息分类: 计划总结",
        "内容分类: 综合政务 发文日期: 2020-12-21",
        "发布机构: 某省档案局 号:",
    ]
    m = extract_metadata(doc(text, bp))
    assert (m.index_no.value, m.index_no.span, m.index_no.source) == ("000000001/202012-00007", None, "boilerplate")
    assert (m.published.value, m.published.source) == ("2020-12-21", "boilerplate")
    assert m.publisher.value == "某省档案局"
    assert (m.agency.value, m.year.value) == ("某省档案局", 2020)


def test_agency_from_publisher_when_title_has_none():
    text = "发布机构：某县交通运输局 发文日期：2023-01-15\n政府信息公开工作年度报告\n一、总体情况\n"
    m = extract_metadata(doc(text))
    assert m.publisher.value == "某县交通运输局"
    assert (m.agency.value, m.agency.source) == ("某县交通运输局", "header")
    # No year in the title, no statistics period: published in January → the year before.
    assert (m.year.value, m.year.source) == (2022, "published")


def test_year_from_statistics_period():
    text = "年度报告\n本报告的统计期限为2021年1月1日至2021年12月31日。\n某镇人民政府 2022年1月5日\n"
    m = extract_metadata(doc(text))
    assert (m.year.value, m.year.source, at(text, m.year)) == (2021, "preamble", "2021")
    assert (m.agency.value, m.agency.source) == ("某镇人民政府", "signature")


def test_period_with_spaces_and_short_end():
    text = "本年度报告中所列数据的统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。\n"
    assert extract_metadata(doc(text)).year.value == 2024


def test_signature_date_is_not_the_publish_date():
    text = "某市审计局2021年政府信息公开工作年度报告\n正文。\n某市审计局 2021年12月31日\n|\n||||||\n"
    m = extract_metadata(doc(text))
    assert m.published.value is None
    assert signature_agency(text) == "某市审计局"


def test_nothing_invented():
    m = extract_metadata(doc("政府信息公开工作年度报告格式模板\n一、总体情况\n（文字描述）\n"))
    assert m.title.value == "政府信息公开工作年度报告格式模板"
    for key in ("agency", "year", "published", "index_no", "publisher"):
        assert getattr(m, key).value is None, key
    empty = extract_metadata(doc(""))
    assert empty.title.value is None and empty.agency.value is None


def test_information_source_person_is_not_a_publisher():
    text = "某市审计局2021年政府信息公开工作年度报告\n信息来源:张三\n发布时间:2022-01-07 16:58\n"
    m = extract_metadata(doc(text))
    assert m.publisher.value is None
    assert m.agency.value == "某市审计局"


def test_chinese_numeral_year_in_title():
    m = extract_metadata(doc("某县民政局二〇二一年度政府信息公开工作年度报告\n"))
    assert (m.agency.value, m.year.value) == ("某县民政局", 2021)


def test_late_year_publish_date_gives_no_year():
    m = extract_metadata(doc("发布时间：2023-11-02\n政府信息公开工作报告\n"))
    assert m.published.value == "2023-11-02"
    assert m.year.value is None


def test_year_after_the_title_and_about_prefix():
    m = extract_metadata(doc("某县气象局政府信息公开工作年度报告（2022年度）\n"))
    assert (m.agency.value, m.year.value) == ("某县气象局", 2022)
    m = extract_metadata(doc("某市粮食局关于2020年政府信息公开工作年度报告\n"))
    assert (m.agency.value, m.year.value) == ("某市粮食局", 2020)


def test_prose_lines_are_not_titles():
    text = "根据《中华人民共和国政府信息公开条例》，编制本政府信息公开工作报告。\n某局2021年政府信息公开工作年度报告\n"
    m = extract_metadata(doc(text))
    assert m.title.value == "某局2021年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "line",
    [
        "名称沭阳县发展和改革局2023年政府信息公开工作年度报告",
        "机关名称沭阳县发展和改革局2023年政府信息公开工作年度报告",
        "信息来源沭阳县发展和改革局2023年度政府信息公开工作年度报告",
        "发布机构沭阳县发展和改革局2023年政府信息公开工作年度报告",
        "称沭阳县发展和改革局2023年政府信息公开工作年度报告",
    ],
)
def test_a_header_label_fused_with_the_title_is_stripped(line: str) -> None:
    m = extract_metadata(SourceDocument("x.txt", "txt", line + "\n正文。", line + "\n正文。", []))
    assert m.agency.value == "沭阳县发展和改革局"
    assert m.title.value is not None and m.title.value.startswith("沭阳县")


def test_an_agency_that_starts_like_a_label_keeps_its_name() -> None:
    line = "源城区人民政府2023年政府信息公开工作年度报告"
    m = extract_metadata(SourceDocument("x.txt", "txt", line, line, []))
    assert m.agency.value == "源城区人民政府"
