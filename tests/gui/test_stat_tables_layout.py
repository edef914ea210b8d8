"""One description of the printed tables (core/layout.py) for the window and the Excel official sheet.

The window's table models and ``export_report`` both read ``core.layout.national_tables``: every
label and value cell the window shows is one the official sheet prints, in the same order and
relative place, and a change to the layout shows in both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core import layout
from core import templates as T
from core.export import export_report
from gui.stat_tables.stat_table_model import MODEL_CLASSES
from tests.gui.test_stat_tables_fixtures import make_reviewed

openpyxl = pytest.importorskip("openpyxl")

TOP = 4  # the official sheet's first table row (title and subtitle above)


def _clear() -> None:
    layout.national_tables.cache_clear()
    layout.table_grid.cache_clear()


def _sheet(tmp_path: Path, rr: Any) -> tuple[Any, Any]:
    out = tmp_path / f"{rr.template}.xlsx"
    info = export_report(rr, str(out))
    return openpyxl.load_workbook(out).worksheets[0], info


def _window_cells(model: Any) -> list[tuple[int, int, str, str]]:
    """(row, column, text, field) of every printed cell the model shows, by its anchor."""
    out = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            cell = model.grid.anchor(r, c)
            if cell is not None:
                out.append((r, c, cell.text, cell.field))
    return out


def _sheet_cells(ws: Any, info: Any, table: str, lay: layout.Layout) -> list[tuple[int, int, str, str]]:
    """The same for the official sheet: the anchors of the table's merged labels and value cells."""
    first, end = lay.parts[table]
    by_coord = {v: k for k, v in info.cells.items()}
    out = []
    for row in ws.iter_rows(min_row=TOP + first, max_row=TOP + end - 1):
        for cell in row:
            fid = by_coord.get(cell.coordinate, "")
            if fid or isinstance(cell.value, str):
                out.append((cell.row, cell.column, cell.value if not fid else "", fid))
    return out


def _order(cells: list[tuple[int, int, str, str]]) -> tuple[list[tuple[str, str]], list[int], list[int]]:
    """Texts/fields in reading order, and each one's rank among the distinct rows and columns used."""
    cells = sorted(cells)
    rows = sorted({r for r, _c, _t, _f in cells})
    cols = sorted({c for _r, c, _t, _f in cells})
    return (
        [(t, f) for _r, _c, t, f in cells],
        [rows.index(r) for r, _c, _t, _f in cells],
        [cols.index(c) for _r, c, _t, _f in cells],
    )


@pytest.mark.parametrize("template", ["2021", "2019", "legacy"])
def test_window_and_official_sheet_print_the_same_cells_in_the_same_places(tmp_path: Path, template: str) -> None:
    rr = make_reviewed(template)
    ws, info = _sheet(tmp_path, rr)
    lay = layout.national_tables(template)
    for table, cls in MODEL_CLASSES.items():
        model = cls(rr)
        window = _order(_window_cells(model))
        sheet = _order(_sheet_cells(ws, info, table, lay))
        assert window[0] == sheet[0], table  # same labels and fields, in the same reading order
        assert window[1] == sheet[1], table  # on the same rows
        # the window's columns are the sheet's base columns where a cell starts: same ranks
        assert window[2] == sheet[2], table
        expected = {f.id for f in T.fields_for(layout.layout_template(template), table)}
        assert {f for _t, f in window[0] if f} == expected


def test_a_change_to_the_layout_shows_in_the_window_and_in_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rr = make_reviewed("2021")
    apply_model = MODEL_CLASSES[T.TABLE_APPLY]
    active_model = MODEL_CLASSES[T.TABLE_ACTIVE]

    def header_of(model: Any) -> str:
        c = model.grid.of_field("apply.new.natural")
        above = model.grid.at(0, c.col)
        return above.text

    assert header_of(apply_model(rr)) == "申请人情况"
    try:
        monkeypatch.setattr(layout, "APPLICANTS_HEADER", "申请人类别")
        monkeypatch.setattr(layout, "CONTENT_HEADER", "事项")
        _clear()
        assert header_of(apply_model(rr)) == "申请人类别"
        active = active_model(rr)
        assert [c.text for c in active.grid.cells if c.col == 0 and c.kind == "header"] == ["事项"] * 4
        ws, _info = _sheet(tmp_path, rr)
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert "申请人类别" in texts and "申请人情况" not in texts
        assert texts.count("事项") == 4 and "信息内容" not in texts
    finally:
        monkeypatch.undo()
        _clear()
    assert header_of(apply_model(rr)) == "申请人情况"
