"""The words of every finding: one catalog with a Chinese and an English form per kind.

A finding keeps its rule ID and its ``params``; its text is ``MESSAGES[key]`` formatted over
them, where ``key`` is ``params["msg"]`` when one rule words several cases differently, else the
rule ID. Chinese is the source: the finding's ``message`` is made here (``compose``) when the
finding is built, so the command line, the workbook and saved projects read it unchanged. The
window asks ``text(finding, "en")`` for the English form; a finding whose kind has no English
form (``CHINESE_ONLY``, or a project saved by an older version without the params) is shown in
Chinese.

Conventions for params (all JSON, they are saved with the finding):
  * numbers are shown without a trailing ``.0``;
  * ``cell`` (one field ID) and ``cells`` (a list) are named per language: 表三 “（二）部分公开” 行
    “自然人” 列 / 表三 row “（二）部分公开” column “自然人” (the printed labels stay as printed);
  * a string equal to one of ``TERMS`` (or a list of them joined by 、 / 和) is translated;
  * what is added after the main sentence comes from ``blank`` (operands printed blank),
    ``suggest`` (the one cell that would make the identities hold; its value is the finding's
    suggestion), ``ocr_prose`` (the confidence of a figure OCR read in prose) and ``ocr_unsure``
    ([[field ID, confidence], …]), in that order.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core import templates
from core.model import Finding


@dataclass(frozen=True)
class Message:
    zh: str
    en: str


_T3 = "Table 3"
MESSAGES: dict[str, Message] = {
    # ---------------------------------------------------------------- identities (core.validation.rules)
    "apply.balance": Message(
        "表三 “{column}” 列勾稽不平：{left_terms} = {left}，{right_terms} = {right}，相差 {absdiff}",
        _T3 + " column “{column}” does not balance: {left_terms} = {left}, {right_terms} = {right}, "
        "difference {absdiff}",
    ),
    "apply.row_total": Message(
        "表三 “{row}” 行合计不符：“总计” 列 {left}，{right_terms} = {right}，相差 {absdiff}",
        _T3 + " row “{row}”: the “总计” (total) column is {left}, but {right_terms} = {right}, difference {absdiff}",
    ),
    "apply.outcome_sum": Message(
        "表三 “{column}” 列办理结果合计不符：“（七）总计” {left}，（一）至（六）各项之和 {right}（{right_terms}），相差 {absdiff}",
        _T3 + " column “{column}”: “（七）总计” (total outcomes) is {left}, but outcomes “（一）” to “（六）” add up to "
        "{right} ({right_terms}), difference {absdiff}",
    ),
    "appeal.total": Message(
        "表四 {group}“总计” {left}，{right_terms} = {right}，相差 {absdiff}",
        "Table 4 {group} “总计” (total) is {left}, but {right_terms} = {right}, difference {absdiff}",
    ),
    "note.blank": Message("；其中{names}原表为空白，按 0 计", "; {names} printed blank, counted as 0"),
    "note.suggest": Message(
        "。若{cell}应为 {value}，则相关等式均成立（仅为建议，未修改原值）",
        ". If {cell} were {value}, every related identity would hold (a suggestion only; the value is unchanged)",
    ),
    "note.ocr": Message(
        "。其中 {names} 由文字识别（OCR）读出且把握不大，可能是识别错误而不是报告本身的错误，请先对照原件核对这些单元格。",
        ". {names} were read by OCR with low confidence: this may be a misreading rather than an error of the "
        "report; check these cells against the original first.",
    ),
    # ---------------------------------------------------------------- document rules
    "section.missing": Message("未找到第{numeral}部分“{heading}”", "Part {numeral} “{heading}” was not found"),
    "table.missing": Message("未找到{table_title}的任何数字", "No figure of {table_title} was found"),
    "table.blank": Message(
        "{table_title}印出了表格，但每个单元格都是空白（按 0 计）：可能是空白模板，或数字在转换时丢失，请核对原文",
        "{table_title} is printed, but every cell is blank (counted as 0): a blank template, or the figures were "
        "lost in conversion; check the original",
    ),
    "metadata.missing": Message(
        "未能识别{what}，请在“机关名称 / 年度”处填写，否则汇总表中无法归类",
        "Could not recognise {what}; fill it in under Agency / Year, otherwise the summary cannot place this "
        "report",
    ),
    "template.year_mismatch": Message(
        "报告年度为 {year} 年，但{what}采用的是{used}；{year} 年度应采用{expected}",
        "The report year is {year}, but {what} uses {used}; for {year} it should use {expected}",
    ),
    "template.year_newer": Message(
        "报告年度为 {year} 年，但{what}采用的是晚于该年度的{used}，请核对报告年度",
        "The report year is {year}, but {what} uses {used}, which is newer than that year; check the report year",
    ),
    "template.mixed": Message(
        "表二按{active}填报，表三按{apply}填报，两表格式版本不一致",
        "Table 2 follows {active} but Table 3 follows {apply}: the two tables are in different formats",
    ),
    "s6.fee_statement": Message(
        "{where}未说明信息处理费收取情况（如“本年度未收取信息处理费”或“收取信息处理费N元”）",
        "{where} does not say whether information processing fees (信息处理费) were charged (e.g. "
        "“本年度未收取信息处理费” or “收取信息处理费N元”)",
    ),
    "period.year_mismatch": Message(
        "统计期限写的是“{printed}”，与报告年度 {year} 年不符",
        "The statistics period reads “{printed}”, which does not match the report year {year}",
    ),
    "active.rules_level": Message(
        "“{agency}”属于{level}，不能制定规章，但表二“规章”行填报了 {terms}，请核对（只有国务院部门、省级和设区的市人民政府可以制定规章）",
        "“{agency}” is {level} and cannot make rules (规章), but Table 2 row “规章” reports {terms}; check it "
        "(only State Council departments, provinces and cities with districts make rules)",
    ),
    "prose.contradiction": Message(
        "正文写“{quote}”（{prose}），而{cell}为 {table}，相差 {absdiff}",
        "The text says “{quote}” ({prose}), but {cell} is {table}, difference {absdiff}",
    ),
    # ---------------------------------------------------------------- figures taken from sentences (core.parsing.prose)
    "prose.figure": Message(
        "{cells} 没有印在表格中，取自正文“{quote}”：{value}，请核对。",
        "{cells} is not printed in a table; taken from the text “{quote}”: {value}. Please check.",
    ),
    "prose.figure.accepted": Message(
        "{cells} 没有印在表格中，正文写“{quote}”，按“受理”即本年新收读取：{value}，请核对（受理数是否含上年结转）。",
        "{cells} is not printed in a table; the text says “{quote}”, read as applications received this year "
        "(“受理”, accepted): {value}. Please check whether the accepted count includes applications carried over.",
    ),
    "prose.figure.zero": Message(
        "{cells} 没有印在表格中，正文写“{quote}”，所以各项均为 {value}，请核对。",
        "{cells} are not printed in a table; the text says “{quote}”, so each of them is {value}. Please check.",
    ),
    "prose.figure.only": Message(
        "{cells} 没有印在表格中，正文写“{quote}”且只提到一种情形，据此填入（该情形 {value}，其余为 0），请核对。",
        "{cells} are not printed in a table; the text says “{quote}” and names one reason only: filled in "
        "accordingly (that row {value}, the others 0). Please check.",
    ),
    "prose.figure.rest": Message(
        "{cells} 没有印在表格中，正文写“{quote}”，列出的各项已加满该数，其余各项按 0 填入，请核对。",
        "{cells} are not printed in a table; the text says “{quote}” and the rows it names add up to it: "
        "the others are filled in as 0. Please check.",
    ),
    "prose.unplaced": Message(
        "正文写“{quote}”（{value}），但没有说明属于{group}的哪一项，未填入表格，请核对后填写。",
        "The text says “{quote}” ({value}) but not which rows of “{group}” it counts: nothing was filled in; "
        "please check and fill them in.",
    ),
    # ---------------------------------------------------------------- across reports
    "cross.carry_over": Message(
        "表三 “{column}” 列 本年“二、上年结转” {this} 件，上一年度（{prev_year} 年）报告“四、结转下年度继续办理” {prev} 件，相差 {absdiff}",
        _T3 + " column “{column}”: this year's “二、上年结转” (carried over) is {this}, but the {prev_year} "
        "report's “四、结转下年度继续办理” (carried forward) is {prev}, difference {absdiff}",
    ),
    "cross.in_force": Message(
        "表二 “{row}” 行 现行有效 {this} 件，而上年（{prev_year} 年）现行有效 {prev} + 本年制发 {issued}"
        " − 本年废止 {repealed} = {expected}，相差 {absdiff}",
        "Table 2 row “{row}”: {this} in force, but last year's ({prev_year}) {prev} in force + {issued} issued"
        " − {repealed} repealed = {expected}, difference {absdiff}",
    ),
    "cross.glued_settled": Message(
        "表二 “{row}” 行 连写的数字“{run}”有 {count} 种拆分；按上一年度（{prev_year} 年）报告现行有效 {prev} 件"
        "（现行有效 = 上年现行有效 + 本年制发 − 本年废止），只有 制发 {issued}、废止 {repealed}、现行有效 {in_force}"
        " 这一种相符，建议采用，请对照原文核对",
        "Table 2 row “{row}”: the run-together digits “{run}” split {count} ways; with {prev} in force in the "
        "{prev_year} report (in force = last year's in force + issued − repealed) only issued {issued}, repealed "
        "{repealed}, in force {in_force} fits: suggested, check against the original",
    ),
    # ---------------------------------------------------------------- OCR doubts (core.validation.ocr)
    "ocr.unreadable": Message(
        "{cell}：扫描件上这一格有字迹，但文字识别（OCR）未能读出（可能有污损或过于模糊），数值已留空，请对照原件填写。",
        "{cell}: the scan shows writing in this cell, but OCR could not read it (stained or too blurred); the "
        "value is left empty, fill it in from the original.",
    ),
    "ocr.low_confidence": Message(
        "{cell} 由文字识别（OCR）读作“{raw}”，置信度 {percent}，可能识读有误，请对照原件核对。",
        "{cell} was read by OCR as “{raw}” with confidence {percent}; it may be misread, check it against the "
        "original.",
    ),
    "ocr.low_confidence_text": Message(
        "{cell} 由文字识别（OCR）从正文中读作“{raw}”，置信度 {percent}，可能识读有误，请对照原件核对。",
        "{cell} was read by OCR from the text as “{raw}” with confidence {percent}; it may be misread, check it "
        "against the original.",
    ),
    "note.ocr_prose": Message(
        "。正文中的这个数字由文字识别（OCR）读出，置信度 {percent}，可能是识别错误而不是报告本身的不一致，请先对照原件核对。",
        ". The figure in the text was read by OCR with confidence {percent}: this may be a misreading rather than "
        "an inconsistency of the report; check it against the original first.",
    ),
    "ocr.scanned_text": Message(
        "本报告是扫描件，文字和表格由文字识别（OCR）读出：{values} 个数值读自表格、{text_values} 个读自正文或未成表格的文字，"
        "其中 {unsure} 个把握不大（已逐一列出），请对照原件核对。",
        "This report is a scan read by OCR: {values} values were read from its tables and {text_values} from its "
        "text, {unsure} of them with low confidence (each listed); check them against the original.",
    ),
    "ocr.scanned": Message(
        "本报告是扫描件，文字和表格由文字识别（OCR）读出：{values} 个数值读自表格，其中 {unsure} 个把握不大（已逐一列出），请对照原件核对。",
        "This report is a scan read by OCR: {values} values were read from its tables, {unsure} of them with low "
        "confidence (each listed); check them against the original.",
    ),
    # ---------------------------------------------------------------- what the parser noticed
    "document.not_report": Message(
        "这份文件可以读取，但不是政府信息公开工作年度报告",
        "This file can be read, but it is not a government information disclosure annual report",
    ),
    "document.summary": Message(
        "这是一份工作总结，不是按六部分格式编写的年度报告",
        "This is a work summary, not an annual report in the six-part format",
    ),
    "tables.lost": Message(
        "第{parts}部分只有标题，没有统计表（可能在网页复制时丢失）",
        "Part {parts}: only the heading, no statistics table (perhaps lost when the web page was copied)",
    ),
    "table.unreadable": Message(
        "{cell} 印为“{raw}”，不是数字，无法读取。", "{cell} is printed as “{raw}”, which is not a number; not read."
    ),
    "table.blank_total": Message(
        "{cell} 为空白，而同行各项之和为 {total}：空白按 0 计，请核对原表。",
        "{cell} is blank, but the other cells of its row add up to {total}: the blank counts as 0; check the "
        "original table.",
    ),
    "table.blank_total.group": Message(
        "{cell} 为空白，而同组各项之和为 {total}：空白按 0 计，请核对原表。",
        "{cell} is blank, but the other cells of its group add up to {total}: the blank counts as 0; check the "
        "original table.",
    ),
    "table.ambiguous": Message(
        "{table} “{row}” 行：印出的数字个数与应有的 {count} 列不符，无法唯一确定各数字所在的列，请人工核对：{cells}。",
        "{table} row “{row}”: the number of printed figures does not match its {count} columns, so the column of "
        "each figure cannot be told; check by hand: {cells}.",
    ),
    "table.ambiguous.appeal": Message(
        "表四 印出 {printed} 个数字，应为 15 个，无法唯一确定各数字所在的列，请人工核对。",
        "Table 4 prints {printed} figures instead of 15; the column of each cannot be told, check by hand.",
    ),
    "table.misaligned": Message(
        "{table} “{row}” 行：该行的单元格比表头的列多（有多余的空白单元格，常见于 PDF 转换），去掉任何多余的空白后都不满足"
        "“总计等于各项之和”：可能原表本身不平衡，也可能是转换造成的错位，未读取，请对照原表人工核对：{cells}。",
        "{table} row “{row}” has more cells than the header has columns (extra blank cells, common after PDF "
        "conversion), and no way of dropping the extra blanks makes the total equal the sum of its parts: the "
        "table itself may not balance, or the conversion shifted it; not read, check against the original: "
        "{cells}.",
    ),
    "table.inferred.unlabelled": Message(
        "{table} “{row}” 行：该行没有行标签，已按表格中的位置推定其所属行，请核对：{cells}。",
        "{table} row “{row}”: the row has no label; its row was inferred from its position in the table, "
        "check: {cells}.",
    ),
    "table.inferred.misaligned": Message(
        "{table} “{row}” 行：该行的单元格与表头的列没有对齐（有多余的空白单元格），已按行标签和勾稽关系推定各数字所在的列，请核对：{cells}。",
        "{table} row “{row}”: the cells do not line up with the header's columns (extra blank cells); each "
        "figure's column was inferred from the row label and the identities, check: {cells}.",
    ),
    "table.inferred.count": Message(
        "{table} “{row}” 行：该行印出 {printed} 个单元格，应有 {count} 列，已按行标签和勾稽关系推定各数字所在的列，请核对：{cells}。",
        "{table} row “{row}” prints {printed} cells for {count} columns; each figure's column was inferred from "
        "the row label and the identities, check: {cells}.",
    ),
    "table.inferred.appeal": Message(
        "表四 印出 {printed} 个数字，应为 15 个；已按“总计等于各项之和”推定，请核对：{cells}。",
        "Table 4 prints {printed} figures instead of 15; their columns were inferred from “total = sum of its "
        "parts”, check: {cells}.",
    ),
    "table.extra_row": Message(
        "{table} 中有模板以外的行“{label}”（{why}），已保留供核对，未计入任何字段。",
        "{table} has a row “{label}” that is not in the national format ({why}); kept for review, not counted "
        "in any field.",
    ),
    "table.missing_rows": Message(
        "{table} 缺少模板中的行：{rows}，这些单元格没有读取到数值。",
        "{table} lacks rows of the national format: {rows}; no value was read for these cells.",
    ),
    "table.stray": Message(
        "{table} 中有一个不属于任何行的数字“{raw}”，已忽略，请核对原表。",
        "{table} has a figure “{raw}” that belongs to no row; ignored, check the original table.",
    ),
    "table.no_rows": Message(
        "{table_title}：找到了表头，但没有读到任何数据行（表格可能是图片，或在转换中丢失），请核对原文件。",
        "{table_title}: the header was found but no data row was read (the table may be an image, or was lost "
        "in conversion); check the original file.",
    ),
}

# Phrases that params carry in Chinese (the names of formats, tables, places in the report …).
TERMS: dict[str, str] = {
    "表二": "Table 2",
    "表三": "Table 3",
    "表四": "Table 4",
    "统计表": "the statistics tables",
    "报告": "the report",
    templates.TABLE_TITLES[templates.TABLE_ACTIVE]: "Table 2 (表二 主动公开政府信息情况)",
    templates.TABLE_TITLES[templates.TABLE_APPLY]: "Table 3 (表三 收到和处理政府信息公开申请情况)",
    templates.TABLE_TITLES[templates.TABLE_APPEAL]: "Table 4 (表四 政府信息公开行政复议、行政诉讼情况)",
    **{n: str(i) for i, n in enumerate("一二三四五六", start=1)},  # the parts of the report
    "发布机关": "the issuing agency",
    "报告年度": "the report year",
    "2019年版格式（国办公开办函〔2019〕60号）": "the 2019 format (国办公开办函〔2019〕60号)",
    "2021年版格式（国办公开办函〔2021〕30号）": "the 2021 format (国办公开办函〔2021〕30号)",
    "2019年以前的旧版格式": "the format used before 2019",
    "第六部分“其他需要报告的事项”": "Part 6 “其他需要报告的事项” (other matters)",
    "报告（未找到第六部分）": "The report (part 6 not found)",
    "工作总结": "The work summary",
    "乡镇（街道）一级": "a township (street) level agency",
    "县（区）一级": "a county (district) level agency",
    "各项均为 0": "all terms 0",
    "（无标签）": "(no label)",
    "行标签与模板不符": "its label matches no row of the format",
}

# Finding kinds shown in Chinese in every language, and why. The test of this catalog fails when
# a kind is neither here nor in MESSAGES.
CHINESE_ONLY: dict[str, str] = {
    # the loaders' notes are (code, text) pairs without params (SourceDocument.notes)
    "load.bad_bytes": "loader note without params",
    "load.table_too_large": "loader note without params",
    "ocr.used": "loader note without params",
    "ocr.garbled_text_layer": "loader note without params",
    "ocr.blank_pages": "loader note without params",
    "ocr.rotated": "loader note without params",
    "pdf.page_without_text": "loader note without params",
    "docx.numbering_range": "loader note without params",
    "docx.numbering_label": "loader note without params",
    # run-together digits: the wording quotes the candidate splits, built in core/parsing/tables/runs.py
    "table.glued_split": "wording built from candidate splits in runs.py",
    "table.glued_prose": "wording built from candidate splits in runs.py",
    "table.glued_ambiguous": "wording built from candidate splits in runs.py",
}

# Kinds worded by another entry: ``params["msg"]`` names it.
WORDED_BY = {
    "ocr.identity": "the broken identity's own entry, then note.ocr",
    "ocr.prose": "prose.contradiction's own entry, then note.ocr_prose",
}

_NUMBER = (int, float)


def _num(v: int | float) -> str:
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


def cell_name(fid: str, lang: str = "zh") -> str:
    """Where a cell is, in the words of the printed table (labels as printed in either language)."""
    fields = templates.all_fields()
    if fid not in fields:
        return fid
    f = fields[fid]
    if lang == "zh":
        return f.printed_name()
    table = TERMS[templates.TABLE_SHORT[f.table]]
    if f.table == templates.TABLE_APPEAL:
        return f"{table} {f.row.label}“{f.column.label}”"
    return f"{table} row “{templates.short_label(f.row.label)}” column “{f.column.label}”"


def _term(v: str, lang: str) -> str:
    if lang == "zh":
        return v
    if v in TERMS:
        return TERMS[v]
    for sep, joiner in (("、", ", "), ("和", " and ")):
        parts = v.split(sep)
        if len(parts) > 1 and all(p in TERMS for p in parts):
            return joiner.join(TERMS[p] for p in parts)
    return v


def _value(name: str, v: Any, lang: str) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, _NUMBER):
        return _num(v)
    if name == "cell" and isinstance(v, str):
        return cell_name(v, lang)
    if name == "cells" and isinstance(v, list | tuple):
        return ("、" if lang == "zh" else ", ").join(cell_name(str(f), lang) for f in v)
    if isinstance(v, str):
        return _term(v, lang)
    return v


def render(key: str, params: Mapping[str, Any], lang: str = "zh") -> str:
    """One catalog entry in one language (``KeyError`` when the key or a param is missing)."""
    m = MESSAGES[key]
    template = m.zh if lang == "zh" else m.en
    return template.format(**{k: _value(k, v, lang) for k, v in params.items()})


def compose(rule: str, params: Mapping[str, Any], suggestion: Mapping[str, Any] | None = None, lang: str = "zh") -> str:
    """The whole text of a finding: its main sentence and the notes its params call for."""
    out = render(str(params.get("msg", rule)), params, lang)
    sep = "、" if lang == "zh" else ", "
    blank = params.get("blank")
    if blank:
        out += render("note.blank", {"names": sep.join(f"“{n}”" for n in blank)}, lang)
    fid = params.get("suggest")
    if fid and suggestion and fid in suggestion:
        out += render("note.suggest", {"cell": fid, "value": suggestion[fid]}, lang)
    prose = params.get("ocr_prose")
    if isinstance(prose, int | float):
        out += render("note.ocr_prose", {"percent": f"{prose:.0%}"}, lang)
    unsure = params.get("ocr_unsure")
    if unsure:
        word = "置信度 " if lang == "zh" else "confidence "
        open_, close = ("（", "）") if lang == "zh" else (" (", ")")
        names = sep.join(f"{cell_name(str(f), lang)}{open_}{word}{c:.0%}{close}" for f, c in unsure)
        out += render("note.ocr", {"names": names}, lang)
    return out


def text(finding: Finding, lang: str = "zh") -> str:
    """The finding in the reviewer's language: Chinese as built; English from the catalog when it has the kind."""
    if lang.startswith("zh"):
        return finding.message
    try:
        return compose(finding.rule, finding.params, finding.suggestion, "en")
    except (KeyError, IndexError, ValueError, TypeError):
        return finding.message


def placeholders(template: str) -> set[str]:
    """The param names a template reads."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
