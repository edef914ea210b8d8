"""Statistics tables: a broken column identity points at the cells that could explain it; a printed
blank, "/" and a printed 0 look different."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.model import Value
from core.review.state import ReviewedReport
from core.validation.identities import checks_for, run
from gui.stat_tables import cell_style
from gui.stat_tables.explain import _one_slip, explaining_fields
from gui.stat_tables.stat_table_model import MODEL_CLASSES
from tests.gui.test_stat_tables_fixtures import make_report


def test_one_slip_is_a_single_misread_digit() -> None:
    assert _one_slip(12, 17) and _one_slip(120, 12) and _one_slip(12, 112) and _one_slip(123, 132)
    assert not _one_slip(12, 35) and not _one_slip(12, 12) and not _one_slip(5, -1) and not _one_slip(1234, 12)


def _broken_balance(left_value: int = 18, right_values: tuple[int, int] = (10, 3)):  # type: ignore[no-untyped-def]
    """表三 自然人 column: 新收 printed 18 where 13 balances it (a 3 read as 8)."""
    report = make_report("2021")
    check = next(c for c in checks_for("2021", "apply") if c.rule == "apply.balance")
    for fid in check.fields:
        report.values[fid] = Value(fid, 0, raw="0")
    report.values[check.left[0]] = Value(check.left[0], left_value, raw=str(left_value))
    for fid, n in zip(check.right, right_values, strict=False):
        report.values[fid] = Value(fid, n, raw=str(n))
    rv = ReviewedReport(report)
    _diff, finding = run(check, rv.value)
    assert finding is not None
    return rv, check, finding


def test_a_broken_column_points_at_the_cells_one_misreading_explains() -> None:
    rv, check, finding = _broken_balance()
    assert finding.params["diff"] == 5
    strong = explaining_fields(finding, "2021", rv.value)
    # 18 → 13 (left), 10 → 15 (right) are one-digit slips; 3 → 8 too; the zeros are left out
    assert strong == {check.left[0], check.right[0], check.right[1]}
    model = MODEL_CLASSES["apply"](rv)
    model.set_findings([finding], set())
    strong_brush = cell_style.SEVERITY_BRUSHES[finding.severity].color()
    weak_brush = cell_style.WEAK_BRUSHES[finding.severity].color()
    for fid in check.fields:
        colour = model.data(model.index_of(fid), Qt.ItemDataRole.BackgroundRole).color()
        assert colour == (strong_brush if fid in strong else weak_brush), fid
    # confirming the finding turns them all grey-green
    model.set_findings([finding], {finding.key})
    assert {
        model.data(model.index_of(f), Qt.ItemDataRole.BackgroundRole).color().name() for f in check.fields
    } == {cell_style.CONFIRMED_BRUSH.color().name()}


def test_without_a_candidate_the_whole_identity_keeps_its_colour() -> None:
    rv, check, finding = _broken_balance(40, (1,))  # a gap of 39: no single slip closes it
    assert explaining_fields(finding, "2021", rv.value) == set()
    model = MODEL_CLASSES["apply"](rv)
    model.set_findings([finding], set())
    colours = {model.data(model.index_of(f), Qt.ItemDataRole.BackgroundRole).color().name() for f in check.fields}
    assert colours == {cell_style.SEVERITY_BRUSHES[finding.severity].color().name()}


def test_printed_blank_slash_and_zero_look_different() -> None:
    report = make_report("2021")
    a, b, c = "apply.new.natural", "apply.new.commercial", "apply.new.research"
    report.values[a] = Value(a, 0, raw="0")
    report.values[b] = Value(b, 0, raw="/")
    report.values[c] = Value(c, 0, raw="")
    model = MODEL_CLASSES["apply"](ReviewedReport(report))
    shown = [model.data(model.index_of(f), Qt.ItemDataRole.DisplayRole) for f in (a, b, c)]
    assert shown == ["0", "/", "空"]
    assert model.data(model.index_of(a), Qt.ItemDataRole.ForegroundRole) is None
    dim = cell_style.EMPTY_TOKEN_BRUSH.color()
    assert model.data(model.index_of(b), Qt.ItemDataRole.ForegroundRole).color() == dim
    assert model.data(model.index_of(b), Qt.ItemDataRole.EditRole) == 0  # still counted (and edited) as 0
