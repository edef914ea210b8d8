"""Review state: edits return their inverse and say exactly what changed."""

from core.model import Report, SourceDocument, Value
from core.review.state import ReviewedReport, RowRemapEdit, ValueEdit


def _report() -> ReviewedReport:
    doc = SourceDocument("x.txt", "txt", "t", "t", [0])
    rep = Report("x.txt", doc, template="2021")
    rep.values = {"apply.granted.natural": Value("apply.granted.natural", 3)}
    return ReviewedReport(rep)


def test_value_edit_keeps_printed_value_and_inverse_reverts():
    rr = _report()
    inverse, change = rr.apply(ValueEdit("apply.granted.natural", 5, note="见原件"))
    assert rr.value("apply.granted.natural") == 5
    assert rr.state.corrections["apply.granted.natural"].printed == 3
    assert change.fields == ("apply.granted.natural",)
    rr.apply(inverse)
    assert rr.value("apply.granted.natural") == 3 and not rr.state.corrections


def test_undoing_a_remap_names_the_previous_target_row():
    rr = _report()
    rr.apply(RowRemapEdit("apply.granted", "apply.partial"))
    inverse, _ = rr.apply(RowRemapEdit("apply.granted", "apply.unable.not_held"))
    assert rr.value("apply.unable.not_held.natural") == 3
    _, change = rr.apply(inverse)
    assert rr.value("apply.partial.natural") == 3
    assert "apply.unable.not_held.natural" in change.fields
    assert "apply.partial.natural" in change.fields
