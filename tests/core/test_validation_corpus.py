"""Real reports: their true values (expected.json) break no identity; one wrong cell is pinpointed."""

from __future__ import annotations

import json

import pytest

from core.validation import validate
from tests.conftest import CORPUS
from tests.core.validation_helpers import make_report

TRUTHS = ["huaian_city_2024", "kewei_2024"]


def _truth(name: str) -> dict:
    path = CORPUS / f"{name}.expected.json"
    if not path.is_file():
        pytest.fail(f"{path} missing: CI must have ../shared beside the clone")
    return json.loads(path.read_text(encoding="utf-8"))


def _report(name: str):
    t = _truth(name)
    return t, make_report(
        t["values"],
        t["template"],
        agency=t["agency"],
        year=t["year"],
        path=t["document"],
        bodies={"s6": "本年度收取信息处理费3940元。"},
    )


@pytest.mark.parametrize("name", TRUTHS)
def test_true_values_break_no_identity(name):
    t, rr = _report(name)
    assert t["broken_identities"] == []
    found = validate(rr)
    assert [f for f in found if f.severity == "error"] == []
    # and nothing else fires on a correct report (淮安 is a 设区的市: its 规章 rows are legitimate)
    assert found == []


def test_huaian_prints_rules_legitimately():
    _, rr = _report("huaian_city_2024")
    assert any(rr.value(f) for f in ("active.rules.issued", "active.rules.repealed", "active.rules.in_force"))


@pytest.mark.parametrize("name", TRUTHS)
def test_one_wrong_cell_in_a_real_report_is_pinpointed(name):
    t, _ = _report(name)
    vals = dict(t["values"])
    vals["apply.unable.not_held.natural"] += 1
    rr = make_report(vals, t["template"], agency=t["agency"], year=t["year"], bodies={"s6": "未收取信息处理费。"})
    errs = [f for f in validate(rr) if f.severity == "error"]
    assert {f.rule for f in errs} == {"apply.row_total", "apply.outcome_sum"}
    for f in errs:
        assert f.suggestion == {"apply.unable.not_held.natural": t["values"]["apply.unable.not_held.natural"]}


def test_kewei_ambiguous_cell_left_out_is_not_claimed_broken():
    t, rr = _report("kewei_2024")
    assert "apply.carry_forward.total" in t["ambiguous_fields"]
    assert "apply.carry_forward.total" not in rr.values()
    assert validate(rr) == []
    # either reading a reviewer may choose is judged by the identities: 1 holds, 0 (blank) does not
    from core.review.state import ValueEdit

    rr.apply(ValueEdit("apply.carry_forward.total", 0))
    rules = sorted(f.rule for f in validate(rr))
    assert rules == ["apply.balance", "apply.row_total"]
    rr.apply(ValueEdit("apply.carry_forward.total", 1))
    assert validate(rr) == []
