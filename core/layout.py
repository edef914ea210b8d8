"""The printed layout of the national tables 表二, 表三 and 表四: one description of each table.

The window's statistics tables, the official per-report sheets and the 汇总表 of a batch all show
the tables this way, so a reviewer and a superior see the very form each agency filled in. The
layout is a grid of ``GRID`` narrow base columns; every printed cell is a range of it, so the three
tables (labels + 7 columns, 15 columns, labels + 1–3 columns) share one page width the way a
hand-made form does. The window shows each table on its own, with the base columns no cell
boundary separates merged (``table_grid``): 表三 becomes 3 label columns and 7 value columns.

Pure data, no spreadsheet library and no Qt: rows count from 0 (the caller places the block),
base columns from 1; a ``PrintedGrid`` counts rows and columns from 0.

Public API:
    GRID, SECTION_HEADINGS
    Text(r1, c1, r2, c2, text, role, border, row_name): a printed label; role is heading |
        caption (表二's 第二十条第（X）项) | header | note (表三's 勾稽 note) | label | label_center |
        vertical
    Slot(row, c1, c2, field, row_name): a value cell of a field ID
    Layout(template, texts, slots, tables, n_rows, breaks, heights, parts)
    national_tables(template) -> Layout (cached; the 2021 layout for legacy/unknown reports)
    PrintedCell, PrintedGrid; table_grid(table, template) -> PrintedGrid (one table, compact)
    Row names (``apply.granted``, ``active.rules``, ``review``, as ``RowRemapEdit`` names rows):
        row_name_of(field_id), table_of_row(row_name), template_rows(table, template),
        row_title(row_name, template)
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from core import templates as T

GRID = 30  # base columns

SECTION_HEADINGS = {
    T.TABLE_ACTIVE: "二、主动公开政府信息情况",
    T.TABLE_APPLY: "三、收到和处理政府信息公开申请情况",
    T.TABLE_APPEAL: "四、政府信息公开行政复议、行政诉讼情况",
}

CONTENT_HEADER = "信息内容"  # 表二: over the row labels of each block
APPLICANTS_HEADER = "申请人情况"  # 表三: over the applicant columns
RESULTS_LABEL = "三、本年度办理结果"  # 表三: down the side of every result row

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
    role: str  # heading | caption | header | note | label | label_center | vertical
    border: bool = True
    row_name: str = ""  # the template row a row label names (``apply.granted``); "" for other texts


@dataclass(frozen=True)
class Slot:
    """The value cell of a field, on one row over base columns c1..c2."""

    row: int
    c1: int
    c2: int
    field: str
    row_name: str = ""  # the template row of the field (``apply.granted``, ``review``)


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
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)  # table → (first, last + 1) row below its heading

    def field_ids(self) -> list[str]:
        return [s.field for s in self.slots]


def value_spans(first: int, total: int, n: int, widest: int) -> list[tuple[int, int]]:
    """``n`` value columns over ``total`` base columns from ``first``, on the grid of the widest block.

    The widest block's columns share the width evenly; a block with fewer columns gives each of
    them one column of that grid and the last the rest, so every column line of 表二 runs straight.
    """
    w = total // widest
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

    def text(
        self, r1: int, c1: int, r2: int, c2: int, text: str, role: str, border: bool = True, row_name: str = ""
    ) -> None:
        self.lay.texts.append(Text(r1, c1, r2, c2, text, role, border, row_name))

    def slot(self, r: int, c1: int, c2: int, table: str, row: T.Row, col: T.Column) -> None:
        fid = T.field_id_for(table, row, col)
        self.lay.slots.append(Slot(r, c1, c2, fid, row_name_of(fid)))

    def heading(self, table: str) -> None:
        self.lay.tables[table] = self.row
        self.text(self.row, 1, self.row, GRID, SECTION_HEADINGS[table], "heading", border=False)
        self.lay.heights[self.row] = HEADING_HEIGHT
        self.row += 1

    def part(self, table: str, first: int) -> None:
        self.lay.parts[table] = (first, self.row)

    def active(self) -> None:
        self.heading(T.TABLE_ACTIVE)
        first = self.row
        blocks = T.layout(self.lay.template, T.TABLE_ACTIVE)
        widest = max(len(b.columns) for b in blocks)
        for block in blocks:
            r = self.row
            self.text(r, 1, r, GRID, block.caption, "caption")
            r += 1
            self.text(r, ACT_LABEL[0], r, ACT_LABEL[1], CONTENT_HEADER, "header")
            spans = value_spans(ACT_LABEL[1] + 1, ACT_DATA, len(block.columns), widest)
            for col, (c1, c2) in zip(block.columns, spans, strict=True):
                self.text(r, c1, r, c2, col.label, "header")
            r += 1
            for row in block.rows:
                name = f"{T.TABLE_ACTIVE}.{row.key}"
                self.text(r, ACT_LABEL[0], r, ACT_LABEL[1], row.label, "label_center", row_name=name)
                for col, (c1, c2) in zip(block.columns, spans, strict=True):
                    self.slot(r, c1, c2, T.TABLE_ACTIVE, row, col)
                r += 1
            self.row = r
        self.part(T.TABLE_ACTIVE, first)

    def apply(self) -> None:
        self.heading(T.TABLE_APPLY)
        (block,) = T.layout(self.lay.template, T.TABLE_APPLY)
        top = self.row
        self.text(top, 1, top + 2, A_LEAF[1], block.caption, "note")
        data = [(A_DATA0 + i * A_DATA_W, A_DATA0 + (i + 1) * A_DATA_W - 1) for i in range(len(block.columns))]
        self.text(top, data[0][0], top, data[-1][1], APPLICANTS_HEADER, "header")
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
            self.text(r + res[0], A_RESULTS[0], r + res[-1], A_RESULTS[1], RESULTS_LABEL, "vertical")
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
            self.text(at, first, at, A_LEAF[1], row.label, "label", row_name=f"{T.TABLE_APPLY}.{row.key}")
            for col, (c1, c2) in zip(block.columns, data, strict=True):
                self.slot(at, c1, c2, T.TABLE_APPLY, row, col)
        self.row = r + len(rows)
        self.part(T.TABLE_APPLY, top)

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
                self.slot(top + 3, c1, c1 + width - 1, T.TABLE_APPEAL, g, col)
        self.lay.heights[top + 3] = VALUE_ROW_HEIGHT
        self.row = top + 4
        self.part(T.TABLE_APPEAL, top)


@cache
def national_tables(template: str) -> Layout:
    """表二, 表三 and 表四 of a template, one blank row apart, a page break before 表三.

    Legacy and unknown reports are printed in the 2021 layout (as the parser reads them).
    """
    b = _Builder(layout_template(template))
    b.lay.template = template
    b.active()
    b.row += 1
    b.lay.breaks.append(b.row - 1)
    b.apply()
    b.row += 1
    b.appeal()
    b.lay.n_rows = b.row
    return b.lay


def layout_template(template: str) -> str:
    """The template whose layout a report shows (unknown and legacy reports use 2021)."""
    return template if template in T.LAYOUTS else T.TEMPLATE_2021


# ---------------------------------------------------------------- one table on a compact grid

CellKind = Literal["caption", "header", "note", "label", "value"]
_KINDS: dict[str, CellKind] = {
    "caption": "caption",
    "header": "header",
    "note": "note",
    "label": "label",
    "label_center": "label",
    "vertical": "label",
}


@dataclass(frozen=True)
class PrintedCell:
    """One cell of a table's compact grid; a merged cell appears once, at its top-left position.

    Attributes:
        row, col, rowspan, colspan: position (from 0) and extent in the compact grid.
        kind: caption (表二 第二十条第（X）项), header, note (表三's 勾稽 note), label (row and
            group labels), value.
        text: the printed text (header and label cells).
        field: the field ID (value cells).
        row_name: the template row (``apply.granted``, ``active.rules``, ``review``) of row labels
            and value cells, as ``RowRemapEdit`` names rows; empty for group labels.
    """

    row: int
    col: int
    kind: CellKind
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    field: str = ""
    row_name: str = ""


@dataclass
class PrintedGrid:
    """A table's printed grid: its size and cells, with lookups both ways."""

    n_rows: int
    n_cols: int
    cells: list[PrintedCell]
    _at: dict[tuple[int, int], PrintedCell] = field(default_factory=dict, repr=False)
    _by_field: dict[str, PrintedCell] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    self._at[(r, k)] = c
            if c.field:
                self._by_field[c.field] = c

    def at(self, row: int, col: int) -> PrintedCell | None:
        """The cell covering this position (a merged cell covers several)."""
        return self._at.get((row, col))

    def anchor(self, row: int, col: int) -> PrintedCell | None:
        """The cell whose top-left corner is this position (None inside a merge)."""
        c = self._at.get((row, col))
        return c if c is not None and (c.row, c.col) == (row, col) else None

    def of_field(self, field_id: str) -> PrintedCell | None:
        return self._by_field.get(field_id)

    def fields(self) -> list[str]:
        return list(self._by_field)

    def spans(self) -> list[PrintedCell]:
        return [c for c in self.cells if c.rowspan > 1 or c.colspan > 1]

    def row_label(self, row_name: str) -> str:
        """The printed label of a template row of this table."""
        for c in self.cells:
            if c.kind == "label" and c.row_name == row_name:
                return c.text
        return row_name


@cache
def table_grid(table: str, template: str) -> PrintedGrid:
    """One table of ``national_tables(template)`` on its own, from its first row below the heading,
    with the base columns that no cell boundary separates merged into one column."""
    lay = national_tables(template)
    first, end = lay.parts[table]
    texts = [t for t in lay.texts if first <= t.r1 < end]
    slots = [s for s in lay.slots if first <= s.row < end]
    edges = sorted({t.c1 for t in texts} | {t.c2 + 1 for t in texts} | {s.c1 for s in slots} | {s.c2 + 1 for s in slots})

    def col(c: int) -> int:
        return bisect_left(edges, c)

    cells = [
        PrintedCell(
            t.r1 - first, col(t.c1), _KINDS[t.role], t.text,
            rowspan=t.r2 - t.r1 + 1, colspan=col(t.c2 + 1) - col(t.c1), row_name=t.row_name,
        )
        for t in texts
    ]
    cells += [
        PrintedCell(s.row - first, col(s.c1), "value", colspan=col(s.c2 + 1) - col(s.c1), field=s.field,
                    row_name=s.row_name)
        for s in slots
    ]
    return PrintedGrid(end - first, len(edges) - 1, cells)


# ---------------------------------------------------------------- row names and titles


def row_name_of(field_id: str) -> str:
    """The row part of a field ID, as ``RowRemapEdit`` names rows (``apply.granted``, ``review``)."""
    return T.split_field_id(field_id)[0]


def table_of_row(row_name: str) -> str:
    """The table a row name belongs to: ``apply.granted`` → apply, ``review`` → appeal."""
    head = row_name.split(".", 1)[0]
    return head if head in (T.TABLE_ACTIVE, T.TABLE_APPLY) else T.TABLE_APPEAL


def template_rows(table: str, template: str) -> list[tuple[str, str]]:
    """Every row of a table in a template as (row name, full printed label), in printed order.

    The label carries its context: 第二十条第（一）项 › 规章, （三）不予公开 › 4.保护第三方合法权益.
    """
    out = []
    for block in T.layout(layout_template(template), table):
        for row in block.rows:
            name = row.key if table == T.TABLE_APPEAL else f"{table}.{row.key}"
            if table == T.TABLE_ACTIVE:
                label = f"{block.caption} › {row.label}"
            elif table == T.TABLE_APPLY and row.level == 2:
                label = f"{row.group} › {row.label}"
            else:
                label = T.short_label(row.label).replace("·", " › ")
            out.append((name, label))
    return out


def row_title(row_name: str, template: str) -> str:
    """The full printed label of a row (the row name itself when the template has no such row)."""
    for name, label in template_rows(table_of_row(row_name), template):
        if name == row_name:
            return label
    for t in T.TEMPLATES:  # a row of the other template (e.g. remapped before a template change)
        for name, label in template_rows(table_of_row(row_name), t):
            if name == row_name:
                return label
    return row_name
