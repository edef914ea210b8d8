"""Across reports: 上年结转 against last year's 结转下年度, and 现行有效 carried over (§6.5–6)."""

from __future__ import annotations

from core.review.state import ConfirmEdit, MetadataEdit
from core.validation import cross_year, status
from tests.core.validation_helpers import consistent_values, make_report


def _pair(prev_forward: int, this_carried: int, *, agency2: str = "示例市示例局", year2: int = 2023):
    last = consistent_values("2021", 1)
    last["apply.carry_forward.natural"] = prev_forward
    this = consistent_values("2021", 2)
    this["apply.carried.natural"] = this_carried
    a = make_report(last, year=2022, path="a2022.txt")
    b = make_report(this, year=year2, agency=agency2, path="b2023.txt")
    return a, b


def test_carry_over_mismatch_is_a_warning_on_the_later_report():
    a, b = _pair(2, 5)
    found = cross_year([b, a])
    assert list(found) == ["b2023.txt"]
    natural = [f for f in found["b2023.txt"] if f.rule == "cross.carry_over" and f.params["column"] == "自然人"]
    (f,) = natural
    assert f.severity == "warning"
    assert f.fields == ["apply.carried.natural"]
    assert (f.params["this"], f.params["prev"], f.params["diff"]) == (5, 2, 3)
    assert "2022" in f.message and "相差 3" in f.message and "结转下年度继续办理" in f.message


def test_carry_over_matching_or_not_consecutive_or_other_agency():
    last = consistent_values("2021", 1)
    this = consistent_values("2021", 2)
    for col in ("natural", "commercial", "research", "social", "legal", "other", "total"):
        this[f"apply.carried.{col}"] = last[f"apply.carry_forward.{col}"]
    a = make_report(last, year=2022, path="a.txt")
    b = make_report(this, year=2023, path="b.txt")
    assert [f for fs in cross_year([a, b]).values() for f in fs if f.rule == "cross.carry_over"] == []
    a, b = _pair(2, 5, year2=2024)
    assert cross_year([a, b]) == {}
    a, b = _pair(2, 5, agency2="另一市示例局")
    assert cross_year([a, b]) == {}
    a, b = _pair(2, 5, agency2="示例市 示例局")  # spacing does not make another agency
    assert "b2023.txt" in cross_year([a, b])


def test_reviewer_corrected_year_is_used():
    a, b = _pair(2, 5, year2=2030)
    assert cross_year([a, b]) == {}
    b.apply(MetadataEdit("year", 2023))
    assert "b2023.txt" in cross_year([a, b])


def _in_force(prev: int, issued: int, repealed: int, now: int, template="2021"):
    last = consistent_values(template, 1)
    this = consistent_values(template, 1)  # identical 表三: no carry-over warning
    for col in ("natural", "commercial", "research", "social", "legal", "other", "total"):
        this[f"apply.carried.{col}"] = last[f"apply.carry_forward.{col}"]
    if template == "2021":
        last["active.normative.in_force"] = prev
        this["active.normative.issued"] = issued
        this["active.normative.repealed"] = repealed
        this["active.normative.in_force"] = now
    a = make_report(last, template, year=2022, path="a.txt")
    b = make_report(this, template, year=2023, path="b.txt")
    return cross_year([a, b]), b


def test_in_force_soft_check():
    found, b = _in_force(40, 5, 1, 60)
    (f,) = found["b.txt"]
    assert f.rule == "cross.in_force" and f.severity == "warning"
    assert f.fields == ["active.normative.in_force", "active.normative.issued", "active.normative.repealed"]
    assert (f.params["expected"], f.params["this"], f.params["diff"]) == (44, 60, 16)
    assert "行政规范性文件" in f.message and "相差 16" in f.message
    # confirmable like any finding
    b.apply(ConfirmEdit(f.key, "有效期届满文件已清理"))
    assert status(b, found["b.txt"]).confirmed == 1


def test_in_force_within_tolerance_or_exact():
    assert _in_force(40, 5, 1, 44)[0] == {}
    assert _in_force(40, 5, 1, 42)[0] == {}  # two expired by time limit: within the soft margin


def test_in_force_not_checked_for_2019_tables():
    assert _in_force(40, 5, 1, 60, template="2019")[0] == {}
