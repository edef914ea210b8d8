"""A synthetic report as blocks (headings, paragraphs, tables with merged cells) before rendering."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from core.templates import (
    APPEAL_COLUMNS,
    APPEAL_GROUPS,
    APPLY_COLUMNS,
    APPLY_NOTE,
    TABLE_ACTIVE,
    TABLE_APPLY,
    field_id_for,
    layout,
)

EMPTY_TOKENS = ("/", "-", "—", "——", "无", "")
_FW = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Noise:
    """How untidy the printed tables are.

    empty_rate: share of zero cells printed as an empty mark (/ - — —— 无 or blank).
    label_variants: use real-world label variants, typos, truncations, half-width brackets and
        spaces inside labels (商业机构, 法律服务, 其他法律法规规章禁止公开, 其他法律行政止公开 …).
    fullwidth: share of numbers printed in full-width digits.
    thousands: print numbers ≥ 1000 with thousands separators.
    units: print 采购总金额 with 元.
    split_digits: in HTML, numbers of two or more digits split over two <span>s.

    Blank cells are not used in one-cell-per-line, bare-run and `|` forms: the text loader trims
    trailing `|` runs (web boilerplate), and a blank cell leaves no trace in a one-cell-per-line dump.
    """

    empty_rate: float = 0.0
    label_variants: bool = False
    fullwidth: float = 0.0
    thousands: bool = False
    units: bool = False
    split_digits: bool = False

    @classmethod
    def messy(cls) -> Noise:
        return cls(0.5, True, 0.2, True, True, True)


@dataclass
class GCell:
    """A cell of a synthetic table (top-left position, spans); ``field`` for value cells."""

    text: str
    r: int
    c: int
    rs: int = 1
    cs: int = 1
    field: str | None = None


@dataclass
class GTable:
    name: str
    n_cols: int
    cells: list[GCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return max(c.r + c.rs for c in self.cells)

    def matrix(self) -> list[list[GCell | None]]:
        """Each slot → the cell whose top-left it is (None for slots covered by a merge or empty)."""
        m: list[list[GCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            m[c.r][c.c] = c
        return m


Block = tuple[str, object]  # ("title"|"h"|"h2"|"p", str) or ("table", GTable)

_VARIANT_COLS = {"commercial": ["商业机构", "商业 企业"], "legal": ["法律服务", "法律服务 机构"]}
_VARIANT_ROWS = {
    "denied.law_forbidden": ["2.其他法律法规规章禁止公开", "2.其他法律行政止公开"],
    "rejected.confirm_info": ["5.要求行政机关确认或重新出具", "5.要求行政机关确认或重新 出具已获取信息"],
    "partial": ["(二)部分公开(区分处理的，只计这一情形，不计其他情形)"],
    "denied.safety_stability": ['3.危及"三安全一稳定"', "3.危及‘三安全一稳定’"],
    "granted": ["(一)予以公开"],
    "new": ["一、本年新收政府信息 公开申请数量"],
    "unable.needs_creation": ["2.没有现成信息需要另行 制作"],
}
_VARIANT_ACTIVE = {"made": "本年新 制作数量", "issued": "本年制发 件数", "normative": "行政规范性 文件"}


class Printer:
    """Turns numbers into printed tokens with noise, remembering what each field was printed as."""

    def __init__(self, noise: Noise, rng: random.Random, cell_per_line: bool = False):
        self.noise, self.rng, self.cpl = noise, rng, cell_per_line
        self.raw: dict[str, str] = {}

    def token(self, fid: str, value: int | float) -> str:
        n, rng = self.noise, self.rng
        if value == 0 and rng.random() < n.empty_rate:
            choices = EMPTY_TOKENS[:-1] if self.cpl else EMPTY_TOKENS
            tok = rng.choice(choices)
        else:
            neg = value < 0
            mag = abs(value)
            s = f"{mag:,}" if n.thousands and mag >= 1000 and isinstance(mag, int) else str(mag)
            if rng.random() < n.fullwidth:
                s = s.translate(_FW)
            if fid.endswith(".change") and value != 0:
                s = (rng.choice(["-", "减"]) if neg else rng.choice(["+", ""])) + s
            elif neg:
                s = "-" + s
            if n.units and fid == "active.procurement.amount" and value:
                s += "元"
            tok = s
        self.raw[fid] = tok
        return tok

    def label(self, key: str, default: str, table: dict[str, list[str]]) -> str:
        if self.noise.label_variants and key in table and self.rng.random() < 0.7:
            return self.rng.choice(table[key])
        return default


def active_table(values: dict, template: str, pr: Printer) -> GTable:
    t = GTable(TABLE_ACTIVE, 4)
    r = 0
    for block in layout(template, TABLE_ACTIVE):
        t.cells.append(GCell(block.caption, r, 0, cs=4))
        r += 1
        t.cells.append(GCell("信息内容", r, 0))
        for k, col in enumerate(block.columns):
            label = _VARIANT_ACTIVE.get(col.key, col.label) if pr.noise.label_variants else col.label
            cs = 4 - 1 - k if k == len(block.columns) - 1 else 1
            t.cells.append(GCell(label, r, 1 + k, cs=cs))
        r += 1
        for row in block.rows:
            label = _VARIANT_ACTIVE.get(row.key, row.label) if pr.noise.label_variants else row.label
            t.cells.append(GCell(label, r, 0))
            for k, col in enumerate(block.columns):
                fid = field_id_for(TABLE_ACTIVE, row, col)
                cs = 4 - 1 - k if k == len(block.columns) - 1 else 1
                t.cells.append(GCell(pr.token(fid, values[fid]), r, 1 + k, cs=cs, field=fid))
            r += 1
    return t


def apply_table(values: dict, template: str, pr: Printer) -> GTable:
    t = GTable(TABLE_APPLY, 10)
    t.cells.append(GCell(APPLY_NOTE, 0, 0, rs=3, cs=3))
    t.cells.append(GCell("申请人情况", 0, 3, cs=7))
    t.cells.append(GCell("自然人", 1, 3, rs=2))
    t.cells.append(GCell("法人或其他组织", 1, 4, cs=5))
    t.cells.append(GCell("总计", 1, 9, rs=2))
    for k, col in enumerate(APPLY_COLUMNS[1:6]):
        t.cells.append(GCell(pr.label(col.key, col.label, _VARIANT_COLS), 2, 4 + k))
    rows = layout(template, TABLE_APPLY)[0].rows
    r = 3
    results_start = None
    groups: dict[str, tuple[int, int]] = {}
    for row in rows:
        label = pr.label(row.key, row.label, _VARIANT_ROWS)
        if row.key in ("new", "carried", "carry_forward"):
            t.cells.append(GCell(label, r, 0, cs=3))
        elif row.level == 1:
            results_start = r if results_start is None else results_start
            t.cells.append(GCell(label, r, 1, cs=2))
        else:
            results_start = r if results_start is None else results_start
            g0, n = groups.get(row.group, (r, 0))
            groups[row.group] = (g0, n + 1)
            t.cells.append(GCell(label, r, 2))
        for k, col in enumerate(APPLY_COLUMNS):
            fid = field_id_for(TABLE_APPLY, row, col)
            t.cells.append(GCell(pr.token(fid, values[fid]), r, 3 + k, field=fid))
        if row.key == "total_handled":
            t.cells.append(GCell("三、本年度办理结果", results_start, 0, rs=r - results_start + 1))  # type: ignore[operator]
        r += 1
    for g, (g0, n) in groups.items():
        t.cells.append(GCell(g, g0, 1, rs=n))
    t.cells.sort(key=lambda c: (c.r, c.c))
    return t


def appeal_table(values: dict, pr: Printer) -> GTable:
    t = GTable("appeal", 15)
    t.cells.append(GCell("行政复议", 0, 0, cs=5))
    t.cells.append(GCell("行政诉讼", 0, 5, cs=10))
    for k, col in enumerate(APPEAL_COLUMNS):
        t.cells.append(GCell(col.label, 1, k, rs=2))
    t.cells.append(GCell("未经复议直接起诉", 1, 5, cs=5))
    t.cells.append(GCell("复议后起诉", 1, 10, cs=5))
    for g in range(2):
        for k, col in enumerate(APPEAL_COLUMNS):
            t.cells.append(GCell(col.label, 2, 5 + 5 * g + k))
    for gi, g in enumerate(APPEAL_GROUPS):
        for k, col in enumerate(APPEAL_COLUMNS):
            fid = field_id_for("appeal", g, col)
            t.cells.append(GCell(pr.token(fid, values[fid]), 3, 5 * gi + k, field=fid))
    t.cells.sort(key=lambda c: (c.r, c.c))
    return t


def report_blocks(values: dict, template: str, pr: Printer, agency: str, year: int) -> list[Block]:
    """The whole report: title, preamble, six sections with short made-up prose, the three tables."""
    fee = "本年度未收取信息处理费。" if template == "2021" else "本年度无其他需要报告的事项。"
    return [
        ("title", f"{agency}{year}年政府信息公开工作年度报告"),
        ("p", f"本报告根据《中华人民共和国政府信息公开条例》第五十条编制，统计期限为{year}年1月1日至12月31日。"),
        ("h", "一、总体情况"),
        ("h2", "（一）主动公开"),
        ("p", f"{agency}坚持以公开为常态、不公开为例外，及时在门户网站发布各类政府信息。"),
        ("h2", "（二）依申请公开"),
        ("p", "严格按照法定程序和时限办理政府信息公开申请，做到件件有回复。"),
        ("h2", "（三）政府信息管理"),
        ("p", "健全公开前审查机制，定期清理和更新已公开信息。"),
        ("h2", "（四）政府信息公开平台建设"),
        ("p", "优化门户网站信息公开专栏，提升检索和浏览体验。"),
        ("h2", "（五）监督保障"),
        ("p", "将政务公开工作纳入年度考核，接受社会监督。"),
        ("h", "二、主动公开政府信息情况"),
        ("table", active_table(values, template, pr)),
        ("h", "三、收到和处理政府信息公开申请情况"),
        ("table", apply_table(values, template, pr)),
        ("h", "四、政府信息公开行政复议、行政诉讼情况"),
        ("table", appeal_table(values, pr)),
        ("h", "五、存在的主要问题及改进情况"),
        ("p", "信息公开的及时性仍有不足，下一步将加强培训，完善工作机制。"),
        ("h", "六、其他需要报告的事项"),
        ("p", fee),
    ]
