"""Template detection: 2021 / 2019 / legacy / unknown, from the table labels and the text's keywords.

Order of evidence (report-format.md §1: the labels decide, not the year):

1. the tables engineer's per-table verdicts (``Report.table_templates``): the majority; on a tie 表三's;
2. label keywords in the text (the tables, rendered as lines, are part of it);
3. legacy markers (统计指标/统计数, 否决公开, 概述/回应解读情况/收费及减免/咨询处理情况 …), only when
   nothing points to 2019 or 2021;
4. tables lost (headings 二/三/四 with nothing under them): a ``tables.lost`` warning, then the year:
   ≥ 2021 → 2021; otherwise a report in the six-part layout → 2019 (the six-part layout *is* the 2019
   format, whatever year the report covers: seed 003, a 2018 report published 2020-01, gets 2019).

A work summary (kind ``summary``) gets ``unknown`` and an info finding ``document.summary``; a readable
non-report gets ``unknown`` and a warning ``document.not_report``.
"""

from __future__ import annotations

import re
from collections import Counter

from core.lazy_re import lazy_compile
from core.messages import compose
from core.model import Finding, Report, Section, SourceDocument
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY

T2021, T2019, LEGACY, UNKNOWN = "2021", "2019", "legacy", "unknown"

KEYWORDS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "收费通知")
KEYWORDS_2019 = (
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
    "政府集中采购", "其他对外管理服务事项", "采购项目数量",
)  # fmt: skip
# Legacy markers, each counted once. 同意公开 alone proves nothing (2021 reports say 同意公开答复 too).
LEGACY_MARKERS = (
    lazy_compile(r"统计指标"),
    lazy_compile(r"统计数(?!据|字|量)"),
    lazy_compile(r"否决公开"),
    lazy_compile(r"同意公开"),
    lazy_compile(r"回应解读情况"),
    lazy_compile(r"收费及减免"),
    lazy_compile(r"咨询处理情况"),
    lazy_compile(r"(?m)^[ \t#*]*[一二三四五六七八九十]{1,2}\s*、\s*概述"),
)

_TABLE_SECTION = {TABLE_ACTIVE: "s2", TABLE_APPLY: "s3", TABLE_APPEAL: "s4"}
_FIELD_PREFIXES = {
    TABLE_ACTIVE: ("active.",),
    TABLE_APPLY: ("apply.",),
    TABLE_APPEAL: ("review.", "suit_direct.", "suit_after_review."),
}
_SECTION_NAMES = {"s2": "二", "s3": "三", "s4": "四"}
_TABLE_TEXT = lazy_compile(r"\d|信息内容|申请人情况|自然人|结果维持|第二十条")
_WS = lazy_compile(r"[\s\u3000|]+")


def detect_template(doc: SourceDocument, report: Report) -> tuple[str, list[Finding]]:
    """Decide the report's template and what the parser itself should say about it.

    Args:
        doc: the loaded document.
        report: the report so far (kind, sections, metadata, table_templates, values).

    Returns:
        (template, findings): template is 2021 | 2019 | legacy | unknown.
    """
    findings: list[Finding] = []
    if report.kind == "other":
        findings.append(Finding("document.not_report", "warning", compose("document.not_report", {})))
        return UNKNOWN, findings
    if report.kind == "summary":
        findings.append(Finding("document.summary", "info", compose("document.summary", {})))

    by_tables = _from_tables(report.table_templates)
    year = report.metadata.year.value
    if by_tables and _mixed(report.table_templates) and isinstance(year, int):
        # 表二 in one format, 表三 in the other: the report's format is the one in force for its year
        # (the validator says which table is printed in the other layout: template.mixed)
        return (T2021 if year >= 2021 else T2019), findings
    if by_tables:
        return by_tables, findings
    by_words = template_from_keywords(doc.text)
    if by_words:
        return by_words, findings
    score = legacy_score(doc.text)
    if score >= 3 or (score >= 2 and report.kind == "report"):
        return LEGACY, findings
    if report.kind != "report":
        return UNKNOWN, findings

    lost = lost_tables(doc, report)
    if lost:
        params = _lost_params(lost)
        findings.append(Finding("tables.lost", "warning", compose("tables.lost", params), span=lost[0].heading, params=params))
    year = report.metadata.year.value
    if isinstance(year, int):
        return (T2021 if year >= 2021 else T2019), findings
    return UNKNOWN, findings


def _lost_params(lost: list[Section]) -> dict[str, object]:
    """params of ``tables.lost``: the sections and tables (``table`` too when only one is lost)."""
    by_section = {sid: table for table, sid in _TABLE_SECTION.items()}
    tables = [by_section[s.id] for s in lost]
    names = "、".join(_SECTION_NAMES[s.id] for s in lost)
    out: dict[str, object] = {"sections": [s.id for s in lost], "tables": tables, "parts": names}
    if len(tables) == 1:
        out["table"] = tables[0]
    return out


def _mixed(table_templates: dict[str, str]) -> bool:
    """表二 and 表三 printed in different formats (表四 is the same in both: it does not count)."""
    a, b = table_templates.get(TABLE_ACTIVE), table_templates.get(TABLE_APPLY)
    return {a, b} == {T2021, T2019}


def _from_tables(table_templates: dict[str, str]) -> str | None:
    votes = Counter(t for t in table_templates.values() if t in (T2021, T2019, LEGACY))
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        for table in (TABLE_APPLY, TABLE_ACTIVE, TABLE_APPEAL):
            t = table_templates.get(table)
            if t in votes:
                return t
    return ranked[0][0]


def template_from_keywords(text: str) -> str | None:
    """2021 or 2019 when the text holds the labels of that version's tables (the more distinct ones win)."""
    flat = _WS.sub("", text)
    n21 = sum(1 for k in KEYWORDS_2021 if k in flat)
    n19 = sum(1 for k in KEYWORDS_2019 if k in flat)
    if n21 == 0 and n19 == 0:
        return None
    if n21 != n19:
        return T2021 if n21 > n19 else T2019
    # A tie: （六）其他处理 with sub-rows is 2021; one row directly followed by （七）总计 is 2019.
    if re.search(r"其他处理[^总]{0,20}?1[.、．]", flat):
        return T2021
    if re.search(r"[（(]六[)）]其他处理[\d/\-—无]*[（(]七[)）]总计", flat):
        return T2019
    return None


def legacy_score(text: str) -> int:
    """How many distinct markers of the pre-2019 layout the text holds."""
    return sum(1 for rx in LEGACY_MARKERS if rx.search(text))


def lost_tables(doc: SourceDocument, report: Report) -> list[Section]:
    """Sections 二/三/四 that have a heading but neither a table nor any figure under it."""
    out: list[Section] = []
    for table, sid in _TABLE_SECTION.items():
        sec = report.section(sid)
        if sec is None:
            continue
        if any(f.startswith(_FIELD_PREFIXES[table]) for f in report.values):
            continue
        if any(g.span is not None and sec.body.start <= g.span.start < sec.body.end for g in doc.grids):
            continue
        under = doc.text[sec.heading.end : sec.body.end]
        if not _TABLE_TEXT.search(under):
            out.append(sec)
    return out
