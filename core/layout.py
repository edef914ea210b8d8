"""The printed layout of the national tables 表二, 表三 and 表四: one description of each table.

The official per-report sheets and the 汇总表 of a batch both print the tables this way, so a
superior sees the region's sums in the very form each agency filled in. The layout is a grid of
``GRID`` narrow base columns; every printed cell is a range of it, so the three tables (labels + 7
columns, 15 columns, labels + 1–3 columns) share one page width the way a hand-made form does.

Pure data, no spreadsheet library: rows count from 0 (the caller places the block), columns
from 1.

Public API:
    GRID, SECTION_HEADINGS
    Text(r1, c1, r2, c2, text, role, border): a printed label; role is heading | header |
        label_center | label | caption | vertical
    Slot(row, c1, c2, field): a value cell of a field ID
    Layout(template, texts, slots, tables, n_rows, breaks, heights)
    national_tables(template) -> Layout (cached; the 2021 layout for legacy/unknown reports)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from core import templates as T

GRID = 30  # base columns

SECTION_HEADINGS = {
    T.TABLE_ACTIVE: "二、主动公开政府信息情况",
    T.TABLE_APPLY: "三、收到和处理政府信息公开申请情况",
    T.TABLE_APPEAL: "四、政府信息公开行政复议、行政诉讼情况",
}

# 表三 label columns: 三、本年度办理结果 | group （三）… | numbered leaf; then 7 × 2 data columns
A_RESULTS = (1, 1)
A_GROUP = (2, 6)
A_LEAF = (7, 16)
A_DATA0 = 17
A_DATA_W = 2
# 表二: 信息内容 label over 12 columns, values share the other 18
ACT_LABEL = (1, 12)
ACT_DATA = 18

HEADING_HEIGHT = 22.0
VALUE_ROW_HEIGHT = 20.0


@dataclass(frozen=True)
class Text:
    """A printed label over rows r1..r2 and base columns c1..c2."""

    r1: int
    c1: int
    r2: int
    c2: int
    text: str
    role: str  # heading | header | label_center | label | caption | vertical
    border: bool = True


@dataclass(frozen=True)
class Slot:
    """The value cell of a field, on one row over base columns c1..c2."""

    row: int
    c1: int
    c2: int
    field: str


@dataclass
class Layout:
    """Where every label and value of the three tables goes (rows from 0)."""

    template: str
    texts: list[Text] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)  # table → row of its heading
    n_rows: int = 0
    breaks: list[int] = field(default_factory=list)  # a page break after these rows
    heights: dict[int, float] = field(default_factory=dict)  # fixed row heights (points)

    def field_ids(self) -> list[str]:
        return [s.field for s in self.slots]


def split(first: int, total: int, n: int) -> list[tuple[int, int]]:
    """``n`` spans over ``total`` columns from ``first`` (the last span takes the remainder)."""
    w = total // n
    out = []
    for i in range(n):
        c1 = first + i * w
        c2 = first + total - 1 if i == n - 1 else c1 + w - 1
        out.append((c1, c2))
    return out


class _Builder:
    def __init__(self, template: str) -> None:
        self.lay = Layout(template)
        self.row = 0

    def text(self, r1: int, c1: int, r2: int, c2: int, text: str, role: str, border: bool = True) -> None:
        self.lay.texts.append(Text(r1, c1, r2, c2, text, role, border))

    def slot(self, r: int, c1: int, c2: int, fid: str) -> None:
        self.lay.slots.append(Slot(r, c1, c2, fid))

    def heading(self, table: str) -> None:
        self.lay.tables[table] = self.row
        self.text(self.row, 1, self.row, GRID, SECTION_HEADINGS[table], "heading", border=False)
        self.lay.heights[self.row] = HEADING_HEIGHT
        self.row += 1

    def active(self) -> None:
        self.heading(T.TABLE_ACTIVE)
        for block in T.layout(self.lay.template, T.TABLE_ACTIVE):
            r = self.row
            self.text(r, 1, r, GRID, block.caption, "header")
            r += 1
            self.text(r, ACT_LABEL[0], r, ACT_LABEL[1], "信息内容", "header")
            spans = split(ACT_LABEL[1] + 1, ACT_DATA, len(block.columns))
            for col, (c1, c2) in zip(block.columns, spans, strict=True):
                self.text(r, c1, r, c2, col.label, "header")
            r += 1
            for row in block.rows:
                self.text(r, ACT_LABEL[0], r, ACT_LABEL[1], row.label, "label_center")
                for col, (c1, c2) in zip(block.columns, spans, strict=True):
                    self.slot(r, c1, c2, T.field_id_for(T.TABLE_ACTIVE, row, col))
                r += 1
            self.row = r

    def apply(self) -> None:
        self.heading(T.TABLE_APPLY)
        (block,) = T.layout(self.lay.template, T.TABLE_APPLY)
        top = self.row
        self.text(top, 1, top + 2, A_LEAF[1], block.caption, "caption")
        data = [(A_DATA0 + i * A_DATA_W, A_DATA0 + (i + 1) * A_DATA_W - 1) for i in range(len(block.columns))]
        self.text(top, data[0][0], top, data[-1][1], "申请人情况", "header")
        org = [i for i, c in enumerate(block.columns) if c.group]
        for i, col in enumerate(block.columns):
            if not col.group:
                self.text(top + 1, data[i][0], top + 2, data[i][1], col.label, "header")
        if org:
            group = block.columns[org[0]].group
            self.text(top + 1, data[org[0]][0], top + 1, data[org[-1]][1], group, "header")
            for i in org:
                self.text(top + 2, data[i][0], top + 2, data[i][1], block.columns[i].label, "header")
        r = top + 3
        rows = list(block.rows)
        # vertical 三、本年度办理结果 over every result row; group labels over their leaves
        res = [i for i, row in enumerate(rows) if row.level >= 1]
        if res:
            self.text(r + res[0], A_RESULTS[0], r + res[-1], A_RESULTS[1], "三、本年度办理结果", "vertical")
        i = 0
        while i < len(rows):
            row = rows[i]
            if row.level == 2:
                j = i
                while j + 1 < len(rows) and rows[j + 1].level == 2 and rows[j + 1].group == row.group:
                    j += 1
                self.text(r + i, A_GROUP[0], r + j, A_GROUP[1], row.group, "label_center")
                i = j + 1
            else:
                i += 1
        for i, row in enumerate(rows):
            at = r + i
            first = {0: A_RESULTS[0], 1: A_GROUP[0]}.get(row.level, A_LEAF[0])
            self.text(at, first, at, A_LEAF[1], row.label, "label")
            for col, (c1, c2) in zip(block.columns, data, strict=True):
                self.slot(at, c1, c2, T.field_id_for(T.TABLE_APPLY, row, col))
        self.row = r + len(rows)

    def appeal(self) -> None:
        self.heading(T.TABLE_APPEAL)
        top = self.row
        groups = T.APPEAL_GROUPS
        cols = T.APPEAL_COLUMNS
        width = GRID // (len(groups) * len(cols))  # 2
        span = width * len(cols)  # 10
        self.text(top, 1, top + 1, span, groups[0].label, "header")
        suits = [g for g in groups if "·" in g.label]
        upper = suits[0].label.split("·")[0] if suits else "行政诉讼"
        self.text(top, span + 1, top, GRID, upper, "header")
        for gi, g in enumerate(groups):
            c0 = gi * span + 1
            if gi:
                self.text(top + 1, c0, top + 1, c0 + span - 1, g.label.split("·")[-1], "header")
            for ci, col in enumerate(cols):
                c1 = c0 + ci * width
                self.text(top + 2, c1, top + 2, c1 + width - 1, col.label, "header")
                self.slot(top + 3, c1, c1 + width - 1, T.field_id_for(T.TABLE_APPEAL, g, col))
        self.lay.heights[top + 3] = VALUE_ROW_HEIGHT
        self.row = top + 4


@cache
def national_tables(template: str) -> Layout:
    """表二, 表三 and 表四 of a template, one blank row apart, a page break before 表三.

    Legacy and unknown reports are printed in the 2021 layout (as the parser reads them).
    """
    b = _Builder(template if template in T.LAYOUTS else T.TEMPLATE_2021)
    b.lay.template = template
    b.active()
    b.row += 1
    b.lay.breaks.append(b.row - 1)
    b.apply()
    b.row += 1
    b.appeal()
    b.lay.n_rows = b.row
    return b.lay
