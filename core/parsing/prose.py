"""Figures stated in prose (共收到申请N件 …) mapped to their fields; prose-only ones with a warning.

Conservative on purpose: a sentence figure is mapped only when its wording means exactly one
table field of the office's own table (report-format.md §6):

- 共收到/收到/新收/接收/接到 (依申请公开 | 政府信息公开申请) N件 → ``apply.new.total``; 受理 … N件 likewise,
  but only when no sentence says 收到/新收 and the clause does not count 结转 in (its warning says
  that 受理 was read as 新收);
- 上年结转 … N件 → ``apply.carried.total``;
- 予以公开 / 同意公开 (答复) N件 → ``apply.granted.total``;
- 部分公开 (答复) N件 → ``apply.partial.total``;
- 本机关不掌握相关政府信息 N件 → ``apply.unable.not_held.total``;
- 不予公开 / 无法提供 / 不予处理 N件 (a group of 表三 rows, no field of its own): its rows when the
  sentence settles them — N is 0 (every row 0), the clause names one reason only (均为第三方… →
  that row N, the others 0), or names its rows with figures (其中国家秘密1件 …; the unnamed rows
  0 when the named ones add up to N); otherwise nothing is placed and a warning says so;
- 结转(至)下年度 / 转(入)下一年度 (继续) 办理 … N件 → ``apply.carry_forward.total``;
- 行政复议 N起/件, N起/件 (涉及政府信息公开的) 行政复议 → ``review.total``; (未经复议) 直接起诉 /
  直接提起行政诉讼 N起 → ``suit_direct.total``; 复议后起诉 / 经复议后提起行政诉讼 N起 →
  ``suit_after_review.total``; a bare 行政诉讼 N起 only when N is 0 (both groups 0); results named
  after a group (维持 / 纠正 / 纠错 / 其他结果 / 尚未审结 N起) → that group's column; a group of 0
  has every column 0; (行政)复议 … 被纠错 N件 → ``review.corrected``;
- 办结 (政府信息公开) 申请 N件 → ``apply.total_handled.total``;
- 表二: 制发/印发/出台 (行政) 规范性文件 N件, 废止 … N件, 现行有效 … N件 (and 规章 likewise);
  作出行政许可决定 / 行政处罚决定 / 行政强制决定 N件 → that row's 处理决定数量;
  行政事业性收费 (金额) N万元 (or 0元) → ``active.fees.amount`` (2021 format only; an amount in 元
  is not converted, the table's 万元 may be rounded).

Deliberately not mapped: 主动公开信息 N条 (表二 has no such total), 答复 N件, 予以公开及部分公开 N件
(a sum), 行政许可事项 N项 (kinds of permit, not decisions), 信息处理费 / 收费 without 行政事业性
(the fee for answering applications is no 表二 figure), 办理/审理 行政复议案件 (a 复议机关's caseload,
not appeals against the office), a bare 行政诉讼 N起 with N > 0 (split over two groups), negations
without a number (未收到申请, 无行政复议), and any clause about a whole city/district/system (全市,
各县区 …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.lazy_re import lazy_compile
from core.loading.limits import MAX_NUMBER_DIGITS
from core.messages import compose
from core.model import Finding, Report, SourceDocument, Span, Value
from core.templates import TEMPLATES
from core.templates import field as field_of

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Bounded repetition, and a space only between digits: an unbounded run backtracked
# quadratically on a long line of spaced digits (minutes for 100 k characters).
_NUM = r"(?P<n>[0-9０-９](?:[0-9０-９,，]|\s(?=[0-9０-９])){0,15}|[零〇一二两三四五六七八九十]{1,3})"
_UNIT = r"\s*(?:件|起)"
_GAP = r"(?:共计|共|合计|总计|数量|总数|数|为|达|是|有|的|答复|\s){0,4}"
# not the second half of a sum (予以公开及部分公开42件, 部分公开和不予公开共5件)
_NOT_SUM = r"(?<!公开[及和与、或])"


@dataclass(frozen=True)
class _Pattern:
    field: str
    regex: re.Pattern[str]


def _p(fid: str, pattern: str) -> _Pattern:
    return _Pattern(fid, lazy_compile(pattern))


PATTERNS = (
    _p("apply.new.total", rf"(?:共收到|收到|新收|共接收|接收|共接到|接到)(?:政府信息公开|依申请公开|信息公开)(?:申请)?(?:件)?{_GAP}\s*{_NUM}{_UNIT}"),
    _p("apply.carried.total", rf"上年(?:度)?结转(?:至本年度?(?:办理)?(?:的)?)?(?:政府信息公开申请|的申请|申请)?{_GAP}{_NUM}{_UNIT}"),
    _p("apply.granted.total", rf"(?:予以公开|同意公开)(?:答复|的)?\s*{_NUM}{_UNIT}"),
    _p("apply.partial.total", rf"{_NOT_SUM}部分公开(?:答复|的)?\s*{_NUM}{_UNIT}"),
    _p("apply.total_handled.total", rf"(?:共|全年|本年度?)?办结(?:政府信息公开|依申请公开)?申请(?:件)?{_GAP}{_NUM}{_UNIT}"),
    _p("apply.unable.not_held.total", rf"本机关不掌握(?:相关)?(?:政府)?信息(?:的)?\s*{_NUM}{_UNIT}"),
    _p("apply.carry_forward.total", rf"(?:结转|转入|转)(?:至|到)?下一?年度?(?:继续)?办理(?:的)?(?:申请)?{_GAP}{_NUM}{_UNIT}"),
    # 表二: a sentence naming the row and its column (规章 and 规范性文件 apart; 事项 counts are no decisions)
    _p("active.normative.issued", rf"(?:制发|印发|出台)(?:了)?(?:行政)?规范性文件(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.normative.repealed", rf"废止(?:了)?(?:行政)?规范性文件(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.normative.in_force", rf"现行有效(?:的)?(?:行政)?规范性文件(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.rules.issued", rf"(?:制发|制定|出台)(?:了)?(?:政府)?规章(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.rules.repealed", rf"废止(?:了)?(?:政府)?规章(?:共|共计)?\s*{_NUM}\s*(?:件|个|部)"),
    _p("active.license.decisions", rf"(?:作出|办理|办结)行政许可决定(?:共|共计)?\s*{_NUM}\s*(?:件|个)"),
    _p("active.penalty.decisions", rf"(?:作出)?行政处罚决定(?:共|共计)?\s*{_NUM}\s*(?:件|个)"),
    _p("active.coercion.decisions", rf"(?:作出|采取)?行政强制(?:措施)?决定(?:共|共计)?\s*{_NUM}\s*(?:件|个)"),
)

# 受理: read as 新收 only when nothing says 收到/新收, and not when the clause counts 结转 in
_ACCEPTED = lazy_compile(rf"受理(?:政府信息公开|依申请公开|信息公开)(?:申请)?(?:件)?{_GAP}\s*{_NUM}{_UNIT}")
_COUNTS_CARRIED = lazy_compile(r"结转|含|包括")

# 表三 groups with no field of their own: group → (its rows, keywords naming each row)
_GROUPS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "不予公开": ("（三）不予公开", (
        ("apply.denied.state_secret.total", "国家秘密"),
        ("apply.denied.law_forbidden.total", "禁止公开"),
        ("apply.denied.safety_stability.total", "三安全|一稳定|危及"),
        ("apply.denied.third_party.total", "第三方"),
        ("apply.denied.internal_affairs.total", "内部事务"),
        ("apply.denied.process_info.total", "过程性"),
        ("apply.denied.enforcement_file.total", "执法案卷"),
        ("apply.denied.query_matter.total", "查询事项"),
    )),
    "无法提供": ("（四）无法提供", (
        ("apply.unable.not_held.total", "不掌握"),
        ("apply.unable.needs_creation.total", "另行制作|没有现成"),
        ("apply.unable.unclear.total", "补正后|仍不明确"),
    )),
    "不予处理": ("（五）不予处理", (
        ("apply.rejected.petition.total", "信访|举报投诉"),
        ("apply.rejected.duplicate.total", "重复申请"),
        ("apply.rejected.publication.total", "出版物"),
        ("apply.rejected.mass_repeat.total", "大量反复"),
        ("apply.rejected.confirm_info.total", "确认或重新出具|重新出具"),
    )),
}  # fmt: skip
_GROUP_RE = lazy_compile(rf"{_NOT_SUM}(?P<g>不予公开|无法提供|不予处理)(?:答复|决定|情形)?(?:的)?(?:申请)?{_GAP}{_NUM}{_UNIT}")
_ONLY = lazy_compile(r"均为|均属|均系|均因|全部为|全部属于|全部系|都是|都属于|都因|原因(?:均)?(?:为|是)")

# 表四 groups: the wording naming each, most specific first; a bare 行政诉讼 is both suit groups
_NOT_CASELOAD = r"(?<!办理)(?<!受理)(?<!审理)(?<!审结)(?<!收到)"
_APPEAL_RES = (
    ("suit_direct", lazy_compile(rf"(?:未经复议)?直接(?:向法院)?(?:提起)?(?:行政)?(?:起诉|诉讼)(?:的)?(?:案件)?{_GAP}{_NUM}{_UNIT}")),
    ("suit_after_review", lazy_compile(rf"(?:经)?复议后(?:提起)?(?:行政)?(?:起诉|诉讼)(?:的)?(?:案件)?{_GAP}{_NUM}{_UNIT}")),
    ("review", lazy_compile(rf"{_NOT_CASELOAD}行政复议(?:案件|申请)?(?:共)?\s*{_NUM}{_UNIT}")),
    ("review", lazy_compile(rf"{_NUM}{_UNIT}(?:涉及政府信息公开(?:工作)?的)?行政复议")),
    ("suit", lazy_compile(rf"{_NOT_CASELOAD}行政诉讼(?:案件)?(?:共)?\s*{_NUM}{_UNIT}")),
)
_OUTCOME_RES = (
    ("upheld", lazy_compile(rf"(?<!不)维持(?:原(?:具体)?(?:行政行为|决定|答复))?(?:的)?{_GAP}{_NUM}{_UNIT}")),
    ("corrected", lazy_compile(rf"(?:纠正|纠错)(?:的)?{_GAP}{_NUM}{_UNIT}")),
    ("other", lazy_compile(rf"其他结果(?:的)?{_GAP}{_NUM}{_UNIT}")),
    ("pending", lazy_compile(rf"(?:尚未审结|未审结|正在审理中?|审理中)(?:的)?{_GAP}{_NUM}{_UNIT}")),
)
_REVIEW_CORRECTED = lazy_compile(rf"(?<!诉讼)复议(?:案件)?(?:中)?被(?:复议机关)?(?:纠错|纠正){_GAP}{_NUM}{_UNIT}")
_APPEAL_COLUMNS = ("upheld", "corrected", "other", "pending")
_APPEAL_WORD = lazy_compile(r"复议|诉讼|起诉")

# 表二 行政事业性收费: the amount (万元); the fee for answering applications (信息处理费) is not it
_FEE = lazy_compile(
    r"行政事业性收费(?:金额|收入)?(?:共计|共|合计|总计|为|是|\s){0,3}"
    r"(?P<n>[0-9]{1,9}(?:\.[0-9]{1,4})?)\s*(?P<u>万元|元)"
)

# a clause about more than the office itself
_WIDER = lazy_compile(r"全市|全区|全县|全省|各县|各区|各地|各级|系统内|全系统|下属|所属单位|各单位")
_NOT_TABLE = lazy_compile(r"[\t|]")
_UNITS = lazy_compile(r"[件起个部元]")  # every figure ends with one: a line without any states none
_SENTENCE = lazy_compile(r"[^。；;！!？?]+")

# how a figure was placed: stated (the sentence names the field), accepted (受理 read as 新收),
# zero (part of a group the sentence gives as 0), only (the one reason the sentence names),
# rest (a row the sentence leaves out while its named rows add up to the group)
_RANK = {"stated": 0, "only": 1, "rest": 1, "zero": 1, "accepted": 2}


@dataclass(frozen=True)
class ProseFigure:
    """One field placed by a sentence: the value, and how (see ``_RANK``)."""

    value: Value
    how: str = "stated"


@dataclass(frozen=True)
class Unplaced:
    """A group figure (不予公开3件, 行政诉讼2起) whose rows the sentence does not settle."""

    raw: str
    span: Span
    fields: tuple[str, ...]
    title: str
    value: int


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


class _Collector:
    """Figures of one text, deduplicated by (field, position of the number)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.figures: list[ProseFigure] = []
        self.unplaced: list[Unplaced] = []
        self._seen: set[tuple[str, int]] = set()

    def wider(self, start: int, matched: str) -> bool:
        return bool(_WIDER.search(_clause(self.text, start) + matched))

    def add(self, fid: str, n: int | float, raw: str, span: Span, at: int, how: str = "stated") -> None:
        key = (fid, at)
        if key in self._seen:
            return
        self._seen.add(key)
        self.figures.append(ProseFigure(Value(fid, n, raw, "prose", span), how))

    def add_match(self, fid: str, m: re.Match[str], off: int, how: str = "stated") -> int | None:
        """Record a match's number for ``fid``; the number, or None when unreadable or too wide."""
        n = _value(m.group("n"))
        if n is None or self.wider(off + m.start(), m.group(0)):
            return None
        self.add(fid, n, m.group(0), Span(off + m.start(), off + m.end()), off + m.start("n"), how)
        return n


def _groups(c: _Collector, sent: str, off: int) -> None:
    """不予公开 / 无法提供 / 不予处理 N件 and the rows the rest of the clause names."""
    for m in _GROUP_RE.finditer(sent):
        title, rows = _GROUPS[m.group("g")]
        n = _value(m.group("n"))
        if n is None or c.wider(off + m.start(), m.group(0)):
            continue
        span = Span(off + m.start(), off + m.end())
        at = off + m.start("n")
        fids = tuple(f for f, _ in rows)
        if n == 0:
            for fid in fids:
                c.add(fid, 0, m.group(0), span, at, "zero")
            continue
        tail = re.split(r"不予公开|无法提供|不予处理|其他处理|予以公开|部分公开|结转|复议|诉讼", sent[m.end() :])[0]
        named = [(fid, k) for fid, kw in rows if (k := re.search(kw, tail)) is not None]
        stated: dict[str, int] = {}
        for fid, k in named:
            fig = re.match(rf"[^0-9０-９，,、；。]{{0,24}}?{_NUM}{_UNIT}", tail[k.end() :])
            if fig is not None and (v := _value(fig.group("n"))) is not None:
                s0 = m.end() + k.start()
                s1 = m.end() + k.end() + fig.end()
                c.add(fid, v, sent[s0:s1], Span(off + s0, off + s1), off + m.end() + k.end() + fig.start("n"))
                stated[fid] = v
        if stated:
            if sum(stated.values()) == n:
                for fid in fids:
                    if fid not in stated:
                        c.add(fid, 0, m.group(0), span, at, "rest")
            continue
        if len(named) == 1 and _ONLY.search(tail[: named[0][1].start()]):
            for fid in fids:
                c.add(fid, n if fid == named[0][0] else 0, m.group(0), span, at, "only")
            continue
        c.unplaced.append(Unplaced(m.group(0), span, fids, title, n))


def _appeals(c: _Collector, sent: str, off: int) -> None:
    """行政复议 / 直接起诉 / 复议后起诉 / 行政诉讼 N起, and the results named after each."""
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, int, str, re.Match[str]]] = []
    for group, rx in _APPEAL_RES:
        for m in rx.finditer(sent):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            hits.append((m.start(), m.end(), group, m))
    hits.sort()
    for i, (_, end, group, m) in enumerate(hits):
        n = _value(m.group("n"))
        if n is None or c.wider(off + m.start(), m.group(0)):
            continue
        span = Span(off + m.start(), off + m.end())
        at = off + m.start("n")
        groups = ("suit_direct", "suit_after_review") if group == "suit" else (group,)
        if group == "suit":
            if n == 0:
                for g in groups:
                    for col in (*_APPEAL_COLUMNS, "total"):
                        c.add(f"{g}.{col}", 0, m.group(0), span, at, "zero")
            else:
                fids = tuple(f"{g}.total" for g in groups)
                c.unplaced.append(Unplaced(m.group(0), span, fids, "行政诉讼（未经复议直接起诉、复议后起诉）", n))
            continue
        c.add(f"{group}.total", n, m.group(0), span, at)
        if n == 0:
            for col in _APPEAL_COLUMNS:
                c.add(f"{group}.{col}", 0, m.group(0), span, at, "zero")
            continue
        # the results named after this group, up to the next group (or anything about appeals)
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(sent)
        tail = sent[end:stop]
        cut = _APPEAL_WORD.search(tail)
        tail = tail[: cut.start()] if cut else tail
        stated: dict[str, int] = {}
        for col, rx in _OUTCOME_RES:
            for o in rx.finditer(tail):
                v = c.add_match(f"{group}.{col}", o, off + end)
                if v is not None:
                    stated[col] = -1 if col in stated else v  # stated twice: no sum
        if stated and -1 not in stated.values() and sum(stated.values()) == n:
            for col in _APPEAL_COLUMNS:
                if col not in stated:
                    c.add(f"{group}.{col}", 0, m.group(0), span, at, "rest")
    for m in _REVIEW_CORRECTED.finditer(sent):
        c.add_match("review.corrected", m, off)


def _fees(c: _Collector, sent: str, off: int) -> None:
    for m in _FEE.finditer(sent):
        if c.wider(off + m.start(), m.group(0)):
            continue
        digits, unit = m.group("n"), m.group("u")
        if unit == "元" and float(digits) != 0:
            continue  # the table's 万元 may be rounded: only 0元 converts without doubt
        n: int | float = int(digits) if "." not in digits else float(digits)
        c.add("active.fees.amount", n, m.group(0), Span(off + m.start(), off + m.end()), off + m.start("n"))


def _collect(text: str) -> _Collector:
    c = _Collector(text)
    pos = 0
    for line in text.split("\n"):
        if _UNITS.search(line) and not _NOT_TABLE.search(line):
            for pat in PATTERNS:
                for m in pat.regex.finditer(line):
                    c.add_match(pat.field, m, pos)
            for m in _ACCEPTED.finditer(line):
                if not _COUNTS_CARRIED.search(_clause(text, pos + m.start()) + line[m.start() :].split("，")[0]):
                    c.add_match("apply.new.total", m, pos, "accepted")
            for s in _SENTENCE.finditer(line):
                sent = s.group(0)
                if "不予" in sent or "无法提供" in sent:
                    _groups(c, sent, pos + s.start())
                if _APPEAL_WORD.search(sent):
                    _appeals(c, sent, pos + s.start())
                if "收费" in sent:
                    _fees(c, sent, pos + s.start())
        pos += len(line) + 1
    c.figures.sort(key=lambda f: f.value.span.start if f.value.span else 0)
    return c


def find_prose_statements(text: str) -> tuple[list[ProseFigure], list[Unplaced]]:
    """Every figure a sentence (not a table line) places, in text order, and the group figures it cannot."""
    c = _collect(text)
    return c.figures, c.unplaced


def find_prose_figures(text: str) -> list[Value]:
    """Every statistic a sentence states or settles (not 受理 read as 新收), in text order."""
    return [f.value for f in find_prose_statements(text)[0] if f.how != "accepted"]


def prose_values(doc: SourceDocument, report: Report) -> tuple[dict[str, Value], list[Finding]]:
    """Prose figures for fields the tables did not state, each with a ``prose.figure`` warning.

    Also sets ``report.prose_figures`` to every prose figure found (whether or not the table
    states the field), so validation can flag a sentence that contradicts its table. A group
    figure whose rows the sentence does not settle gets a ``prose.unplaced`` warning when the
    table states none of them.
    """
    figures, unplaced = find_prose_statements(doc.text)
    report.prose_figures = [f.value for f in figures if f.how != "accepted"]
    values: dict[str, Value] = {}
    how_of: dict[str, str] = {}
    for f in sorted(figures, key=lambda f: _RANK[f.how]):  # stable: text order within a rank
        fid = f.value.field
        if fid in report.values or fid in values or not _in_template(fid, report.template):
            continue
        values[fid] = f.value
        how_of[fid] = f.how
    findings: list[Finding] = []
    for group in _by_statement(values, how_of):
        v = values[group[0]]
        how = how_of[group[0]]
        # the figure the sentence gives (for a group settled at once: the one row it names, or 0)
        value = max(values[fid].value or 0 for fid in group)
        params: dict[str, object] = {"cells": list(group), "quote": v.raw, "value": value}
        if how != "stated":
            params["msg"] = f"prose.figure.{how}"
        findings.append(Finding("prose.figure", "warning", compose("prose.figure", params), list(group), span=v.span, params=params))
    for u in unplaced:
        if any(fid in report.values or fid in values for fid in u.fields):
            continue
        params = {"quote": u.raw, "value": u.value, "group": u.title}
        findings.append(Finding("prose.unplaced", "warning", compose("prose.unplaced", params), span=u.span, params=params))
    return values, findings


def _in_template(fid: str, template: str) -> bool:
    """Whether the report's format has this field (any format while it is not known)."""
    return template not in TEMPLATES or template in field_of(fid).versions


def _by_statement(values: dict[str, Value], how_of: dict[str, str]) -> Iterator[tuple[str, ...]]:
    """Fields in findings: one per stated figure, one per sentence that settled several rows at once."""
    derived: dict[tuple[int, str], list[str]] = {}
    for fid, v in values.items():
        if how_of[fid] in ("stated", "accepted"):
            yield (fid,)
        else:
            derived.setdefault((v.span.start if v.span else -1, how_of[fid]), []).append(fid)
    yield from (tuple(fids) for fids in derived.values())


def place_ocr_values(values: list[Value], doc: SourceDocument) -> None:
    """Values read by OCR outside the tables (a figure in prose, a table OCR read as text lines)
    get the page and box of the recognised text they lie in, so the page view shows them."""
    if not doc.ocr_spans:
        return
    for v in values:
        if v.span is None or v.page is not None:
            continue
        read = doc.read_by_ocr(v.span)
        if not read:
            continue
        page = read[0].page
        boxes = [o.bbox for o in read if o.page == page]
        v.page = page
        v.bbox = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
