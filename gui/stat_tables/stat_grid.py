"""The printed look of each statistics table as a grid of header, label and value cells (Qt-free).

The statistics models expose the whole printed grid, so the view looks like the table in the
report: captions, two-level headers and spanning row labels are cells of the model (not
editable), merged with spans. This module computes that grid from ``core.templates``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from core import templates
from core.templates import TABLE_ACTIVE, TABLE_APPEAL, TABLE_APPLY, Column

CellKind = Literal["caption", "header", "note", "label", "value"]


@dataclass(frozen=True)
class PrintedCell:
    """One cell of the printed table; a merged cell appears once, at its top-left position.

    Attributes:
        row, col, rowspan, colspan: position and extent in the grid.
        kind: caption (表二 第二十条第（X）项), header, note (the 勾稽 note), label (row label), value.
        text: the printed text (header and label cells).
        field: the field ID (value cells).
        row_name: the template row (``apply.granted``, ``active.rules``, ``review``) of label
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
        """The printed label of a template row of this table (with its group, when it has one)."""
        for c in self.cells:
            if c.kind == "label" and c.row_name == row_name:
                return c.text
        return row_name


def row_name_of(field_id: str) -> str:
    """The row part of a field ID, as ``RowRemapEdit`` names rows (``apply.granted``, ``review``)."""
    f = templates.field(field_id)
    return field_id[: -len(f.column.key) - 1]


def layout_template(template: str) -> str:
    """The template whose layout a report shows (unknown and legacy reports use 2021)."""
    return template if template in templates.LAYOUTS else templates.TEMPLATE_2021


def build_grid(table: str, template: str) -> PrintedGrid:
    """The printed grid of a table for a report of ``template``."""
    builders = {TABLE_ACTIVE: _active_grid, TABLE_APPLY: _apply_grid, TABLE_APPEAL: _appeal_grid}
    return builders[table](layout_template(template))


def _spread(columns: tuple[Column, ...], width: int) -> list[tuple[Column, int, int]]:
    """Columns laid over ``width`` grid columns: (column, first grid column, colspan)."""
    out = []
    col = 0
    for i, c in enumerate(columns):
        span = 1 if i < len(columns) - 1 else width - len(columns) + 1
        out.append((c, col, span))
        col += span
    return out


def _active_grid(template: str) -> PrintedGrid:
    blocks = templates.layout(template, TABLE_ACTIVE)
    width = max(len(b.columns) for b in blocks)
    cells: list[PrintedCell] = []
    r = 0
    for block in blocks:
        cells.append(PrintedCell(r, 0, "caption", block.caption, colspan=width + 1))
        r += 1
        cells.append(PrintedCell(r, 0, "header", "信息内容"))
        spread = _spread(block.columns, width)
        for column, col, span in spread:
            cells.append(PrintedCell(r, 1 + col, "header", column.label, colspan=span))
        r += 1
        for row in block.rows:
            name = f"{TABLE_ACTIVE}.{row.key}"
            cells.append(PrintedCell(r, 0, "label", row.label, row_name=name))
            for column, col, span in spread:
                fid = templates.field_id_for(TABLE_ACTIVE, row, column)
                cells.append(PrintedCell(r, 1 + col, "value", colspan=span, field=fid, row_name=name))
            r += 1
    return PrintedGrid(r, width + 1, cells)


_APPLY_LABEL_COLS = 3
_APPLY_HEAD_ROWS = 3


def _runs(items: Sequence[Any], key: Callable[[Any], str]) -> list[tuple[int, int, str]]:
    """Contiguous runs of rows (or columns) sharing ``key(item)``, skipping empty keys: (first, length, key)."""
    out: list[tuple[int, int, str]] = []
    for i, row in enumerate(items):
        k = key(row)
        if not k:
            continue
        if out and out[-1][2] == k and out[-1][0] + out[-1][1] == i:
            first, n, _ = out[-1]
            out[-1] = (first, n + 1, k)
        else:
            out.append((i, 1, k))
    return out


def _apply_grid(template: str) -> PrintedGrid:
    (block,) = templates.layout(template, TABLE_APPLY)
    lc = _APPLY_LABEL_COLS
    cells: list[PrintedCell] = [
        PrintedCell(0, 0, "note", block.caption, rowspan=_APPLY_HEAD_ROWS, colspan=lc),
        PrintedCell(0, lc, "header", "申请人情况", colspan=len(block.columns)),
    ]
    # Two-level column header: ungrouped columns span both levels, a group spans its members.
    col = lc
    for _first, n, group in _runs(block.columns, lambda c: c.group or f"\0{c.key}"):
        if group.startswith("\0"):
            column = next(c for c in block.columns if c.key == group[1:])
            cells.append(PrintedCell(1, col, "header", column.label, rowspan=2))
        else:
            cells.append(PrintedCell(1, col, "header", group, colspan=n))
            members = [c for c in block.columns if c.group == group]
            for k, column in enumerate(members):
                cells.append(PrintedCell(2, col + k, "header", column.label))
        col += n
    top = _APPLY_HEAD_ROWS
    rows = block.rows
    # 三、本年度办理结果 spans every result row; the groups （三）…（六） span their numbered leaves.
    for first, n, _ in _runs(rows, lambda r: "results" if r.level >= 1 else ""):
        results = next(r.group for r in rows[first : first + n] if r.level == 1)
        cells.append(PrintedCell(top + first, 0, "label", results, rowspan=n))
    for first, n, group in _runs(rows, lambda r: r.group if r.level == 2 else ""):
        cells.append(PrintedCell(top + first, 1, "label", group, rowspan=n))
    for i, row in enumerate(rows):
        r = top + i
        name = f"{TABLE_APPLY}.{row.key}"
        if row.level == 0:
            cells.append(PrintedCell(r, 0, "label", row.label, colspan=lc, row_name=name))
        elif row.level == 1:
            cells.append(PrintedCell(r, 1, "label", row.label, colspan=lc - 1, row_name=name))
        else:
            cells.append(PrintedCell(r, 2, "label", row.label, row_name=name))
        for k, column in enumerate(block.columns):
            fid = templates.field_id_for(TABLE_APPLY, row, column)
            cells.append(PrintedCell(r, lc + k, "value", field=fid, row_name=name))
    return PrintedGrid(top + len(rows), lc + len(block.columns), cells)


def _appeal_grid(template: str) -> PrintedGrid:
    (block,) = templates.layout(template, TABLE_APPEAL)
    width = len(block.columns)
    cells: list[PrintedCell] = []
    tops = [([*g.label.split("·", 1), ""])[:2] for g in block.rows]
    col = 0
    for first, n, top in _runs(block.rows, lambda g: g.label.split("·", 1)[0]):
        subs = [tops[i][1] for i in range(first, first + n)]
        if not any(subs):
            cells.append(PrintedCell(0, col, "header", top, rowspan=2, colspan=width * n))
        else:
            cells.append(PrintedCell(0, col, "header", top, colspan=width * n))
            for k, sub in enumerate(subs):
                cells.append(PrintedCell(1, col + k * width, "header", sub, colspan=width))
        col += width * n
    for g, group in enumerate(block.rows):
        for k, column in enumerate(block.columns):
            c = g * width + k
            cells.append(PrintedCell(2, c, "header", column.label))
            fid = templates.field_id_for(TABLE_APPEAL, group, column)
            cells.append(PrintedCell(3, c, "value", field=fid, row_name=group.key))
    return PrintedGrid(4, width * len(block.rows), cells)


def table_of_row(row_name: str) -> str:
    """The table a row name belongs to: ``apply.granted`` → apply, ``review`` → appeal."""
    head = row_name.split(".", 1)[0]
    return head if head in (TABLE_ACTIVE, TABLE_APPLY) else TABLE_APPEAL


def template_rows(table: str, template: str) -> list[tuple[str, str]]:
    """Every row of a table in a template as (row name, full printed label), in printed order.

    The label carries its context: 第二十条第（一）项 › 规章, （三）不予公开 › 4.保护第三方合法权益.
    """
    out = []
    for block in templates.layout(layout_template(template), table):
        for row in block.rows:
            name = row.key if table == TABLE_APPEAL else f"{table}.{row.key}"
            if table == TABLE_ACTIVE:
                label = f"{block.caption} › {row.label}"
            elif table == TABLE_APPLY and row.level == 2:
                label = f"{row.group} › {row.label}"
            else:
                label = templates.short_label(row.label).replace("·", " › ")
            out.append((name, label))
    return out


def row_title(row_name: str, template: str) -> str:
    """The full printed label of a row (the row name itself when the template has no such row)."""
    for name, label in template_rows(table_of_row(row_name), template):
        if name == row_name:
            return label
    for t in templates.TEMPLATES:  # a row of the other template (e.g. remapped before a template change)
        for name, label in template_rows(table_of_row(row_name), t):
            if name == row_name:
                return label
    return row_name
