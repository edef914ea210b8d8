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


def test_values_of_an_uncorrected_report_are_its_printed_values_not_a_copy():
    rr = _report()
    printed = rr.report.values
    assert rr.values() is printed  # an open report keeps no second dictionary of its values
    rr.apply(ValueEdit("apply.granted.natural", 5))
    assert rr.values() is not printed and rr.values()["apply.granted.natural"].value == 5
    assert printed["apply.granted.natural"].value == 3 and printed["apply.granted.natural"].origin == "table"
    rr.apply(ValueEdit("apply.granted.natural", revert=True))
    assert rr.values() is printed
    rr.apply(RowRemapEdit("apply.granted", "apply.partial"))
    assert "apply.partial.natural" in rr.values() and "apply.partial.natural" not in printed
