"""Figures stated in prose (共收到申请N件 …) mapped to their fields; prose-only ones with a warning.

Conservative on purpose: a sentence figure is mapped only when its wording means exactly one
table field of the office's own table (report-format.md §6):

- 共收到/收到/新收 (依申请公开 | 政府信息公开申请) N件 → ``apply.new.total`` (not 受理: accepting is
  not receiving, and reports use it for different counts);
- 上年结转 … N件 → ``apply.carried.total``;
- 予以公开 / 同意公开 (答复) N件 → ``apply.granted.total``;
- 部分公开 (答复) N件 → ``apply.partial.total``;
- 本机关不掌握相关政府信息 N件 → ``apply.unable.not_held.total``;
- 结转下年度 / 转下一年度 (继续) 办理 … N件 → ``apply.carry_forward.total``;
- 行政复议 N起/件, N起/件 (涉及政府信息公开的) 行政复议 → ``review.total``;
- 办结 (政府信息公开) 申请 N件 → ``apply.total_handled.total``;
- 表二: 制发/印发/出台 (行政) 规范性文件 N件, 废止 … N件, 现行有效 … N件 (and 规章 likewise);
  作出行政许可决定 / 行政处罚决定 / 行政强制决定 N件 → that row's 处理决定数量.

Deliberately not mapped: 主动公开信息 N条 (表二 has no such total), 不予公开/无法提供/不予处理 N件
(group sums, no field), 行政诉讼 N起 (split over two fields), 答复 N件, 予以公开及部分公开 N件 (a sum),
行政许可事项 N项 (kinds of permit, not decisions), 收费 (万元 amounts), negations without a
number (未收到申请, 无行政复议), and any clause about a whole city/district/system (全市, 各县区 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.loading.limits import MAX_NUMBER_DIGITS
from core.model import Finding, Report, SourceDocument, Span, Value
from core.templates import field as field_of

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Bounded repetition, and a space only between digits: an unbounded run backtracked
# quadratically on a long line of spaced digits (minutes for 100 k characters).
_NUM = r"(?P<n>[0-9０-９](?:[0-9０-９,，]|\s(?=[0-9０-９])){0,15}|[零〇一二两三四五六七八九十]{1,3})"
_UNIT = r"\s*(?:件|起)"
_GAP = r"(?:共计|共|合计|总计|数量|总数|数|为|达|是|有|的|答复|\s){0,4}"


@dataclass(frozen=True)
class _Pattern:
    field: str
    regex: re.Pattern[str]


def _p(fid: str, pattern: str) -> _Pattern:
    return _Pattern(fid, re.compile(pattern))


PATTERNS = (
    _p("apply.new.total", rf"(?:共收到|收到|新收)(?:政府信息公开|依申请公开|信息公开)(?:申请)?(?:件)?{_GAP}\s*{_NUM}{_UNIT}"),
    _p("apply.carried.total", rf"上年(?:度)?结转(?:政府信息公开申请|的申请|申请)?{_GAP}{_NUM}{_UNIT}"),
    _p("apply.granted.total", rf"(?:予以公开|同意公开)(?:答复|的)?\s*{_NUM}{_UNIT}"),
    # not "予以公开及部分公开42件" (a sum of two rows)
    _p("apply.partial.total", rf"(?<![及和与、或])部分公开(?:答复|的)?\s*{_NUM}{_UNIT}"),
    _p("apply.total_handled.total", rf"(?:共|全年|本年度?)?办结(?:政府信息公开|依申请公开)?申请(?:件)?{_GAP}{_NUM}{_UNIT}"),
    _p("apply.unable.not_held.total", rf"本机关不掌握(?:相关)?(?:政府)?信息(?:的)?\s*{_NUM}{_UNIT}"),
    _p("apply.carry_forward.total", rf"(?:结转下一?年度|转下一?年度)(?:继续)?办理{_GAP}{_NUM}{_UNIT}"),
    _p("review.total", rf"行政复议(?:案件|申请)?(?:共)?\s*{_NUM}\s*(?:起|件)"),
    # 表二: a sentence naming the row and its column (规章 and 规范性文件 apart; 事项 counts are no decisions)
    _p("active.normative.issued", rf"(?:制发|印发|出台)(?:了)?(?:行政)?规范性文件(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.normative.repealed", rf"废止(?:了)?(?:行政)?规范性文件(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.normative.in_force", rf"现行有效(?:的)?(?:行政)?规范性文件(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.rules.issued", rf"(?:制发|制定|出台)(?:了)?(?:政府)?规章(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.rules.repealed", rf"废止(?:了)?(?:政府)?规章(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.license.decisions", rf"(?:作出|办理|办结)行政许可决定(?:共|共计)?\s*{_NUM}\s*(?:件|个)"),
    _p("active.penalty.decisions", rf"(?:作出)?行政处罚决定(?:共|共计)?\s*{_NUM}\s*(?:件|个)"),
    _p("active.coercion.decisions", rf"(?:作出|采取)?行政强制(?:措施)?决定(?:共|共计)?\s*{_NUM}\s*(?:件|个)"),
    _p("review.total", rf"{_NUM}\s*(?:起|件)(?:涉及政府信息公开(?:工作)?的)?行政复议"),
)

# a clause about more than the office itself
_WIDER = re.compile(r"全市|全区|全县|全省|各县|各区|各地|各级|系统内|全系统|下属|所属单位|各单位")
_NOT_TABLE = re.compile(r"[\t|]")


def _value(raw: str) -> int | None:
    s = re.sub(r"[\s,，]", "", raw).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s) if s.isascii() and len(s) <= MAX_NUMBER_DIGITS else None
    if not s or any(ch not in _CN and ch != "十" for ch in s):
        return None
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN[a] if a else 1) * 10 + (_CN[b] if b else 0)
    if len(s) == 1:
        return _CN[s]
    return None


def _clause(text: str, start: int) -> str:
    k = start
    while k > 0 and text[k - 1] not in "。；;\n" and start - k < 80:
        k -= 1
    return text[k:start]


def find_prose_figures(text: str) -> list[Value]:
    """Every statistic stated in a sentence (not in a table line), in text order."""
    out: list[Value] = []
    seen: set[tuple[str, int]] = set()
    pos = 0
    for line in text.split("\n"):
        if line.strip() and not _NOT_TABLE.search(line):
            for pat in PATTERNS:
                for m in pat.regex.finditer(line):
                    n = _value(m.group("n"))
                    if n is None:
                        continue
                    start = pos + m.start()
                    if _WIDER.search(_clause(text, start) + m.group(0)):
                        continue
                    key = (pat.field, pos + m.start("n"))
                    if key in seen:
                        continue
                    seen.add(key)
                    span = Span(pos + m.start(), pos + m.end())
                    out.append(Value(pat.field, n, m.group(0), "prose", span))
        pos += len(line) + 1
    out.sort(key=lambda v: v.span.start if v.span else 0)
    return out


def prose_values(doc: SourceDocument, report: Report) -> tuple[dict[str, Value], list[Finding]]:
    """Prose figures for fields the tables did not state, each with a ``prose.figure`` warning.

    Also sets ``report.prose_figures`` to every prose figure found (whether or not the table
    states the field), so validation can flag a sentence that contradicts its table.
    """
    figures = find_prose_figures(doc.text)
    report.prose_figures = figures
    values: dict[str, Value] = {}
    findings: list[Finding] = []
    for v in figures:
        if v.field in report.values or v.field in values:
            continue
        values[v.field] = v
        name = field_of(v.field).printed_name()
        findings.append(
            Finding(
                "prose.figure",
                "warning",
                f"{name} 没有印在表格中，取自正文“{v.raw}”：{v.value}，请核对。",
                [v.field],
                span=v.span,
                params={"value": v.value},
            )
        )
    return values, findings
